// Pusher protocol close codes and `pusher:error` messages, against a tiny Pusher-protocol server
// (ws, 127.0.0.1) that closes the connection with the code under test — soketi cannot be told to.
// The built SDK with pusher-js's Node build. Mapping (README "Reliability and security guarantees"):
//   4000         the app wants TLS: pusher-js retries over wss:// at once (status reconnecting)
//   4001–4099    refused: status `failed`, onConnectionError gets the code, no reconnection ever
//   4100–4199    back off: status `reconnecting`, one new attempt after ~1 s
//   4200–4299    reconnect at once: status `reconnecting`, new connection within a few hundred ms
//   pusher:error while connected: onConnectionError gets {type: 'PusherError', code}; the connection stays
//   pusher:error instead of the handshake: mapped like the close code it carries
import Echo from 'royalcms-echo';
import Pusher from 'pusher-js';
import { PUSHER_CLIENT } from '../support/env';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocketClient, { WebSocketServer, type WebSocket } from 'ws';
import type { ConnectionError, ConnectionStatus } from 'royalcms-echo';

type Behaviour = (socket: WebSocket, index: number) => void;

const established = (socket: WebSocket, id: number) =>
  socket.send(JSON.stringify({ event: 'pusher:connection_established', data: JSON.stringify({ socket_id: `${id}.1`, activity_timeout: 120 }) }));

/** A Pusher-protocol server: `behaviour` decides what each new connection gets (default: the handshake). */
class TinyPusherServer {
  readonly connections: Array<{ socket: WebSocket; at: number }> = [];
  readonly subscribes: Array<{ channel: string; at: number }> = [];
  behaviour: Behaviour = (socket, index) => established(socket, index + 1);
  private wss!: WebSocketServer;
  port = 0;

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.wss.once('listening', () => resolve()));
    this.port = (this.wss.address() as { port: number }).port;
    this.wss.on('connection', (socket) => {
      const index = this.connections.length;
      this.connections.push({ socket, at: Date.now() });
      socket.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as { event: string; data?: { channel?: string } };
        if (message.event === 'pusher:subscribe' && message.data?.channel) {
          this.subscribes.push({ channel: message.data.channel, at: Date.now() });
          socket.send(JSON.stringify({ event: 'pusher_internal:subscription_succeeded', channel: message.data.channel, data: '{}' }));
        } else if (message.event === 'pusher:ping') {
          socket.send(JSON.stringify({ event: 'pusher:pong', data: {} }));
        }
      });
      this.behaviour(socket, index);
    });
    return this;
  }

  /** The newest connection. */
  get socket(): WebSocket {
    return this.connections.at(-1)!.socket;
  }

  async stop(): Promise<void> {
    for (const { socket } of this.connections) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** One Echo on `server`, recording statuses and connection errors with their times. */
class Watched {
  readonly echo: Echo<'pusher'>;
  readonly statuses: Array<{ status: ConnectionStatus; at: number }> = [];
  readonly errors: ConnectionError[] = [];
  readonly events: unknown[] = [];

  constructor(server: TinyPusherServer, options: Record<string, unknown> = {}) {
    this.echo = new Echo<'pusher'>({
      broadcaster: 'pusher',
      // E2E_PUSHER_CLIENT: pusher-js, or the built-in client on the ws package's WebSocket.
      ...(PUSHER_CLIENT === 'pusher-js' ? { Pusher: Pusher as never } : { WebSocket: WebSocketClient }),
      key: 'app-key',
      wsHost: '127.0.0.1',
      wsPort: server.port,
      wssPort: 1, // 4000 asks for TLS: nothing listens there
      forceTLS: false,
      enabledTransports: ['ws', 'wss'],
      disableStats: true,
      withoutInterceptors: true,
      ...options,
    });
    this.echo.onConnectionChange((status) => this.statuses.push({ status, at: Date.now() }));
    this.echo.onConnectionError((error) => this.errors.push(error));
    this.echo.channel('orders').listen('OrderShipped', (event) => this.events.push(event));
    opened.push(this);
  }

  status(): ConnectionStatus {
    return this.echo.connectionStatus();
  }

  async until(status: ConnectionStatus, timeout = 5_000): Promise<number> {
    const deadline = Date.now() + timeout;
    while (this.status() !== status) {
      if (Date.now() > deadline) throw new Error(`status ${status} not reached within ${timeout} ms (now ${this.status()}; ${JSON.stringify(this.statuses)})`);
      await sleep(5);
    }
    return Date.now();
  }

  /** Waits until the reported statuses, from the first, are `sequence`; returns when the last one came. */
  async sequence(sequence: ConnectionStatus[], timeout = 5_000): Promise<number> {
    const deadline = Date.now() + timeout;
    while (this.statuses.length < sequence.length) {
      if (Date.now() > deadline) break;
      await sleep(5);
    }
    expect(this.statuses.map((s) => s.status)).toEqual(sequence);
    return this.statuses.at(-1)!.at;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const opened: Watched[] = [];
const servers: TinyPusherServer[] = [];

async function connected(behaviour?: Behaviour, options?: Record<string, unknown>) {
  const server = await new TinyPusherServer().start();
  servers.push(server);
  if (behaviour) server.behaviour = behaviour;
  const client = new Watched(server, options);
  await client.until('connected');
  return { server, client };
}

afterEach(async () => {
  for (const client of opened.splice(0)) client.echo.disconnect();
  for (const server of servers.splice(0)) await server.stop();
});

describe('Pusher close codes (tiny Pusher-protocol server)', () => {
  it('4001–4099: failed, the code reaches onConnectionError once, never a reconnection', async () => {
    const codes = [4001, 4004, 4009, 4099];
    const runs = await Promise.all(codes.map(() => connected()));
    const closedAt = Date.now();
    runs.forEach(({ server }, i) => server.socket.close(codes[i], `refused ${codes[i]}`));
    for (const [i, { client }] of runs.entries()) {
      await client.until('failed', 2_000);
      expect(client.statuses.map((s) => s.status)).toEqual(['connected', 'failed']);
      expect(client.errors).toEqual([{ type: 'PusherError', code: codes[i], message: `refused ${codes[i]}` }]);
    }
    // Longer than the recovery timer's first two attempts (1 s, then 2 s): nobody comes back.
    await sleep(3_200 - (Date.now() - closedAt));
    for (const { server, client } of runs) {
      expect(server.connections).toHaveLength(1);
      expect(client.status()).toBe('failed');
    }
  });

  it('4100–4199: reconnecting, one new attempt after about a second, then connected and subscribed again', async () => {
    const codes = [4100, 4150, 4199];
    const runs = await Promise.all(codes.map(() => connected()));
    for (const { client } of runs) await client.until('connected');
    await sleep(100); // the `orders` subscription
    const closedAt = Date.now();
    runs.forEach(({ server }, i) => server.socket.close(codes[i], 'over capacity'));
    for (const [i, { server, client }] of runs.entries()) {
      const back = await client.sequence(['connected', 'reconnecting', 'connected'], 4_000);
      const reconnectingAt = client.statuses[1]!.at;
      expect(reconnectingAt - closedAt, 'reconnecting is reported at once').toBeLessThan(300);
      expect(server.connections).toHaveLength(2);
      const retryAfter = server.connections[1]!.at - closedAt;
      expect(retryAfter, `code ${codes[i]}: backs off about 1 s`).toBeGreaterThanOrEqual(900);
      expect(retryAfter).toBeLessThan(2_500);
      expect(back - closedAt).toBeLessThan(2_500);
      expect(client.errors).toEqual([{ type: 'PusherError', code: codes[i], message: 'over capacity' }]);
      await expect.poll(() => server.subscribes.map((s) => s.channel)).toEqual(['orders', 'orders']);
    }
  });

  it('4200–4299: reconnecting, then connected again at once', async () => {
    const codes = [4200, 4201, 4299];
    const runs = await Promise.all(codes.map(() => connected()));
    const closedAt = Date.now();
    runs.forEach(({ server }, i) => server.socket.close(codes[i], 'reconnect now'));
    for (const [i, { server, client }] of runs.entries()) {
      const back = await client.sequence(['connected', 'reconnecting', 'connected'], 2_000);
      expect(client.statuses[1]!.at - closedAt, 'reconnecting is reported at once').toBeLessThan(300);
      expect(server.connections).toHaveLength(2);
      expect(server.connections[1]!.at - closedAt, `code ${codes[i]}: no back-off`).toBeLessThan(500);
      expect(back - closedAt).toBeLessThan(700);
      expect(client.errors).toEqual([{ type: 'PusherError', code: codes[i], message: 'reconnect now' }]);
    }
  });

  it('4000: the app accepts TLS only; pusher-js retries over wss:// (reconnecting), never plain ws:// again', async () => {
    const { server, client } = await connected();
    server.socket.close(4000, 'SSL only');
    await client.until('reconnecting', 1_000);
    expect(client.errors[0]).toEqual({ type: 'PusherError', code: 4000, message: 'SSL only' });
    await sleep(2_500);
    expect(server.connections).toHaveLength(1);
    expect(client.status()).toBe('reconnecting');
  });

  it('a connection lost without a close frame (1006): reconnecting, back through the recovery timer', async () => {
    const { server, client } = await connected();
    const lostAt = Date.now();
    server.socket.terminate();
    const back = await client.sequence(['connected', 'reconnecting', 'connected'], 3_000);
    expect(client.statuses[1]!.at - lostAt, 'reconnecting is reported at once').toBeLessThan(300);
    expect(back - lostAt).toBeLessThan(2_500);
    expect(server.connections).toHaveLength(2);
  });
});

describe('pusher:error messages', () => {
  it('while connected: reach onConnectionError with their code; the connection and its channels stay', async () => {
    const { server, client } = await connected();
    await expect.poll(() => server.subscribes.length).toBe(1);
    const messages = [
      { code: 4301, message: 'The rate limit for sending client events exceeded the quota.' },
      { code: 4201, message: 'Pong reply not received' },
      { code: null, message: 'no code' },
    ];
    for (const data of messages) server.socket.send(JSON.stringify({ event: 'pusher:error', data }));
    server.socket.send(JSON.stringify({ event: 'App\\Events\\OrderShipped', channel: 'orders', data: JSON.stringify({ id: 1 }) }));
    await expect.poll(() => client.events).toEqual([{ id: 1 }]);
    expect(client.errors).toEqual(messages.map((data) => ({ type: 'PusherError', ...data })));
    expect(client.statuses.map((s) => s.status)).toEqual(['connected']);
    expect(server.connections).toHaveLength(1);
  });

  it('instead of the handshake, 4001 (unknown app key, as soketi sends it): failed with the code, no retry', async () => {
    const server = await new TinyPusherServer().start();
    servers.push(server);
    server.behaviour = (socket) => {
      socket.send(JSON.stringify({ event: 'pusher:error', data: { code: 4001, message: 'App key app-key does not exist.' } }));
      socket.close(4001);
    };
    const client = new Watched(server);
    await client.until('failed', 3_000);
    expect(client.errors[0]).toEqual({ type: 'PusherError', code: 4001, message: 'App key app-key does not exist.' });
    expect(client.errors.every((e) => e.type === 'PusherError' && e.code === 4001)).toBe(true);
    await sleep(2_500);
    expect(server.connections).toHaveLength(1);
  });

  it('instead of the handshake, 4100 (over capacity): backs off, then connects when the server has room', async () => {
    const server = await new TinyPusherServer().start();
    servers.push(server);
    server.behaviour = (socket, index) => {
      if (index > 0) return established(socket, index + 1);
      socket.send(JSON.stringify({ event: 'pusher:error', data: { code: 4100, message: 'Over capacity' } }));
      socket.close(4100);
    };
    const client = new Watched(server);
    await client.sequence(['connected'], 4_000);
    expect(server.connections).toHaveLength(2);
    expect(server.connections[1]!.at - server.connections[0]!.at).toBeGreaterThanOrEqual(900);
    expect(client.errors[0]).toEqual({ type: 'PusherError', code: 4100, message: 'Over capacity' });
  });
});
