// The WebSocket URL of a Pusher-protocol server, built from Laravel Echo's (that is pusher-js's)
// options the way pusher-js builds it, so every server that accepts pusher-js accepts us.

import { PUSHER_CLIENT_VERSION, PUSHER_PROTOCOL } from '../../constants';

export interface PusherUrlOptions {
  key: string;
  cluster?: string;
  wsHost?: string;
  wsPort?: number;
  wssPort?: number;
  wsPath?: string;
}

/** pusher-js's rule: TLS on an https page, else TLS unless `forceTLS` is false. */
export function usesTls(forceTLS: boolean | undefined): boolean {
  const page = (globalThis as { location?: { protocol?: string } }).location;
  return page?.protocol === 'https:' || forceTLS !== false;
}

export function pusherUrl(options: PusherUrlOptions, tls: boolean): string {
  const host = options.wsHost || `ws-${options.cluster}.pusher.com`;
  const port = tls ? options.wssPort || 443 : options.wsPort || 80;
  return (
    `${tls ? 'wss' : 'ws'}://${host}:${port}${options.wsPath || ''}/app/${options.key}` +
    `?protocol=${PUSHER_PROTOCOL}&client=js&version=${PUSHER_CLIENT_VERSION}&flash=false`
  );
}
