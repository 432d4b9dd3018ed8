// The one table of Socket.IO listeners, owned by the connector: per wire event, each channel's
// callbacks and the single socket binding that serves them (bound with the first callback,
// unbound with the last); the protocol's own events; the listenToAll hook (onAny, or on
// socket.io-client 2 a wrapped onevent). Channels add and remove callbacks here and keep no copy.

import { SIO_INTERNAL_EVENTS } from '../constants';
import type { AnyEventListener, Listener } from '../types';
import type { SocketIoSocketLike } from './socketio-types';

type Callback = Listener<unknown>;
type Handler = (...args: never[]) => void;

/** Where the protocol's own events (subscription_error, presence:*) go: the named channel. */
export interface SocketIoReceiver {
  receive(event: string, data: unknown): void;
}

/** What the router needs from its connector. */
export interface SocketIoRouterHost {
  /** The subscribed channels by name: protocol events go to the one they name. */
  readonly channels: ReadonlyMap<string, object>;
  /** Names as listenToAll reports them (the way listen() accepts them). */
  readonly formatter: { unformat(wireName: string): string };
  /** Report an event without a channel name (logged once per connection). */
  malformed(what: string, sample: unknown): void;
}

interface Route {
  readonly handler: Handler;
  /** Callbacks by channel name. An array is replaced on every change, never edited, so a loop over it is safe. */
  readonly lists: Map<string, Callback[]>;
  /** The channel of the previous event and its array: the next event of that channel costs one string comparison. */
  last: string | undefined;
  lastList: Callback[] | undefined;
}

export class SocketIoRouter {
  private readonly routes = new Map<string, Route>();
  private readonly anyLists = new Map<string, AnyEventListener[]>();
  private anyHook: (() => void) | undefined;

  constructor(
    private readonly socket: SocketIoSocketLike,
    private readonly host: SocketIoRouterHost,
  ) {
    // The protocol's events stay bound for the socket's life: they reach the channel's receive().
    for (const event of SIO_INTERNAL_EVENTS) this.bind(event, true);
  }

  /** Socket events bound for application callbacks (the protocol's own events not counted). */
  get size(): number {
    return this.routes.size - SIO_INTERNAL_EVENTS.length;
  }

  add(event: string, channel: string, callback: Callback): void {
    const route = this.routes.get(event) ?? this.bind(event, false);
    const list = route.lists.get(channel);
    if (!list) this.set(route, channel, [callback]);
    else if (!list.includes(callback)) this.set(route, channel, [...list, callback]);
  }

  /** Remove one callback of `event` on `channel`, or all of them without one. */
  remove(event: string, channel: string, callback?: Listener<never>): void {
    const route = this.routes.get(event);
    const list = route?.lists.get(channel);
    if (!route || !list) return;
    const rest = callback ? list.filter((c) => c !== callback) : [];
    this.set(route, channel, rest.length ? rest : undefined);
    if (route.lists.size === 0 && !SIO_INTERNAL_EVENTS.includes(event)) {
      this.routes.delete(event);
      if (this.socket.off) this.socket.off(event, route.handler);
      else this.socket.removeListener?.(event, route.handler);
    }
  }

  /** The callbacks of `event` on `channel` (for a protocol event the channel did not consume itself). */
  deliver(event: string, channel: string, data: unknown): void {
    const list = this.routes.get(event)?.lists.get(channel);
    if (list !== undefined) for (let i = 0; i < list.length; i++) list[i]!(data);
  }

  addAny(channel: string, callback: AnyEventListener): void {
    const list = this.anyLists.get(channel) ?? [];
    if (list.includes(callback)) return;
    this.anyLists.set(channel, [...list, callback]);
    this.anyHook ??= this.installAnyHook();
  }

  removeAny(channel: string, callback?: AnyEventListener): void {
    const rest = callback ? (this.anyLists.get(channel) ?? []).filter((c) => c !== callback) : [];
    if (rest.length) this.anyLists.set(channel, rest);
    else this.anyLists.delete(channel);
    if (this.anyLists.size === 0 && this.anyHook) {
      this.anyHook();
      this.anyHook = undefined;
    }
  }

  /** Forget every callback of `channel` (it was left). */
  removeChannel(channel: string): void {
    for (const [event, route] of [...this.routes]) if (route.lists.has(channel)) this.remove(event, channel);
    this.removeAny(channel);
  }

  private set(route: Route, channel: string, list: Callback[] | undefined): void {
    if (list) route.lists.set(channel, list);
    else route.lists.delete(channel);
    route.last = route.lastList = undefined;
  }

  private bind(event: string, internal: boolean): Route {
    const lists = new Map<string, Callback[]>();
    // Application events go straight to the array of the named channel: the channel of the previous
    // event by one string comparison (no hashing), else one lookup; then a plain loop, no allocation.
    const handler = internal
      ? (channel: unknown, data: unknown) => {
          if (typeof channel === 'string') (this.host.channels.get(channel) as SocketIoReceiver | undefined)?.receive(event, data);
          else this.host.malformed(`"${event}" event without a channel name`, channel);
        }
      : (channel: unknown, data: unknown) => {
          let list: Callback[] | undefined;
          if (channel === route.last) list = route.lastList;
          else if (typeof channel === 'string') {
            list = lists.get(channel);
            route.last = channel;
            route.lastList = list;
          } else return this.host.malformed(`"${event}" event without a channel name`, channel);
          if (list !== undefined) for (let i = 0; i < list.length; i++) list[i]!(data);
        };
    const route: Route = { handler: handler as Handler, lists, last: undefined, lastList: undefined };
    this.routes.set(event, route);
    this.socket.on(event, route.handler);
    return route;
  }

  private readonly receiveAny = (event: string, channel: unknown, data: unknown): void => {
    if (typeof channel !== 'string' || SIO_INTERNAL_EVENTS.includes(event)) return;
    const list = this.anyLists.get(channel);
    if (list === undefined) return;
    const name = this.host.formatter.unformat(event);
    for (let i = 0; i < list.length; i++) list[i]!(name, data);
  };

  /** socket.io-client 3+ has onAny(); for version 2, wrap the socket's incoming-event method. */
  private installAnyHook(): () => void {
    const socket = this.socket;
    const receiveAny = this.receiveAny;
    if (socket.onAny && socket.offAny) {
      const listener = (event: string, ...args: unknown[]) => receiveAny(event, args[0], args[1]);
      socket.onAny(listener);
      return () => socket.offAny?.(listener);
    }
    const legacy = socket as unknown as { onevent?: (packet: { data?: unknown }) => void };
    const original = legacy.onevent;
    if (typeof original !== 'function') return () => {};
    legacy.onevent = function (this: unknown, packet: { data?: unknown }) {
      original.call(this, packet);
      const args = packet?.data;
      if (Array.isArray(args) && typeof args[0] === 'string') receiveAny(args[0], args[1], args[2]);
    };
    return () => {
      legacy.onevent = original;
    };
  }
}
