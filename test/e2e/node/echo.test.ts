// The built SDK in Node 20 against the real servers, on all three setups: a private event, a
// refused subscription reaching error(), presence between two Node clients, whisper, toOthers.
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_SETUPS, BACKEND, delivered, serverPresenceUsers, trigger, unique } from '../support/env';
import { connect, disconnectAll } from './clients';

const ALICE = { id: 1, name: 'Alice' };
const BOB = { id: 2, name: 'Bob' };
const byId = (users: Array<{ id: number }>) => [...users].sort((a, b) => a.id - b.id);

afterEach(disconnectAll);

describe.each(ALL_SETUPS)('$name (Node)', (setup) => {
  it('a private event reaches the owner; a refused subscription reaches error() with 403 and receives nothing', async () => {
    const alice = await connect(setup, 1);
    const bob = await connect(setup, 2, { server: 1 });
    alice.subscribe('private', 'order.2', { events: ['ShippingStatusUpdated'] });
    bob.subscribe('private', 'order.2', { events: ['ShippingStatusUpdated'] });
    bob.subscribe('private', 'order.3', { events: ['ShippingStatusUpdated'] });

    const [error] = await bob.count({ type: 'error', channel: 'private-order.2' }, 1);
    expect(error!.data).toMatchObject({ type: 'AuthError', channel: 'private-order.2', status: 403, reason: 'forbidden' });
    await alice.ready('private-order.2');
    await bob.ready('private-order.3');

    const update = { update: { order_id: 2, status: 'out_for_delivery' } };
    await trigger(setup, { channel: 'private-order.2', event: 'App\\Events\\ShippingStatusUpdated', data: update });
    const [event] = await alice.count({ type: 'event', name: 'ShippingStatusUpdated' }, 1);
    expect(event!.data).toEqual(delivered(setup, update));
    await bob.fence('private-order.3');
    await alice.fence('private-order.2');
    expect(bob.find({ type: 'event' })).toEqual([]);
    expect(bob.find({ type: 'error' })).toHaveLength(1);
    expect(alice.find({ type: 'event' })).toHaveLength(1);
    expect(alice.find({ type: 'error' })).toEqual([]);
  });

  it('presence: here, joining and leaving between two clients', async () => {
    const room = unique('node');
    const full = `presence-chat.${room}`;
    const alice = await connect(setup, 1);
    const bob = await connect(setup, 2, { server: 1 });
    alice.subscribe('presence', `chat.${room}`, { presence: true });
    const [aliceHere] = await alice.count({ type: 'here' }, 1);
    expect(aliceHere!.data).toEqual([ALICE]);

    const bobs = bob.subscribe('presence', `chat.${room}`, { presence: true });
    const [bobHere] = await bob.count({ type: 'here' }, 1);
    expect(byId(bobHere!.data)).toEqual([ALICE, BOB]);
    const [joined] = await alice.count({ type: 'joining' }, 1);
    expect(joined!.data).toEqual(BOB);
    expect(byId(alice.echo.join(`chat.${room}`).members() as never)).toEqual([ALICE, BOB]);
    expect(await serverPresenceUsers(setup, full)).toEqual(['1', '2']);

    bob.echo.leave(`chat.${room}`);
    const [left] = await alice.count({ type: 'leaving' }, 1);
    expect(left!.data).toEqual(BOB);
    expect(alice.echo.join(`chat.${room}`).members()).toEqual([ALICE]);
    expect(bobs.members()).toEqual([]);
    await alice.fence(full);
    expect(alice.find({ type: 'joining' })).toHaveLength(1);
    expect(alice.find({ type: 'leaving' })).toHaveLength(1);
    expect(alice.find({ type: 'here' })).toHaveLength(1);
  });

  it('whisper reaches the other client, not the sender', async () => {
    const room = unique('node');
    const full = `private-chat.${room}`;
    const alice = await connect(setup, 1);
    const bob = await connect(setup, 2, { server: 1 });
    const aliceChat = alice.subscribe('private', `chat.${room}`, { whispers: ['typing'] });
    const bobChat = bob.subscribe('private', `chat.${room}`, { whispers: ['typing'] });
    await alice.ready(full);
    await bob.ready(full);

    aliceChat.whisper('typing', { name: 'Alice' });
    const [heard] = await bob.count({ type: 'whisper' }, 1);
    expect(heard!.data).toEqual({ name: 'Alice' });
    bobChat.whisper('typing', { name: 'Bob' });
    const [reply] = await alice.count({ type: 'whisper' }, 1);
    expect(reply!.data).toEqual({ name: 'Bob' });
    await alice.fence(full);
    await bob.fence(full);
    expect(alice.find({ type: 'whisper' }).map((e) => e.data)).toEqual([{ name: 'Bob' }]);
    expect(bob.find({ type: 'whisper' }).map((e) => e.data)).toEqual([{ name: 'Alice' }]);
  });

  it('toOthers: Echo.fetch() and an axios instance send X-Socket-ID; the sender is left out', async () => {
    const room = unique('node');
    const full = `private-chat.${room}`;
    const http = axios.create({ baseURL: BACKEND, headers: { Authorization: 'Bearer token-1' } });
    const alice = await connect(setup, 1, { options: { axios: http } });
    const aliceAgain = await connect(setup, 1, { server: 1 });
    const bob = await connect(setup, 2, { server: 1 });
    for (const client of [alice, aliceAgain, bob]) client.subscribe('private', `chat.${room}`, { events: ['NewMessage'] });
    alice.subscribe('private', 'order.1', { events: ['OrderShipped'] });
    aliceAgain.subscribe('private', 'order.1', { events: ['OrderShipped'] });
    for (const client of [alice, aliceAgain, bob]) await client.ready(full);
    await alice.ready('private-order.1');
    await aliceAgain.ready('private-order.1');
    const aliceId = alice.echo.socketId()!;
    const bobId = bob.echo.socketId()!;
    expect(alice.echo.socketIdHeaders(`${BACKEND}/trigger`)).toEqual({ 'X-Socket-ID': aliceId });

    // Echo.fetch(): Bob's message goes to everyone else.
    const message = { id: 7, body: 'from Node' };
    const response = await bob.echo.fetch(`${BACKEND}/trigger`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ driver: setup.driver, channel: full, event: 'App\\Events\\NewMessage', data: message }),
    });
    expect((await response.json()).socket).toBe(bobId);
    for (const client of [alice, aliceAgain]) {
      const [received] = await client.count({ type: 'event', name: 'NewMessage' }, 1);
      expect(received!.data).toEqual(delivered(setup, message, bobId));
    }

    // The axios instance given as options.axios: a web route that broadcasts ->toOthers().
    const shipped = await http.post(`/orders/1/ship?driver=${setup.driver}`);
    expect(shipped.data.broadcast.socket).toBe(aliceId);
    const [order] = await aliceAgain.count({ type: 'event', name: 'OrderShipped' }, 1);
    expect(order!.data).toEqual(delivered(setup, { order: shipped.data.order, by: ALICE }, aliceId));

    await bob.fence(full);
    await alice.fence('private-order.1');
    expect(bob.find({ type: 'event' })).toEqual([]);
    expect(alice.find({ type: 'event', name: 'OrderShipped' })).toEqual([]);
  });
});
