// A presence channel of the built-in Pusher-protocol client: the member list from the
// subscription's `presence` data and member_added / member_removed frames.

import type { Frame } from '../transport/pusher/frame';
import type { PresenceMemberInfo } from '../types';
import { NativePrivateChannel } from './native-private-channel';
import { installPresenceApi, type PresenceApi } from './presence-api';
import { PresenceMembers } from './presence-members';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is string | number => (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));

export interface NativePresenceChannel<U = PresenceMemberInfo> extends PresenceApi<U> {}

/** A presence channel of the built-in client: a private channel that knows who is on it. */
export class NativePresenceChannel<U = PresenceMemberInfo> extends NativePrivateChannel {
  /** @internal */
  readonly presence = new PresenceMembers<U>();

  /** @internal */
  override receive(frame: Frame): void {
    const data = frame.data;
    if (frame.event === 'pusher_internal:member_added') {
      if (isObject(data) && isId(data['user_id'])) {
        this.presence.add(String(data['user_id']), data['user_info'] as U);
        this.emit('pusher:member_added', { id: String(data['user_id']), info: data['user_info'] });
      } else this.context.malformed('member_added without a user_id', data);
    } else if (frame.event === 'pusher_internal:member_removed') {
      if (isObject(data) && isId(data['user_id'])) {
        const id = String(data['user_id']);
        const info = this.presence.info(id); // pusher-js passes {id, info}: read before removing
        this.presence.remove(id);
        this.emit('pusher:member_removed', { id, info });
      } else this.context.malformed('member_removed without a user_id', data);
    } else super.receive(frame);
  }

  protected override succeeded(data: unknown): void {
    const presence = isObject(data) ? data['presence'] : undefined;
    const entries: Array<[string, U]> = [];
    if (isObject(presence) && isObject(presence['hash'])) {
      const hash = presence['hash'];
      const ids = Array.isArray(presence['ids']) ? presence['ids'] : Object.keys(hash);
      // Only ids that hash has as its own keys: an id such as "constructor" must not read Object.prototype.
      for (const id of ids) if (isId(id) && Object.prototype.hasOwnProperty.call(hash, String(id))) entries.push([String(id), hash[String(id)] as U]);
    } else this.context.malformed('presence subscription without a member list', data);
    this.presence.reset(entries);
    super.succeeded(data);
  }
}

installPresenceApi(NativePresenceChannel);
