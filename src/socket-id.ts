// X-Socket-ID outside the interceptors: the check of the `socketIdOrigins` option, the header
// for a given request, and fetch() with the header. The facade's methods delegate here.

import { SOCKET_ID_HEADER } from './constants';
import { EchoError } from './errors';
import { originAllowed } from './interceptors';

/** `socketIdOrigins` entries must be absolute origins such as `https://api.example.com`. */
export function assertOrigins(origins: unknown): void {
  if (origins === undefined || origins === '*') return;
  const list = Array.isArray(origins) ? origins : [origins];
  for (const origin of list) {
    let valid = false;
    try {
      valid = typeof origin === 'string' && /^[a-z][a-z\d+\-.]*:\/\//i.test(origin) && new URL(origin).origin !== 'null';
    } catch {
      valid = false;
    }
    if (!valid || !Array.isArray(origins)) {
      throw EchoError.coded(
        'E2',
        __DEV__
          ? `options.socketIdOrigins must be '*' or an array of origins such as ['https://api.example.com']; ${JSON.stringify(origin)} is not one.`
          : 'new Echo() options.socketIdOrigins',
        origin,
      );
    }
  }
}

/** The socket id to send with a request to `url`: none while disconnected or to a foreign origin. */
export const socketIdFor = (socketId: string | undefined, url: string | undefined, origins: string[] | '*' | undefined): string | undefined =>
  socketId && originAllowed(url, origins) ? socketId : undefined;

/** `fetch()` with `X-Socket-ID` added when `socketId` is given. */
export function fetchWithSocketId(socketId: string | undefined, input: Parameters<typeof fetch>[0], init: Parameters<typeof fetch>[1] = {}): Promise<Response> {
  if (socketId) {
    const headers = new Headers(init.headers ?? (typeof input === 'object' && 'headers' in input ? input.headers : undefined));
    headers.set(SOCKET_ID_HEADER, socketId);
    init = { ...init, headers };
  }
  return fetch(input, init);
}

/** The URL a fetch() input names. */
export const urlOf = (input: Parameters<typeof fetch>[0]): string => (typeof input === 'string' ? input : 'url' in input ? input.url : String(input));
