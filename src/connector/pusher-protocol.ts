// Which client speaks the Pusher protocol for an Echo instance: pusher-js when the application
// gives it (options.client, options.Pusher, or a window.Pusher global as Laravel Echo expects),
// the built-in client otherwise.

import type { EchoOptions } from '../options';
import { nativeConnectorFor, type NativeConnector } from './native-connector';
import { pusherConnectorFor, type PusherConnector } from './pusher-connector';

export function pusherProtocolConnector(options: EchoOptions): PusherConnector | NativeConnector | undefined {
  const pusherJs = options.client != null || options.Pusher != null || typeof (globalThis as { Pusher?: unknown }).Pusher === 'function';
  return pusherJs ? pusherConnectorFor(options) : nativeConnectorFor(options);
}
