// Builds the headers of one authorization request from this instance's options, at the time
// of the request, so a refreshed token is picked up without reconnecting.

import type { ResolvedOptions } from './options';
import type { HeaderMap, HeadersSource, TokenSource } from './types';

interface PageGlobals {
  Royalcms?: { csrfToken?: string };
  Laravel?: { csrfToken?: string };
  document?: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
}

/** `window.Royalcms.csrfToken`, `window.Laravel.csrfToken`, then `<meta name="csrf-token">`. */
export function discoverCsrfToken(): string | undefined {
  const page = globalThis as PageGlobals;
  return (
    page.Royalcms?.csrfToken ||
    page.Laravel?.csrfToken ||
    page.document?.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ||
    undefined
  );
}

const readToken = async (source: TokenSource): Promise<string | null | undefined> =>
  typeof source === 'function' ? source() : source;

const readHeaders = async (source: HeadersSource | undefined): Promise<HeaderMap> =>
  (typeof source === 'function' ? await source() : source) ?? {};

/** Headers for channel authorization (`kind: 'channel'`) or user authentication (`kind: 'user'`). */
export async function authHeaders(options: ResolvedOptions, kind: 'channel' | 'user' = 'channel'): Promise<HeaderMap> {
  const own = await readHeaders(kind === 'user' ? options.userAuthentication.headers : options.auth.headers);
  const headers: HeaderMap = { ...own };
  const csrf = (await readToken(options.csrfToken)) || (!('X-CSRF-TOKEN' in headers) && discoverCsrfToken());
  if (csrf) headers['X-CSRF-TOKEN'] = csrf;
  const bearer = await readToken(options.bearerToken);
  if (bearer) headers['Authorization'] = 'Bearer ' + bearer;
  return headers;
}
