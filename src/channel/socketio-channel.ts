// A channel on a laravel-echo-server-protocol Socket.IO connection: sends its subscription (the
// round of re-sends and deadlines is socketio-subscription.ts); its listeners live in the
// connector's router.

import { authHeaders } from '../auth-headers';
import type { Backoff } from '../backoff';
import { CLIENT_EVENT_PREFIX, SIO_SUBSCRIBE, SIO_SUBSCRIPTION_ERROR, SIO_UNSUBSCRIBE } from '../constants';
import { subscriptionError } from '../errors';
import type { ResolvedOptions } from '../options';
import type { SocketIoRouter } from '../transport/socketio-router';
import type { SocketIoSocketLike } from '../transport/socketio-types';
import type { AnyEventListener, EventPayload, Listener } from '../types';
import { assertCallback, assertName } from '../validate';
import { Channel, type ChannelContext } from './channel';
import { SocketIoSubscription } from './socketio-subscription';

/** What a Socket.IO channel needs from its connector. */
export interface SocketIoChannelContext extends ChannelContext {
  readonly socket: SocketIoSocketLike;
  readonly options: ResolvedOptions;
  /** @internal The connector's event router: the only place this channel's listeners are kept. */
  readonly router: SocketIoRouter;
  /** @internal Delays between re-sends of a subscription that failed transiently (tests inject their own). */
  readonly resubscribeBackoff: Backoff;
  /** Report a malformed server event (logged once per connection). */
  malformed(what: string, sample: unknown): void;
}

/** A public channel on a Socket.IO connection (laravel-echo-server protocol). */
export class SocketIoChannel extends Channel {
  protected declare readonly context: SocketIoChannelContext;
  /** Bumped on every (re)subscription and on leave, so a stale async subscribe is dropped. */
  private generation = 0;
  private left = false;
  /** @internal */
  protected readonly subscription = new SocketIoSubscription(
    this.name,
    this.context,
    () => this.sendSubscription(),
    (error) => this.fail(error),
  );

  subscribe(): void {
    this.subscription.start();
  }

  private sendSubscription(): void {
    if (!this.context.socket.connected) return; // the connector subscribes every channel on connect
    const generation = ++this.generation;
    void authHeaders(this.context.options).then(
      (headers) => {
        if (generation !== this.generation || this.left) return;
        this.context.socket.emit(SIO_SUBSCRIBE, { channel: this.name, auth: { ...this.context.options.auth, headers } });
        this.subscription.sent();
        this.sent();
      },
      (cause: unknown) => {
        this.subscription.stop();
        this.fail(subscriptionError(this.name, null, `Building the auth headers of ${this.name} failed: ${String(cause)}`, 'refused'));
      },
    );
  }

  retry(): void {
    if (!this.isSubscribed && !this.left) this.subscribe();
  }

  /** Public and private channels get no acknowledgement from laravel-echo-server: sending counts as subscribed. */
  protected sent(): void {
    this.confirm();
  }

  protected override confirm(): void {
    this.subscription.succeeded();
    super.confirm();
  }

  /** @internal The connection dropped: the round ends; the connector subscribes again on connect. */
  override markDisconnected(): void {
    this.subscription.stop();
    super.markDisconnected();
  }

  unsubscribe(): void {
    this.left = true;
    this.generation++;
    this.subscription.stop();
    if (this.context.socket.connected) this.context.socket.emit(SIO_UNSUBSCRIBE, { channel: this.name });
    this.context.router.removeChannel(this.name);
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
    this.context.router.add(event, this.name, callback);
    return this;
  }

  off(event: string, callback?: Listener<never>): this {
    this.context.router.remove(event, this.name, callback);
    return this;
  }

  listenToAll(callback: AnyEventListener): this {
    assertCallback(callback, 'listenToAll');
    this.context.router.addAny(this.name, callback);
    return this;
  }

  stopListeningToAll(callback?: AnyEventListener): this {
    this.context.router.removeAny(this.name, callback);
    return this;
  }

  /** @internal An event for this channel arrived. */
  receive(event: string, data: unknown): void {
    if (event === SIO_SUBSCRIPTION_ERROR) {
      // laravel-echo-server sends status 0 when its own request to the auth endpoint failed.
      if (!this.left) this.subscription.failed(typeof data === 'number' && data > 0 ? data : null);
      return;
    }
    this.context.router.deliver(event, this.name, data);
  }

  protected emitClientEvent(event: string, data: unknown): void {
    this.context.socket.emit('client event', { channel: this.name, event: CLIENT_EVENT_PREFIX + event, data });
  }
}
