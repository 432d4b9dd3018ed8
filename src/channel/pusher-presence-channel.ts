// A presence channel on a Pusher-protocol connection: members from pusher-js, callbacks that
// can be removed.

import { PUSHER_MEMBER_ADDED, PUSHER_MEMBER_REMOVED } from '../constants';
import type { PusherPresenceMembersLike } from '../transport/pusher-types';
import type { Listener, PresenceMemberInfo } from '../types';
import { PusherPrivateChannel } from './pusher-private-channel';
import { PresenceMembers } from './presence-members';
import { flushWhispers } from './whispers';

/** A presence channel on a Pusher-protocol connection: a private channel that knows who is on it. */
export class PusherPresenceChannel<U = PresenceMemberInfo> extends PusherPrivateChannel {
  private readonly presence = new PresenceMembers<U>();

  override subscribe(): void {
    super.subscribe();
    this.subscription.bind(PUSHER_MEMBER_ADDED, this.onMemberAdded);
    this.subscription.bind(PUSHER_MEMBER_REMOVED, this.onMemberRemoved);
  }

  /** Called with everyone on the channel once subscribed (and after each re-subscription). */
  here<V = U>(callback: Listener<V[]>): this {
    this.presence.on('here', callback as Listener<never>);
    return this;
  }

  /** Called when another user joins. */
  joining<V = U>(callback: Listener<V>): this {
    this.presence.on('joining', callback as Listener<never>);
    return this;
  }

  /** Called when a user leaves (their last connection left). */
  leaving<V = U>(callback: Listener<V>): this {
    this.presence.on('leaving', callback as Listener<never>);
    return this;
  }

  stopHere(callback?: Listener<never>): this {
    this.presence.off('here', callback);
    return this;
  }

  stopJoining(callback?: Listener<never>): this {
    this.presence.off('joining', callback);
    return this;
  }

  stopLeaving(callback?: Listener<never>): this {
    this.presence.off('leaving', callback);
    return this;
  }

  /** The members currently on the channel, one entry per user. */
  members(): U[] {
    return this.presence.list();
  }

  protected override wantsLifecycle(): boolean {
    return true;
  }

  protected override onSucceeded(data: unknown): void {
    const members = data as PusherPresenceMembersLike | undefined;
    const entries: Array<[string, U]> = [];
    members?.each?.((member) => entries.push([String(member.id), member.info as U]));
    this.presence.reset(entries);
    this.confirm();
    flushWhispers(this);
  }

  /** @internal */
  override markDisconnected(): void {
    super.markDisconnected();
    this.presence.clear();
  }

  override unsubscribe(): void {
    this.presence.dispose();
    super.unsubscribe();
  }

  private readonly onMemberAdded = (member: unknown): void => {
    const { id, info } = (member ?? {}) as { id?: unknown; info?: unknown };
    if (id !== undefined && id !== null) this.presence.add(String(id), info as U);
  };

  private readonly onMemberRemoved = (member: unknown): void => {
    const { id } = (member ?? {}) as { id?: unknown };
    if (id !== undefined && id !== null) this.presence.remove(String(id));
  };
}
