// Drops malformed frames before pusher-js handles them. pusher-js throws (uncaught, from the
// WebSocket's message handler) on frames such as `{}` (no event name), a channel named
// `__proto__` (its channel table is a plain object), or `pusher_internal:` events whose data is
// not an object; the guard lets only well-formed frames through and reports the others.

import type { PusherLike } from './pusher-types';

interface Frame {
  event?: unknown;
  channel?: unknown;
  data?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
// pusher-js keeps members in a plain object keyed by user id, so `__proto__` and friends are refused.
const isId = (value: unknown) => (typeof value === 'string' && value !== '' && !(value in Object.prototype)) || (typeof value === 'number' && Number.isFinite(value));

/** Why `frame` must not reach pusher-js, or undefined when it is well-formed. */
export function malformedFrame(frame: unknown): string | undefined {
  if (!isObject(frame)) return 'frame that is not an object';
  const { event, channel, data } = frame as Frame;
  if (typeof event !== 'string' || event === '') return 'frame without an event name';
  if (channel !== undefined && (typeof channel !== 'string' || channel in Object.prototype)) return `frame with an invalid channel (${String(channel)})`;
  if (!event.startsWith('pusher_internal:') || channel === undefined) return undefined;
  switch (event) {
    case 'pusher_internal:member_added':
    case 'pusher_internal:member_removed':
      return isObject(data) && isId(data['user_id']) ? undefined : `${event} without a user_id`;
    case 'pusher_internal:subscription_count':
      return isObject(data) ? undefined : `${event} without data`;
    case 'pusher_internal:subscription_succeeded':
      if ((channel as string).startsWith('presence-')) {
        const presence = isObject(data) ? data['presence'] : undefined;
        return isObject(presence) && isObject(presence['hash']) && Array.isArray(presence['ids']) ? undefined : `${event} without a presence member list`;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Wraps the pusher-js connection's event emitter so that malformed `message` frames are dropped. */
export function guardFrames(pusher: PusherLike, onMalformed: (reason: string, frame: unknown) => void): void {
  const connection = pusher.connection as unknown as { emit?: (event: string, ...args: unknown[]) => unknown };
  const emit = connection.emit;
  if (typeof emit !== 'function') return;
  // No rest parameters or spread on this path: it runs for every frame.
  connection.emit = function (this: unknown, event: string, frame?: unknown) {
    if (event === 'message') {
      const reason = malformedFrame(frame);
      if (reason) {
        onMalformed(reason, frame);
        return this;
      }
    }
    // eslint-disable-next-line prefer-rest-params
    return arguments.length === 2 ? emit.call(this, event, frame) : emit.apply(this, arguments as unknown as [string, ...unknown[]]);
  };
}
