import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authHeaders, discoverCsrfToken } from '../../src/auth-headers';
import { backoff } from '../../src/backoff';
import { ChannelAuthorizer } from '../../src/channel-authorizer';
import type { SubscriptionError } from '../../src/errors';
import { requestAuth, type AuthRequest } from '../../src/http-auth';
import { resolveOptions, type EchoOptions } from '../../src/options';
import { fakeFetch, json, type FakeFetch, type Reply } from './fakes/fake-fetch';
import { fakeDocument } from './fakes/fake-page';
import { connectedPusherEcho, flush, socketEcho } from './support';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const headersFor = (options: Omit<EchoOptions, 'broadcaster'> = {}, kind: 'channel' | 'user' = 'channel') =>
  authHeaders(resolveOptions({ broadcaster: 'null', ...options }), kind);

describe('CSRF token discovery and precedence', () => {
  const page = () => {
    vi.stubGlobal('Royalcms', { csrfToken: 'from-royalcms' });
    vi.stubGlobal('Laravel', { csrfToken: 'from-laravel' });
    vi.stubGlobal('document', fakeDocument('from-meta'));
  };

  it('options.csrfToken wins over window.Royalcms, window.Laravel and the meta tag', async () => {
    page();
    expect(await headersFor({ csrfToken: 'from-option' })).toEqual({ 'X-CSRF-TOKEN': 'from-option' });
  });

  it('window.Royalcms.csrfToken wins over window.Laravel and the meta tag', async () => {
    page();
    expect(await headersFor()).toEqual({ 'X-CSRF-TOKEN': 'from-royalcms' });
  });

  it('window.Laravel.csrfToken wins over the meta tag', async () => {
    vi.stubGlobal('Laravel', { csrfToken: 'from-laravel' });
    vi.stubGlobal('document', fakeDocument('from-meta'));
    expect(await headersFor()).toEqual({ 'X-CSRF-TOKEN': 'from-laravel' });
  });

  it('<meta name="csrf-token"> is read last', async () => {
    const document = fakeDocument('from-meta');
    vi.stubGlobal('document', document);
    expect(await headersFor()).toEqual({ 'X-CSRF-TOKEN': 'from-meta' });
    expect(document.queries).toEqual(['meta[name="csrf-token"]']);
  });

  it('sends no X-CSRF-TOKEN when no source has one', async () => {
    vi.stubGlobal('document', fakeDocument());
    expect(await headersFor()).toEqual({});
  });

  it('works without any document (Node, workers)', () => {
    expect(discoverCsrfToken()).toBeUndefined();
  });

  it('a csrfToken function is called at each authorization', async () => {
    let n = 0;
    const options = resolveOptions({ broadcaster: 'null', csrfToken: () => 'csrf-' + ++n });
    expect([(await authHeaders(options))['X-CSRF-TOKEN'], (await authHeaders(options))['X-CSRF-TOKEN']]).toEqual(['csrf-1', 'csrf-2']);
  });

  it('an X-CSRF-TOKEN given in auth.headers is kept over the page token', async () => {
    vi.stubGlobal('Royalcms', { csrfToken: 'from-royalcms' });
    expect(await headersFor({ auth: { headers: { 'X-CSRF-TOKEN': 'from-headers' } } })).toEqual({ 'X-CSRF-TOKEN': 'from-headers' });
  });
});

describe('authorization headers', () => {
  it('bearerToken is sent as Authorization: Bearer <token>', async () => {
    expect(await headersFor({ bearerToken: 'abc' })).toEqual({ Authorization: 'Bearer abc' });
  });

  it('an async bearerToken function is awaited', async () => {
    expect(await headersFor({ bearerToken: async () => 'later' })).toEqual({ Authorization: 'Bearer later' });
  });

  it('a bearerToken function returning null sends no Authorization', async () => {
    expect(await headersFor({ bearerToken: () => null })).toEqual({});
  });

  it('auth.headers are sent along with the tokens', async () => {
    expect(await headersFor({ auth: { headers: { 'X-Tenant': 'acme' } }, csrfToken: 'c', bearerToken: 'b' })).toEqual({
      'X-Tenant': 'acme',
      'X-CSRF-TOKEN': 'c',
      Authorization: 'Bearer b',
    });
  });

  it('auth.headers given as a function is called at each authorization', async () => {
    let n = 0;
    const options = resolveOptions({ broadcaster: 'null', auth: { headers: () => ({ 'X-Call': String(++n) }) } });
    expect([await authHeaders(options), await authHeaders(options)]).toEqual([{ 'X-Call': '1' }, { 'X-Call': '2' }]);
  });

  it('user authentication uses userAuthentication.headers, not auth.headers', async () => {
    expect(await headersFor({ auth: { headers: { 'X-Channel': '1' } }, userAuthentication: { headers: { 'X-User': '1' } } }, 'user')).toEqual({ 'X-User': '1' });
  });

  it('does not write into the auth object it was given', async () => {
    const auth = { headers: { 'X-Tenant': 'acme' } };
    await headersFor({ auth, csrfToken: 'c', bearerToken: 'b' });
    expect(auth).toEqual({ headers: { 'X-Tenant': 'acme' } });
  });
});

describe('headers on the wire, per driver', () => {
  it('Pusher: the bearer function is called for each private channel authorization', async () => {
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch);
    let n = 0;
    const { echo, pusher } = connectedPusherEcho({ bearerToken: () => 'tok-' + ++n });
    echo.private('a');
    echo.private('b');
    await pusher.settled();
    expect(fetch.requests.map((r) => r.headers['Authorization'])).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('Pusher: requests ask for JSON and carry the X-CSRF-TOKEN', async () => {
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho({ csrfToken: 'csrf-1' });
    echo.private('a');
    await pusher.settled();
    expect(fetch.requests[0]?.headers).toEqual({ 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'X-CSRF-TOKEN': 'csrf-1' });
  });
});

describe('a token provider that fails', () => {
  it('Pusher: reaches error() instead of throwing, and no request is sent', async () => {
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho({
      bearerToken: () => {
        throw new Error('refresh failed');
      },
    });
    const errors: Array<[string, string]> = [];
    echo.private('a').error((e) => errors.push([e.channel, e.error]));
    await pusher.settled();
    expect(errors).toEqual([['private-a', 'Error: refresh failed']]);
    expect(fetch.requests).toHaveLength(0);
  });

  it('Socket.IO: reaches error() instead of throwing, and no subscribe is sent', async () => {
    const { echo, socket } = socketEcho({ bearerToken: async () => Promise.reject(new Error('refresh failed')) });
    socket.serverConnect();
    const errors: Array<[string, string]> = [];
    echo.private('a').error((e) => errors.push([e.channel, e.error]));
    await flush();
    expect(errors).toEqual([['private-a', 'Building the auth headers of private-a failed: Error: refresh failed']]);
    expect(socket.emittedOf('subscribe')).toEqual([]);
  });
});

describe('setAuth(): new credentials without reconnecting', () => {
  it('Pusher: a new bearer token is used by the next authorization', async () => {
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho({ bearerToken: 'old' });
    echo.private('a');
    await pusher.settled();
    echo.setAuth({ bearerToken: 'new' });
    echo.private('b');
    await pusher.settled();
    expect(fetch.requests.map((r) => r.headers['Authorization'])).toEqual(['Bearer old', 'Bearer new']);
  });

  it('Pusher: setAuth() neither disconnects nor reconnects', () => {
    const { echo, pusher } = connectedPusherEcho();
    echo.setAuth({ bearerToken: 'new', headers: { 'X-A': '1' }, csrfToken: 'c' });
    expect(pusher.calls).toEqual([]);
    expect(echo.connectionStatus()).toBe('connected');
  });

  it('Pusher: setAuth({headers}) replaces the extra headers', async () => {
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho({ auth: { headers: { 'X-Old': '1' } } });
    echo.setAuth({ headers: { 'X-New': '2' } });
    echo.private('a');
    await pusher.settled();
    expect(fetch.requests[0]?.headers['X-New']).toBe('2');
    expect(fetch.requests[0]?.headers['X-Old']).toBeUndefined();
  });

  it("setAuth({headers}) does not write into the application's auth object", () => {
    const auth = { headers: { 'X-Old': '1' } };
    const { echo } = connectedPusherEcho({ auth });
    echo.setAuth({ headers: { 'X-New': '2' } });
    expect(auth).toEqual({ headers: { 'X-Old': '1' } });
  });

  it('setAuth({csrfToken}) changes the X-CSRF-TOKEN of later requests', async () => {
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho({ csrfToken: 'one' });
    echo.setAuth({ csrfToken: 'two' });
    echo.private('a');
    await pusher.settled();
    expect(fetch.requests[0]?.headers['X-CSRF-TOKEN']).toBe('two');
  });

  it('Socket.IO: the next (re)subscription carries the new token, with no reconnect', async () => {
    const { echo, socket } = socketEcho({ bearerToken: 'old' });
    echo.private('a');
    socket.serverConnect();
    await flush();
    echo.setAuth({ bearerToken: 'new' });
    echo.private('b');
    await flush();
    expect(socket.emittedOf('subscribe').map((p) => (p as { auth: { headers: Record<string, string> } }).auth.headers['Authorization'])).toEqual([
      'Bearer old',
      'Bearer new',
    ]);
    expect([socket.connectCalls, socket.disconnectCalls]).toEqual([0, 0]);
  });
});

describe('http-auth: one authorization request', () => {
  const request = (overrides: Partial<AuthRequest> = {}): AuthRequest => ({
    endpoint: '/broadcasting/auth',
    channel: 'private-order.1',
    params: { socket_id: '1.2', channel_name: 'private-order.1' },
    headers: { 'X-CSRF-TOKEN': 'c' },
    timeout: 1000,
    ...overrides,
  });
  let fetch: FakeFetch;
  const answer = (replies: Reply[]) => {
    fetch = fakeFetch(replies);
    vi.stubGlobal('fetch', fetch);
  };

  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('resolves with the JSON object of a 200 answer', async () => {
    answer([json({ auth: 'k:s' })]);
    expect(await requestAuth(request())).toEqual({ ok: true, data: { auth: 'k:s' } });
  });

  it('POSTs the form with credentials, Accept: application/json and the given headers', async () => {
    const init = vi.fn();
    vi.stubGlobal('fetch', (url: string, options: RequestInit) => {
      init(url, options);
      return Promise.resolve({ ok: true, status: 200, text: async () => '{}' });
    });
    await requestAuth(request());
    expect(init).toHaveBeenCalledExactlyOnceWith('/broadcasting/auth', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'X-CSRF-TOKEN': 'c' },
      body: 'socket_id=1.2&channel_name=private-order.1',
      credentials: 'same-origin',
      signal: expect.any(AbortSignal),
    });
  });

  it.each([
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [419, 'csrf-mismatch'],
    [404, 'refused'],
    [500, 'server-error'],
    [503, 'server-error'],
  ] as const)('maps HTTP %i to reason %s', async (status, reason) => {
    answer([{ status, body: 'x' }]);
    expect(await requestAuth(request())).toEqual({
      ok: false,
      error: { type: 'AuthError', channel: 'private-order.1', status, reason, error: `Authorization of private-order.1 failed with HTTP ${status}.`, attempt: 1, retrying: false },
    });
  });

  it('maps a body that is not JSON to invalid-response', async () => {
    answer([{ status: 200, body: 'not json' }]);
    const result = await requestAuth(request());
    expect(result).toEqual({
      ok: false,
      error: {
        type: 'AuthError',
        channel: 'private-order.1',
        status: 200,
        reason: 'invalid-response',
        error: 'Authorization of private-order.1 returned no JSON object (a login page after a redirect?): not json',
        attempt: 1,
        retrying: false,
      },
    });
  });

  it('maps an HTML page (a login redirect) to invalid-response, quoting its start', async () => {
    const html = '<!DOCTYPE html><html><head><title>Login</title></head><body>' + 'x'.repeat(200) + '</body></html>';
    answer([{ status: 200, body: html }]);
    const result = await requestAuth(request());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('invalid-response');
    expect(result.error.error).toBe('Authorization of private-order.1 returned no JSON object (a login page after a redirect?): ' + html.slice(0, 80));
  });

  it.each([['true'], ['[1,2]'], ['null'], ['"text"']])('maps the JSON value %s (not an object) to invalid-response', async (body) => {
    answer([{ status: 200, body }]);
    const result = await requestAuth(request());
    expect(result.ok ? 'ok' : result.error.reason).toBe('invalid-response');
  });

  it('maps a network failure to reason network with status null', async () => {
    answer([{ throws: new TypeError('Failed to fetch') }]);
    expect(await requestAuth(request())).toEqual({
      ok: false,
      error: { type: 'AuthError', channel: 'private-order.1', status: null, reason: 'network', error: 'Authorization of private-order.1 failed: Failed to fetch', attempt: 1, retrying: false },
    });
  });

  it('abandons a request after `timeout` ms with reason timeout', async () => {
    answer(['hang']);
    const pending = requestAuth(request({ timeout: 5000 }));
    await vi.advanceTimersByTimeAsync(4999);
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({
      ok: false,
      error: { type: 'AuthError', channel: 'private-order.1', status: null, reason: 'timeout', error: 'Authorization of private-order.1 timed out after 5000 ms.', attempt: 1, retrying: false },
    });
  });

  it('never throws: a fetch that throws synchronously resolves to a network error', async () => {
    vi.stubGlobal('fetch', () => {
      throw new Error('boom');
    });
    const result = await requestAuth(request());
    expect(result.ok ? 'ok' : [result.error.reason, result.error.error]).toEqual(['network', 'Authorization of private-order.1 failed: boom']);
  });

  it('never throws: a body that cannot be read resolves to a network error (no status: the response never completed)', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve({ ok: true, status: 200, text: () => Promise.reject(new Error('stream broke')) }));
    const result = await requestAuth(request());
    expect(result.ok ? 'ok' : [result.error.status, result.error.reason]).toEqual([null, 'network']);
  });
});

describe('ChannelAuthorizer: retries, early reports, cancel', () => {
  let fetch: FakeFetch;
  const answer = (replies: Reply[]) => {
    fetch = fakeFetch(replies);
    vi.stubGlobal('fetch', fetch);
  };
  const authorizer = (options: Omit<EchoOptions, 'broadcaster'> = {}) =>
    new ChannelAuthorizer(resolveOptions({ broadcaster: 'pusher', authRetries: 2, authTimeout: 1000, ...options }), backoff([300, 900]));
  const run = (options: Omit<EchoOptions, 'broadcaster'> = {}) => {
    const failures: SubscriptionError[] = [];
    const result = authorizer(options).channel('private-order.1', '1.2', (error) => failures.push(error));
    return { failures, result };
  };

  beforeEach(() => {
    vi.useFakeTimers();
  });

  it.each([401, 403, 419, 404])('does not retry HTTP %i, and reports it once as final', async (status) => {
    answer([{ status }]);
    const { failures, result } = run();
    expect(await result).toBeNull();
    expect(fetch.requests).toHaveLength(1);
    expect(failures.map((f) => [f.status, f.attempt, f.retrying])).toEqual([[status, 1, false]]);
  });

  it('does not retry an invalid response', async () => {
    answer([{ status: 200, body: '<html>' }]);
    const { failures, result } = run();
    await result;
    expect(fetch.requests).toHaveLength(1);
    expect(failures.map((f) => f.reason)).toEqual(['invalid-response']);
  });

  it('retries a 5xx on the schedule (300 ms, then 900 ms) and stops after authRetries retries', async () => {
    answer([{ status: 500 }]);
    const { failures, result } = run();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(299);
    expect(fetch.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(899);
    expect(fetch.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.requests).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetch.requests).toHaveLength(3);
    expect(await result).toBeNull();
    // The first failure at once (a retry follows), the quiet middle one left out, the final one.
    expect(failures.map((f) => [f.reason, f.attempt, f.retrying])).toEqual([
      ['server-error', 1, true],
      ['server-error', 3, false],
    ]);
  });

  it('resolves with the data when a retry succeeds, after one early report', async () => {
    answer([{ status: 502 }, json({ auth: 'k:s' })]);
    const { failures, result } = run();
    await vi.advanceTimersByTimeAsync(300);
    expect(await result).toEqual({ auth: 'k:s' });
    expect(fetch.requests).toHaveLength(2);
    expect(failures.map((f) => [f.attempt, f.retrying])).toEqual([[1, true]]);
  });

  it('retries a network failure', async () => {
    answer([{ throws: new TypeError('offline') }, json({ auth: 'k:s' })]);
    const { result } = run();
    await vi.advanceTimersByTimeAsync(300);
    expect(await result).toEqual({ auth: 'k:s' });
  });

  it('a hung endpoint is reported after one timeout, and a later answer still succeeds', async () => {
    answer(['hang', 'hang', json({ auth: 'k:s' })]);
    const { failures, result } = run({ authTimeout: 5000 });
    await vi.advanceTimersByTimeAsync(4999);
    expect(failures).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(failures.map((f) => [f.reason, f.attempt, f.retrying])).toEqual([['timeout', 1, true]]);
    await vi.advanceTimersByTimeAsync(300 + 5000 + 900);
    expect(await result).toEqual({ auth: 'k:s' });
    expect(failures).toHaveLength(1);
  });

  it('a slow but healthy endpoint (2 s) is not reported with the default timeout', async () => {
    const slow = vi.fn(
      () => new Promise((resolve) => setTimeout(() => resolve({ ok: true, status: 200, text: async () => '{"auth":"k:s"}' }), 2000)),
    );
    vi.stubGlobal('fetch', slow);
    const failures: SubscriptionError[] = [];
    const result = new ChannelAuthorizer(resolveOptions({ broadcaster: 'pusher' })).channel('private-a', '1.2', (e) => failures.push(e));
    await vi.advanceTimersByTimeAsync(2000);
    expect(await result).toEqual({ auth: 'k:s' });
    expect(failures).toEqual([]);
  });

  it('the defaults report a hung endpoint within 10 s and keep retrying', async () => {
    vi.stubGlobal('fetch', fakeFetch(['hang', 'hang', 'hang']));
    const failures: SubscriptionError[] = [];
    void new ChannelAuthorizer(resolveOptions({ broadcaster: 'pusher' })).channel('private-a', '1.2', (e) => failures.push(e));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(failures.map((f) => [f.reason, f.retrying])).toEqual([['timeout', true]]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(failures.map((f) => [f.attempt, f.retrying])).toEqual([
      [1, true],
      [3, false],
    ]);
  });

  it('makes exactly one attempt with authRetries: 0, reported as final', async () => {
    answer([{ status: 500 }]);
    const { failures, result } = run({ authRetries: 0 });
    await vi.advanceTimersByTimeAsync(10_000);
    await result;
    expect(fetch.requests).toHaveLength(1);
    expect(failures.map((f) => f.retrying)).toEqual([false]);
  });

  it('cancel() aborts the request in flight and reports nothing more', async () => {
    let signal: AbortSignal | undefined;
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      signal = init.signal ?? undefined;
      // As fetch does: an aborted request rejects.
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    });
    const failures: SubscriptionError[] = [];
    const auth = authorizer();
    const result = auth.channel('private-order.1', '1.2', (e) => failures.push(e));
    await vi.advanceTimersByTimeAsync(0);
    auth.cancel('private-order.1');
    expect(signal?.aborted).toBe(true);
    expect(await result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(failures).toEqual([]);
  });

  it('cancel() during the pause before a retry stops the retries', async () => {
    answer([{ status: 500 }]);
    const failures: SubscriptionError[] = [];
    const auth = authorizer();
    const result = auth.channel('private-order.1', '1.2', (e) => failures.push(e));
    await vi.advanceTimersByTimeAsync(10);
    auth.cancel('private-order.1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await result).toBeUndefined();
    expect(fetch.requests).toHaveLength(1);
    expect(failures).toHaveLength(1);
  });
});

describe('authTimeout and authRetries options reach the Pusher authorizer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('authRetries: 1 makes two attempts on a 500, then error() gets server-error', async () => {
    const fetch = fakeFetch([{ status: 500 }]);
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho({ authRetries: 1 });
    const reasons: Array<[string, boolean]> = [];
    echo.private('a').error((e) => reasons.push([e.reason, e.retrying]));
    const done = pusher.settled();
    await vi.advanceTimersByTimeAsync(1250);
    await done;
    expect(fetch.requests).toHaveLength(2);
    expect(reasons).toEqual([
      ['server-error', true],
      ['server-error', false],
    ]);
  });

  it('authTimeout bounds each attempt', async () => {
    const fetch = fakeFetch(['hang']);
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho({ authTimeout: 2000 });
    const errors: string[] = [];
    echo.private('a').error((e) => errors.push(e.error));
    const done = pusher.settled();
    await vi.advanceTimersByTimeAsync(2000);
    await done;
    expect(errors).toEqual(['Authorization of private-a timed out after 2000 ms.']);
  });
});

describe("ChannelAuthorizer: the application's own hooks (built-in client)", () => {
  const run = (options: Omit<EchoOptions, 'broadcaster'>) => {
    const failures: SubscriptionError[] = [];
    const result = new ChannelAuthorizer(resolveOptions({ broadcaster: 'pusher', ...options })).channel('private-order.1', '1.2', (e) => failures.push(e));
    return { failures, result };
  };

  it('channelAuthorization.customHandler answers instead of an HTTP request', async () => {
    const fetch = fakeFetch([]);
    vi.stubGlobal('fetch', fetch);
    const customHandler = vi.fn((_params: unknown, callback: (e: Error | null, d: unknown) => void) => callback(null, { auth: 'k:own' }));
    const { result } = run({ channelAuthorization: { customHandler } } as never);
    expect(await result).toEqual({ auth: 'k:own' });
    expect(customHandler).toHaveBeenCalledWith({ socketId: '1.2', channelName: 'private-order.1' }, expect.any(Function));
    expect(fetch.requests).toHaveLength(0);
  });

  it("Laravel Echo's authorizer option is called with the channel and answers", async () => {
    const authorizer = vi.fn((channel: { name: string }) => ({
      authorize: (socketId: string, callback: (e: Error | null, d: unknown) => void) => callback(null, { auth: `k:${channel.name}:${socketId}` }),
    }));
    const { result } = run({ authorizer } as never);
    expect(await result).toEqual({ auth: 'k:private-order.1:1.2' });
  });

  it("a hook's error reaches the failure callback once, final, and nothing is retried", async () => {
    const customHandler = vi.fn((_params: unknown, callback: (e: Error | null, d: unknown) => void) => callback(new Error('denied here'), null));
    const { failures, result } = run({ channelAuthorization: { customHandler } } as never);
    expect(await result).toBeNull();
    expect(failures.map((f) => [f.error, f.retrying, f.reason])).toEqual([['denied here', false, 'refused']]);
    expect(customHandler).toHaveBeenCalledTimes(1);
  });

  it('channelAuthorization.endpoint, params and headers shape the HTTP request', async () => {
    const fetch = fakeFetch([json({ auth: 'k:s' })]);
    vi.stubGlobal('fetch', fetch);
    const { result } = run({ channelAuthorization: { endpoint: '/custom/auth', params: { team: '7' }, headers: { 'X-Team': '7' } } } as never);
    expect(await result).toEqual({ auth: 'k:s' });
    expect(fetch.requests[0]!.url).toBe('/custom/auth');
    expect(fetch.requests[0]!.body).toContain('team=7');
    expect(fetch.requests[0]!.headers['X-Team']).toBe('7');
  });
});
