// Exports every entry point shares: the driver-independent API and types.

export { Channel, type ChannelContext } from './channel/channel';
export { NullChannel, NullEncryptedPrivateChannel, NullPresenceChannel, NullPrivateChannel } from './channel/null-channel';
export { PresenceMembers } from './channel/presence-members';
export type { PresenceApi } from './channel/presence-api';
export { acquireChannel, flushReleases, type ChannelKind, type ChannelLease } from './channel-refs';
export { ConnectionState, type ConnectionChangeListener, type ConnectionStatus } from './connection-state';
export { LEGACY_NOTIFICATION_EVENT, NOTIFICATION_EVENT, SOCKET_ID_HEADER } from './constants';
export { Connector } from './connector/connector';
export { NullConnector } from './connector/null-connector';
export {
  EchoBase,
  type AuthUpdate,
  type Broadcaster,
  type BroadcasterKey,
  type BroadcasterMap,
  type NativeBroadcaster,
  type PusherJsBroadcaster,
  type ConnectorLike,
  type EchoConfig,
  type PresenceChannel,
  type PrivateChannel,
} from './echo-base';
export {
  EchoError,
  type ConnectionError,
  type ConnectionErrorListener,
  type SubscriptionError,
  type SubscriptionFailureReason,
} from './errors';
export { ClientEventLimiter, CLIENT_EVENT_MAX_BYTES, CLIENT_EVENTS_PER_SECOND } from './client-event-limiter';
export { EventFormatter } from './event-formatter';
/** @internal For the testing helper: it validates and throws as the drivers do, and has the same presence API. */
export { assertCallback, assertName } from './validate';
/** @internal */
export { encryptedWhisperError } from './errors';
/** @internal */
export { installPresenceApi } from './channel/presence-api';
export { originAllowed } from './interceptors';
export type { AxiosLike, BroadcasterName, EchoOptions } from './options';
export type {
  AnyEventListener,
  BroadcastEvents,
  BroadcastNotification,
  EventPayload,
  HeaderMap,
  HeadersSource,
  Listener,
  PresenceMemberInfo,
  TokenSource,
} from './types';
