// The live member list of a presence channel: one entry per user (a user in two tabs counts
// once), updated on here/joining/leaving, empty while the connection is lost.

import { shallowRef, type Ref } from 'vue';
import { acquireChannel, type BroadcasterKey, type EchoBase, type PresenceChannel, type PresenceMemberInfo } from '../index';
import { watchMembers } from '../adapters/presence';
import { read, useEchoSource, whileActive, type MaybeRefOrGetter } from './context';

/**
 * Join the presence channel `channelName` (a string, ref or getter, followed) while alive and
 * return who is on it.
 *
 * @example
 * const members = usePresenceMembers<{ id: number; name: string }>(() => `chat.${props.roomId}`);
 */
export function usePresenceMembers<U = PresenceMemberInfo>(channelName: MaybeRefOrGetter<string>): Readonly<Ref<U[]>> {
  const source = useEchoSource();
  const members = shallowRef<U[]>([]);
  whileActive([() => read(channelName), source.key], ([name]) => {
    const instance = source.get();
    const lease = acquireChannel(instance as EchoBase<BroadcasterKey>, 'presence', name as string);
    const stop = watchMembers(instance, lease.channel as PresenceChannel<U>, (list) => (members.value = list));
    return () => {
      stop();
      lease.release();
    };
  });
  return members;
}
