// Echo's options, and their per-instance normalization (nothing is shared between instances).

import { DEFAULT_AUTH_ENDPOINT, DEFAULT_NAMESPACE, DEFAULT_USER_AUTH_ENDPOINT, LEGACY_NOTIFICATION_EVENT, NOTIFICATION_EVENT } from './constants';
import type { HeadersSource, TokenSource } from './types';

/** The drivers `broadcaster` can name. */
export type BroadcasterName = 'pusher' | 'reverb' | 'ably' | 'socket.io' | 'null';

/**
 * Anything with an axios-style request interceptor list (the axios default export or `axios.create()`).
 * The interceptor is generic over the config type, so every axios version's own typing of `use()` accepts it.
 */
export interface AxiosLike {
  interceptors: {
    request: {
      use(onFulfilled: <C extends AxiosRequestConfigLike>(config: C) => C): number;
      eject(id: number): void;
    };
  };
}

export interface AxiosRequestConfigLike {
  url?: string;
  baseURL?: string;
  headers?: unknown;
}

/** The options of `new Echo()` (see README "Options"). */
export interface EchoOptions {
  /** `pusher`, `reverb`, `ably`, `socket.io`, `null`, or a connector class. */
  broadcaster: BroadcasterName | (abstract new (options: EchoOptions) => unknown);
  /** Pusher-protocol app key. Required for `pusher`, `reverb` and `ably`. */
  key?: string;
  cluster?: string;
  wsHost?: string;
  wsPort?: number;
  wssPort?: number;
  forceTLS?: boolean;
  enabledTransports?: string[];
  /** Path prefix of the Pusher-protocol WebSocket URL (`<wsPath>/app/<key>`). */
  wsPath?: string;
  /**
   * A ready pusher-js instance, or socket.io-client's `io` function. For pusher, reverb and ably
   * a given `client`, `Pusher` or `window.Pusher` selects pusher-js; without them the built-in
   * client speaks the protocol.
   */
  client?: unknown;
  /** The pusher-js constructor (falls back to `window.Pusher`); leave it out for the built-in client. */
  Pusher?: unknown;
  /** Built-in Pusher client: the WebSocket class, where the platform has none (Node before 22: `import WebSocket from 'ws'`). */
  WebSocket?: unknown;
  /** Pusher protocol: inbound silence (ms) before a ping. Default 120000 (the server may ask for less). */
  activityTimeout?: number;
  /** Pusher protocol: wait (ms) for the answer to a ping before reconnecting. Default 30000. */
  pongTimeout?: number;
  /**
   * Encrypted channels (`encryptedPrivate()`): a secretbox implementation, `nacl` from
   * `royalcms-echo/encrypted` or tweetnacl. pusher-js takes the same option.
   */
  nacl?: unknown;
  /** Socket.IO server address, first argument of `io()`. */
  host?: string | null;
  /** Channel authorization URL. Default `/broadcasting/auth`. */
  authEndpoint?: string;
  /** Extra headers (an object, or a function called at each authorization) and form params for authorization. */
  auth?: { headers?: HeadersSource; params?: Record<string, string> };
  /** Pusher user authentication (`signin()`). Default endpoint `/broadcasting/user-auth`. */
  userAuthentication?: { endpoint?: string; headers?: HeadersSource };
  /** CSRF token. Default: `window.Royalcms.csrfToken`, `window.Laravel.csrfToken`, then `<meta name="csrf-token">`. */
  csrfToken?: TokenSource;
  /** Sent as `Authorization: Bearer <token>` with authorization requests. */
  bearerToken?: TokenSource;
  /** Namespace prepended to event names. Default `App.Events`; `false` disables it. */
  namespace?: string | false;
  /** Notification event: `'royalcms'` (default, what Royalcms 6+ sends), `'legacy'` (Royalcms 5), or a class name. */
  notifications?: 'royalcms' | 'legacy' | (string & {});
  /** Do not add `X-Socket-ID` to axios, jQuery, Turbo and vue-resource requests. */
  withoutInterceptors?: boolean;
  /** axios instance(s) to add `X-Socket-ID` to, besides a global `window.axios`. */
  axios?: AxiosLike | AxiosLike[];
  /**
   * Origins that also receive `X-Socket-ID` (besides the page's own), or `'*'` for every origin.
   * Default: the page's own origin only.
   */
  socketIdOrigins?: string[] | '*';
  /**
   * Milliseconds before one authorization request is abandoned. Default 5000: a hung endpoint is
   * reported to `error()` (with `retrying: true`) about five seconds after `private()`/`join()`,
   * while an endpoint that answers within a few seconds is not.
   */
  authTimeout?: number;
  /** Retries of an authorization that failed transiently (5xx, network, timeout), about 1 s and 3 s apart. Default 2. */
  authRetries?: number;
  /**
   * Pusher protocol. Built-in client: the pauses (ms) before reconnection attempts 1, 2, ... (the
   * last repeats; each up to 25 % longer at random); default 250, 500, then 600 ms for about
   * 30 s (the span of a server restart), then 2 s, 5 s and 10 s; `false` never reconnects by itself (a lost connection
   * goes `failed`). With pusher-js: while reconnecting, restart pusher-js's attempt after these
   * delays so a returning server is found quickly; default [1500, 2000] (after pusher-js's own
   * one-second retry); `false` leaves pusher-js's own schedule. Socket.IO uses socket.io-client's `reconnectionDelay`/`reconnectionDelayMax`
   * (defaults here 500 and 2000 unless you set them).
   */
  reconnectDelays?: number[] | false;
  /** Anything else is handed to pusher-js or socket.io-client unchanged. */
  [transportOption: string]: unknown;
}

/** Echo's options after per-instance defaults; `auth` is the caller's own object (never written to). */
export interface ResolvedOptions extends EchoOptions {
  authEndpoint: string;
  auth: { headers?: HeadersSource; params?: Record<string, string> };
  userAuthentication: { endpoint: string; headers?: HeadersSource };
  namespace: string | false;
  notificationEvent: string;
  authTimeout: number;
  authRetries: number;
}

/** Keys Echo consumes itself; everything else passes through to the transport. */
export const ECHO_OPTION_KEYS: readonly string[] = [
  'broadcaster', 'key', 'client', 'Pusher', 'host', 'authEndpoint', 'auth', 'authorizer', 'userAuthentication',
  'csrfToken', 'bearerToken', 'namespace', 'notifications', 'withoutInterceptors', 'axios', 'socketIdOrigins',
  'authTimeout', 'authRetries', 'reconnectDelays', 'notificationEvent', 'WebSocket',
];

export function resolveOptions(options: EchoOptions): ResolvedOptions {
  const notifications = options.notifications ?? 'royalcms';
  return {
    ...options,
    authEndpoint: options.authEndpoint ?? DEFAULT_AUTH_ENDPOINT,
    auth: options.auth ?? { headers: {} },
    userAuthentication: { endpoint: DEFAULT_USER_AUTH_ENDPOINT, ...options.userAuthentication },
    namespace: options.namespace === undefined || options.namespace === null ? DEFAULT_NAMESPACE : options.namespace,
    notificationEvent:
      notifications === 'royalcms' ? NOTIFICATION_EVENT : notifications === 'legacy' ? LEGACY_NOTIFICATION_EVENT : notifications.replace(/^[.\\]/, ''),
    authTimeout: options.authTimeout ?? 5000,
    authRetries: options.authRetries ?? 2,
  };
}

/** The options handed to the transport: everything Echo does not consume itself. */
export function transportOptions(options: EchoOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(options)) if (!ECHO_OPTION_KEYS.includes(key)) out[key] = options[key];
  return out;
}
