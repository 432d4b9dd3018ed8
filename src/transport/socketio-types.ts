// The slice of socket.io-client (v2, v3 and v4) this SDK uses, typed structurally. Reserved
// event names are spelled as literals so a listener on the wrong emitter does not compile:
// reconnect_* come from the Manager (`socket.io`), connect/disconnect from the Socket.

export type SocketReservedEvent = 'connect' | 'disconnect' | 'connect_error';
export type ManagerReservedEvent = 'reconnect_attempt' | 'reconnect' | 'reconnect_error' | 'reconnect_failed';

export interface SocketIoManagerLike {
  on(event: ManagerReservedEvent, listener: (...args: never[]) => void): unknown;
  off?(event: ManagerReservedEvent, listener?: (...args: never[]) => void): unknown;
}

export interface SocketIoSocketLike {
  id?: string;
  connected: boolean;
  /** v4: false once the socket gave up (or was disconnected on purpose). */
  active?: boolean;
  io: SocketIoManagerLike;
  emit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
  off?(event: string, listener?: (...args: never[]) => void): unknown;
  removeListener?(event: string, listener: (...args: never[]) => void): unknown;
  onAny?(listener: (event: string, ...args: unknown[]) => void): unknown;
  offAny?(listener?: (event: string, ...args: unknown[]) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

export type SocketIoFactory = (host: string | undefined, options: Record<string, unknown>) => SocketIoSocketLike;
