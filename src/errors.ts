// Errors: EchoError is thrown for programmer mistakes; runtime failures are delivered as
// SubscriptionError values to channel.error() callbacks, never thrown.

// A bad value as the short messages show it: strings quoted, objects and functions by their type.
const show = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : value && typeof value === 'object' ? 'object' : typeof value === 'function' ? 'function' : String(value);

/** Thrown synchronously by the call that received bad input; the message names the value and the fix. */
export class EchoError extends Error {
  /**
   * The error code (`E1`, `E2`, ...) listed under "Error codes" in the README, the same in the
   * development and the production build; `undefined` on an EchoError made without one.
   */
  readonly code: string | undefined;

  constructor(message: string, code?: string) {
    super(message);
    this.name = 'EchoError';
    this.code = code;
  }

  /**
   * @internal The EchoError `code`. `text` is the full message in the development build and, in
   * the production build, the call that failed: sites pass `__DEV__ ? '<full message>' : 'join()'`,
   * so the production build carries no long text. Its message is then the short form, naming the
   * call and the bad value: `[royalcms-echo E9] join(): "order 1" (see README "Error codes")`.
   * A static member, not a module function, so the adapters reach it through the package's exports.
   */
  static coded(code: string, text: string, ...value: [unknown?]): EchoError {
    return new EchoError(
      __DEV__ ? text : `[royalcms-echo ${code}] ${text}${value.length ? ': ' + show(value[0]) : ''} (see README "Error codes")`,
      code,
    );
  }
}

/** The error for whisper() on an encrypted channel (the Pusher protocol has no client events there). */
export const encryptedWhisperError = (event: string, channel: string): EchoError =>
  EchoError.coded(
    'E15',
    __DEV__
      ? `whisper(${JSON.stringify(event)}) on ${channel}: client events are not supported on encrypted channels. Whisper on Echo.private() or Echo.join() instead.`
      : 'whisper()',
    channel,
  );

/** Why a subscription failed, derived from the HTTP status of the authorization request. */
export type SubscriptionFailureReason =
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf-mismatch'
  | 'server-error'
  | 'network'
  | 'timeout'
  | 'invalid-response'
  | 'refused'
  | 'decryption-failed';

/**
 * What a channel's `error()` callbacks receive. `type`, `error` and `status` keep the shape
 * pusher-js uses for `pusher:subscription_error`, so Laravel Echo handlers keep working.
 */
export interface SubscriptionError {
  /** `DecryptionError`: an event of an encrypted channel could not be decrypted and was not delivered. */
  type: 'AuthError' | 'SubscriptionError' | 'DecryptionError';
  /** Full channel name, prefix included (e.g. `private-order.1`). */
  channel: string;
  /** HTTP status of the authorization response; `null` when there was no response. */
  status: number | null;
  reason: SubscriptionFailureReason;
  /** Human-readable description. */
  error: string;
  /** Which authorization attempt failed: 1 for the first request, 2 for the first retry, and so on. */
  attempt: number;
  /**
   * True when the SDK tries again by itself (a timeout, network error or 5xx with retries left):
   * the channel may still succeed, and then `subscribed()` fires. False when this failure is final
   * until `retry()` (or a reconnect) asks again.
   */
  retrying: boolean;
}

export const reasonForStatus = (status: number | null): SubscriptionFailureReason =>
  !status
    ? 'network'
    : status === 401
      ? 'unauthenticated'
      : status === 403
        ? 'forbidden'
        : status === 419
          ? 'csrf-mismatch'
          : status >= 500
            ? 'server-error'
            : 'refused';

export const subscriptionError = (
  channel: string,
  status: number | null,
  error: string,
  reason: SubscriptionFailureReason = reasonForStatus(status),
): SubscriptionError => ({ type: 'AuthError', channel, status, reason, error, attempt: 1, retrying: false });

/** An event of an encrypted channel that could not be decrypted (and was not delivered). */
export const decryptionError = (channel: string, error: string): SubscriptionError => ({
  type: 'DecryptionError',
  channel,
  status: null,
  reason: 'decryption-failed',
  error,
  attempt: 1,
  retrying: false,
});

/**
 * A connection-level problem reported to `Echo.onConnectionError()` callbacks: a `pusher:error`
 * message from the server (with its protocol code, e.g. 4301 for a rate-limited client event),
 * a WebSocket error, or a Socket.IO connect error. The connection status tells what happens next.
 */
export interface ConnectionError {
  type: 'PusherError' | 'WebSocketError' | 'ConnectError';
  /** Pusher protocol error code (4000–4399), or null. */
  code: number | null;
  message: string;
}

/** Called with each {@link ConnectionError} (see `Echo.onConnectionError()`). */
export type ConnectionErrorListener = (error: ConnectionError) => void;
