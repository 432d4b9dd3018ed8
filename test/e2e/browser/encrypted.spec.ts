// Echo.encryptedPrivate() with pusher-js's with-encryption build against soketi: the backend
// encrypts the payload with the channel's shared secret (nacl secretbox), the wire carries only
// ciphertext, and the listener gets the plain payload.
import { test, expect } from '../support/fixtures';
import { SETUPS, trigger } from '../support/env';

const setup = SETUPS.soketi;

for (const kind of ['cdn', 'esm'] as const) {
  test(`soketi / ${kind}: encryptedPrivate() decrypts what the backend encrypted; other users are refused`, async ({ users }) => {
    const frames: string[] = [];
    const alice = await users.open({
      setup,
      kind,
      user: 1,
      encrypted: true,
      onPage: (page) => page.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload)))),
    });
    const bob = await users.open({ setup, kind, user: 2, encrypted: true });

    const channel = await alice.subscribe('encrypted', 'order.1', { events: ['ShippingStatusUpdated'] });
    expect(channel).toBe('private-encrypted-order.1');
    await bob.subscribe('encrypted', 'order.1', { events: ['ShippingStatusUpdated'] });
    const [refused] = await bob.waitForCount({ type: 'error' }, 1);
    expect(refused!.data).toMatchObject({ channel: 'private-encrypted-order.1', status: 403, reason: 'forbidden' });
    await alice.waitForCount({ type: 'subscribed' }, 1);

    const update = { update: { order_id: 1, status: 'delivered', secret_note: 'leave it with the concierge' } };
    const result = await trigger(setup, { channel, event: 'App\\Events\\ShippingStatusUpdated', data: update });
    expect(result.pusher.results[0].status).toBe(200);
    const [received] = await alice.waitForCount({ type: 'event', name: 'ShippingStatusUpdated' }, 1);
    expect(received!.data).toEqual(update);

    const wire = frames.find((frame) => frame.includes('ShippingStatusUpdated'));
    expect(wire, 'the event frame').toBeDefined();
    const envelope = JSON.parse(JSON.parse(wire!).data);
    expect(Object.keys(envelope).sort()).toEqual(['ciphertext', 'nonce']);
    expect(wire).not.toContain('concierge');

    expect(await alice.records({ type: 'error' })).toEqual([]);
    expect(await bob.records({ type: 'event' })).toEqual([]);
  });
}
