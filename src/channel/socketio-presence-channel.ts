// A presence channel on a Socket.IO connection: presence:subscribed / joining / leaving from the
// server, members de-duplicated by user id.

import { SIO_PRESENCE_JOINING, SIO_PRESENCE_LEAVING, SIO_PRESENCE_SUBSCRIBED } from '../constants';
import type { PresenceMemberInfo } from '../types';
import { installPresenceApi, type PresenceApi } from './presence-api';
import { PresenceMembers } from './presence-members';
import { SocketIoPrivateChannel } from './socketio-private-channel';

interface WireMember {
  user_id?: unknown;
  user_info?: unknown;
}

const memberId = (member: unknown): string | undefined => {
  const id = (member as WireMember | null)?.user_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

export interface SocketIoPresenceChannel<U = PresenceMemberInfo> extends PresenceApi<U> {}

/** A presence channel on a Socket.IO connection: a private channel that knows who is on it. */
export class SocketIoPresenceChannel<U = PresenceMemberInfo> extends SocketIoPrivateChannel {
  /** @internal */
  readonly presence = new PresenceMembers<U>();

  /** Presence waits for `presence:subscribed` (within `authTimeout`) instead of counting the sent request. */
  protected override sent(): void {
    this.subscription.expectAck();
  }

  /** @internal */
  override receive(event: string, data: unknown): void {
    if (event === SIO_PRESENCE_SUBSCRIBED) {
      if (!Array.isArray(data)) return this.context.malformed(`${event} without a member list`, data);
      const entries: Array<[string, U]> = [];
      for (const member of data) {
        const id = memberId(member);
        if (id !== undefined) entries.push([id, (member as WireMember).user_info as U]);
        else this.context.malformed(`${event} member without a user_id`, member);
      }
      this.presence.reset(entries);
      // A second answer (the SDK asked again after a timeout, and both got through) is no new subscription.
      if (!this.isSubscribed) this.confirm();
    } else if (event === SIO_PRESENCE_JOINING || event === SIO_PRESENCE_LEAVING) {
      const id = memberId(data);
      if (id === undefined) this.context.malformed(`${event} without a user_id`, data);
      else if (event === SIO_PRESENCE_JOINING) this.presence.add(id, (data as WireMember).user_info as U);
      else this.presence.remove(id);
    } else {
      super.receive(event, data);
    }
  }
}

installPresenceApi(SocketIoPresenceChannel);
