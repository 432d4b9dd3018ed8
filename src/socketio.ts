// royalcms-echo/socket.io: the Socket.IO driver (laravel-echo-server protocol) only, so an
// application bundle carries no Pusher code (and no null driver: pass `broadcaster: NullConnector`).

import { SocketIoConnector } from './connector/socketio-connector';
import { EchoBase, type BroadcasterKey, type ConnectorLike } from './echo-base';
import type { EchoOptions } from './options';

/** Echo for laravel-echo-server-compatible Socket.IO servers; same API as the main entry. */
export class Echo<T extends BroadcasterKey = 'custom'> extends EchoBase<T> {
  protected override createConnector(options: EchoOptions): ConnectorLike {
    return options.broadcaster === 'socket.io'
      ? new SocketIoConnector(options)
      : super.createConnector(
          options,
          __DEV__ ? "'socket.io' or a connector class such as NullConnector (import Echo from 'royalcms-echo' for the Pusher broadcasters and 'null')" : '',
        );
  }
}

export { Echo as default };
export * from './exports-shared';
export { SocketIoChannel } from './channel/socketio-channel';
export { SocketIoPrivateChannel } from './channel/socketio-private-channel';
export { SocketIoPresenceChannel } from './channel/socketio-presence-channel';
export { SocketIoConnector } from './connector/socketio-connector';
