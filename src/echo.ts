// Echo with every built-in driver: pusher, reverb, ably (built-in client or pusher-js), socket.io and null.

import { NullConnector } from './connector/null-connector';
import { pusherProtocolConnector } from './connector/pusher-protocol';
import { SocketIoConnector } from './connector/socketio-connector';
import { EchoBase, type BroadcasterKey, type ConnectorLike } from './echo-base';
import type { EchoOptions } from './options';

/**
 * Subscribe to the channels your Royalcms (or Laravel) application broadcasts on.
 *
 * @example
 * import Echo from 'royalcms-echo';
 *
 * // The built-in Pusher-protocol client; pass `Pusher` (pusher-js) to use that instead.
 * const echo = new Echo({ broadcaster: 'pusher', key: 'app-key', cluster: 'mt1' });
 * echo.private(`order.${orderId}`).listen('ShippingStatusUpdated', (e) => console.log(e.update));
 */
export class Echo<T extends BroadcasterKey = 'custom'> extends EchoBase<T> {
  protected override createConnector(options: EchoOptions): ConnectorLike {
    return (
      pusherProtocolConnector(options) ??
      (options.broadcaster === 'socket.io'
        ? new SocketIoConnector(options)
        : options.broadcaster === 'null'
          ? new NullConnector(options)
          : super.createConnector(options, __DEV__ ? "'pusher', 'reverb', 'ably', 'socket.io', 'null' or a connector class" : ''))
    );
  }
}
