// A channel on a laravel-echo-server-protocol Socket.IO connection. The connector routes each
// socket event to the channel named by its first argument; the channel fans it out.

import { authHeaders } from '../auth-headers';
import { CLIENT_EVENT_PREFIX, SIO_INTERNAL_EVENTS, SIO_SUBSCRIBE, SIO_SUBSCRIPTION_ERROR, SIO_UNSUBSCRIBE } from '../constants';
import { subscriptionError } from '../errors';
import type { ResolvedOptions } from '../options';
import type { SocketIoSocketLike } from '../transport/socketio-types';
import type { AnyEventListener, EventPayload, Listener } from '../types';
import { assertCallback, assertName } from '../validate';
import { Channel, type ChannelContext } from './channel';

/** What a Socket.IO channel needs from its connector. */
export interface SocketIoChannelContext extends ChannelContext {
  readonly socket: SocketIoSocketLike;
  readonly options: ResolvedOptions;
  /** Count one more (+1) or one fewer (-1) channel interested in a socket event. */
  route(event: string, delta: 1 | -1): void;
  /** Set (or with undefined remove) this channel's listener array for `event` in the connector's routing table. */
  target(event: string, channel: string, listeners: Array<Listener<unknown>> | undefined): void;
  /** Count one more or one fewer channel using listenToAll(). */
  routeAll(delta: 1 | -1): void;
  /** Report a malformed server event (logged once per connection). */
  malformed(what: string, sample: unknown): void;
}

/** A public channel on a Socket.IO connection (laravel-echo-server protocol). */
export class SocketIoChannel extends Channel {
  protected declare readonly context: SocketIoChannelContext;
  /** Per event, an array replaced on every change (copy-on-write), so dispatch is a plain loop. */
  private readonly listeners = new Map<string, Array<Listener<unknown>>>();
  private readonly allListeners = new Set<AnyEventListener>();
  /** Bumped on every (re)subscription and on leave, so a stale async subscribe is dropped. */
  private generation = 0;
  private left = false;
  /** Transient subscription errors (5xx, or status 0: the server could not reach the auth endpoint) retried so far. */
  private transientRetries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  subscribe(): void {
    this.cancelRetry();
    this.transientRetries = 0;
    this.sendSubscription();
  }

  private sendSubscription(): void {
    if (!this.context.socket.connected) return; // the connector subscribes every channel on connect
    const generation = ++this.generation;
    void authHeaders(this.context.options).then(
      (headers) => {
        if (generation !== this.generation || this.left) return;
        this.context.socket.emit(SIO_SUBSCRIBE, { channel: this.name, auth: { ...this.context.options.auth, headers } });
        this.sent();
      },
      (cause: unknown) => this.fail(subscriptionError(this.name, null, `Building the auth headers of ${this.name} failed: ${String(cause)}`, 'refused')),
    );
  }

  retry(): void {
    if (!this.isSubscribed && !this.left) this.subscribe();
  }

  private cancelRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Public and private channels get no acknowledgement from laravel-echo-server: sending counts as subscribed. */
  protected sent(): void {
    this.confirm();
  }

  unsubscribe(): void {
    this.left = true;
    this.generation++;
    this.cancelRetry();
    if (this.context.socket.connected) this.context.socket.emit(SIO_UNSUBSCRIBE, { channel: this.name });
    for (const event of this.listeners.keys()) {
      this.context.target(event, this.name, undefined);
      this.context.route(event, -1);
    }
    this.listeners.clear();
    if (this.allListeners.size) this.context.routeAll(-1);
    this.allListeners.clear();
    this.clearLifecycleCallbacks();
  }

  listen<E extends string>(event: E, callback: Listener<EventPayload<E>>): this {
    assertName('event', event, 'listen');
    assertCallback(callback, 'listen');
    return this.on(this.context.formatter.format(event), callback as Listener<unknown>);
  }

  stopListening(event: string, callback?: Listener<never>): this {
    return this.off(this.context.formatter.format(event), callback);
  }

  on(event: string, callback: Listener<unknown>): this {
    assertName('event', event, 'on');
    assertCallback(callback, 'on');
    const list = this.listeners.get(event);
    if (!list) {
      this.listeners.set(event, [callback]);
      this.context.route(event, 1);
      this.context.target(event, this.name, [callback]);
    } else if (!list.includes(callback)) {
      const next = [...list, callback];
      this.listeners.set(event, next);
      this.context.target(event, this.name, next);
    }
    return this;
  }

  off(event: string, callback?: Listener<never>): this {
    const list = this.listeners.get(event);
    if (!list) return this;
    const rest = callback ? list.filter((c) => c !== callback) : [];
    if (rest.length) {
      this.listeners.set(event, rest);
      this.context.target(event, this.name, rest);
    } else {
      this.context.target(event, this.name, undefined);
      this.listeners.delete(event);
      this.context.route(event, -1);
    }
    return this;
  }

  listenToAll(callback: AnyEventListener): this {
    assertCallback(callback, 'listenToAll');
    if (this.allListeners.size === 0) this.context.routeAll(1);
    this.allListeners.add(callback);
    return this;
  }

  stopListeningToAll(callback?: AnyEventListener): this {
    if (this.allListeners.size === 0) return this;
    callback ? this.allListeners.delete(callback) : this.allListeners.clear();
    if (this.allListeners.size === 0) this.context.routeAll(-1);
    return this;
  }

  /** @internal An event for this channel arrived. */
  receive(event: string, data: unknown): void {
    if (event === SIO_SUBSCRIPTION_ERROR) {
      // laravel-echo-server sends status 0 when its own request to the auth endpoint failed.
      const status = typeof data === 'number' && data > 0 ? data : null;
      // Transient (no response, 5xx): subscribe again up to `authRetries` times, 0.3 s then 0.9 s
      // later, as the Pusher authorizer does; refusals go straight to error().
      if ((status === null || status >= 500) && this.transientRetries < this.context.options.authRetries && !this.left) {
        this.cancelRetry();
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.sendSubscription();
        }, 300 * 3 ** this.transientRetries++);
        return;
      }
      this.transientRetries = 0;
      this.fail(subscriptionError(this.name, status, `The server refused ${this.name}` + (status ? ` (HTTP ${status}).` : '.')));
      return;
    }
    const list = this.listeners.get(event);
    if (list !== undefined) for (let i = 0; i < list.length; i++) list[i]!(data);
  }

  /** @internal Any event for this channel arrived (listenToAll). */
  receiveAny(event: string, data: unknown): void {
    if (SIO_INTERNAL_EVENTS.includes(event)) return;
    const name = this.unformat(event);
    for (const callback of [...this.allListeners]) callback(name, data);
  }

  protected emitClientEvent(event: string, data: unknown): void {
    this.context.socket.emit('client event', { channel: this.name, event: CLIENT_EVENT_PREFIX + event, data });
  }
}
