// royalcms-echo: every driver (pusher, reverb, ably on the built-in client or pusher-js, socket.io, null).

export { Echo, Echo as default } from './echo';
export * from './exports-shared';
export { PusherChannel } from './channel/pusher-channel';
export { PusherPrivateChannel } from './channel/pusher-private-channel';
export { PusherEncryptedPrivateChannel } from './channel/pusher-encrypted-private-channel';
export { PusherPresenceChannel } from './channel/pusher-presence-channel';
export { SocketIoChannel } from './channel/socketio-channel';
export { SocketIoPrivateChannel } from './channel/socketio-private-channel';
export { SocketIoPresenceChannel } from './channel/socketio-presence-channel';
export { PusherConnector } from './connector/pusher-connector';
export { NativeChannel, type EventMetadata } from './channel/native-channel';
export { NativePrivateChannel } from './channel/native-private-channel';
export { NativeEncryptedPrivateChannel, type NaclLike } from './channel/native-encrypted-private-channel';
export { NativePresenceChannel } from './channel/native-presence-channel';
export { NativeConnector } from './connector/native-connector';
export { SocketIoConnector } from './connector/socketio-connector';
