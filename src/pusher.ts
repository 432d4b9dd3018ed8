// royalcms-echo/pusher: the Pusher-protocol drivers (pusher, reverb, ably) only, so an application
// bundle carries no Socket.IO code (and no null driver: pass `broadcaster: NullConnector` for it).

import { pusherConnectorFor } from './connector/pusher-connector';
import { EchoBase, type BroadcasterKey, type ConnectorLike, type PusherJsBroadcaster } from './echo-base';
import type { EchoOptions } from './options';

/** Echo for Pusher-protocol servers (Pusher, soketi, Reverb, Ably); same API as the main entry. */
export class Echo<T extends BroadcasterKey = 'custom'> extends EchoBase<T, PusherJsBroadcaster> {
  protected override createConnector(options: EchoOptions): ConnectorLike {
    return (
      pusherConnectorFor(options) ??
      super.createConnector(
        options,
        __DEV__ ? "'pusher', 'reverb', 'ably' or a connector class such as NullConnector (import Echo from 'royalcms-echo' for 'socket.io' and 'null')" : '',
      )
    );
  }
}

export { Echo as default };
export * from './exports-shared';
export { PusherChannel } from './channel/pusher-channel';
export { PusherPrivateChannel } from './channel/pusher-private-channel';
export { PusherEncryptedPrivateChannel } from './channel/pusher-encrypted-private-channel';
export { PusherPresenceChannel } from './channel/pusher-presence-channel';
export { PusherConnector } from './connector/pusher-connector';
