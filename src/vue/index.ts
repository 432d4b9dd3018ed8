// royalcms-echo/vue: Vue 3 composables over the core's reference-counted channels. Imports the
// core as `royalcms-echo` (one copy per application) and no transport.

export { configureEcho, echo, echoIsConfigured } from '../adapters/default-echo';
export { EchoPlugin, echoKey, provideEcho, useEchoInstance, type MaybeRefOrGetter } from './context';
export {
  useChannel,
  useEcho,
  useEchoModel,
  useEchoNotification,
  useEchoPresence,
  useEchoPublic,
  usePresenceChannel,
  usePublicChannel,
  type VueChannelSubscription,
  type VueEchoSubscription,
} from './use-echo';
export { useConnectionStatus, useSocketId } from './use-connection';
export { usePresenceMembers } from './use-presence-members';
export type { ConnectionStatus } from '../index';
export type {
  ChannelReturnType,
  EchoInstance,
  EchoNotification,
  EventName,
  InferEventPayload,
  ModelEvents,
  ModelName,
  ModelPayload,
  Visibility,
} from '../adapters/types';
