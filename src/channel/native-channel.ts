// A channel of the built-in Pusher-protocol client. The channel object is the subscription: no
// second object per channel, listeners kept by wire event name in one Map (created on first
// listen), and dispatch straight from the parsed frame.

import type { ChannelAuthorizer } from '../channel-authorizer';
import type { ClientEventLimiter } from '../client-event-limiter';
import { PUSHER_PROTOCOL_EVENT } from '../constants';
import { subscriptionError } from '../errors';
import type { Frame } from '../transport/pusher/frame';
import type { AnyEventListener, EventPayload, Listener } from '../types';
import { assertCallback, assertName } from '../validate';
import { Channel, type ChannelContext } from './channel';

/** What a channel of the built-in client needs from its connector. */
export interface NativeChannelContext extends ChannelContext {
  /** The socket id while connected. */
  socketId(): string | undefined;
  /** Sends one frame; false when not connected. */
  send(event: string, data: unknown, channel?: string): boolean;
  readonly authorizer: ChannelAuthorizer;
  readonly clientEvents: ClientEventLimiter;
  malformed(what: string, sample: unknown): void;
}

/** Presence channels: the sender of a client event, as pusher-js passes it. */
export interface EventMetadata {
  user_id: string;
}

type WireListener = (data: unknown, metadata?: EventMetadata) => void;

// listenToAll() callbacks share the Map under the one name no frame can carry (frame.ts refuses it).
const EVERY = '';
const SUBSCRIPTION_SUCCEEDED = 'pusher_internal:subscription_succeeded';
const INTERNAL = 'pusher_internal:';

export class NativeChannel extends Channel {
  protected declare readonly context: NativeChannelContext;
  private events: Map<string, Array<WireListener>> | undefined;

  /** Sends the subscription when connected; the connector calls it again on every (re)connect. */
  subscribe(): void {
    if (this.context.socketId()) this.context.send('pusher:subscribe', { auth: '', channel: this.name });
  }

  /** Subscribe again after a failure (e.g. once a refreshed token is set with Echo.setAuth()). */
  retry(): void {
    if (!this.isSubscribed) this.subscribe();
  }

  unsubscribe(): void {
    this.context.clientEvents.clear(this.name);
    this.events = undefined;
    this.clearLifecycleCallbacks();
    this.context.send('pusher:unsubscribe', { channel: this.name });
  }

  listen<E extends string>(event: E, callback: Listener<EventPayload<E>>): this {
    assertName('event', event, 'listen');
    assertCallback(callback, 'listen');
    return this.bind(this.context.formatter.format(event), callback as WireListener);
  }

  stopListening(event: string, callback?: Listener<never>): this {
    return this.unbind(this.context.formatter.format(event), callback);
  }

  listenToAll(callback: AnyEventListener): this {
    assertCallback(callback, 'listenToAll');
    return this.bind(EVERY, callback as unknown as WireListener);
  }

  stopListeningToAll(callback?: AnyEventListener): this {
    return this.unbind(EVERY, callback as unknown as Listener<never> | undefined);
  }

  on(event: string, callback: Listener<unknown>): this {
    assertName('event', event, 'on');
    assertCallback(callback, 'on');
    return this.bind(event, callback as WireListener);
  }

  off(event: string, callback?: Listener<never>): this {
    return this.unbind(event, callback);
  }

  /** @internal A frame the server sent on this channel. */
  receive(frame: Frame): void {
    if (frame.event === SUBSCRIPTION_SUCCEEDED) this.succeeded(frame.data);
    else if (frame.event === 'pusher:subscription_error') this.refused(frame.data);
    else if (frame.event.startsWith(INTERNAL)) this.emit('pusher:' + frame.event.slice(INTERNAL.length), frame.data);
    else this.emit(frame.event, frame.data, frame.user_id);
  }

  /** Driver hook: the server confirmed the subscription. */
  protected succeeded(data: unknown): void {
    this.confirm();
    this.emit('pusher:subscription_succeeded', data);
  }

  /** The server refused the subscription (soketi: a bad signature, `{type, error, status}`). */
  private refused(data: unknown): void {
    const raw = (data ?? {}) as { status?: unknown; error?: unknown };
    this.fail(subscriptionError(this.name, typeof raw.status === 'number' ? raw.status : null, String(raw.error ?? 'The server refused the subscription.'), 'refused'));
  }

  /** Calls the listeners of `event`, then the listenToAll() callbacks for application events. */
  protected emit(event: string, data: unknown, userId?: string): void {
    const events = this.events;
    if (events === undefined) return;
    const list = events.get(event);
    if (list !== undefined) {
      const metadata = userId === undefined ? undefined : { user_id: userId };
      for (let i = 0; i < list.length; i++) list[i]!(data, metadata);
    }
    const every = events.get(EVERY);
    if (every !== undefined && !PUSHER_PROTOCOL_EVENT.test(event)) {
      const name = this.unformat(event);
      for (let i = 0; i < every.length; i++) (every[i] as unknown as AnyEventListener)(name, data);
    }
  }

  // Lists are replaced, never changed in place, so a listener may add or remove listeners while
  // an event is being dispatched.
  private bind(event: string, callback: WireListener): this {
    const events = (this.events ??= new Map());
    const list = events.get(event);
    // Like pusher-js, the same callback bound twice runs twice; listenToAll() keeps one of each.
    if (!list) events.set(event, [callback]);
    else if (event !== EVERY || !list.includes(callback)) events.set(event, [...list, callback]);
    return this;
  }

  private unbind(event: string, callback?: Listener<never>): this {
    const list = this.events?.get(event);
    if (!list) return this;
    const rest = callback ? list.filter((listener) => listener !== callback) : [];
    if (rest.length) this.events!.set(event, rest);
    else this.events!.delete(event);
    return this;
  }
}
