// One authorization request to the Royalcms backend (`POST /broadcasting/auth`), sent the way
// pusher-js sends it (form-encoded) through postForm (fetch in the browser, node:http in Node),
// with a timeout and an abort signal. It never throws: failures resolve to a SubscriptionError.
// Retries are the channel authorizer's.

import { subscriptionError, type SubscriptionError } from './errors';
import { postForm } from './http/post-form';
import type { HeaderMap } from './types';

export interface AuthRequest {
  endpoint: string;
  channel: string;
  params: Record<string, string>;
  headers: HeaderMap;
  timeout: number;
  /** Aborts the request (the channel was left); the result is then a `network` error nobody reads. */
  signal?: AbortSignal;
}

export type AuthResult = { ok: true; data: Record<string, unknown> } | { ok: false; error: SubscriptionError };

/** Sends the request once. */
export async function requestAuth(request: AuthRequest): Promise<AuthResult> {
  try {
    const { status, text } = await postForm(request.endpoint, new URLSearchParams(request.params).toString(), {
      headers: request.headers,
      timeout: request.timeout,
      signal: request.signal,
    });
    if (status < 200 || status > 299) {
      return { ok: false, error: subscriptionError(request.channel, status, `Authorization of ${request.channel} failed with HTTP ${status}.`) };
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      return {
        ok: false,
        error: subscriptionError(
          request.channel,
          status,
          `Authorization of ${request.channel} returned no JSON object (a login page after a redirect?): ${text.slice(0, 80)}`,
          'invalid-response',
        ),
      };
    }
    return { ok: true, data: data as Record<string, unknown> };
  } catch (cause) {
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    return {
      ok: false,
      error: subscriptionError(
        request.channel,
        null,
        timedOut
          ? `Authorization of ${request.channel} timed out after ${request.timeout} ms.`
          : `Authorization of ${request.channel} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        timedOut ? 'timeout' : 'network',
      ),
    };
  }
}
