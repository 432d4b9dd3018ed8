// A channel on a Pusher-protocol connection (pusher, reverb, ably). Listeners are bound on the
// pusher-js channel directly, so dispatching an event costs what a raw bind() costs.

import type { ClientEventLimiter } from '../client-event-limiter';
import { PUSHER_PROTOCOL_EVENT, PUSHER_SUBSCRIPTION_ERROR, PUSHER_SUBSCRIPTION_SUCCEEDED } from '../constants';
import { subscriptionError, type SubscriptionError } from '../errors';
import type { PusherCallback, PusherChannelLike, PusherLike } from '../transport/pusher-types';
import type { AnyEventListener, EventPayload, Listener } from '../types';
import { assertCallback, assertName } from '../validate';
import { Channel, type ChannelContext } from './channel';
import { extrasOf, peekExtras } from './channel-extras';

/** What a Pusher channel needs from its connector. */
export interface PusherChannelContext extends ChannelContext {
  readonly pusher: PusherLike;
  /** The connection's client-event rate limiter (10 per second). */
  readonly clientEvents: ClientEventLimiter;
}

/** A public channel on a Pusher-protocol connection (pusher, reverb, ably). */
export class PusherChannel extends Channel {
  /** The underlying pusher-js channel. */
  readonly subscription!: PusherChannelLike;
  protected declare readonly context: PusherChannelContext;
  // No other fields: three per channel (name, context, subscription); what only some channels
  // need (lifecycle bindings, listenToAll wrappers, queued whispers) is in channel-extras.

  subscribe(): void {
    (this as { subscription: PusherChannelLike }).subscription = this.context.pusher.subscribe(this.name);
    const extras = peekExtras(this);
    if (extras) extras.bound = false;
    if (this.wantsLifecycle()) this.bindLifecycle();
  }

  /** pusher-js tracks the subscription itself (false again after a disconnect). */
  override get isSubscribed(): boolean {
    return this.subscription?.subscribed === true;
  }

  protected override setConfirmed(): void {}

  /** Presence channels always need the success event (members); others once a callback asks. */
  protected wantsLifecycle(): boolean {
    return false;
  }

  protected override lifecycleNeeded(): void {
    if (this.subscription && !peekExtras(this)?.bound) this.bindLifecycle();
  }

  protected bindLifecycle(): void {
    extrasOf(this).bound = true;
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
    const all = (extrasOf(this).all ??= new Map());
    if (all.has(callback)) return this;
    const wrapper = (event: string, data: unknown) => {
      if (!PUSHER_PROTOCOL_EVENT.test(event)) callback(this.unformat(event), data);
    };
    all.set(callback, wrapper);
    this.subscription.bind_global(wrapper);
    return this;
  }

  stopListeningToAll(callback?: AnyEventListener): this {
    const all = peekExtras(this)?.all;
    for (const [original, wrapper] of [...(all ?? [])]) {
      if (callback && callback !== original) continue;
      this.subscription.unbind_global(wrapper);
      all!.delete(original);
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

  /** @internal The authorizer's typed failure: final ones end the subscription attempt, early ones are reported. */
  authFailed(error: SubscriptionError): void {
    if (error.retrying) return this.report(error);
    // pusher-js turns the same failure into `pusher:subscription_error` next: already reported.
    const extras = peekExtras(this);
    if (extras?.bound) extras.authReported = true;
    this.fail(error);
  }

  /** pusher-js's `pusher:subscription_error`: a failure the authorizer did not report (the application's own authorizer, a missing shared_secret, the server). */
  private onFailed(data: unknown): void {
    const extras = peekExtras(this);
    if (extras?.authReported) {
      extras.authReported = false;
      return;
    }
    const raw = (data ?? {}) as { status?: number; error?: string; type?: string };
    this.fail(subscriptionError(this.name, typeof raw.status === 'number' ? raw.status : null, String(raw.error ?? 'Subscription failed.')));
  }
}
