// royalcms-echo/react: React hooks over the core's reference-counted channels. Imports the core
// as `royalcms-echo` (one copy per application) and no transport.

export { configureEcho, echo, echoIsConfigured } from '../adapters/default-echo';
export { EchoProvider, useEchoInstance, type EchoProviderProps } from './context';
export {
  useChannel,
  useEcho,
  useEchoModel,
  useEchoNotification,
  useEchoPresence,
  useEchoPublic,
  usePresenceChannel,
  usePublicChannel,
} from './use-echo';
export { useConnectionStatus, useSocketId } from './use-connection';
export { usePresenceMembers } from './use-presence-members';
export type { ConnectionStatus } from '../index';
export type {
  ChannelReturnType,
  ChannelSubscription,
  EchoInstance,
  EchoNotification,
  EchoSubscription,
  EventName,
  InferEventPayload,
  ModelEvents,
  ModelName,
  ModelPayload,
  Visibility,
} from '../adapters/types';
