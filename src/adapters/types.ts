// Types shared by the React hooks and the Vue composables (the same shapes as Laravel Echo's
// adapters, so typed application code carries over).

import type { BroadcastEvents, Broadcaster, BroadcasterKey, ConnectionChangeListener, ConnectionStatus } from '../index';

/**
 * What the adapters need from an Echo instance. Described by shape, so the Echo of any entry
 * point (`royalcms-echo`, `royalcms-echo/pusher`, `royalcms-echo/socket.io`) or a FakeEcho fits.
 */
export interface EchoInstance {
  channel(name: string): object;
  private(name: string): object;
  encryptedPrivate(name: string): object;
  join(name: string): object;
  leaveChannel(fullName: string): void;
  readonly connector: unknown;
  connectionStatus(): ConnectionStatus;
  onConnectionChange(listener: ConnectionChangeListener): () => void;
  socketId(): string | undefined;
  leaveAllChannels(): void;
  disconnect(): void;
}

/** @internal */
export type AnyEcho = EchoInstance;

/** Which channel a hook subscribes to: `channel()`, `private()` or `join()`. */
export type Visibility = 'public' | 'private' | 'presence';

declare global {
  /**
   * Laravel Echo's adapters read event payload types from this global interface; it is honoured
   * here too, so existing declarations keep working. New code can declare them on
   * `BroadcastEvents` of `royalcms-echo` instead (see the core README).
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Events {}
}

/** Every declared event name (for autocompletion). */
export type EventName = (keyof BroadcastEvents | keyof Events) & string;

/** Payload type of `TEvent`: from `BroadcastEvents` or the global `Events`, otherwise `unknown`. */
export type InferEventPayload<TEvent extends string> = TEvent extends keyof BroadcastEvents
  ? BroadcastEvents[TEvent]
  : TEvent extends keyof Events
    ? Events[TEvent]
    : unknown;

/** The channel class a hook hands out, by driver and visibility. */
export type ChannelReturnType<TDriver extends BroadcasterKey, TVisibility extends Visibility> = Broadcaster[TDriver][TVisibility];

/** A database notification as broadcast: your data plus its `id` and `type` (the notification class). */
export type EchoNotification<TPayload = Record<string, unknown>> = TPayload & { id: string; type: string };

/** What model broadcasting (`BroadcastsEvents`) sends. */
export interface ModelPayload<T> {
  model: T;
  connection: string | null;
  queue: string | null;
  afterCommit: boolean;
}

/** `App.Models.Post` → `Post`. */
export type ModelName<T extends string> = T extends `${string}.${infer Rest}` ? ModelName<Rest> : T;

type ModelEvent =
  | 'Retrieved'
  | 'Creating'
  | 'Created'
  | 'Updating'
  | 'Updated'
  | 'Saving'
  | 'Saved'
  | 'Deleting'
  | 'Deleted'
  | 'Trashed'
  | 'ForceDeleting'
  | 'ForceDeleted'
  | 'Restoring'
  | 'Restored'
  | 'Replicating';

/** The model events of `TModel`, e.g. `PostUpdated` or `.PostUpdated`. */
export type ModelEvents<TModel extends string> = `.${ModelName<TModel>}${ModelEvent}` | `${ModelName<TModel>}${ModelEvent}`;

/** What `useEcho()` and its variants return. */
export interface EchoSubscription<TChannel> {
  /** Stop this component's listeners and give up its hold on the channel (left if nobody else holds it). */
  leaveChannel(leaveAll?: boolean): void;
  /** `leaveChannel(true)`: also leave the name's other variants (public, private, presence) nobody holds. */
  leave(): void;
  /** Stop this component's listeners, staying subscribed. */
  stopListening(): void;
  /** Listen again after stopListening() (and subscribe again after leaveChannel()). */
  listen(): void;
  /** The channel, or null while not subscribed (React: before the first effect ran). */
  channel(): TChannel | null;
}

/** What `useChannel()` and its variants return. */
export type ChannelSubscription<TChannel> = Pick<EchoSubscription<TChannel>, 'leaveChannel' | 'leave' | 'channel'>;
