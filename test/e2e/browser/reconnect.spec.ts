// The server dies and comes back mid-session (/control/kill, then /control/start). The page's
// status goes reconnecting -> connected, every channel is subscribed again (private and presence
// ones re-authorized), presence members are right again, no callback fires twice for one event,
// and events published after the reconnection arrive. On the sio4 cluster the killed process is
// the one Alice is connected to; Bob stays on the other one.
import { test, expect } from '../support/fixtures';
import { ALL_SETUPS, clearRequests, control, requests, serverPresenceUsers, trigger, unique } from '../support/env';

const ALICE = { id: 1, name: 'Alice' };
const BOB = { id: 2, name: 'Bob' };
const byId = (users: Array<{ id: number }>) => [...users].sort((a, b) => a.id - b.id);

// Whatever happened in a test, the next one finds every server running (start is a no-op when up).
test.afterEach(async () => {
  for (const setup of ALL_SETUPS) for (const server of setup.servers) await control('start', server);
});

ALL_SETUPS.forEach((setup, index) => {
  const kind = index % 2 === 0 ? 'esm' : 'cdn';
  const killed = setup.servers[0]!;

  test(`${setup.name} / ${kind}: ${killed} killed and restarted mid-session`, async ({ users }) => {
    test.setTimeout(90_000);
    const room = unique('room');
    const news = `news.${room}`;
    const presence = `presence-chat.${room}`;
    const alice = await users.open({ setup, kind, user: 1 });
    const bob = await users.open({ setup, kind, user: 2, server: 1 });

    await alice.subscribe('public', news, { events: ['NewsPublished'] });
    const order = await alice.subscribe('private', 'order.1', { events: ['ShippingStatusUpdated'] });
    await alice.subscribe('presence', `chat.${room}`, { presence: true, events: ['NewMessage'], whispers: ['typing'] });
    await alice.waitForCount({ type: 'here' }, 1);
    await bob.subscribe('presence', `chat.${room}`, { presence: true });
    await bob.waitForCount({ type: 'here' }, 1);
    await alice.waitForCount({ type: 'joining' }, 1);
    for (const channel of [news, order, presence]) await alice.ready(channel);

    await clearRequests();
    const aliceMark = await alice.lastSeq();
    const bobMark = await bob.lastSeq();
    await control('kill', killed);
    await alice.waitForStatus('reconnecting');
    await control('start', killed);
    // pusher-js retries a lost connection on its own back-off schedule (seconds, up to ~15 s).
    await alice.waitForStatus('connected', 45_000);
    expect(await alice.statusesAfter(aliceMark)).toEqual([
      ['reconnecting', 'connected'],
      ['connected', 'reconnecting'],
    ]);
    const bobLost = setup.servers.length === 1; // on the cluster Bob's process kept running
    if (bobLost) await bob.waitForStatus('connected', 45_000);
    expect(await bob.statusesAfter(bobMark)).toEqual(bobLost ? [['reconnecting', 'connected'], ['connected', 'reconnecting']] : []);

    // Every channel delivers again ...
    for (const channel of [news, order, presence]) await alice.ready(channel, 15_000);
    // ... the private and presence ones after a new authorization.
    await expect
      .poll(async () => {
        const names = (await requests('/broadcasting/auth')).filter((r) => r.status === 200).map((r) => r.body.channel_name as string);
        return [...new Set(names)].sort();
      }, { intervals: [100], timeout: 10_000 })
      .toEqual([order, presence].sort());
    if (setup.transport === 'pusher') {
      // pusher-js asks the backend itself, for its new socket id.
      const [auth] = (await requests('/broadcasting/auth')).filter((r) => r.body.channel_name === order);
      expect(auth!.body.socket_id).toBe(await alice.socketId());
    }

    // Presence is right again on both sides and on the server.
    await expect.poll(async () => byId(await alice.members(`chat.${room}`)), { intervals: [50] }).toEqual([ALICE, BOB]);
    await expect.poll(async () => byId(await bob.members(`chat.${room}`)), { intervals: [50] }).toEqual([ALICE, BOB]);
    if (setup.name !== 'laravel-echo-server') {
      // laravel-echo-server keeps members in redis with a read-modify-write per join; Alice and Bob
      // rejoining at the same moment can lose one of them there (a server race, not a client one).
      await expect.poll(() => serverPresenceUsers(setup, presence), { intervals: [50] }).toEqual(['1', '2']);
    }
    const hereAgain = (await alice.records({ type: 'here' })).filter((r) => r.seq > aliceMark);
    expect(hereAgain.length).toBeGreaterThanOrEqual(1);
    expect(hereAgain[0]!.data.map((u: { id: number }) => u.id)).toContain(1);
    if (!bobLost) {
      // Bob's view never lost Alice for good: no joining/leaving noise for him.
      expect((await bob.records()).filter((r) => r.seq > bobMark && (r.type === 'joining' || r.type === 'leaving'))).toEqual([]);
    }

    // One event each after the reconnection: delivered exactly once.
    const mark = await alice.lastSeq();
    await trigger(setup, { channel: news, event: 'App\\Events\\NewsPublished', data: { id: 10, title: 'back online' } });
    await trigger(setup, { channel: order, event: 'App\\Events\\ShippingStatusUpdated', data: { update: { order_id: 1, status: 'delayed' } } });
    await trigger(setup, { channel: presence, event: 'App\\Events\\NewMessage', data: { id: 11, body: 'still here?' } });
    await bob.whisper('presence', `chat.${room}`, 'typing', { name: 'Bob' });
    await alice.fence(news);
    await alice.fence(order);
    await alice.fence(presence);
    await alice.waitForCount({ type: 'whisper' }, 1);
    const after = (await alice.records())
      .filter((r) => r.seq > mark && (r.type === 'event' || r.type === 'whisper'))
      .map((r) => `${r.type}:${r.name}`)
      .sort();
    expect(after).toEqual(['event:NewMessage', 'event:NewsPublished', 'event:ShippingStatusUpdated', 'whisper:typing']);
    expect(await alice.records({ type: 'error' })).toEqual([]);
    expect(await alice.pageErrors()).toEqual([]);
  });
});
