// royalcms-echo/native: the built-in Pusher-protocol client only (pusher, reverb, ably), with no
// pusher-js glue and no Socket.IO code: the smallest bundle for Pusher, soketi and Reverb apps.

import { nativeConnectorFor } from './connector/native-connector';
import { EchoBase, type BroadcasterKey, type ConnectorLike, type NativeBroadcaster } from './echo-base';
import { EchoError } from './errors';
import type { EchoOptions } from './options';

/** Echo on the built-in Pusher-protocol client (the platform WebSocket); same API as the main entry. */
export class Echo<T extends BroadcasterKey = 'custom'> extends EchoBase<T, NativeBroadcaster> {
  protected override createConnector(options: EchoOptions): ConnectorLike {
    if (options.client != null || options.Pusher != null) {
      throw EchoError.coded(
        'E24',
        __DEV__
          ? "royalcms-echo/native has no pusher-js path: leave out options.client and options.Pusher, or import Echo from 'royalcms-echo' (or 'royalcms-echo/pusher') to use pusher-js."
          : 'new Echo() options.Pusher',
        options.client ?? options.Pusher,
      );
    }
    return (
      nativeConnectorFor(options) ??
      super.createConnector(
        options,
        __DEV__ ? "'pusher', 'reverb', 'ably' or a connector class such as NullConnector (import Echo from 'royalcms-echo' for 'socket.io' and 'null')" : '',
      )
    );
  }
}

export { Echo as default };
export * from './exports-shared';
export { NativeChannel, type EventMetadata } from './channel/native-channel';
export { NativePrivateChannel } from './channel/native-private-channel';
export { NativeEncryptedPrivateChannel, type NaclLike } from './channel/native-encrypted-private-channel';
export { NativePresenceChannel } from './channel/native-presence-channel';
export { NativeConnector } from './connector/native-connector';
