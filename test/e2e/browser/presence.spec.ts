// Presence chat and client events between two users (two browser contexts), on every setup.
//   Echo.join(`chat.${roomId}`).here(...).joining(...).leaving(...)
//   Echo.private(`chat.${roomId}`).whisper('typing', {...}) / .listenForWhisper('typing', ...)
// On the sio4 cluster Alice is on the first process and Bob on the second, so everything crosses redis.
import { test, expect } from '../support/fixtures';
import { ALL_SETUPS, serverPresenceUsers, serverSubscriptions, unique } from '../support/env';

const ALICE = { id: 1, name: 'Alice' };
const BOB = { id: 2, name: 'Bob' };
const byId = (users: Array<{ id: number }>) => [...users].sort((a, b) => a.id - b.id);

ALL_SETUPS.forEach((setup, index) => {
  const kind = index % 2 === 0 ? 'cdn' : 'esm';

  test(`${setup.name} / ${kind}: presence here/joining/leaving, one user in two tabs counts once`, async ({ users }) => {
    const room = unique('room');
    const full = `presence-chat.${room}`;
    const alice = await users.open({ setup, kind, user: 1 });
    const bob = await users.open({ setup, kind, user: 2, server: 1 });

    expect(await alice.subscribe('presence', `chat.${room}`, { presence: true })).toBe(full);
    const [aliceHere] = await alice.waitForCount({ type: 'here' }, 1);
    expect(aliceHere!.data).toEqual([ALICE]);

    await bob.subscribe('presence', `chat.${room}`, { presence: true });
    const [bobHere] = await bob.waitForCount({ type: 'here' }, 1);
    expect(byId(bobHere!.data)).toEqual([ALICE, BOB]);
    const [joined] = await alice.waitForCount({ type: 'joining' }, 1);
    expect(joined!.data).toEqual(BOB);
    expect(byId(await alice.members(`chat.${room}`))).toEqual([ALICE, BOB]);

    // Alice opens a second tab: Bob must not see her join again, and she is one member.
    const aliceTab = await users.tab(alice);
    await aliceTab.subscribe('presence', `chat.${room}`, { presence: true });
    const [tabHere] = await aliceTab.waitForCount({ type: 'here' }, 1);
    expect(byId(tabHere!.data)).toEqual([ALICE, BOB]);
    await bob.fence(full);
    expect(await bob.records({ type: 'joining' })).toEqual([]);
    expect(byId(await bob.members(`chat.${room}`))).toEqual([ALICE, BOB]);
    expect(await alice.records({ type: 'joining' })).toHaveLength(1);
    await expect.poll(() => serverPresenceUsers(setup, full), { intervals: [50] }).toEqual(['1', '2']);

    // Closing one of her tabs is not leaving ...
    expect(await serverSubscriptions(setup, full)).toBe(3);
    await aliceTab.page.close();
    await expect.poll(() => serverSubscriptions(setup, full), { intervals: [50] }).toBe(2);
    await bob.fence(full);
    expect(await bob.records({ type: 'leaving' })).toEqual([]);
    expect(byId(await bob.members(`chat.${room}`))).toEqual([ALICE, BOB]);

    // ... leaving with the last one is.
    await alice.leave(`chat.${room}`);
    const [left] = await bob.waitForCount({ type: 'leaving' }, 1);
    expect(left!.data).toEqual(ALICE);
    expect(await bob.members(`chat.${room}`)).toEqual([BOB]);
    await expect.poll(() => serverPresenceUsers(setup, full), { intervals: [50] }).toEqual(['2']);
    await bob.fence(full);
    expect(await bob.records({ type: 'leaving' })).toHaveLength(1);
    expect(await bob.records({ type: 'here' })).toHaveLength(1);
    expect(await alice.records({ type: 'leaving' })).toEqual([]);
  });

  test(`${setup.name} / ${kind}: whisper('typing') reaches the other user's listenForWhisper, never the sender`, async ({ users }) => {
    const room = unique('room');
    const full = `private-chat.${room}`;
    const alice = await users.open({ setup, kind, user: 1 });
    const bob = await users.open({ setup, kind, user: 2, server: 1 });
    await alice.subscribe('private', `chat.${room}`, { whispers: ['typing'] });
    await bob.subscribe('private', `chat.${room}`, { whispers: ['typing'] });
    // laravel-echo-server's protocol relays client events only once the server has authorized
    // the socket, which it does not acknowledge: wait until the channel delivers.
    await alice.ready(full);
    await bob.ready(full);

    await alice.whisper('private', `chat.${room}`, 'typing', { name: 'Alice', typing: true });
    const [heard] = await bob.waitForCount({ type: 'whisper' }, 1);
    expect(heard).toMatchObject({ channel: full, name: 'typing', data: { name: 'Alice', typing: true } });

    await bob.whisper('private', `chat.${room}`, 'typing', { name: 'Bob', typing: false });
    const [reply] = await alice.waitForCount({ type: 'whisper' }, 1);
    expect(reply!.data).toEqual({ name: 'Bob', typing: false });

    // Each sender's own whisper went out before the other's reply: had the server echoed it, it
    // would be here by now. The fences catch anything still in flight.
    await alice.fence(full);
    await bob.fence(full);
    expect(await alice.payloads({ type: 'whisper' })).toEqual([{ name: 'Bob', typing: false }]);
    expect(await bob.payloads({ type: 'whisper' })).toEqual([{ name: 'Alice', typing: true }]);
  });
});
