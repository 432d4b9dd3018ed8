// A channel on a Pusher-protocol connection (pusher, reverb, ably). Listeners are bound on the
// pusher-js channel directly, so dispatching an event costs what a raw bind() costs.

import type { ClientEventLimiter } from '../client-event-limiter';
import { PUSHER_PROTOCOL_EVENT, PUSHER_SUBSCRIPTION_ERROR, PUSHER_SUBSCRIPTION_SUCCEEDED } from '../constants';
import { subscriptionError, type SubscriptionError } from '../errors';
import type { PusherCallback, PusherChannelLike, PusherLike } from '../transport/pusher-types';
import type { AnyEventListener, EventPayload, Listener } from '../types';
import { assertCallback, assertName } from '../validate';
import { Channel, type ChannelContext } from './channel';

/** What a Pusher channel needs from its connector. */
export interface PusherChannelContext extends ChannelContext {
  readonly pusher: PusherLike;
  /** The typed error recorded by the connector's authorizer for this channel, if any. */
  takeAuthError(channel: string): SubscriptionError | undefined;
  /** The connection's client-event rate limiter (10 per second). */
  readonly clientEvents: ClientEventLimiter;
}

export class PusherChannel extends Channel {
  /** The underlying pusher-js channel. */
  subscription!: PusherChannelLike;
  protected declare readonly context: PusherChannelContext;
  private globalListeners?: Map<AnyEventListener, (event: string, data: unknown) => void>;
  /** Whether the lifecycle callbacks are bound on the pusher-js channel (once something needs them). */
  private lifecycleBound = false;

  subscribe(): void {
    this.subscription = this.context.pusher.subscribe(this.name);
    this.lifecycleBound = false;
    if (this.wantsLifecycle()) this.bindLifecycle();
  }

  /** pusher-js tracks the subscription itself (false again after a disconnect). */
  override get isSubscribed(): boolean {
    return this.subscription?.subscribed === true;
  }

  /** Presence channels always need the success event (members); others once a callback asks. */
  protected wantsLifecycle(): boolean {
    return false;
  }

  protected override lifecycleNeeded(): void {
    if (this.subscription && !this.lifecycleBound) this.bindLifecycle();
  }

  protected bindLifecycle(): void {
    this.lifecycleBound = true;
    this.subscription.bind(PUSHER_SUBSCRIPTION_SUCCEEDED, (data) => this.onSucceeded(data));
    this.subscription.bind(PUSHER_SUBSCRIPTION_ERROR, (data) => this.onFailed(data));
    // Already subscribed (the pusher-js channel outlived an earlier Echo channel): replay the success.
    if (this.subscription.subscribed) this.onSucceeded((this.subscription as { members?: unknown }).members);
  }

  /** Authorize and subscribe again after a failure (e.g. once a refreshed token is set with Echo.setAuth()). */
  retry(): void {
    if (!this.isSubscribed) this.context.pusher.subscribe(this.name);
  }

  unsubscribe(): void {
    this.context.clientEvents.clear(this.name);
    this.subscription.unbind_all();
    this.globalListeners = undefined;
    this.lifecycleBound = false;
    this.clearLifecycleCallbacks();
    this.context.pusher.unsubscribe(this.name);
  }

  listen<E extends string>(event: E, callback: Listener<EventPayload<E>>): this {
    assertName('event', event, 'listen');
    assertCallback(callback, 'listen');
    this.subscription.bind(this.context.formatter.format(event), callback as PusherCallback);
    return this;
  }

  stopListening(event: string, callback?: Listener<never>): this {
    this.subscription.unbind(this.context.formatter.format(event), callback as PusherCallback | undefined);
    return this;
  }

  listenToAll(callback: AnyEventListener): this {
    assertCallback(callback, 'listenToAll');
    if (this.globalListeners?.has(callback)) return this;
    const wrapper = (event: string, data: unknown) => {
      if (!PUSHER_PROTOCOL_EVENT.test(event)) callback(this.unformat(event), data);
    };
    (this.globalListeners ??= new Map()).set(callback, wrapper);
    this.subscription.bind_global(wrapper);
    return this;
  }

  stopListeningToAll(callback?: AnyEventListener): this {
    for (const [original, wrapper] of [...(this.globalListeners ?? [])]) {
      if (callback && callback !== original) continue;
      this.subscription.unbind_global(wrapper);
      this.globalListeners!.delete(original);
    }
    return this;
  }

  on(event: string, callback: Listener<unknown>): this {
    assertName('event', event, 'on');
    assertCallback(callback, 'on');
    this.subscription.bind(event, callback as PusherCallback);
    return this;
  }

  off(event: string, callback?: Listener<never>): this {
    this.subscription.unbind(event, callback as PusherCallback | undefined);
    return this;
  }

  protected onSucceeded(data: unknown): void {
    void data;
    this.confirm();
  }

  private onFailed(data: unknown): void {
    const raw = (data ?? {}) as { status?: number; error?: string; type?: string };
    this.fail(
      this.context.takeAuthError(this.name) ??
        subscriptionError(this.name, typeof raw.status === 'number' ? raw.status : null, String(raw.error ?? 'Subscription failed.')),
    );
  }
}
