// toOthers(): requests made with the page's axios (Echo's interceptor on window.axios) and with
// Echo.fetch() carry X-Socket-ID; the backend then broadcasts to everyone but that connection.
import { test, expect } from '../support/fixtures';
import { ALL_SETUPS, delivered, requests, unique } from '../support/env';

ALL_SETUPS.forEach((setup, index) => {
  const kind = index % 2 === 0 ? 'esm' : 'cdn';

  test(`${setup.name} / ${kind}: axios and Echo.fetch send X-Socket-ID; the sender is left out of its own broadcast`, async ({ users }) => {
    const room = unique('room');
    const chat = `private-chat.${room}`;
    const alice = await users.open({ setup, kind, user: 1 });
    const aliceTab = await users.tab(alice); // another connection of the same user
    const bob = await users.open({ setup, kind, user: 2, server: 1 });
    const aliceId = await alice.socketId();
    const bobId = await bob.socketId();
    expect(aliceId).toBeTruthy();
    expect(bobId).toBeTruthy();
    expect(aliceId).not.toBe(await aliceTab.socketId());

    // The header itself, echoed back by the backend.
    const viaAxios = await alice.axiosPost('/echo-headers', { via: 'axios' });
    expect(viaAxios.status).toBe(200);
    expect(viaAxios.data.headers['x-socket-id']).toBe(aliceId);
    const viaFetch = await bob.fetchPost('/echo-headers', { via: 'fetch' });
    expect(viaFetch.data.headers['x-socket-id']).toBe(bobId);
    expect(viaFetch.data.body).toEqual({ via: 'fetch' });

    const order = await alice.subscribe('private', 'order.1', { events: ['OrderShipped'] });
    await aliceTab.subscribe('private', 'order.1', { events: ['OrderShipped'] });
    for (const page of [alice, aliceTab, bob]) await page.subscribe('private', `chat.${room}`, { events: ['NewMessage'] });
    for (const page of [alice, aliceTab]) await page.ready(order);
    for (const page of [alice, aliceTab, bob]) await page.ready(chat);

    // A realistic web route: POST /orders/1/ship (session + CSRF via axios' XSRF cookie handling)
    // broadcasts OrderShipped ->toOthers(). Alice's other tab gets it, the tab that asked does not.
    const shipped = await alice.axiosPost(`/orders/1/ship?driver=${setup.driver}`);
    expect(shipped.status).toBe(200);
    const [logged] = await requests('/orders/1/ship');
    expect(logged!.headers['x-socket-id']).toBe(aliceId);
    const expected = { order: shipped.data.order, by: { id: 1, name: 'Alice' } };
    const [received] = await aliceTab.waitForCount({ type: 'event', name: 'OrderShipped' }, 1);
    expect(received!.data).toEqual(delivered(setup, expected, aliceId));

    // Echo.fetch() to a broadcasting endpoint: Alice hears Bob's message, Bob does not.
    const message = { id: 501, body: 'Hello from Bob', user: { id: 2, name: 'Bob' } };
    const sent = await bob.fetchPost('/trigger', { driver: setup.driver, channel: chat, event: 'App\\Events\\NewMessage', data: message });
    expect(sent.status).toBe(200);
    expect(sent.data.socket).toBe(bobId);
    const [heard] = await alice.waitForCount({ type: 'event', name: 'NewMessage' }, 1);
    expect(heard!.data).toEqual(delivered(setup, message, bobId));
    await aliceTab.waitForCount({ type: 'event', name: 'NewMessage' }, 1);

    // The broadcasts were sent before these fences on the same connections.
    await alice.fence(order);
    await bob.fence(chat);
    expect(await alice.records({ type: 'event', name: 'OrderShipped' })).toEqual([]);
    expect(await bob.records({ type: 'event' })).toEqual([]);
    expect(await aliceTab.records({ type: 'event' })).toHaveLength(2);
  });
});
