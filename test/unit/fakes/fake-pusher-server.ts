// A protocol-level fake Pusher server for the built-in client's unit tests: `server.WebSocket` is
// a WebSocket class to pass as `options.WebSocket`. Every socket the client opens is kept, with
// every frame it sends (parsed and raw); the test plays the server through the hooks below and
// drives time with vi.useFakeTimers(). Apart from answering pings (autoPong), nothing happens by
// itself unless asked for with the `auto*` switches, so each test shows the exchange it relies on.
//
//   const server = fakePusherServer({ autoSubscribe: true });
//   const echo = new Echo({ broadcaster: 'pusher', key: 'k', wsHost: 'ws.test', WebSocket: server.WebSocket });
//   server.socket.establish('1.2');        // open + pusher:connection_established
//   await flush();                          // automatic answers come in a microtask, as from a network
//   server.socket.event('orders', 'App\\Events\\OrderShipped', { id: 1 });
//   expect(server.socket.sent).toContainEqual({ event: 'pusher:subscribe', data: { auth: '', channel: 'orders' } });

/** A frame the client sent, JSON-parsed (`data` stays as the client encoded it). */
export interface SentFrame {
  event: string;
  data?: unknown;
  channel?: string;
}

type Handler<E> = ((event: E) => void) | null;

export interface FakeServerOptions {
  /** Answer every `pusher:ping` with `pusher:pong` (default true; false plays a silent server). */
  autoPong?: boolean;
  /**
   * Answer every `pusher:subscribe` with `pusher_internal:subscription_succeeded`; presence
   * channels get the member list of `members` plus the subscriber's own `channel_data` user.
   */
  autoSubscribe?: boolean;
  /** Users already on every presence channel when autoSubscribe answers (user_id -> user_info). */
  members?: Record<string, unknown>;
  /** `activity_timeout` (seconds) sent by establish() unless it is given one. Default 120. */
  activityTimeout?: number;
}

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSED = 3;

export class FakeSocket {
  readyState = CONNECTING;
  onopen: Handler<unknown> = null;
  onmessage: Handler<{ data: unknown }> = null;
  onclose: Handler<{ code?: number; reason?: string }> = null;
  onerror: Handler<unknown> = null;
  /** Every frame the client sent, parsed. */
  readonly sent: SentFrame[] = [];
  /** The same frames as the strings on the wire. */
  readonly raw: string[] = [];
  /** The client's close(code, reason), once it called it. */
  closedByClient: { code: number | undefined; reason: string | undefined } | undefined;
  /** Frames the client sent after the socket closed (a browser drops them silently): always a bug. */
  readonly sentAfterClose: string[] = [];

  constructor(
    readonly url: string,
    private readonly server: FakePusherServer,
  ) {}

  /** Frames sent with this event name. */
  sentOf(event: string): SentFrame[] {
    return this.sent.filter((frame) => frame.event === event);
  }

  /** The WebSocket opened (no Pusher frame yet). */
  open(): this {
    this.readyState = OPEN;
    this.onopen?.({});
    return this;
  }

  /** Opens (if needed) and sends `pusher:connection_established`. */
  establish(socketId = '1234.5678', activityTimeout = this.server.options.activityTimeout ?? 120): this {
    if (this.readyState === CONNECTING) this.open();
    return this.frame('pusher:connection_established', { socket_id: socketId, activity_timeout: activityTimeout });
  }

  /** Sends one server frame; `data` is JSON-encoded into a string, as Pusher servers send it. */
  frame(event: string, data: unknown = {}, channel?: string, extra: Record<string, unknown> = {}): this {
    const frame: Record<string, unknown> = { event, data: typeof data === 'string' ? data : JSON.stringify(data), ...extra };
    if (channel !== undefined) frame['channel'] = channel;
    return this.text(JSON.stringify(frame));
  }

  /** Sends `text` as one message, as is (malformed frames included). */
  text(text: unknown): this {
    this.onmessage?.({ data: text });
    return this;
  }

  /** An application event (or a client event with the sender's `user_id` on presence channels). */
  event(channel: string, event: string, data: unknown, userId?: string): this {
    return this.frame(event, data, channel, userId === undefined ? {} : { user_id: userId });
  }

  /** `pusher_internal:subscription_succeeded`; presence channels pass `{presence: {ids, hash, count}}`. */
  succeed(channel: string, data: unknown = {}): this {
    return this.frame('pusher_internal:subscription_succeeded', data, channel);
  }

  /** The presence data of subscription_succeeded for these members (user_id -> user_info). */
  static presence(members: Record<string, unknown>): { presence: { ids: string[]; hash: Record<string, unknown>; count: number } } {
    const ids = Object.keys(members);
    return { presence: { ids, hash: members, count: ids.length } };
  }

  /** soketi's answer to a bad signature: `pusher:subscription_error` with `{type, error, status}`. */
  subscriptionError(channel: string, status = 401, error = 'The connection is unauthorized.'): this {
    return this.frame('pusher:subscription_error', { type: 'AuthError', error, status }, channel);
  }

  memberAdded(channel: string, userId: string, userInfo: unknown = {}): this {
    return this.frame('pusher_internal:member_added', { user_id: userId, user_info: userInfo }, channel);
  }

  memberRemoved(channel: string, userId: string): this {
    return this.frame('pusher_internal:member_removed', { user_id: userId }, channel);
  }

  /** The server's keep-alive question; the client must answer `pusher:pong`. */
  ping(): this {
    return this.frame('pusher:ping', {});
  }

  /** `pusher:error` with a code (null for none) and a message. */
  error(code: number | null, message = 'error'): this {
    return this.frame('pusher:error', { code, message });
  }

  /** The server closes the connection with `code` (1006: the network dropped it). */
  closeFromServer(code = 1006, reason = ''): this {
    this.readyState = CLOSED;
    this.onclose?.({ code, reason });
    return this;
  }

  /** The connection could not be opened: `error`, then `close` 1006, as browsers report it. */
  failOpen(): this {
    this.readyState = CLOSED;
    this.onerror?.({ type: 'error' });
    this.onclose?.({ code: 1006, reason: '' });
    return this;
  }

  // The WebSocket API the client calls.

  send(data: string): void {
    if (this.readyState === CONNECTING) throw new Error('InvalidStateError: send() before the socket opened');
    if (this.readyState !== OPEN) {
      this.sentAfterClose.push(data);
      return;
    }
    this.raw.push(data);
    const frame = JSON.parse(data) as SentFrame;
    this.sent.push(frame);
    // A real server's answer arrives in a later task, never inside send().
    queueMicrotask(() => this.server.answer(this, frame));
  }

  close(code?: number, reason?: string): void {
    // The browser's rule: only 1000 and 3000-4999 may be given.
    if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) throw new Error(`InvalidAccessError: close(${code})`);
    if (this.closedByClient) return;
    this.closedByClient = { code, reason };
    this.readyState = CLOSED;
    // A real socket reports its own close later; a client that left its handlers attached hears it.
    queueMicrotask(() => this.onclose?.({ code: code ?? 1005, reason: reason ?? '' }));
  }
}

export class FakePusherServer {
  /** Every socket the client opened, oldest first. */
  readonly sockets: FakeSocket[] = [];
  /** Makes the next `new WebSocket()` calls throw (as a browser does for a bad URL). */
  throwOnCreate = 0;
  readonly WebSocket: new (url: string) => FakeSocket;

  constructor(readonly options: FakeServerOptions = {}) {
    const server = this;
    this.WebSocket = class {
      constructor(url: string) {
        if (server.throwOnCreate > 0) {
          server.throwOnCreate--;
          throw new SyntaxError(`The URL '${url}' is invalid.`);
        }
        const socket = new FakeSocket(url, server);
        server.sockets.push(socket);
        return socket;
      }
    } as unknown as new (url: string) => FakeSocket;
  }

  /** The newest socket. */
  get socket(): FakeSocket {
    const socket = this.sockets[this.sockets.length - 1];
    if (!socket) throw new Error('The client opened no WebSocket yet.');
    return socket;
  }

  /** The URL of every socket, in order. */
  get urls(): string[] {
    return this.sockets.map((socket) => socket.url);
  }

  /** Sockets the client has not closed and the server has not closed: more than one is a leak. */
  get live(): FakeSocket[] {
    return this.sockets.filter((socket) => socket.readyState !== CLOSED);
  }

  /** @internal The automatic answers (autoPong, autoSubscribe), unless the socket closed meanwhile. */
  answer(socket: FakeSocket, frame: SentFrame): void {
    if (socket.readyState !== OPEN) return;
    if (frame.event === 'pusher:ping' && this.options.autoPong !== false) socket.frame('pusher:pong', {});
    if (frame.event !== 'pusher:subscribe' || !this.options.autoSubscribe) return;
    const data = (frame.data ?? {}) as { channel?: string; channel_data?: string };
    const channel = String(data.channel);
    if (!channel.startsWith('presence-')) return void socket.succeed(channel);
    const members = { ...this.options.members };
    if (typeof data.channel_data === 'string') {
      const own = JSON.parse(data.channel_data) as { user_id: string | number; user_info?: unknown };
      members[String(own.user_id)] = own.user_info ?? {};
    }
    socket.succeed(channel, FakeSocket.presence(members));
  }
}

export const fakePusherServer = (options?: FakeServerOptions): FakePusherServer => new FakePusherServer(options);
