// Channels of the fake Echo: they keep their listeners by wire event name (after the same
// namespace rules as the real drivers), so a test can deliver events the way a server would.

import {
  assertCallback,
  assertName,
  Channel,
  encryptedWhisperError,
  installPresenceApi,
  PresenceMembers,
  type AnyEventListener,
  type ChannelContext,
  type EventPayload,
  type Listener,
  type PresenceApi,
  type PresenceMemberInfo,
  type SubscriptionError,
} from '../index';

/** What a fake channel reports to its connector. */
export interface FakeChannelContext extends ChannelContext {
  /** @internal */
  recordSubscription(channel: string, subscribed: boolean): void;
  /** @internal */
  recordWhisper(channel: string, event: string, data: unknown): void;
  /** @internal The members a presence channel starts with. */
  initialMembers(channel: string): Array<[id: string, info: unknown]>;
}

/** A public channel of {@link FakeEcho}: subscribed at once; receives what the test emits. */
export class FakeChannel extends Channel {
  protected declare readonly context: FakeChannelContext;
  private readonly listeners = new Map<string, Set<Listener<unknown>>>();
  private readonly anyListeners = new Set<AnyEventListener>();

  subscribe(): void {
    this.context.recordSubscription(this.name, true);
    this.confirm();
  }

  /** Subscribe again after a failure (emitSubscriptionError); the fake server accepts it. */
  retry(): void {
    if (!this.isSubscribed) this.subscribe();
  }

  unsubscribe(): void {
    this.context.recordSubscription(this.name, false);
    this.listeners.clear();
    this.anyListeners.clear();
    this.clearLifecycleCallbacks();
  }

  listen<E extends string>(event: E, callback: Listener<EventPayload<E>>): this {
    assertName('event', event, 'listen');
    return this.on(this.context.formatter.format(event), callback as Listener<unknown>);
  }

  stopListening(event: string, callback?: Listener<never>): this {
    return this.off(this.context.formatter.format(event), callback);
  }

  listenToAll(callback: AnyEventListener): this {
    assertCallback(callback, 'listenToAll');
    this.anyListeners.add(callback);
    return this;
  }

  stopListeningToAll(callback?: AnyEventListener): this {
    callback ? this.anyListeners.delete(callback) : this.anyListeners.clear();
    return this;
  }

  on(event: string, callback: Listener<unknown>): this {
    assertName('event', event, 'on');
    assertCallback(callback, 'on');
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(callback);
    return this;
  }

  off(event: string, callback?: Listener<never>): this {
    const set = this.listeners.get(event);
    if (callback) set?.delete(callback as Listener<unknown>);
    if (!callback || set?.size === 0) this.listeners.delete(event);
    return this;
  }

  /** @internal Callbacks bound to the wire event `wireName` (plus listenToAll ones when `withAll`). */
  listenerCount(wireName?: string, withAll = true): number {
    if (wireName === undefined) {
      let count = this.anyListeners.size;
      for (const set of this.listeners.values()) count += set.size;
      return count;
    }
    return (this.listeners.get(wireName)?.size ?? 0) + (withAll ? this.anyListeners.size : 0);
  }

  /** @internal Deliver `payload` as the wire event `wireName`; returns how many callbacks ran. */
  deliver(wireName: string, payload: unknown): number {
    const callbacks = [...(this.listeners.get(wireName) ?? [])];
    for (const callback of callbacks) callback(payload);
    const any = [...this.anyListeners];
    for (const callback of any) callback(this.unformat(wireName), payload);
    return callbacks.length + any.length;
  }

  /** @internal */
  failWith(error: SubscriptionError): void {
    this.fail(error);
  }

  /** @internal The connection is back: the subscription is confirmed again. */
  reconfirm(): void {
    this.confirm();
  }
}

/** A private channel of {@link FakeEcho}; its whispers are recorded for the test. */
export class FakePrivateChannel extends FakeChannel {
  /** Recorded for the test (see FakeEcho.whispers()); the fake never delivers it back. */
  override whisper(event: string, data?: unknown): this {
    assertName('event', event, 'whisper');
    this.context.recordWhisper(this.name, event, data);
    return this;
  }
}

/** An encrypted private channel of {@link FakeEcho}; `whisper()` throws, as on the real ones. */
export class FakeEncryptedPrivateChannel extends FakePrivateChannel {
  /** Throws, as on the real encrypted channels: they have no client events. */
  override whisper(event: string, data?: unknown): this {
    void data;
    throw encryptedWhisperError(event, this.name);
  }
}

export interface FakePresenceChannel<U = PresenceMemberInfo> extends PresenceApi<U> {}

/** A presence channel of {@link FakeEcho}; its members are the ones the test sets. */
export class FakePresenceChannel<U = PresenceMemberInfo> extends FakePrivateChannel {
  /** @internal */
  readonly presence = new PresenceMembers<U>();

  override subscribe(): void {
    this.presence.reset(this.context.initialMembers(this.name) as Array<[string, U]>);
    super.subscribe();
  }

  /** @internal */
  setMembers(entries: Array<[string, U]>): void {
    this.presence.reset(entries);
  }

  /** @internal */
  addMember(id: string, info: U): void {
    this.presence.add(id, info);
  }

  /** @internal */
  removeMember(id: string): void {
    this.presence.remove(id);
  }
}

installPresenceApi(FakePresenceChannel);
