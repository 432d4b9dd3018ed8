// The live member list of a presence channel, for usePresenceMembers(): re-read from the
// channel (which keeps one entry per user id) on here/joining/leaving and on connection changes
// (a lost connection empties it until the channel is subscribed again).

import type { PresenceChannel } from '../index';
import type { AnyEcho } from './types';

/** Calls `onChange` with the current members now and after every change; returns the stop function. */
export function watchMembers<U>(echo: AnyEcho, channel: PresenceChannel<U>, onChange: (members: U[]) => void): () => void {
  let last = channel.members();
  const update = () => {
    const members = channel.members();
    if (members.length !== last.length || members.some((member, index) => member !== last[index])) onChange((last = members));
  };
  channel.here(update).joining(update).leaving(update);
  const stopStatus = echo.onConnectionChange(update);
  onChange(last);
  return () => {
    channel.stopHere(update).stopJoining(update).stopLeaving(update);
    stopStatus();
  };
}
