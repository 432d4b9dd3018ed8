// One authorization request to the Royalcms backend (`POST /broadcasting/auth`), sent the way
// pusher-js sends it (form-encoded), with a timeout and bounded retries of transient failures.
// It never throws: failures resolve to a SubscriptionError.

import { subscriptionError, type SubscriptionError } from './errors';
import { postForm } from './http/post-form';
import type { HeaderMap } from './types';

export interface AuthRequest {
  endpoint: string;
  channel: string;
  params: Record<string, string>;
  headers: HeaderMap;
  timeout: number;
  retries: number;
}

export type AuthResult = { ok: true; data: Record<string, unknown> } | { ok: false; error: SubscriptionError };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const transient = (error: SubscriptionError) =>
  error.reason === 'server-error' || error.reason === 'network' || error.reason === 'timeout';

async function attempt(request: AuthRequest): Promise<AuthResult> {
  try {
    const { status, text } = await postForm(request.endpoint, new URLSearchParams(request.params).toString(), {
      headers: request.headers,
      timeout: request.timeout,
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

/** Sends the request, retrying 5xx, network errors and timeouts up to `retries` times (0.3 s, 0.9 s, ...). */
export async function authorize(request: AuthRequest): Promise<AuthResult> {
  for (let tries = 0; ; tries++) {
    const result = await attempt(request);
    if (result.ok || tries >= request.retries || !transient(result.error)) return result;
    await sleep(300 * 3 ** tries);
  }
}
