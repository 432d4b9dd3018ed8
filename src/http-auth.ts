// One authorization request to the Royalcms backend (`POST /broadcasting/auth`), sent the way
// pusher-js sends it (form-encoded), with a timeout and an abort signal. It never throws:
// failures resolve to a SubscriptionError. Retries are the channel authorizer's.

import { subscriptionError, type SubscriptionError } from './errors';
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
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller?.abort();
  }, request.timeout);
  const abort = () => controller?.abort();
  request.signal?.addEventListener('abort', abort);
  let status: number | null = null;
  try {
    const response = await fetch(request.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...request.headers },
      body: new URLSearchParams(request.params).toString(),
      credentials: 'same-origin',
      signal: controller?.signal,
    });
    status = response.status;
    const text = await response.text();
    if (!response.ok) {
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
    const aborted = timedOut;
    return {
      ok: false,
      error: subscriptionError(
        request.channel,
        status,
        aborted
          ? `Authorization of ${request.channel} timed out after ${request.timeout} ms.`
          : `Authorization of ${request.channel} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        aborted ? 'timeout' : 'network',
      ),
    };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', abort);
  }
}
