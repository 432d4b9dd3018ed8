// A hand-written stand-in for the slice of pusher-js the SDK uses (src/transport/pusher-types.ts).
// It behaves like pusher-js where the SDK can tell: state_change {previous, current} then the state
// event, subscribe-all on `connected`, channels marked unsubscribed on `connecting`/`disconnected`,
// private/presence channels authorized through options.channelAuthorization.customHandler, and
// `pusher:subscription_error` {type: 'AuthError', error} when that handler reports an error.
//
// Test hooks (none of them exist in pusher-js):
//   connectAs(id)            the server accepted the connection (socket id `id`)
//   drop()                   the connection was lost; pusher-js goes back to `connecting`
//   setState(state)          any raw pusher-js state (`unavailable`, `failed`, `disconnected`, ...)
//   succeed(name, data?)     the server confirmed a subscription (pusher:subscription_succeeded)
//   failSubscription(name)   a subscription_error not produced by the SDK's handler
//   emit(name, event, data)  the server sent `event` on channel `name`
//   settled()                wait until every pending customHandler call has called back
//   sent / calls / authResults / signins   what was sent, called and answered

import type {
  AuthCallback,
  ChannelAuthorizationParams,
  PusherCallback,
  PusherChannelLike,
  PusherConnectionLike,
  PusherLike,
  PusherPresenceMembersLike,
  UserAuthenticationParams,
} from '../../../src/transport/pusher-types';

type AnyHandler = (data: unknown) => void;
type GlobalHandler = (event: string, data: unknown) => void;
type AuthData = Record<string, unknown> | null;

export class FakeConnection implements PusherConnectionLike {
  state = 'initialized';
  socket_id?: string;
  private readonly handlers = new Map<string, AnyHandler[]>();

  bind(event: string, callback: (data: never) => void): this {
    const list = this.handlers.get(event) ?? [];
    list.push(callback as AnyHandler);
    this.handlers.set(event, list);
    return this;
  }

  unbind(event?: string, callback?: (data: never) => void): this {
    if (event === undefined) this.handlers.clear();
    else if (!callback) this.handlers.delete(event);
    else this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== callback));
    return this;
  }

  listenerCount(event: string): number {
    return this.handlers.get(event)?.length ?? 0;
  }

  /** Like pusher-js ConnectionManager.updateState: nothing when unchanged. */
  setState(current: string): void {
    const previous = this.state;
    if (previous === current) return;
    this.state = current;
    this.fire('state_change', { previous, current });
    this.fire(current, undefined);
  }

  /** Test hook: pusher-js emitting a connection event such as `error`. */
  emit(event: string, data: unknown): void {
    this.fire(event, data);
  }

  private fire(event: string, data: unknown): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(data);
  }
}

export class FakePusherChannel implements PusherChannelLike {
  subscribed = false;
  subscriptionPending = false;
  /** client events sent with trigger(), and whether the channel was subscribed at that moment. */
  readonly triggers: Array<{ event: string; data: unknown; subscribed: boolean }> = [];
  private readonly callbacks = new Map<string, PusherCallback[]>();
  private globals: GlobalHandler[] = [];

  constructor(readonly name: string) {}

  bind(event: string, callback: PusherCallback): this {
    const list = this.callbacks.get(event) ?? [];
    list.push(callback);
    this.callbacks.set(event, list);
    return this;
  }

  unbind(event?: string | null, callback?: PusherCallback | null): this {
    const names = event ? [event] : [...this.callbacks.keys()];
    for (const name of names) {
      if (!callback) this.callbacks.delete(name);
      else {
        const rest = (this.callbacks.get(name) ?? []).filter((cb) => cb !== callback);
        if (rest.length) this.callbacks.set(name, rest);
        else this.callbacks.delete(name);
      }
    }
    return this;
  }

  bind_global(callback: GlobalHandler): this {
    this.globals.push(callback);
    return this;
  }

  unbind_global(callback?: GlobalHandler): this {
    this.globals = callback ? this.globals.filter((cb) => cb !== callback) : [];
    return this;
  }

  unbind_all(): this {
    this.callbacks.clear();
    this.globals = [];
    return this;
  }

  trigger(event: string, data: unknown): boolean {
    if (!event.startsWith('client-')) throw new Error(`Event '${event}' does not start with 'client-'`);
    this.triggers.push({ event, data, subscribed: this.subscribed });
    return true;
  }

  /** Test hook: deliver `event` like pusher-js's Dispatcher (global callbacks first). */
  /** Test hook: what handleEvent does with an incoming event (default: emit it, like a plain channel). */
  onHandle?: (event: { event: string; data?: unknown }) => void;

  /** Like pusher-js Channel.handleEvent: an incoming frame for this channel. */
  handleEvent(event: { event: string; data?: unknown }): void {
    if (this.onHandle) this.onHandle(event);
    else this.emit(event.event, event.data);
  }

  emit(event: string, data?: unknown, metadata?: unknown): void {
    for (const callback of [...this.globals]) callback(event, data);
    for (const callback of [...(this.callbacks.get(event) ?? [])]) {
      if (metadata !== undefined) callback(data, metadata);
      else if (data !== undefined) callback(data);
      else (callback as () => void)();
    }
  }

  listenerCount(event: string): number {
    return this.callbacks.get(event)?.length ?? 0;
  }

  get boundEvents(): string[] {
    return [...this.callbacks.keys()];
  }

  get globalCount(): number {
    return this.globals.length;
  }
}

/** pusher-js Members as the SDK reads it: `each()` yields `{id, info}` once per user id. */
export function presenceMembers(list: Array<{ id: string | number; info: unknown }>): PusherPresenceMembersLike {
  const members: Record<string, unknown> = {};
  for (const { id, info } of list) members[String(id)] = info;
  return {
    members,
    count: Object.keys(members).length,
    me: null,
    each(callback) {
      for (const [id, info] of Object.entries(members)) callback({ id, info });
    },
  };
}

const needsAuth = (name: string) => name.startsWith('private-') || name.startsWith('presence-');

export class FakePusher implements PusherLike {
  readonly key: string;
  readonly options: Record<string, unknown>;
  readonly connection = new FakeConnection();
  readonly channels = new Map<string, FakePusherChannel>();
  /** Frames the client would have sent (pusher:subscribe, pusher:unsubscribe, pusher:signin). */
  readonly sent: Array<{ event: string; data: Record<string, unknown> }> = [];
  /** connect / disconnect / signin / subscribe:<name> / unsubscribe:<name>, in order. */
  readonly calls: string[] = [];
  /** What channelAuthorization.customHandler called back with, per channel, in order. */
  readonly authResults: Array<{ channel: string; error: Error | null; data: AuthData }> = [];
  /** What userAuthentication.customHandler called back with. */
  readonly signins: Array<{ error: Error | null; data: AuthData }> = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(key: string, options: Record<string, unknown>) {
    this.key = key;
    this.options = options;
    this.connection.setState('connecting');
  }

  subscribe(name: string): FakePusherChannel {
    this.calls.push('subscribe:' + name);
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new FakePusherChannel(name);
      this.channels.set(name, channel);
    }
    if (this.connection.state === 'connected' && !channel.subscribed && !channel.subscriptionPending) this.sendSubscribe(channel);
    return channel;
  }

  unsubscribe(name: string): void {
    this.calls.push('unsubscribe:' + name);
    const channel = this.channels.get(name);
    if (!channel) return;
    this.channels.delete(name);
    if (channel.subscribed) this.sent.push({ event: 'pusher:unsubscribe', data: { channel: name } });
    channel.subscribed = false;
    channel.subscriptionPending = false;
  }

  channel(name: string): FakePusherChannel | undefined {
    return this.channels.get(name);
  }

  /** Like pusher-js: nothing happens while a connection exists or is being made. */
  connect(): void {
    this.calls.push('connect');
    if (this.connection.state === 'connected' || this.connection.state === 'connecting') return;
    this.connection.setState('connecting');
  }

  disconnect(): void {
    this.calls.push('disconnect');
    this.connection.socket_id = undefined;
    this.connection.setState('disconnected');
    this.markChannelsDisconnected();
  }

  signin(): void {
    this.calls.push('signin');
    if (this.connection.state !== 'connected') return;
    const handler = (this.options['userAuthentication'] as { customHandler?: unknown } | undefined)?.customHandler;
    if (typeof handler !== 'function') return;
    this.track(
      new Promise<void>((resolve) => {
        (handler as (params: UserAuthenticationParams, callback: AuthCallback) => void)(
          { socketId: this.connection.socket_id ?? '' },
          (error, data) => {
            this.signins.push({ error, data });
            if (!error && data) this.sent.push({ event: 'pusher:signin', data: { ...data } });
            resolve();
          },
        );
      }),
    );
  }

  bind(): this {
    return this;
  }

  // ---- test hooks ----

  connectAs(socketId = '1234.5678'): void {
    this.connection.socket_id = socketId;
    this.connection.setState('connected');
    for (const channel of this.channels.values()) if (!channel.subscribed && !channel.subscriptionPending) this.sendSubscribe(channel);
  }

  drop(): void {
    this.connection.socket_id = undefined;
    this.connection.setState('connecting');
    this.markChannelsDisconnected();
  }

  setState(state: string): void {
    if (state !== 'connected') this.connection.socket_id = undefined;
    this.connection.setState(state);
    if (state === 'connecting' || state === 'disconnected') this.markChannelsDisconnected();
  }

  succeed(name: string, data?: unknown): void {
    const channel = this.mustHave(name);
    channel.subscriptionPending = false;
    channel.subscribed = true;
    channel.emit('pusher:subscription_succeeded', data ?? {});
  }

  failSubscription(name: string, payload: unknown = { type: 'AuthError', error: 'refused', status: 403 }): void {
    const channel = this.mustHave(name);
    channel.subscriptionPending = false;
    channel.emit('pusher:subscription_error', payload);
  }

  /** Deliver a server event; returns false when pusher-js would drop it (no such channel). */
  emit(name: string, event: string, data?: unknown, metadata?: unknown): boolean {
    const channel = this.channels.get(name);
    if (!channel) return false;
    channel.emit(event, data, metadata);
    return true;
  }

  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  sentOf(event: string): Array<Record<string, unknown>> {
    return this.sent.filter((frame) => frame.event === event).map((frame) => frame.data);
  }

  // ---- internals ----

  private mustHave(name: string): FakePusherChannel {
    const channel = this.channels.get(name);
    if (!channel) throw new Error(`FakePusher: no channel ${name}`);
    return channel;
  }

  private markChannelsDisconnected(): void {
    for (const channel of this.channels.values()) {
      channel.subscribed = false;
      channel.subscriptionPending = false;
    }
  }

  private sendSubscribe(channel: FakePusherChannel): void {
    channel.subscriptionPending = true;
    if (!needsAuth(channel.name)) {
      this.sent.push({ event: 'pusher:subscribe', data: { channel: channel.name } });
      return;
    }
    const handler = (this.options['channelAuthorization'] as { customHandler?: unknown } | undefined)?.customHandler;
    if (typeof handler !== 'function') return; // a legacy `authorizer` the fake does not model
    this.track(
      new Promise<void>((resolve) => {
        (handler as (params: ChannelAuthorizationParams, callback: AuthCallback) => void)(
          { socketId: this.connection.socket_id ?? '', channelName: channel.name },
          (error, data) => {
            this.onAuthorized(channel, error, data);
            resolve();
          },
        );
      }),
    );
  }

  private onAuthorized(channel: FakePusherChannel, error: Error | null, data: AuthData): void {
    this.authResults.push({ channel: channel.name, error, data });
    if (!error && channel.name.startsWith('private-encrypted-') && !data?.['shared_secret']) {
      error = new Error(`No shared_secret key in auth payload for encrypted channel: ${channel.name}`);
    }
    if (error) {
      channel.subscriptionPending = false;
      channel.emit('pusher:subscription_error', { type: 'AuthError', error: error.message });
      return;
    }
    this.sent.push({ event: 'pusher:subscribe', data: { channel: channel.name, auth: data?.['auth'], channel_data: data?.['channel_data'] } });
  }

  private track(promise: Promise<void>): void {
    this.pending.add(promise);
    void promise.then(() => this.pending.delete(promise));
  }
}
