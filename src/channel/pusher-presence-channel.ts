// A presence channel on a Pusher-protocol connection: members from pusher-js, callbacks that
// can be removed.

import { PUSHER_MEMBER_ADDED, PUSHER_MEMBER_REMOVED } from '../constants';
import type { PusherPresenceMembersLike } from '../transport/pusher-types';
import type { PresenceMemberInfo } from '../types';
import { installPresenceApi, type PresenceApi } from './presence-api';
import { PusherPrivateChannel } from './pusher-private-channel';
import { PresenceMembers } from './presence-members';
import { flushWhispers } from './whispers';

export interface PusherPresenceChannel<U = PresenceMemberInfo> extends PresenceApi<U> {}

/** A presence channel on a Pusher-protocol connection: a private channel that knows who is on it. */
export class PusherPresenceChannel<U = PresenceMemberInfo> extends PusherPrivateChannel {
  /** @internal */
  readonly presence = new PresenceMembers<U>();

  override subscribe(): void {
    super.subscribe();
    this.subscription.bind(PUSHER_MEMBER_ADDED, this.onMemberAdded);
    this.subscription.bind(PUSHER_MEMBER_REMOVED, this.onMemberRemoved);
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

  private readonly onMemberAdded = (member: unknown): void => {
    const { id, info } = (member ?? {}) as { id?: unknown; info?: unknown };
    if (id !== undefined && id !== null) this.presence.add(String(id), info as U);
  };

  private readonly onMemberRemoved = (member: unknown): void => {
    const { id } = (member ?? {}) as { id?: unknown };
    if (id !== undefined && id !== null) this.presence.remove(String(id));
  };
}

installPresenceApi(PusherPresenceChannel);
