// Errors: EchoError is thrown for programmer mistakes; runtime failures are delivered as
// SubscriptionError values to channel.error() callbacks, never thrown.

/** Thrown synchronously by the call that received bad input; the message names the value and the fix. */
export class EchoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EchoError';
  }
}

/** The error for whisper() on an encrypted channel (the Pusher protocol has no client events there). */
export const encryptedWhisperError = (event: string, channel: string): EchoError =>
  new EchoError(
    `whisper(${JSON.stringify(event)}) on ${channel}: client events are not supported on encrypted channels. Whisper on Echo.private() or Echo.join() instead.`,
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
): SubscriptionError => ({ type: 'AuthError', channel, status, reason, error });

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

export type ConnectionErrorListener = (error: ConnectionError) => void;
