// Authorization on the built-in client with a fake clock: the first failed attempt reported at
// once (retrying), the final one, a later success, leaving while the request hangs, and sign-in.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubscriptionError } from '../../src/errors';
import { fakeFetch, formOf, json, type Reply } from './fakes/fake-fetch';
import { connectedNativeEcho } from './native-support';
import { flush } from './support';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const settle = () => vi.advanceTimersByTimeAsync(0).then(() => flush());

function withReplies(replies: Reply[]) {
  const fetch = fakeFetch(replies);
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('authorization failures reach error()', () => {
  it('a hung endpoint: the first timeout is reported at authTimeout with attempt 1, retrying', async () => {
    withReplies(['hang']);
    const { echo } = connectedNativeEcho({ authRetries: 2, authTimeout: 5_000 });
    const errors: SubscriptionError[] = [];
    echo.private('orders.1').error((e) => errors.push(e));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toMatchObject([{ type: 'AuthError', channel: 'private-orders.1', reason: 'timeout', status: null, attempt: 1, retrying: true }]);
  });

  it('a hung endpoint: after the last retry the final failure comes with retrying false', async () => {
    withReplies(['hang']);
    const { echo, server } = connectedNativeEcho({ authRetries: 2, authTimeout: 5_000 });
    const errors: SubscriptionError[] = [];
    const channel = echo.private('orders.1').error((e) => errors.push(e));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors.map(({ attempt, retrying }) => ({ attempt, retrying }))).toEqual([
      { attempt: 1, retrying: true },
      { attempt: 3, retrying: false },
    ]);
    expect(channel.isSubscribed).toBe(false);
    expect(server.socket.sentOf('pusher:subscribe')).toEqual([]);
  });

  it('5xx then success: one early report, then subscribed() and events', async () => {
    const fetch = withReplies([{ status: 503 }, json({ auth: 'app-key:sig' })]);
    const { echo, server } = connectedNativeEcho({ authRetries: 2 });
    const errors: SubscriptionError[] = [];
    const subscribed = vi.fn();
    const event = vi.fn();
    echo.private('orders.1').error((e) => errors.push(e)).subscribed(subscribed).listen('OrderShipped', event);
    await settle();
    expect(errors).toMatchObject([{ reason: 'server-error', status: 503, attempt: 1, retrying: true }]);
    await vi.advanceTimersByTimeAsync(1_250); // the first retry waits 1 s plus up to 25 % (AUTH_RETRY_DELAYS)
    await settle();
    expect(fetch.requests).toHaveLength(2);
    expect(subscribed).toHaveBeenCalledTimes(1);
    server.socket.event('private-orders.1', 'App\\Events\\OrderShipped', { id: 1 });
    expect(event).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
  });

  it('403: one final report (forbidden, attempt 1), no retry, no subscription', async () => {
    const fetch = withReplies([{ status: 403 }]);
    const { echo, server } = connectedNativeEcho({ authRetries: 2 });
    const errors: SubscriptionError[] = [];
    echo.private('orders.1').error((e) => errors.push(e));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(errors).toMatchObject([{ reason: 'forbidden', status: 403, attempt: 1, retrying: false }]);
    expect(fetch.requests).toHaveLength(1);
    expect(server.socket.sentOf('pusher:subscribe')).toEqual([]);
  });

  it('a refused presence channel reports to error() too', async () => {
    withReplies([{ status: 401 }]);
    const { echo } = connectedNativeEcho();
    const errors: SubscriptionError[] = [];
    echo.join('room.1').error((e) => errors.push(e));
    await settle();
    expect(errors).toMatchObject([{ channel: 'presence-room.1', reason: 'unauthenticated', retrying: false }]);
  });

  it('a refusal on one channel leaves the others subscribed', async () => {
    const fetch = fakeFetch((request) => (formOf(request)['channel_name'] === 'private-bad' ? { status: 403 } : json({ auth: 'app-key:sig' })));
    vi.stubGlobal('fetch', fetch);
    const { echo } = connectedNativeEcho();
    const good = echo.private('good');
    echo.private('bad');
    await settle();
    expect(good.isSubscribed).toBe(true);
  });
});

describe('authorization across a reconnect', () => {
  it('a request for the previous socket id that fails later is not reported and does not undo the new subscription', async () => {
    let call = 0;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) =>
      call++ === 0
        ? new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
        : fakeFetch([json({ auth: 'app-key:sig' })])(url, init),
    );
    const { echo, server } = connectedNativeEcho({ authRetries: 0, authTimeout: 5_000 });
    const errors: SubscriptionError[] = [];
    const channel = echo.private('orders.1').error((e) => errors.push(e));
    await settle(); // the first request (socket 1234.5678) hangs
    server.socket.closeFromServer(1006);
    await vi.advanceTimersByTimeAsync(100);
    server.socket.establish('2.2');
    await settle();
    expect(channel.isSubscribed).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000); // the first request times out now
    expect(errors).toEqual([]);
    expect(channel.isSubscribed).toBe(true);
  });
});

describe('leaving while the authorization is pending', () => {
  it('aborts the request and reports nothing, even after the timeout would have passed', async () => {
    const signals: AbortSignal[] = [];
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      signals.push(init.signal!);
      return new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    });
    const { echo, server } = connectedNativeEcho({ authRetries: 2 });
    const errors: SubscriptionError[] = [];
    const subscribed = vi.fn();
    echo.private('orders.1').error((e) => errors.push(e)).subscribed(subscribed);
    await settle();
    expect(signals).toHaveLength(1);
    echo.leave('orders.1');
    expect(signals[0]!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toEqual([]);
    expect(subscribed).not.toHaveBeenCalled();
    expect(server.socket.sentOf('pusher:subscribe')).toEqual([]);
    expect(signals).toHaveLength(1);
  });

  it('leaving between two retries stops the retries', async () => {
    const fetch = withReplies([{ status: 500 }]);
    const { echo } = connectedNativeEcho({ authRetries: 2 });
    const errors: SubscriptionError[] = [];
    echo.private('orders.1').error((e) => errors.push(e));
    await settle();
    echo.leave('orders.1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch.requests).toHaveLength(1);
    expect(errors).toHaveLength(1); // the first, early report only
  });

  it('joining again after leaving starts a fresh authorization that can succeed', async () => {
    vi.stubGlobal('fetch', fakeFetch(['hang']));
    const { echo, server } = connectedNativeEcho();
    echo.private('orders.1');
    await settle();
    echo.leave('orders.1');
    vi.stubGlobal('fetch', fakeFetch([json({ auth: 'app-key:sig' })]));
    const subscribed = vi.fn();
    echo.private('orders.1').subscribed(subscribed);
    await settle();
    expect(subscribed).toHaveBeenCalledTimes(1);
    expect(server.socket.sentOf('pusher:subscribe')).toHaveLength(1);
  });
});

describe('headers of the authorization request', () => {
  it('sends the CSRF token, the bearer token and auth.headers', async () => {
    const fetch = withReplies([json({ auth: 'app-key:sig' })]);
    const { echo } = connectedNativeEcho({ csrfToken: 'csrf-1', bearerToken: 'tok', auth: { headers: { 'X-App': 'shop' } } });
    echo.private('orders.1');
    await settle();
    expect(fetch.requests[0]!.headers).toMatchObject({ 'X-CSRF-TOKEN': 'csrf-1', Authorization: 'Bearer tok', 'X-App': 'shop' });
  });

  it('auth.params are added to the form', async () => {
    const fetch = withReplies([json({ auth: 'app-key:sig' })]);
    const { echo } = connectedNativeEcho({ auth: { params: { team: '7' } } });
    echo.private('orders.1');
    await settle();
    expect(formOf(fetch.requests[0])).toEqual({ team: '7', socket_id: '1234.5678', channel_name: 'private-orders.1' });
  });
});

describe('sign-in', () => {
  const USER = { auth: 'app-key:user-sig', user_data: JSON.stringify({ id: '1', name: 'Ann' }) };

  it('posts the socket id to the user endpoint, then sends pusher:signin with auth and user_data verbatim', async () => {
    const fetch = withReplies([json(USER)]);
    const { echo, server } = connectedNativeEcho();
    echo.signin();
    await settle();
    expect(fetch.requests[0]!.url).toBe('/broadcasting/user-auth');
    expect(formOf(fetch.requests[0])).toEqual({ socket_id: '1234.5678' });
    expect(server.socket.raw.at(-1)).toBe(JSON.stringify({ event: 'pusher:signin', data: USER }));
  });

  it('called before the handshake, it signs in once connected', async () => {
    withReplies([json(USER)]);
    const { echo, server } = connectedNativeEcho();
    server.socket.closeFromServer(1006);
    echo.signin();
    await vi.advanceTimersByTimeAsync(100);
    server.socket.establish('2.2');
    await settle();
    expect(server.socket.sentOf('pusher:signin')).toHaveLength(1);
  });

  it('signs in again after each reconnect, with the new socket id', async () => {
    const fetch = withReplies([json(USER)]);
    const { echo, server } = connectedNativeEcho();
    echo.signin();
    await settle();
    server.socket.closeFromServer(1006);
    await vi.advanceTimersByTimeAsync(100);
    server.socket.establish('2.2');
    await settle();
    expect(fetch.requests.map((r) => formOf(r)['socket_id'])).toEqual(['1234.5678', '2.2']);
    expect(server.socket.sentOf('pusher:signin')).toHaveLength(1);
  });

  it('a sign-in request for the previous socket id that fails later is not reported', async () => {
    let call = 0;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) =>
      call++ === 0
        ? new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
        : fakeFetch([json(USER)])(url, init),
    );
    const { echo, server, errors } = connectedNativeEcho({ authRetries: 0, authTimeout: 5_000 });
    echo.signin();
    await settle();
    server.socket.closeFromServer(1006);
    await vi.advanceTimersByTimeAsync(100);
    server.socket.establish('2.2');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.socket.sentOf('pusher:signin')).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('a refused sign-in reaches onConnectionError', async () => {
    withReplies([{ status: 403 }]);
    const { echo, errors } = connectedNativeEcho();
    echo.signin();
    await settle();
    expect(errors).toMatchObject([{ type: 'PusherError', code: null, message: expect.stringContaining('403') }]);
  });
});
