// A presence channel on a Socket.IO connection: presence:subscribed / joining / leaving from the
// server, members de-duplicated by user id.

import { SIO_PRESENCE_JOINING, SIO_PRESENCE_LEAVING, SIO_PRESENCE_SUBSCRIBED } from '../constants';
import type { Listener, PresenceMemberInfo } from '../types';
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

/** A presence channel on a Socket.IO connection: a private channel that knows who is on it. */
export class SocketIoPresenceChannel<U = PresenceMemberInfo> extends SocketIoPrivateChannel {
  private readonly presence = new PresenceMembers<U>();

  /** Presence waits for `presence:subscribed` (within `authTimeout`) instead of counting the sent request. */
  protected override sent(): void {
    this.subscription.expectAck();
  }

  here<V = U>(callback: Listener<V[]>): this {
    this.presence.on('here', callback as Listener<never>);
    return this;
  }

  joining<V = U>(callback: Listener<V>): this {
    this.presence.on('joining', callback as Listener<never>);
    return this;
  }

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

  /** @internal */
  override markDisconnected(): void {
    super.markDisconnected();
    this.presence.clear();
  }

  override unsubscribe(): void {
    this.presence.dispose();
    super.unsubscribe();
  }
}
