// State only some channels need (lifecycle callbacks, Pusher bindings, queued whispers), kept in a
// WeakMap rather than in fields: each field costs every channel 8 bytes, and a field added after
// construction gives the object a new shape that V8 may have to store out of line (memory per
// channel, see BENCHMARKS.md).

import type { SubscriptionError } from '../errors';
import type { AnyEventListener, Listener } from '../types';

export interface ChannelExtras {
  subscribed?: Set<() => void>;
  errors?: Set<Listener<SubscriptionError>>;
  /** Pusher: the lifecycle handlers are bound on the pusher-js channel. */
  bound?: boolean;
  /** Pusher: the authorizer reported the failure pusher-js is about to emit as `pusher:subscription_error`. */
  authReported?: boolean;
  /** Pusher: the listenToAll() wrappers, by callback. */
  all?: Map<AnyEventListener, (event: string, data: unknown) => void>;
  /** Pusher private channels: whispers waiting for the subscription. */
  whispers?: Array<[string, unknown]>;
}

const table = new WeakMap<object, ChannelExtras>();

/** The channel's extras, created on first use. */
export const extrasOf = (channel: object): ChannelExtras => {
  let extras = table.get(channel);
  if (!extras) table.set(channel, (extras = {}));
  return extras;
};

/** The channel's extras if it has any. */
export const peekExtras = (channel: object): ChannelExtras | undefined => table.get(channel);

/** Forget the channel's extras (it was left). */
export const dropExtras = (channel: object): void => void table.delete(channel);
