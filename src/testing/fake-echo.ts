// A fake Echo for application tests: a real Echo facade (reference counting, event-name rules,
// presence de-duplication and all) over a connector with no transport. The test plays the
// server (emit an event, a whisper, a notification, presence changes, connection changes) and
// asserts what the application subscribed to and listened for.

import {
  EchoBase,
  flushReleases,
  type ConnectionStatus,
  type EchoOptions,
  type PresenceMemberInfo,
  type SubscriptionError,
} from '../index';
import { FakeChannel, FakePresenceChannel } from './fake-channel';
import { FakeConnector, FakeEchoAssertionError, type FakeEchoRecord, type FakeWhisper } from './fake-connector';

/** Options of `new FakeEcho()`: any Echo option that shapes behaviour (namespace, notifications) plus these. */
export interface FakeEchoOptions<U = PresenceMemberInfo> extends Partial<Omit<EchoOptions, 'broadcaster'>> {
  /** The socket id while connected. Default `1234.5678`. */
  socketId?: string;
  /** The connection status to start in. Default `connected`. */
  status?: ConnectionStatus;
  /** Members every presence channel starts with (e.g. the signed-in user). Default none. */
  members?: U[];
  /** A member's identity (one entry per id). Default: its `id` property. */
  memberId?: (member: U) => string | number;
}

/**
 * An Echo for your application's tests: the real Echo API over a connector with no transport. The
 * test plays the server (events, whispers, notifications, members, connection changes) and asserts
 * what the application subscribed to and listened for.
 */
export class FakeEcho<U = PresenceMemberInfo> extends EchoBase<'custom'> {
  constructor(options: FakeEchoOptions<U> = {}) {
    super({ withoutInterceptors: true, ...options, broadcaster: FakeConnector } as EchoOptions & { broadcaster: typeof FakeConnector });
    if (options.status) this.setConnectionStatus(options.status);
  }

  /** The fake connector (its log, whispers and presence state). */
  get fake(): FakeConnector {
    return this.connector as FakeConnector;
  }

  // ---- What the application did ------------------------------------------------------------

  /** The channels subscribed now (full names, prefix included), in subscription order. */
  subscribedChannels(): string[] {
    this.settle();
    return [...this.fake.channels.keys()];
  }

  isSubscribed(channel: string): boolean {
    this.settle();
    return this.fake.channels.has(channel);
  }

  /** How many times `channel` was subscribed (a resubscription counts again). */
  subscriptionCount(channel: string): number {
    this.settle();
    return this.fake.log.filter((entry) => entry.type === 'subscribe' && entry.channel === channel).length;
  }

  /** Every subscribe and leave, in order. */
  history(): FakeEchoRecord[] {
    this.settle();
    return [...this.fake.log];
  }

  /** Callbacks listening for `event` (named as listen() takes it) on `channel`, or all of its callbacks. */
  listenerCount(channel: string, event?: string): number {
    const found = this.find(channel);
    if (!found) return 0;
    return event === undefined ? found.listenerCount() : found.listenerCount(this.fake.formatter.format(event), false);
  }

  /** The whispers the application sent, on `channel` or on every channel. */
  whispers(channel?: string): FakeWhisper[] {
    return this.fake.whispers.filter((whisper) => channel === undefined || whisper.channel === channel);
  }

  // ---- The server side ---------------------------------------------------------------------

  /**
   * Deliver `event` (named as listen() takes it: `OrderShipped` gets the namespace, `.order.shipped`
   * is used as written) on the subscribed `channel`. Returns how many callbacks ran.
   */
  emit(channel: string, event: string, payload?: unknown): number {
    return this.require(channel, 'emit').deliver(this.fake.formatter.format(event), payload);
  }

  /** Deliver a whisper (client event `event`) from another user on `channel`. */
  emitWhisper(channel: string, event: string, data?: unknown): number {
    return this.require(channel, 'emitWhisper').deliver('client-' + event, data);
  }

  /** Deliver a notification on `channel` (usually `private-App.User.{id}`); `id` and `type` get defaults. */
  emitNotification(channel: string, notification: { type?: string; id?: string; [key: string]: unknown }): number {
    const payload = { id: 'fake-notification-id', type: 'App\\Notifications\\FakeNotification', ...notification };
    return this.require(channel, 'emitNotification').deliver(this.fake.notificationEvent, payload);
  }

  /** Replace the member list of a presence channel (here() callbacks run with it). */
  emitHere(channel: string, members: U[]): void {
    const presence = this.requirePresence(channel, 'emitHere');
    const entries = members.map((member) => [this.fake.memberKey(member), member] as [string, U]);
    this.fake.presence.set(channel, new Map(entries));
    presence.setMembers(entries);
  }

  /** Another member joins a presence channel (joining() callbacks run unless they are on it already). */
  emitJoining(channel: string, member: U): void {
    const presence = this.requirePresence(channel, 'emitJoining');
    const id = this.fake.memberKey(member);
    this.fake.serverMembers(channel).set(id, member);
    presence.addMember(id, member);
  }

  /** A member (or the member with this id) leaves a presence channel. */
  emitLeaving(channel: string, member: U | string | number): void {
    const presence = this.requirePresence(channel, 'emitLeaving');
    const id = typeof member === 'string' || typeof member === 'number' ? String(member) : this.fake.memberKey(member);
    this.fake.serverMembers(channel).delete(id);
    presence.removeMember(id);
  }

  /** The server refuses `channel` (error() callbacks run); the default is a 403. */
  emitSubscriptionError(channel: string, error: Partial<SubscriptionError> = {}): void {
    this.require(channel, 'emitSubscriptionError').failWith({
      type: 'AuthError',
      channel,
      status: 403,
      reason: 'forbidden',
      error: `The server refused ${channel}.`,
      attempt: 1,
      retrying: false,
      ...error,
    });
  }

  /** Move the connection to `status` (useConnectionStatus, useSocketId and presence lists follow). */
  setConnectionStatus(status: ConnectionStatus): void {
    this.fake.setStatus(status);
  }

  // ---- Assertions (throw FakeEchoAssertionError) --------------------------------------------

  /** `channel` was subscribed at some point (it may have been left since). */
  assertSubscribed(channel: string): void {
    if (this.subscriptionCount(channel) === 0) this.failFor(channel, 'to have been subscribed, but it never was');
  }

  /** `channel` is subscribed now. */
  assertStillSubscribed(channel: string): void {
    if (!this.isSubscribed(channel)) {
      this.failFor(channel, this.subscriptionCount(channel) ? 'to still be subscribed, but it was left' : 'to be subscribed, but it never was');
    }
  }

  /** `channel` is not subscribed now (never was, or was left). */
  assertNotSubscribed(channel: string): void {
    if (this.isSubscribed(channel)) this.failFor(channel, 'not to be subscribed, but it is');
  }

  /** `channel` was subscribed and has been left. */
  assertLeft(channel: string): void {
    this.assertSubscribed(channel);
    if (this.isSubscribed(channel)) this.failFor(channel, 'to have been left, but it is still subscribed');
  }

  /** `channel` was subscribed exactly `times` times. */
  assertSubscriptionCount(channel: string, times: number): void {
    const count = this.subscriptionCount(channel);
    if (count !== times) this.failFor(channel, `to have been subscribed ${times} time(s), but it was subscribed ${count} time(s)`);
  }

  /** Something listens for `event` on `channel`. */
  assertListening(channel: string, event: string): void {
    if (this.listenerCount(channel, event) === 0) this.failFor(channel, `to have a listener for ${JSON.stringify(event)}, but it has none`);
  }

  /** Nothing listens for `event` on `channel` (or the channel is not subscribed). */
  assertNotListening(channel: string, event: string): void {
    const count = this.listenerCount(channel, event);
    if (count) this.failFor(channel, `to have no listener for ${JSON.stringify(event)}, but it has ${count}`);
  }

  /** The application whispered `event` on `channel` (with `data`, compared as JSON, when given). */
  assertWhispered(channel: string, event: string, data?: unknown): void {
    const sent = this.whispers(channel).filter((whisper) => whisper.event === event);
    const match = data === undefined ? sent : sent.filter((whisper) => JSON.stringify(whisper.data) === JSON.stringify(data));
    if (!match.length) {
      this.failFor(
        channel,
        `to have received the whisper ${JSON.stringify(event)}${data === undefined ? '' : ' with ' + JSON.stringify(data)}; ` +
          `whispers sent there: ${JSON.stringify(this.whispers(channel).map(({ event: e, data: d }) => ({ event: e, data: d })))}`,
      );
    }
  }

  // ---- Internals ---------------------------------------------------------------------------

  /** Leave now the channels whose last lease was released (the core defers that by a microtask). */
  private settle(): void {
    flushReleases(this);
  }

  private find(channel: string): FakeChannel | undefined {
    this.settle();
    const found = this.fake.channels.get(channel);
    return found instanceof FakeChannel ? found : undefined;
  }

  private require(channel: string, method: string): FakeChannel {
    const found = this.find(channel);
    if (!found) this.failFor(channel, `to be subscribed for ${method}(), but it is not`);
    return found;
  }

  private requirePresence(channel: string, method: string): FakePresenceChannel<U> {
    const found = this.require(channel, method);
    if (!(found instanceof FakePresenceChannel)) this.failFor(channel, `to be a presence channel for ${method}() (its name starts with presence-)`);
    return found as FakePresenceChannel<U>;
  }

  private failFor(channel: string, expectation: string): never {
    const subscribed = [...this.fake.channels.keys()];
    const similar = subscribed.filter((name) => name.replace(/^(private-encrypted-|private-|presence-)/, '') === channel);
    throw new FakeEchoAssertionError(
      `Expected ${JSON.stringify(channel)} ${expectation}.` +
        (similar.length ? ` Did you mean ${similar.map((name) => JSON.stringify(name)).join(' or ')}? Channel names include their prefix.` : '') +
        ` Subscribed now: ${subscribed.length ? subscribed.map((name) => JSON.stringify(name)).join(', ') : 'none'}.`,
    );
  }
}
