// The channel API shared by every driver: registration bookkeeping for subscribed/error
// callbacks and the whisper/notification conveniences built on listen().

import { CLIENT_EVENT_PREFIX } from '../constants';
import { EchoError, type SubscriptionError } from '../errors';
import type { EventFormatter } from '../event-formatter';
import type { AnyEventListener, BroadcastNotification, EventPayload, Listener } from '../types';
import { assertCallback, assertName } from '../validate';
import { dropExtras, extrasOf, peekExtras } from './channel-extras';

/** What a channel needs from the connector that created it. */
export interface ChannelContext {
  readonly formatter: EventFormatter;
  readonly notificationEvent: string;
}

/** The channel API every driver's channels share (listen, listenToAll, subscribed, error, notification, listenForWhisper). */
export abstract class Channel {
  /** Full channel name, prefix included (`private-order.1`). */
  readonly name: string;
  protected readonly context: ChannelContext;
  // The only fields every channel has are name, context and the driver's own (memory per channel):
  // callbacks live in channel-extras, and Pusher channels never set `confirmed` (see setConfirmed).
  private confirmed?: boolean;

  constructor(name: string, context: ChannelContext) {
    this.name = name;
    this.context = context;
  }

  /** Listen for `event`, named by the namespace and leading-dot rules. Chainable. */
  abstract listen<E extends string>(event: E, callback: Listener<EventPayload<E>>): this;

  /** Remove one callback of `event`, or every callback of it when none is given. */
  abstract stopListening(event: string, callback?: Listener<never>): this;

  /** Receive every event of this channel as `(name, payload)`; names come back the way listen() accepts them. */
  abstract listenToAll(callback: AnyEventListener): this;

  /** Undo listenToAll() for one callback, or for all of them. */
  abstract stopListeningToAll(callback?: AnyEventListener): this;

  /** Bind a raw wire event name, without namespace formatting. */
  abstract on(event: string, callback: Listener<unknown>): this;

  /** Undo on() for one callback, or for every callback of `event`. */
  abstract off(event: string, callback?: Listener<never>): this;

  /** Unsubscribe from the server and drop every callback of this channel. Use Echo.leaveChannel() instead. */
  abstract unsubscribe(): void;

  /** (Re)send the subscription to the server. */
  abstract subscribe(): void;

  /**
   * Authorize and subscribe again after the subscription failed, e.g. once a refreshed token was
   * set with Echo.setAuth(). Refusals are never retried automatically; this is the one call that does.
   */
  abstract retry(): void;

  /** True once the server (or, for Socket.IO public and private channels, the sent request) confirmed the subscription. */
  get isSubscribed(): boolean {
    return this.confirmed === true;
  }

  /** Driver hook: a subscribed() or error() callback was registered (drivers bind lazily). */
  protected lifecycleNeeded(): void {}

  /** Called once the subscription succeeds, and again after each re-subscription. Called at once if already subscribed. */
  subscribed(callback: () => void): this {
    assertCallback(callback, 'subscribed');
    this.lifecycleNeeded(); // before adding: a first binding replays a success to the earlier callbacks only
    (extrasOf(this).subscribed ??= new Set()).add(callback);
    if (this.isSubscribed) callback();
    return this;
  }

  /** Undo subscribed() for one callback, or for all of them. */
  stopSubscribed(callback?: () => void): this {
    const callbacks = peekExtras(this)?.subscribed;
    callback ? callbacks?.delete(callback) : callbacks?.clear();
    return this;
  }

  /** Called when the subscription fails (authorization refused, server error, ...). */
  error(callback: Listener<SubscriptionError>): this {
    assertCallback(callback, 'error');
    this.lifecycleNeeded();
    (extrasOf(this).errors ??= new Set()).add(callback);
    return this;
  }

  /** Undo error() for one callback, or for all of them. */
  stopError(callback?: Listener<never>): this {
    const callbacks = peekExtras(this)?.errors;
    callback ? callbacks?.delete(callback as Listener<SubscriptionError>) : callbacks?.clear();
    return this;
  }

  /** Listen for the notifications Royalcms broadcasts to this (usually `App.User.{id}`) channel. */
  notification(callback: Listener<BroadcastNotification>): this {
    assertCallback(callback, 'notification');
    return this.listen('.' + this.context.notificationEvent, callback as Listener<unknown>);
  }

  stopListeningForNotification(callback?: Listener<never>): this {
    return this.stopListening('.' + this.context.notificationEvent, callback);
  }

  /**
   * Client events need a private or presence channel, so on a public channel this throws an
   * EchoError (and TypeScript rejects the call); private and presence channels override it.
   */
  whisper(event: never, data?: unknown): this {
    void data;
    throw EchoError.coded(
      'E13',
      __DEV__
        ? `whisper(${JSON.stringify(event)}) on the public channel ${JSON.stringify(this.name)}: client events need a private or presence channel. ` +
            `Use Echo.private(${JSON.stringify(this.name)}) or Echo.join(${JSON.stringify(this.name)}).`
        : 'whisper()',
      this.name,
    );
  }

  /** Listen for a client event sent with whisper(`event`) by another connection. */
  listenForWhisper(event: string, callback: Listener<unknown>): this {
    assertName('event', event, 'listenForWhisper');
    assertCallback(callback, 'listenForWhisper');
    return this.listen('.' + CLIENT_EVENT_PREFIX + event, callback);
  }

  stopListeningForWhisper(event: string, callback?: Listener<never>): this {
    return this.stopListening('.' + CLIENT_EVENT_PREFIX + event, callback);
  }

  /** Driver hook: the subscription is confirmed. */
  protected confirm(): void {
    this.setConfirmed(true);
    const callbacks = peekExtras(this)?.subscribed;
    if (callbacks) for (const callback of [...callbacks]) callback();
  }

  /** Driver hook: the subscription failed or was lost. */
  protected fail(error: SubscriptionError): void {
    this.setConfirmed(false);
    this.report(error);
  }

  /** Driver hook: report a problem to error() callbacks; the subscription itself stands. */
  protected report(error: SubscriptionError): void {
    const callbacks = peekExtras(this)?.errors;
    if (callbacks) for (const callback of [...callbacks]) callback(error);
  }

  /** @internal The connection dropped: the subscription must be confirmed again. */
  markDisconnected(): void {
    this.setConfirmed(false);
  }

  /** Driver hook: record whether the subscription stands (Pusher channels ask pusher-js instead). */
  protected setConfirmed(value: boolean): void {
    this.confirmed = value;
  }

  /** Driver hook: forget subscribed/error callbacks (and the driver's extras) when the channel is left. */
  protected clearLifecycleCallbacks(): void {
    dropExtras(this);
    this.setConfirmed(false);
  }

  /** `App\Events\OrderShipped` → `OrderShipped`; names outside the namespace get a leading dot. */
  protected unformat(wireName: string): string {
    return this.context.formatter.unformat(wireName);
  }
}
