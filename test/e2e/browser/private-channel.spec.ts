// The core example of Royalcms's broadcasting guide (docs/royalcms-broadcasting.md §3) on every
// server setup and both page kinds:
//   Echo.private(`order.${orderId}`).listen('ShippingStatusUpdated', (e) => console.log(e.update));
// The owner receives the event; another user's subscription is refused (403) and reaches error().
import { test, expect } from '../support/fixtures';
import { ALL_SETUPS, PUSHER_CLIENT, delivered, trigger } from '../support/env';

for (const setup of ALL_SETUPS) {
  for (const kind of ['cdn', 'esm'] as const) {
    test(`${setup.name} / ${kind}: ShippingStatusUpdated reaches the owner of order.1, Bob is refused with 403`, async ({ users }) => {
      const alice = await users.open({ setup, kind, user: 1, clientFromServer: true });
      // sio4: Bob is on the other process than Alice and the publisher's redis message.
      const bob = await users.open({ setup, kind, user: 2, server: 1 });

      expect(await alice.statusesAfter(-1)).toEqual([
        ['connecting', null],
        ['connected', 'connecting'],
      ]);
      // The page runs the intended client (on the CDN page as served by the Socket.IO server itself).
      const client = await alice.clientInfo();
      if (setup.transport === 'pusher') expect(client).toEqual({ pusher: PUSHER_CLIENT === 'pusher-js', io: null });
      else expect(client.io).toBe(setup.transport === 'sio2' ? 2 : 4);

      const order = await alice.subscribe('private', 'order.1', { events: ['ShippingStatusUpdated'] });
      const bobsOrder = await bob.subscribe('private', 'order.3', { events: ['ShippingStatusUpdated'] });
      const stolen = await bob.subscribe('private', 'order.1', { events: ['ShippingStatusUpdated'] });
      expect(order).toBe('private-order.1');

      const [error] = await bob.waitForCount({ type: 'error', channel: 'private-order.1' }, 1);
      expect(error!.data).toMatchObject({ type: 'AuthError', channel: 'private-order.1', status: 403, reason: 'forbidden' });
      expect(typeof error!.data.error).toBe('string');
      await alice.ready(order);
      await bob.ready(bobsOrder);

      const update = { update: { order_id: 1, status: 'shipped', carrier: 'SF Express', eta: '2026-12-01' } };
      await trigger(setup, { channel: 'private-order.1', event: 'App\\Events\\ShippingStatusUpdated', data: update });
      const received = await alice.waitForCount({ type: 'event', name: 'ShippingStatusUpdated' }, 1);
      expect(received[0]!.data).toEqual(delivered(setup, update));
      expect(received[0]!.data.update).toEqual(update.update);

      // Bob: nothing on the refused channel (the fence on his own order comes after it), one error only.
      await bob.fence(bobsOrder);
      await alice.fence(order);
      expect(await bob.records({ type: 'event' })).toEqual([]);
      expect(await bob.records({ type: 'error' })).toHaveLength(1);
      // pusher-js confirms subscriptions; laravel-echo-server's protocol has no acknowledgement, so
      // there subscribed() means "request sent" and the refusal follows it.
      const lifecycle = (await bob.records({ channel: stolen })).filter((r) => r.type === 'subscribed' || r.type === 'error').map((r) => r.type);
      expect(lifecycle).toEqual(setup.transport === 'pusher' ? ['error'] : ['subscribed', 'error']);
      expect(await alice.records({ type: 'event' })).toHaveLength(1);
      expect(await alice.records({ type: 'error' })).toEqual([]);
      expect(await alice.pageErrors()).toEqual([]);
      expect(await bob.pageErrors()).toEqual([]);
    });
  }
}
