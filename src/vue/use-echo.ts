// useEcho and its variants as composables. Channel names, events, visibilities and model
// identifiers may be refs or getters: a new channel moves the subscription, new events rebind
// the listeners on the same subscription, and nothing else (callbacks, `dependencies`) ever
// resubscribes. Works in a component's setup(), in an effectScope() (stores), or on its own
// (then call leaveChannel() yourself).

import type { BroadcasterKey, Channel, Listener } from '../index';
import { ChannelBinding, eventList, eventsBinder, modelEvents, notificationBinder, type Binder } from '../adapters/binding';
import type {
  ChannelReturnType,
  EchoNotification,
  EchoSubscription,
  EventName,
  InferEventPayload,
  ModelEvents,
  ModelPayload,
  Visibility,
} from '../adapters/types';
import { read, useEchoSource, whileActive, type MaybeRefOrGetter } from './context';

/** What the composables return: as in React, but `channel()` is available from setup() on. */
export interface VueEchoSubscription<TChannel> extends Omit<EchoSubscription<TChannel>, 'channel'> {
  /** The channel (after leaveChannel(): the one that was left). */
  channel(): TChannel;
}

/** What useChannel() and its variants return. */
export type VueChannelSubscription<TChannel> = Pick<VueEchoSubscription<TChannel>, 'leaveChannel' | 'leave' | 'channel'>;

const noop = () => {};

type BinderSource = () => [binder: Binder | undefined, key: string];

function useBinding<C>(
  channelName: () => string,
  visibility: () => Visibility,
  binder: BinderSource,
  callback: (payload: never) => void,
): VueEchoSubscription<C> {
  const source = useEchoSource();
  const handler = (payload: unknown) => (callback as Listener<unknown>)(payload);
  let binding: ChannelBinding | null = null;

  whileActive([channelName, visibility, source.key], ([name, kind]) => {
    const current = new ChannelBinding(source.get(), name as string, kind as Visibility, handler);
    binding = current;
    current.open(...binder());
    return () => current.leave();
  });
  whileActive([() => binder()[1]], () => {
    binding?.bind(...binder());
    return noop;
  });

  return {
    leaveChannel: (leaveAll = false) => binding?.leave(leaveAll),
    leave: () => binding?.leave(true),
    stopListening: () => binding?.stopListening(),
    listen: () => binding?.listen(),
    channel: () => binding?.lastChannel() as C,
  };
}

const eventsSource =
  (event: MaybeRefOrGetter<string | string[]>, map: (events: string | string[]) => string | string[] = (events) => events): BinderSource =>
  () => {
    const [events, key] = eventList(map(read(event)));
    return [eventsBinder(events), key];
  };

/**
 * Listen for `event` (or several) on a channel while the component is alive. `channelName`,
 * `event` and `visibility` may be refs or getters and are followed. `dependencies` is accepted
 * for Laravel Echo compatibility and not needed.
 *
 * @example
 * useEcho(() => `orders.${props.orderId}`, 'OrderShipped', (e) => (status.value = e.order.status));
 */
export function useEcho<TEvent extends EventName = EventName, TDriver extends BroadcasterKey = 'custom', TVisibility extends Visibility = 'private'>(
  channelName: MaybeRefOrGetter<string>,
  event: MaybeRefOrGetter<TEvent>,
  callback: (payload: InferEventPayload<TEvent>) => void,
  dependencies?: unknown[],
  visibility?: MaybeRefOrGetter<TVisibility>,
): VueEchoSubscription<ChannelReturnType<TDriver, TVisibility>>;
export function useEcho<TEvent extends EventName = EventName, TDriver extends BroadcasterKey = 'custom', TVisibility extends Visibility = 'private'>(
  channelName: MaybeRefOrGetter<string>,
  event: MaybeRefOrGetter<TEvent[]>,
  callback: (payload: InferEventPayload<TEvent>) => void,
  dependencies?: unknown[],
  visibility?: MaybeRefOrGetter<TVisibility>,
): VueEchoSubscription<ChannelReturnType<TDriver, TVisibility>>;
export function useEcho<TPayload, TDriver extends BroadcasterKey = 'custom', TVisibility extends Visibility = 'private'>(
  channelName: MaybeRefOrGetter<string>,
  event?: MaybeRefOrGetter<string | string[]>,
  callback?: (payload: TPayload) => void,
  dependencies?: unknown[],
  visibility?: MaybeRefOrGetter<TVisibility>,
): VueEchoSubscription<ChannelReturnType<TDriver, TVisibility>>;
export function useEcho(
  channelName: MaybeRefOrGetter<string>,
  event: MaybeRefOrGetter<string | string[]> = [],
  callback: (payload: never) => void = noop,
  dependencies?: unknown[],
  visibility: MaybeRefOrGetter<Visibility> = 'private',
): VueEchoSubscription<Channel> {
  void dependencies;
  return useBinding(() => read(channelName), () => read(visibility), eventsSource(event), callback);
}

/** useEcho() on a public channel. */
export function useEchoPublic<TPayload, TDriver extends BroadcasterKey = 'custom'>(
  channelName: MaybeRefOrGetter<string>,
  event: MaybeRefOrGetter<string | string[]> = [],
  callback: (payload: TPayload) => void = noop,
  dependencies?: unknown[],
): VueEchoSubscription<ChannelReturnType<TDriver, 'public'>> {
  void dependencies;
  return useBinding(() => read(channelName), () => 'public', eventsSource(event), callback);
}

/** useEcho() on a presence channel; see usePresenceMembers() for the member list. */
export function useEchoPresence<TPayload, TDriver extends BroadcasterKey = 'custom'>(
  channelName: MaybeRefOrGetter<string>,
  event: MaybeRefOrGetter<string | string[]> = [],
  callback: (payload: TPayload) => void = noop,
  dependencies?: unknown[],
): VueEchoSubscription<ChannelReturnType<TDriver, 'presence'>> {
  void dependencies;
  return useBinding(() => read(channelName), () => 'presence', eventsSource(event), callback);
}

/**
 * Receive the notifications broadcast to a private channel (usually `App.User.{id}`), all of
 * them or those whose type is in `event` (`App.Notifications.InvoicePaid` or with backslashes).
 */
export function useEchoNotification<TPayload, TDriver extends BroadcasterKey = 'custom'>(
  channelName: MaybeRefOrGetter<string>,
  callback: (notification: EchoNotification<TPayload>) => void = noop,
  event: MaybeRefOrGetter<string | string[]> = [],
  dependencies?: unknown[],
): VueEchoSubscription<ChannelReturnType<TDriver, 'private'>> {
  void dependencies;
  const binder: BinderSource = () => {
    const [types, key] = eventList(read(event));
    return [notificationBinder(types), 'notification:' + key];
  };
  return useBinding(() => read(channelName), () => 'private', binder, callback);
}

/**
 * Listen for a model's broadcast events on its private channel `${model}.${identifier}`
 * (events are used as broadcast, e.g. `PostUpdated`; the leading dot is added for you).
 */
export function useEchoModel<TPayload, TModel extends string, TDriver extends BroadcasterKey = 'custom'>(
  model: MaybeRefOrGetter<TModel>,
  identifier: MaybeRefOrGetter<string | number>,
  event: MaybeRefOrGetter<ModelEvents<TModel> | ModelEvents<TModel>[]> = [],
  callback: (payload: ModelPayload<TPayload>) => void = noop,
  dependencies?: unknown[],
): VueEchoSubscription<ChannelReturnType<TDriver, 'private'>> {
  void dependencies;
  return useBinding(() => `${read(model)}.${read(identifier)}`, () => 'private', eventsSource(event, modelEvents), callback);
}

/**
 * Hold a channel while the component is alive, without listening (for whisper(), presence
 * callbacks, or listeners you bind yourself through `channel()`).
 */
export function useChannel<TDriver extends BroadcasterKey = 'custom', TVisibility extends Visibility = 'private'>(
  channelName: MaybeRefOrGetter<string>,
  visibility: MaybeRefOrGetter<TVisibility> = 'private' as TVisibility,
): VueChannelSubscription<ChannelReturnType<TDriver, TVisibility>> {
  const { leaveChannel, leave, channel } = useBinding<ChannelReturnType<TDriver, TVisibility>>(
    () => read(channelName),
    () => read(visibility),
    () => [undefined, ''],
    noop,
  );
  return { leaveChannel, leave, channel };
}

/** useChannel() on a public channel. */
export function usePublicChannel<TDriver extends BroadcasterKey = 'custom'>(
  channelName: MaybeRefOrGetter<string>,
): VueChannelSubscription<ChannelReturnType<TDriver, 'public'>> {
  return useChannel<TDriver, 'public'>(channelName, 'public');
}

/** useChannel() on a presence channel. */
export function usePresenceChannel<TDriver extends BroadcasterKey = 'custom'>(
  channelName: MaybeRefOrGetter<string>,
): VueChannelSubscription<ChannelReturnType<TDriver, 'presence'>> {
  return useChannel<TDriver, 'presence'>(channelName, 'presence');
}
