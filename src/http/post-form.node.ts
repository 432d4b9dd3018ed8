// postForm() in Node (dist/node/, the `node` export condition): node:http / node:https through one
// keep-alive agent per protocol, so 500 authorizations share a few sockets instead of opening 500,
// and without undici's per-request cost (BENCHMARKS.md, "Subscribe cost"). Redirects are followed
// as fetch follows them, so a login page behind a redirect comes back as it does in the browser.

import * as http from 'node:http';
import * as https from 'node:https';
import { FORM_HEADERS, namedError, type FormRequest, type FormResponse } from './form-request';

export type { FormRequest, FormResponse } from './form-request';

// One pool per process, like a browser's per-origin connection pool. The agent unrefs idle
// sockets, so they never keep the process alive. A burst of subscriptions shares at most 32
// connections per host: less CPU than one each (undici's and pusher-js's way) and, measured
// against 8, 16 and no limit, the fastest burst of 500 (BENCHMARKS.md). Requests beyond 32 wait
// for a free socket, and that wait counts against their timeout (a browser allows 6).
const MAX_SOCKETS = 32;
let agents: { 'http:': http.Agent; 'https:': https.Agent } | undefined;
const agentFor = (protocol: 'http:' | 'https:') =>
  (agents ??= {
    'http:': new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  })[protocol];

// Fetch's redirect rules: at most 20; 303, and 301/302 after a POST, continue as a GET without the
// body and its headers; another origin does not get the credentials.
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const MAX_REDIRECTS = 20;
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

interface Hop {
  target: URL & { protocol: 'http:' | 'https:' };
  method: 'POST' | 'GET';
  headers: Record<string, string | number>;
  body: string | undefined;
  redirects: number;
}

const without = (headers: Hop['headers'], names: string[]) => Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));

/** The URL as an http(s) URL, or the message that says why it is not one. */
function httpUrl(url: string, base?: URL): Hop['target'] | string {
  let target: URL;
  try {
    target = new URL(url, base);
  } catch {
    return `${JSON.stringify(url)} is not an absolute URL; in Node the endpoint needs scheme and host, e.g. http://127.0.0.1:8000/broadcasting/auth`;
  }
  return target.protocol === 'http:' || target.protocol === 'https:' ? (target as Hop['target']) : `${JSON.stringify(url)} is not an http: or https: URL`;
}

function redirected(hop: Hop, status: number, target: Hop['target']): Hop {
  const toGet = status === 303 || (status !== 307 && status !== 308 && hop.method === 'POST');
  let headers = toGet ? without(hop.headers, BODY_HEADERS) : hop.headers;
  if (target.origin !== hop.target.origin) headers = without(headers, CREDENTIAL_HEADERS);
  return { target, method: toGet ? 'GET' : hop.method, headers, body: toGet ? undefined : hop.body, redirects: hop.redirects + 1 };
}

// The server may close an idle kept-alive socket just as a request goes out on it; that request
// never reached the application, so it is sent once more on a fresh socket (Node's documented
// `request.reusedSocket` pattern).
const staleSocket = (request: http.ClientRequest, error: NodeJS.ErrnoException) =>
  request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');

/**
 * POSTs `body` (already form-encoded) to `url` with Content-Type application/x-www-form-urlencoded
 * and Accept application/json plus `headers`; resolves with any HTTP status and the body text;
 * rejects with an Error whose `name` is 'TimeoutError' after `timeout` ms, 'AbortError' when
 * `signal` aborts, anything else for a network failure. `url` must be absolute (http: or https:).
 */
export function postForm(url: string, body: string, { headers, timeout, signal }: FormRequest): Promise<FormResponse> {
  return new Promise((resolve, reject) => {
    const target = httpUrl(url);
    if (typeof target === 'string') return reject(new Error(target));
    if (signal?.aborted) return reject(namedError('AbortError', url, timeout));

    let hop: Hop = { target, method: 'POST', headers: { ...FORM_HEADERS, ...headers, 'Content-Length': Buffer.byteLength(body) }, body, redirects: 0 };
    let request: http.ClientRequest | undefined;
    let settled = false;
    const settle = (error: Error | null, response?: FormResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        request?.destroy();
        reject(error);
      } else resolve(response!);
    };
    const onAbort = () => settle(namedError('AbortError', url, timeout));
    const timer = setTimeout(() => settle(namedError('TimeoutError', url, timeout)), timeout);
    signal?.addEventListener('abort', onAbort);

    const onResponse = (response: http.IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.includes(status) && location !== undefined) {
        response.resume();
        const next = httpUrl(location, hop.target);
        if (typeof next === 'string') return settle(new Error(`${url} redirected to ${JSON.stringify(location)}, which is not an http: or https: URL`));
        if (hop.redirects >= MAX_REDIRECTS) return settle(new Error(`${url} redirected more than ${MAX_REDIRECTS} times`));
        hop = redirected(hop, status, next);
        return send(true);
      }
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => settle(null, { status, text }));
      response.on('error', (error) => settle(error));
      response.on('close', () => response.complete || settle(new Error(`${url} closed the connection before the response ended`)));
    };
    const send = (mayResend: boolean) => {
      const { target, method, headers } = hop;
      const sent = (request = (target.protocol === 'https:' ? https : http).request(target, { method, headers, agent: agentFor(target.protocol) }, onResponse));
      sent.on('error', (error: NodeJS.ErrnoException) => (mayResend && !settled && staleSocket(sent, error) ? send(false) : settle(error)));
      sent.end(hop.body);
    };
    try {
      send(true);
    } catch (error) {
      // http.request() throws at once for a header value it cannot send (a line break, say).
      settle(error as Error);
    }
  });
}
