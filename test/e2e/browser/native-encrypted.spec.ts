// Encrypted channels on the built-in Pusher client in Chromium against soketi: native.html bundles
// `royalcms-echo/native` and `nacl` from `royalcms-echo/encrypted` (no pusher-js on the page). The
// backend encrypts with the master key; the wire carries only ciphertext, the listener gets the
// plain payload, a payload under another key reaches error() and no listener, and without `nacl`
// encryptedPrivate() throws E22.
import { test, expect } from '../support/fixtures';
import { SETUPS, requests, trigger } from '../support/env';

const setup = SETUPS.soketi;
const EVENT = 'App\\Events\\ShippingStatusUpdated';
const update = { update: { order_id: 1, status: 'delivered', secret_note: 'leave it with the concierge' } };

test('soketi / native: encryptedPrivate() decrypts what the backend encrypted; other users are refused; no pusher-js on the page', async ({ users }) => {
  const frames: string[] = [];
  const alice = await users.open({
    setup,
    kind: 'native',
    user: 1,
    onPage: (page) => page.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload)))),
  });
  const bob = await users.open({ setup, kind: 'native', user: 2 });
  expect(await alice.clientInfo()).toEqual({ pusher: false, io: null });
  // the built-in connector: no pusher-js client behind it (`connector.pusher` is pusher-js's)
  expect(await alice.page.evaluate(() => 'pusher' in (window as any).Echo.connector)).toBe(false);

  const channel = await alice.subscribe('encrypted', 'order.1', { events: ['ShippingStatusUpdated'] });
  expect(channel).toBe('private-encrypted-order.1');
  await bob.subscribe('encrypted', 'order.1', { events: ['ShippingStatusUpdated'] });
  const [refused] = await bob.waitForCount({ type: 'error' }, 1);
  expect(refused!.data).toMatchObject({ type: 'AuthError', channel, status: 403, reason: 'forbidden', retrying: false });
  await alice.waitForCount({ type: 'subscribed' }, 1);

  const result = await trigger(setup, { channel, event: EVENT, data: update });
  expect(result.pusher.results[0].status).toBe(200);
  const [received] = await alice.waitForCount({ type: 'event', name: 'ShippingStatusUpdated' }, 1);
  expect(received!.data).toEqual(update);

  const wire = frames.find((frame) => frame.includes('ShippingStatusUpdated'));
  expect(wire, 'the event frame').toBeDefined();
  expect(Object.keys(JSON.parse(JSON.parse(wire!).data)).sort()).toEqual(['ciphertext', 'nonce']);
  expect(wire).not.toContain('concierge');

  expect(await alice.records({ type: 'error' })).toEqual([]);
  expect(await bob.records({ type: 'event' })).toEqual([]);
  expect(await alice.pageErrors()).toEqual([]);
});

test('soketi / native: a payload encrypted with another key reaches error() as a DecryptionError and no listener', async ({ users }) => {
  const alice = await users.open({ setup, kind: 'native', user: 1 });
  const channel = await alice.subscribe('encrypted', 'order.1', { events: ['ShippingStatusUpdated'] });
  await alice.waitForCount({ type: 'subscribed' }, 1);
  const before = (await requests('/broadcasting/auth')).filter((r) => r.body.channel_name === channel).length;

  await trigger(setup, { channel, event: EVENT, data: { update: { status: 'under another key' } }, corrupt: 'key' });
  const [failed] = await alice.waitForCount({ type: 'error' }, 1);
  expect(failed!.data).toMatchObject({ type: 'DecryptionError', channel, status: null, reason: 'decryption-failed', retrying: false });
  // one re-authorization fetched the key again before the event was given up
  expect((await requests('/broadcasting/auth')).filter((r) => r.body.channel_name === channel).length).toBe(before + 1);

  // the next good event arrives, and it is the only one any listener saw
  await trigger(setup, { channel, event: EVENT, data: update });
  const events = await alice.waitForCount({ type: 'event' }, 1);
  expect(events[0]!.data).toEqual(update);
  await alice.fence(channel);
  expect(await alice.records({ type: 'event' })).toHaveLength(1);
  expect(await alice.records({ type: 'error' })).toHaveLength(1);
  expect(await alice.status()).toBe('connected');
});

test('soketi / native: without nacl, encryptedPrivate() throws E22 at the call; private channels still work', async ({ users }) => {
  const alice = await users.open({ setup, kind: 'native', user: 1, withoutNacl: true });
  const thrown = await alice.page.evaluate(() => {
    try {
      (window as any).Echo.encryptedPrivate('order.1');
      return null;
    } catch (error) {
      return { name: (error as Error).name, code: (error as { code?: string }).code, message: (error as Error).message };
    }
  });
  expect(thrown).toMatchObject({ name: 'EchoError', code: 'E22' });
  expect(thrown!.message).toContain("import { nacl } from 'royalcms-echo/encrypted'");

  const channel = await alice.subscribe('private', 'order.1', { events: ['ShippingStatusUpdated'] });
  await alice.waitForCount({ type: 'subscribed' }, 1);
  await trigger(setup, { channel, event: EVENT, data: update });
  const [received] = await alice.waitForCount({ type: 'event' }, 1);
  expect(received!.data).toEqual(update);
});
