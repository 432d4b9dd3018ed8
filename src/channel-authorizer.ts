// The one owner of authorization for Pusher-protocol channels (pusher-js and the built-in
// client alike): the request, its headers and CSRF token, retries of transient failures on a
// back-off schedule, cancelling when a channel is left, and the typed SubscriptionError that it
// hands straight to the channel.

import { authHeaders } from './auth-headers';
import { AUTH_RETRY_DELAYS, type Backoff } from './backoff';
import { subscriptionError, type SubscriptionError } from './errors';
import { requestAuth, type AuthResult } from './http-auth';
import type { ResolvedOptions } from './options';

/** Receives the first failed attempt (`retrying: true` when more follow) and the final failure. */
export type AuthFailure = (error: SubscriptionError) => void;

/** pusher-js's `channelAuthorization` / `userAuthentication` options, as the built-in client reads them. */
interface PusherAuthOptions {
  endpoint?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  customHandler?: CustomHandler;
}

type AuthCallback = (error: Error | null, data: Record<string, unknown> | null) => void;
type CustomHandler = (params: { socketId: string; channelName?: string }, callback: AuthCallback) => void;
/** Laravel Echo's (and pusher-js's legacy) `authorizer` option. */
type LaravelAuthorizer = (channel: { name: string }, options: unknown) => { authorize(socketId: string, callback: AuthCallback): void };

/** The auth response; null after a final failure, undefined when cancelled. */
export type AuthData = Record<string, unknown> | null | undefined;


const transient = (error: SubscriptionError) =>
  error.reason === 'server-error' || error.reason === 'network' || error.reason === 'timeout';

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

export class ChannelAuthorizer {
  /** Requests in flight by channel name (`user` for sign-in), so leaving aborts them. */
  private readonly pending = new Map<string, Set<AbortController>>();

  constructor(
    private readonly options: ResolvedOptions,
    private readonly retryDelays: Backoff = AUTH_RETRY_DELAYS,
  ) {}

  /**
   * Authorizes `channel` for `socketId`: resolves with the response (`auth`, and `channel_data`
   * or `shared_secret` where the channel needs them); null after a final failure (reported to
   * `failed`); undefined after cancel().
   */
  channel(channel: string, socketId: string, failed: AuthFailure): Promise<AuthData> {
    const hooks = (this.options['channelAuthorization'] ?? {}) as PusherAuthOptions;
    const authorizer = this.options['authorizer'] as LaravelAuthorizer | undefined;
    const custom: CustomHandler | undefined =
      typeof authorizer === 'function'
        ? (params, callback) => authorizer({ name: channel }, this.options).authorize(params.socketId, callback)
        : hooks.customHandler;
    if (typeof custom === 'function') return this.custom(channel, custom, { socketId, channelName: channel }, failed);
    const params = { ...this.options.auth.params, ...hooks.params, socket_id: socketId, channel_name: channel };
    return this.request(channel, 'channel', hooks.endpoint ?? this.options.authEndpoint, params, failed, hooks.headers);
  }

  /** Pusher user authentication for `socketId` (`signin()`), same rules. */
  user(socketId: string, failed: AuthFailure): Promise<AuthData> {
    const custom = (this.options.userAuthentication as PusherAuthOptions).customHandler;
    if (typeof custom === 'function') return this.custom('user', custom, { socketId }, failed);
    return this.request('user', 'user', this.options.userAuthentication.endpoint, { socket_id: socketId }, failed);
  }

  /** The application's own handler (pusher-js's `customHandler`, Laravel Echo's `authorizer`): one call, no retries. */
  private custom(
    channel: string,
    handler: CustomHandler,
    params: { socketId: string; channelName?: string },
    failed: AuthFailure,
  ): Promise<AuthData> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (error: unknown, data: unknown) => {
        if (done) return;
        done = true;
        if (!error && data && typeof data === 'object') return resolve(data as Record<string, unknown>);
        const message = error instanceof Error ? error.message : String(error ?? 'The authorization handler returned no data.');
        failed({ ...subscriptionError(channel, null, message, 'refused'), attempt: 1, retrying: false });
        resolve(null);
      };
      try {
        handler(params, finish);
      } catch (cause) {
        finish(cause instanceof Error ? cause : new Error(String(cause)), null);
      }
    });
  }

  /** Aborts the requests for `channel`, if any: they report nothing more. */
  cancel(channel: string): void {
    for (const controller of this.pending.get(channel) ?? []) controller.abort();
    this.pending.delete(channel);
  }

  cancelAll(): void {
    for (const name of [...this.pending.keys()]) this.cancel(name);
  }

  private async request(
    channel: string,
    kind: 'channel' | 'user',
    endpoint: string,
    params: Record<string, string>,
    failed: AuthFailure,
    extraHeaders?: Record<string, string>,
  ): Promise<AuthData> {
    const controller = new AbortController();
    const { signal } = controller;
    let requests = this.pending.get(channel);
    if (!requests) this.pending.set(channel, (requests = new Set()));
    requests.add(controller);
    const retries = this.options.authRetries;
    try {
      for (let attempt = 1; ; attempt++) {
        let result: AuthResult;
        try {
          const headers = { ...extraHeaders, ...(await authHeaders(this.options, kind)) };
          result = await requestAuth({ endpoint, channel, params, headers, timeout: this.options.authTimeout, signal });
        } catch (cause) {
          result = { ok: false, error: subscriptionError(channel, null, String(cause), 'refused') };
        }
        if (signal.aborted) return undefined;
        if (result.ok) return result.data;
        const retrying = attempt <= retries && transient(result.error);
        // The first failure is reported at once, so a hung endpoint is known after one timeout;
        // the retries in between stay quiet, and the last one reports the final outcome.
        if (attempt === 1 || !retrying) failed({ ...result.error, attempt, retrying });
        if (!retrying) return null;
        await pause(this.retryDelays(attempt - 1), signal);
        if (signal.aborted) return undefined;
      }
    } finally {
      requests.delete(controller);
      if (requests.size === 0 && this.pending.get(channel) === requests) this.pending.delete(channel);
    }
  }
}
