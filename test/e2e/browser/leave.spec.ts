// Echo.leave(name) and Echo.leaveChannel(fullName): nothing arrives afterwards and the server no
// longer lists the subscription (soketi's HTTP API; the Socket.IO servers' channel API).
import { test, expect } from '../support/fixtures';
import { ALL_SETUPS, serverChannels, serverPresenceUsers, serverSubscriptions, trigger, unique } from '../support/env';

ALL_SETUPS.forEach((setup, index) => {
  const kind = index % 2 === 0 ? 'cdn' : 'esm';

  test(`${setup.name} / ${kind}: after leave() and leaveChannel() nothing arrives and the server drops the subscriptions`, async ({ users }) => {
    const room = unique('room');
    const news = `news.${room}`;
    const presence = `presence-chat.${room}`;
    const alice = await users.open({ setup, kind, user: 1 });
    const bob = await users.open({ setup, kind, user: 2, server: 1 });

    const home = await alice.subscribe('private', 'App.User.1', { events: ['Ping'] }); // stays: the fence channel
    await alice.subscribe('public', news, { events: ['NewsPublished'] });
    await alice.subscribe('private', 'order.2', { events: ['ShippingStatusUpdated'] });
    await alice.subscribe('presence', `chat.${room}`, { presence: true, events: ['NewMessage'] });
    // laravel-echo-server keeps presence members in redis with a read-modify-write per join: two
    // joins at the same moment lose one member (a server race). Join one after the other.
    await alice.waitForCount({ type: 'here' }, 1);
    await bob.subscribe('presence', `chat.${room}`, { presence: true });
    for (const channel of [home, news, 'private-order.2', presence]) await alice.ready(channel);
    await bob.waitForCount({ type: 'here' }, 1);
    await expect.poll(() => serverChannels(setup), { intervals: [50] }).toMatchObject({ [news]: 1, 'private-order.2': 1, [presence]: 2 });

    await alice.leave(news); // every variant of the name
    await alice.leave('order.2');
    await alice.leaveChannel(presence); // exactly one channel, by full name
    const [left] = await bob.waitForCount({ type: 'leaving' }, 1);
    expect(left!.data).toEqual({ id: 1, name: 'Alice' });

    await expect
      .poll(async () => {
        const channels = await serverChannels(setup);
        return { news: channels[news] ?? 0, order: channels['private-order.2'] ?? 0, home: channels[home] ?? 0 };
      }, { intervals: [50] })
      .toEqual({ news: 0, order: 0, home: 1 });
    await expect.poll(() => serverSubscriptions(setup, presence), { intervals: [50] }).toBe(1);
    expect(await serverPresenceUsers(setup, presence)).toEqual(['2']);

    const before = await alice.lastSeq();
    await trigger(setup, { channel: news, event: 'App\\Events\\NewsPublished', data: { id: 1 } });
    await trigger(setup, { channel: 'private-order.2', event: 'App\\Events\\ShippingStatusUpdated', data: { update: { order_id: 2 } } });
    await trigger(setup, { channel: presence, event: 'App\\Events\\NewMessage', data: { id: 2 } });
    await trigger(setup, { channel: presence, event: 'e2e.probe', data: { nonce: 'after-leave' } });
    await trigger(setup, { channel: home, event: 'App\\Events\\Ping', data: { n: 1 } });
    await alice.waitForCount({ type: 'event', name: 'Ping' }, 1);
    await alice.fence(home);
    // Only the kept channel's event and fence arrived after leaving, and no presence callback fired.
    const after = (await alice.records()).filter((r) => r.seq > before).map((r) => `${r.type}:${r.channel}`);
    expect(after).toEqual([`event:${home}`, `probe:${home}`]);
  });
});
