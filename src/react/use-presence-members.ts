// The live member list of a presence channel: one entry per user (a user in two tabs counts
// once), updated on here/joining/leaving, empty while the connection is lost.

import { useEffect, useState } from 'react';
import { acquireChannel, type BroadcasterKey, type EchoBase, type PresenceChannel, type PresenceMemberInfo } from '../index';
import { watchMembers } from '../adapters/presence';
import { useEchoSource } from './context';

/**
 * Join the presence channel `channelName` while mounted and return who is on it.
 *
 * @example
 * const members = usePresenceMembers<{ id: number; name: string }>(`chat.${roomId}`);
 * return <ul>{members.map((m) => <li key={m.id}>{m.name}</li>)}</ul>;
 */
export function usePresenceMembers<U = PresenceMemberInfo>(channelName: string): U[] {
  const source = useEchoSource();
  const [members, setMembers] = useState<U[]>([]);
  useEffect(() => {
    const instance = source.get();
    const lease = acquireChannel(instance as EchoBase<BroadcasterKey>, 'presence', channelName);
    const stop = watchMembers(instance, lease.channel as PresenceChannel<U>, setMembers);
    return () => {
      stop();
      lease.release();
    };
  }, [source.key, channelName]);
  return members;
}
