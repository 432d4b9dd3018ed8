// useEcho and its variants: subscribe while the component is mounted, listen with the latest
// callback. Only another channel (name, visibility or Echo instance) resubscribes; a new
// callback, new dependencies or other events never do, and StrictMode's double mount keeps one
// subscription (the core leaves a channel a microtask after its last release).

import { useEffect, useMemo, useRef, type DependencyList } from 'react';
import type { BroadcasterKey, Channel, Listener } from '../index';
import { ChannelBinding, eventList, eventsBinder, modelEvents, notificationBinder, type Binder } from '../adapters/binding';
import type {
  ChannelReturnType,
  ChannelSubscription,
  EchoNotification,
  EchoSubscription,
  EventName,
  InferEventPayload,
  ModelEvents,
  ModelPayload,
  Visibility,
} from '../adapters/types';
import { useEchoSource, useIsomorphicLayoutEffect } from './context';

const noop = () => {};

/** The shared machinery of every channel hook. */
function useBinding<C>(
  channelName: string,
  visibility: Visibility,
  binder: Binder | undefined,
  binderKey: string,
  callback: (payload: never) => void,
): EchoSubscription<C> {
  const source = useEchoSource();
  const latest = useRef({ callback, binder, binderKey });
  useIsomorphicLayoutEffect(() => {
    latest.current = { callback, binder, binderKey };
  });
  const binding = useRef<ChannelBinding | null>(null);

  useEffect(() => {
    const current = new ChannelBinding(source.get(), channelName, visibility, (payload) =>
      (latest.current.callback as Listener<unknown>)(payload),
    );
    binding.current = current;
    current.open(latest.current.binder, latest.current.binderKey);
    return () => current.leave();
  }, [source.key, channelName, visibility]);

  useEffect(() => {
    binding.current?.bind(latest.current.binder, binderKey);
  }, [binderKey]);

  return useMemo(
    () => ({
      leaveChannel: (leaveAll = false) => binding.current?.leave(leaveAll),
      leave: () => binding.current?.leave(true),
      stopListening: () => binding.current?.stopListening(),
      listen: () => binding.current?.listen(),
      channel: () => (binding.current?.channel() ?? null) as C | null,
    }),
    [],
  );
}

function useEvents<C>(
  channelName: string,
  event: string | string[],
  callback: (payload: never) => void,
  visibility: Visibility,
): EchoSubscription<C> {
  const [events, key] = eventList(event);
  return useBinding<C>(channelName, visibility, eventsBinder(events), key, callback);
}

/**
 * Listen for `event` (or several) on a channel while the component is mounted. The callback
 * may change on every render: the latest one is called, without resubscribing. `dependencies`
 * is accepted for Laravel Echo compatibility and not needed.
 *
 * @example
 * useEcho(`orders.${orderId}`, 'OrderShipped', (e) => setStatus(e.order.status));
 */
export function useEcho<TEvent extends EventName = EventName, TDriver extends BroadcasterKey = 'custom', TVisibility extends Visibility = 'private'>(
  channelName: string,
  event: TEvent,
  callback: (payload: InferEventPayload<TEvent>) => void,
  dependencies?: DependencyList,
  visibility?: TVisibility,
): EchoSubscription<ChannelReturnType<TDriver, TVisibility>>;
export function useEcho<TEvent extends EventName = EventName, TDriver extends BroadcasterKey = 'custom', TVisibility extends Visibility = 'private'>(
  channelName: string,
  event: TEvent[],
  callback: (payload: InferEventPayload<TEvent>) => void,
  dependencies?: DependencyList,
  visibility?: TVisibility,
): EchoSubscription<ChannelReturnType<TDriver, TVisibility>>;
export function useEcho<TPayload, TDriver extends BroadcasterKey = 'custom', TVisibility extends Visibility = 'private'>(
  channelName: string,
  event?: string | string[],
  callback?: (payload: TPayload) => void,
  dependencies?: DependencyList,
  visibility?: TVisibility,
): EchoSubscription<ChannelReturnType<TDriver, TVisibility>>;
export function useEcho(
  channelName: string,
  event: string | string[] = [],
  callback: (payload: never) => void = noop,
  dependencies?: DependencyList,
  visibility: Visibility = 'private',
): EchoSubscription<Channel> {
  void dependencies;
  return useEvents(channelName, event, callback, visibility);
}

/** useEcho() on a public channel. */
export function useEchoPublic<TPayload, TDriver extends BroadcasterKey = 'custom'>(
  channelName: string,
  event: string | string[] = [],
  callback: (payload: TPayload) => void = noop,
  dependencies?: DependencyList,
): EchoSubscription<ChannelReturnType<TDriver, 'public'>> {
  void dependencies;
  return useEvents(channelName, event, callback, 'public');
}

/** useEcho() on a presence channel; see usePresenceMembers() for the member list. */
export function useEchoPresence<TPayload, TDriver extends BroadcasterKey = 'custom'>(
  channelName: string,
  event: string | string[] = [],
  callback: (payload: TPayload) => void = noop,
  dependencies?: DependencyList,
): EchoSubscription<ChannelReturnType<TDriver, 'presence'>> {
  void dependencies;
  return useEvents(channelName, event, callback, 'presence');
}

/**
 * Receive the notifications broadcast to a private channel (usually `App.User.{id}`), all of
 * them or those whose type is in `event` (`App.Notifications.InvoicePaid` or with backslashes).
 */
export function useEchoNotification<TPayload, TDriver extends BroadcasterKey = 'custom'>(
  channelName: string,
  callback: (notification: EchoNotification<TPayload>) => void = noop,
  event: string | string[] = [],
  dependencies?: DependencyList,
): EchoSubscription<ChannelReturnType<TDriver, 'private'>> {
  void dependencies;
  const [types, key] = eventList(event);
  return useBinding(channelName, 'private', notificationBinder(types), 'notification:' + key, callback);
}

/**
 * Listen for a model's broadcast events on its private channel `${model}.${identifier}`
 * (events are used as broadcast, e.g. `PostUpdated`; the leading dot is added for you).
 */
export function useEchoModel<TPayload, TModel extends string, TDriver extends BroadcasterKey = 'custom'>(
  model: TModel,
  identifier: string | number,
  event: ModelEvents<TModel> | ModelEvents<TModel>[] = [],
  callback: (payload: ModelPayload<TPayload>) => void = noop,
  dependencies?: DependencyList,
): EchoSubscription<ChannelReturnType<TDriver, 'private'>> {
  void dependencies;
  return useEvents(`${model}.${identifier}`, modelEvents(event), callback, 'private');
}

/**
 * Hold a channel while the component is mounted, without listening (for whisper(), presence
 * callbacks, or listeners you bind yourself through `channel()`).
 */
export function useChannel<TDriver extends BroadcasterKey = 'custom', TVisibility extends Visibility = 'private'>(
  channelName: string,
  visibility: TVisibility = 'private' as TVisibility,
): ChannelSubscription<ChannelReturnType<TDriver, TVisibility>> {
  const { leaveChannel, leave, channel } = useBinding<ChannelReturnType<TDriver, TVisibility>>(channelName, visibility, undefined, '', noop);
  return useMemo(() => ({ leaveChannel, leave, channel }), [leaveChannel, leave, channel]);
}

/** useChannel() on a public channel. */
export function usePublicChannel<TDriver extends BroadcasterKey = 'custom'>(channelName: string): ChannelSubscription<ChannelReturnType<TDriver, 'public'>> {
  return useChannel<TDriver, 'public'>(channelName, 'public');
}

/** useChannel() on a presence channel. */
export function usePresenceChannel<TDriver extends BroadcasterKey = 'custom'>(
  channelName: string,
): ChannelSubscription<ChannelReturnType<TDriver, 'presence'>> {
  return useChannel<TDriver, 'presence'>(channelName, 'presence');
}
