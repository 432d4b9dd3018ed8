// Socket.IO connector for laravel-echo-server's protocol (socket.io-client 2, 3 or 4): routes
// socket events to channels, re-subscribes every channel on each (re)connect, and maps Socket
// and Manager events onto the five Echo states.

import type { Channel } from '../channel/channel';
import { SocketIoChannel } from '../channel/socketio-channel';
import { SocketIoPresenceChannel } from '../channel/socketio-presence-channel';
import { SocketIoPrivateChannel } from '../channel/socketio-private-channel';
import { SIO_INTERNAL_EVENTS } from '../constants';
import { EchoError } from '../errors';
import { transportOptions } from '../options';
import type { SocketIoFactory, SocketIoSocketLike } from '../transport/socketio-types';
import { Connector } from './connector';

/** Per application event: listener arrays by channel name, and the last channel resolved. */
type RouteTargets = Map<string, Array<(data: unknown) => void>> & { last: string | undefined; lastList: Array<(data: unknown) => void> | undefined };

type Handler = (...args: never[]) => void;

export class SocketIoConnector extends Connector<SocketIoChannel, SocketIoPrivateChannel, never, SocketIoPresenceChannel> {
  /** The socket.io-client Socket. */
  socket!: SocketIoSocketLike;
  private readonly routes = new Map<string, { count: number; handler: Handler; targets: RouteTargets }>();
  private anyCount = 0;
  private anyHook?: () => void;

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
    for (const event of SIO_INTERNAL_EVENTS) this.route(event, 1);
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

  /** @internal */
  route(event: string, delta: 1 | -1): void {
    const entry = this.routes.get(event);
    if (entry) {
      entry.count += delta;
      if (entry.count <= 0) {
        this.routes.delete(event);
        this.removeListener(event, entry.handler);
      }
    } else if (delta > 0) {
      // Application events go straight to the listener array of the named channel (one lookup, a
      // plain loop); the protocol's own events go through the channel's receive().
      const targets: RouteTargets = Object.assign(new Map<string, Array<(data: unknown) => void>>(), { last: undefined, lastList: undefined });
      const handler = SIO_INTERNAL_EVENTS.includes(event)
        ? (channel: unknown, data: unknown) => {
            if (typeof channel === 'string') (this.channels.get(channel) as SocketIoChannel | undefined)?.receive(event, data);
            else this.malformed(`"${event}" event without a channel name`, channel);
          }
        : (channel: unknown, data: unknown) => {
            let list: Array<(data: unknown) => void> | undefined;
            // The channel of the previous event (a string comparison, no hashing), else one lookup.
            if (channel === targets.last) list = targets.lastList;
            else if (typeof channel === 'string') {
              list = targets.get(channel);
              targets.last = channel;
              targets.lastList = list;
            } else return this.malformed(`"${event}" event without a channel name`, channel);
            if (list !== undefined) for (let i = 0; i < list.length; i++) list[i]!(data);
          };
      this.routes.set(event, { count: 1, handler: handler as Handler, targets });
      this.socket.on(event, handler as Handler);
    }
  }

  /** @internal The listeners of `channel` for `event` (an array replaced on change), or undefined for none. */
  target(event: string, channel: string, listeners: Array<(data: unknown) => void> | undefined): void {
    const targets = this.routes.get(event)?.targets;
    if (!targets) return;
    if (listeners) targets.set(channel, listeners);
    else targets.delete(channel);
    targets.last = targets.lastList = undefined;
  }

  /** @internal */
  routeAll(delta: 1 | -1): void {
    this.anyCount += delta;
    if (this.anyCount > 0 && !this.anyHook) this.anyHook = this.installAnyHook();
    else if (this.anyCount <= 0 && this.anyHook) {
      this.anyHook();
      this.anyHook = undefined;
    }
  }

  private receiveAny = (event: string, channel?: unknown, data?: unknown): void => {
    if (typeof channel === 'string') (this.channels.get(channel) as SocketIoChannel | undefined)?.receiveAny(event, data);
  };

  /** socket.io-client 3+ has onAny(); for version 2, wrap the socket's incoming-event method. */
  private installAnyHook(): () => void {
    const socket = this.socket;
    if (socket.onAny && socket.offAny) {
      const listener = (event: string, ...args: unknown[]) => this.receiveAny(event, args[0], args[1]);
      socket.onAny(listener);
      return () => socket.offAny?.(listener);
    }
    const legacy = socket as unknown as { onevent?: (packet: { data?: unknown }) => void };
    const original = legacy.onevent;
    if (typeof original !== 'function') return () => {};
    const receiveAny = this.receiveAny;
    legacy.onevent = function (this: unknown, packet: { data?: unknown }) {
      original.call(this, packet);
      const args = packet?.data;
      if (Array.isArray(args) && typeof args[0] === 'string') receiveAny(args[0], args[1], args[2]);
    };
    return () => {
      legacy.onevent = original;
    };
  }

  private removeListener(event: string, handler: Handler): void {
    if (this.socket.off) this.socket.off(event, handler);
    else this.socket.removeListener?.(event, handler);
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
