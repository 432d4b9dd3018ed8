// socket.io-client 2 (installed as the alias socket.io-client-v2) ships no type declarations.
declare module 'socket.io-client-v2' {
  const io: (host?: string, options?: Record<string, unknown>) => unknown;
  export default io;
}
