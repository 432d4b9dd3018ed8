// Socket.IO connector for laravel-echo-server's protocol (socket.io-client 2, 3 or 4): owns the
// event router (socketio-router.ts), re-subscribes every channel on each (re)connect, and maps
// Socket and Manager events onto the five Echo states.

import { AUTH_RETRY_DELAYS, type Backoff } from '../backoff';
import type { Channel } from '../channel/channel';
import { SocketIoChannel } from '../channel/socketio-channel';
import { SocketIoPresenceChannel } from '../channel/socketio-presence-channel';
import { SocketIoPrivateChannel } from '../channel/socketio-private-channel';
import { EchoError } from '../errors';
import { transportOptions } from '../options';
import { SocketIoRouter } from '../transport/socketio-router';
import type { SocketIoFactory, SocketIoSocketLike } from '../transport/socketio-types';
import { Connector } from './connector';

type Handler = (...args: never[]) => void;

export class SocketIoConnector extends Connector<SocketIoChannel, SocketIoPrivateChannel, never, SocketIoPresenceChannel> {
  /** The socket.io-client Socket. */
  socket!: SocketIoSocketLike;
  /** @internal Every channel's listeners, one socket binding per event (made with the socket). */
  router!: SocketIoRouter;
  /** @internal Pauses between re-sends of a transiently failed subscription: the authorizer's (replaceable in tests). */
  resubscribeBackoff: Backoff = AUTH_RETRY_DELAYS;

  connect(): void {
    this.intend(true);
    if (this.socket) {
      if (this.socket.connected) return; // socket.connect() would be a no-op: no `connect` event would follow
      this.transition('connecting');
      this.socket.connect();
      return;
    }
    const io = (this.options.client ?? (globalThis as { io?: unknown }).io) as SocketIoFactory | undefined;
    if (typeof io !== 'function') {
      throw EchoError.coded(
        'E8',
        __DEV__
          ? "socket.io-client was not found. Install it (npm install socket.io-client; version 2 for laravel-echo-server) and pass io as options.client (import { io } from 'socket.io-client'), or load it with a <script> tag so window.io exists."
          : 'new Echo() options.client',
        io,
      );
    }
    // Find a returning server within about two seconds (socket.io-client's own default backs off to 5 s).
    const options = { reconnectionDelay: 500, reconnectionDelayMax: 2000, ...transportOptions(this.options) };
    const socket = io(this.options.host ?? undefined, options);
    this.socket = socket;
    socket.on('connect', this.onConnect);
    socket.on('disconnect', this.onDisconnect as Handler);
    socket.on('connect_error', this.onConnectError);
    socket.io.on('reconnect_attempt', this.onReconnectAttempt);
    socket.io.on('reconnect_failed', this.onReconnectFailed);
    this.router = new SocketIoRouter(socket, this);
    if (socket.connected) this.onConnect();
  }

  disconnect(): void {
    this.intend(false);
    this.socket.disconnect();
    this.transition('disconnected');
  }

  socketId(): string | undefined {
    return this.socket?.id || undefined;
  }

  /** Always throws: laravel-echo-server has no encrypted channels. */
  override encryptedPrivateChannel(name: string): never {
    throw EchoError.coded(
      'E14',
      __DEV__ ? `encryptedPrivate(${JSON.stringify(name)}): the socket.io broadcaster does not support encrypted private channels. Use Echo.private() instead.` : 'encryptedPrivate()',
      name,
    );
  }

  protected createChannel(kind: 'public' | 'private' | 'encrypted' | 'presence', fullName: string): Channel {
    const Kind = kind === 'public' ? SocketIoChannel : kind === 'presence' ? SocketIoPresenceChannel : SocketIoPrivateChannel;
    return new Kind(fullName, this);
  }

  private readonly onConnect = (): void => {
    this.transition('connected');
    for (const channel of this.channels.values()) channel.subscribe();
  };

  private readonly onDisconnect = (reason?: string): void => {
    // socket.io-client does not reconnect after these two; any other reason, it does.
    this.transition(this.closed || reason === 'io client disconnect' || reason === 'io server disconnect' ? 'disconnected' : 'connecting');
  };

  private readonly onConnectError = (error?: unknown): void => {
    const message = (error as { message?: unknown } | undefined)?.message;
    this.reportError({ type: 'ConnectError', code: null, message: String(message ?? error ?? 'connect_error') });
    // socket.io-client 3+: `active` is false when it will not retry (e.g. refused by a middleware).
    if (this.socket.active === false && !this.closed) this.transition('failed');
  };

  private readonly onReconnectAttempt = (): void => {
    if (!this.closed) this.transition('connecting');
  };

  private readonly onReconnectFailed = (): void => {
    this.transition('failed');
  };
}
