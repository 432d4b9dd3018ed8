// Security guarantees in Chromium against the real backend and servers:
//  - X-Socket-ID goes to the page's own origin only (127.0.0.1:<backend>, not localhost:<backend>), unless
//    socketIdOrigins widens it;
//  - no token (bearer, CSRF) ever appears in a URL: page requests, WebSocket URLs, the backend's log;
//  - two Echo instances in one page keep their own bearer tokens, setAuth() on one leaves the other;
//  - a real CSRF mismatch (stale token, cookie session) reaches error() as 419 csrf-mismatch, and one
//    retry() after setAuth({csrfToken}) subscribes;
//  - an encrypted channel never delivers a payload it cannot decrypt, and reports it to error().
import { test, expect } from '../support/fixtures';
import { PORTS, SETUPS, clearRequests, echoOptions, requests, trigger, unique, type Setup } from '../support/env';

const CROSS_ORIGIN = `http://localhost:${PORTS.backend}`;

test('soketi / esm: X-Socket-ID only to the page’s own origin; socketIdOrigins widens it', async ({ users }) => {
  const setup = SETUPS.soketi;
  const alice = await users.open({ setup, kind: 'esm', user: 1 });
  const id = await alice.socketId();
  expect(id).toBeTruthy();

  const same = await alice.axiosPost('/echo-headers', { to: 'same origin' });
  expect(same.data.headers['x-socket-id']).toBe(id);
  const crossAxios = await alice.axiosPost(`${CROSS_ORIGIN}/echo-headers`, { to: 'other origin' });
  expect(crossAxios.status).toBe(200);
  expect(crossAxios.data.headers['x-socket-id']).toBeUndefined();
  const crossFetch = await alice.fetchPost(`${CROSS_ORIGIN}/echo-headers`, { to: 'other origin' });
  expect(crossFetch.status).toBe(200);
  expect(crossFetch.data.headers['x-socket-id']).toBeUndefined();
  expect(await alice.page.evaluate((url) => (window as any).H.echo.socketIdHeaders(url), 'https://api.example.com/v1')).toEqual({});

  const bob = await users.open({ setup, kind: 'esm', user: 2, options: { socketIdOrigins: [CROSS_ORIGIN] } });
  const bobId = await bob.socketId();
  const widened = await bob.axiosPost(`${CROSS_ORIGIN}/echo-headers`, { to: 'allowed origin' });
  expect(widened.data.headers['x-socket-id']).toBe(bobId);
  const widenedFetch = await bob.fetchPost(`${CROSS_ORIGIN}/echo-headers`, { to: 'allowed origin' });
  expect(widenedFetch.data.headers['x-socket-id']).toBe(bobId);
  expect(await bob.page.evaluate((url) => (window as any).H.echo.socketIdHeaders(url), 'https://api.example.com/v1')).toEqual({});
});

for (const setup of [SETUPS.soketi, SETUPS.sio4]) {
  const kind = setup.transport === 'pusher' ? 'cdn' : 'esm';

  test(`${setup.name} / ${kind}: no bearer or CSRF token in any URL (page requests, WebSocket, backend log)`, async ({ users }) => {
    const urls: string[] = [];
    const token = `token-1`;
    await clearRequests();
    const alice = await users.open({
      setup,
      kind,
      user: 1,
      options: { bearerToken: token },
      onPage: (page) => {
        page.on('request', (request) => urls.push(request.url()));
        page.on('websocket', (ws) => urls.push(ws.url()));
      },
    });
    const csrf: string = await alice.page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content || (window as any).Royalcms?.csrfToken);
    expect(csrf).toMatch(/^[0-9a-f]{40}$/);
    const room = unique('room');
    await alice.subscribe('private', 'order.1');
    await alice.subscribe('presence', `chat.${room}`, { presence: true });
    await alice.waitForCount({ type: 'here' }, 1);
    await alice.ready('private-order.1');
    await alice.fetchPost('/echo-headers', {});

    expect(urls.some((url) => url.startsWith('ws://'))).toBe(true);
    const logged = await requests();
    const auth = logged.filter((r) => r.path === '/broadcasting/auth');
    expect(auth.length).toBeGreaterThanOrEqual(2);
    expect(auth.every((r) => r.headers['authorization'] === `Bearer ${token}`)).toBe(true); // the token travels in a header
    const everyUrl = [...urls, ...logged.map((r) => `${r.path}?${new URLSearchParams(r.query).toString()}`)];
    for (const url of everyUrl) {
      expect(url, 'bearer token in a URL').not.toContain(token);
      expect(url, 'CSRF token in a URL').not.toContain(csrf);
      expect(url.toLowerCase()).not.toMatch(/bearer|authorization|csrf|_token/);
    }
  });

  test(`${setup.name} / ${kind}: two Echo instances in one page each send their own bearer token; setAuth() on one leaves the other`, async ({ users }) => {
    const alice = await users.open({ setup, kind, user: 1 });
    await clearRequests();
    const results = await alice.page.evaluate(async (options) => {
      const H = (window as any).H;
      const Echo = H.libs.Echo;
      const extra: Record<string, unknown> = { withoutInterceptors: true };
      if (H.libs.Pusher && options.broadcaster === 'pusher') extra.Pusher = H.libs.Pusher;
      if (H.libs.io && options.broadcaster === 'socket.io') extra.client = H.libs.io;
      const first = new Echo({ ...options, ...extra, bearerToken: 'token-1' });
      const second = new Echo({ ...options, ...extra, bearerToken: 'token-2' });
      (window as any).pair = [first, second];
      const outcome = (channel: any) =>
        new Promise((resolve) => {
          channel.subscribed(() => resolve('subscribed')).error((e: any) => resolve(`error ${e.status}`));
          setTimeout(() => resolve('timeout'), 8000);
        });
      const a = await outcome(first.private('order.1')); // Alice's order
      const b = await outcome(second.private('order.3')); // Bob's order
      second.setAuth({ bearerToken: 'token-3' }); // Carol
      const c = await outcome(first.private('App.User.1'));
      const d = await outcome(second.private('App.User.3'));
      return [a, b, c, d];
    }, echoOptions(setup, { host: 'url' }));
    if (setup.transport === 'pusher') expect(results).toEqual(['subscribed', 'subscribed', 'subscribed', 'subscribed']);
    const sent = async () =>
      Object.fromEntries(
        (await requests('/broadcasting/auth'))
          .filter((r) => ['private-order.1', 'private-order.3', 'private-App.User.1', 'private-App.User.3'].includes(r.body.channel_name as string))
          .map((r) => [r.body.channel_name, `${r.headers['authorization']} ${r.status}`]),
      );
    await expect
      .poll(sent, { intervals: [100] })
      .toEqual({
        'private-order.1': 'Bearer token-1 200',
        'private-order.3': 'Bearer token-2 200',
        'private-App.User.1': 'Bearer token-1 200',
        'private-App.User.3': 'Bearer token-3 200',
      });
    await alice.page.evaluate(() => (window as any).pair.forEach((echo: any) => echo.disconnect()));
  });

  test(`${setup.name} / ${kind}: a stale CSRF token is a 419 csrf-mismatch in error(); one retry() after setAuth({csrfToken}) subscribes`, async ({ users }) => {
    const alice = await users.open({ setup, kind, user: 1, options: { csrfToken: 'stale-token-from-an-old-tab' } });
    await alice.subscribe('private', 'order.1', { events: ['ShippingStatusUpdated'] });
    const [error] = await alice.waitForCount({ type: 'error' }, 1);
    expect(error!.data).toMatchObject({ type: 'AuthError', channel: 'private-order.1', status: 419, reason: 'csrf-mismatch' });
    await alice.page.evaluate(() => {
      const H = (window as any).H;
      const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content || (window as any).Royalcms.csrfToken;
      H.echo.setAuth({ csrfToken: token });
      H.echo.private('order.1').retry();
    });
    await alice.ready('private-order.1');
    await trigger(setup, { channel: 'private-order.1', event: 'App\\Events\\ShippingStatusUpdated', data: { update: { status: 'ok' } } });
    await alice.waitForCount({ type: 'event' }, 1);
    expect(await alice.records({ type: 'error' })).toHaveLength(1);
  });
}

test('soketi / cdn: an encrypted channel reports payloads it cannot decrypt to error() and delivers none of them', async ({ users }) => {
  const setup: Setup = SETUPS.soketi;
  const alice = await users.open({ setup, kind: 'cdn', user: 1, encrypted: true });
  const channel = await alice.subscribe('encrypted', 'order.1', { events: ['ShippingStatusUpdated'] });
  await alice.waitForCount({ type: 'subscribed' }, 1);
  const mark = (await requests('/broadcasting/auth')).filter((r) => r.body.channel_name === channel).length;

  // Encrypted with another key: pusher-js fetches the channel's key again, still cannot decrypt.
  await trigger(setup, { channel, event: 'App\\Events\\ShippingStatusUpdated', data: { update: { status: 'wrong key' } }, corrupt: 'key' });
  const [wrongKey] = await alice.waitForCount({ type: 'error' }, 1);
  expect(wrongKey!.data).toMatchObject({ type: 'DecryptionError', channel, status: null, reason: 'decryption-failed' });
  expect((await requests('/broadcasting/auth')).filter((r) => r.body.channel_name === channel).length).toBe(mark + 1);
  // Not an encrypted envelope at all.
  await trigger(setup, { channel, event: 'App\\Events\\ShippingStatusUpdated', data: { update: { status: 'plain' } }, corrupt: 'format' });
  const errors = await alice.waitForCount({ type: 'error' }, 2);
  expect(errors[1]!.data).toMatchObject({ type: 'DecryptionError', channel, reason: 'decryption-failed' });
  expect(errors[1]!.data.error).toContain('could not be decrypted');

  // The channel still works; nothing undecryptable reached the listener.
  await trigger(setup, { channel, event: 'App\\Events\\ShippingStatusUpdated', data: { update: { status: 'fine' } } });
  const [event] = await alice.waitForCount({ type: 'event' }, 1);
  expect(event!.data).toEqual({ update: { status: 'fine' } });
  expect(await alice.records({ type: 'error' })).toHaveLength(2);
  expect(await alice.pageErrors()).toEqual([]);
});
