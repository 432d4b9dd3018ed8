// The horizontally scaled Pusher setup in Node: soketi-1 and soketi-2 joined by soketi's redis
// adapter, clients spread over both nodes, the backend publishing to node 1 only (as an app behind
// a load balancer). Proven here: one presence member list across nodes; broadcasts and whispers
// cross nodes exactly once (deliveries counted, then a settle time to catch a late duplicate).
// The kill -9 / restart of a node is in soketi-cluster-restart.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { SETUPS, serverPresenceUsers, trigger, unique } from '../support/env';
import { connect, disconnectAll, type Client } from './clients';

const cluster = SETUPS['soketi-cluster'];
const NODE_1 = 0;
const NODE_2 = 1;
const ALICE = { id: 1, name: 'Alice' };
const BOB = { id: 2, name: 'Bob' };
const CAROL = { id: 3, name: 'Carol' };
/** After the expected deliveries: a duplicate through the adapter would arrive within milliseconds. */
const SETTLE_MS = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const byId = (users: Array<{ id: number }>) => [...users].sort((a, b) => a.id - b.id);
const seqs = (client: Client, type: 'event' | 'whisper', channel: string) => client.find({ type, channel }).map((e) => e.data.seq);

afterEach(disconnectAll);

describe('soketi cluster (Node, two nodes + redis adapter)', () => {
  it('one presence member list across nodes: here, joining and leaving reach both nodes once', async () => {
    const room = unique('cluster');
    const full = `presence-chat.${room}`;
    const alice = await connect(cluster, 1, { server: NODE_1 });
    const bob = await connect(cluster, 2, { server: NODE_2 });
    const carol = await connect(cluster, 3, { server: NODE_2 });

    alice.subscribe('presence', `chat.${room}`, { presence: true });
    expect((await alice.count({ type: 'here' }, 1))[0]!.data).toEqual([ALICE]);
    bob.subscribe('presence', `chat.${room}`, { presence: true });
    expect(byId((await bob.count({ type: 'here' }, 1))[0]!.data)).toEqual([ALICE, BOB]);
    expect((await alice.count({ type: 'joining' }, 1))[0]!.data).toEqual(BOB);
    carol.subscribe('presence', `chat.${room}`, { presence: true });
    expect(byId((await carol.count({ type: 'here' }, 1))[0]!.data)).toEqual([ALICE, BOB, CAROL]);
    expect((await alice.count({ type: 'joining' }, 2))[1]!.data).toEqual(CAROL);
    expect((await bob.count({ type: 'joining' }, 1))[0]!.data).toEqual(CAROL);
    for (const client of [alice, bob, carol]) expect(byId(client.echo.join(`chat.${room}`).members() as never)).toEqual([ALICE, BOB, CAROL]);
    expect(await serverPresenceUsers(cluster, full)).toEqual(['1', '2', '3']);

    // Bob (node 2) leaves: Alice on node 1 and Carol on node 2 hear it.
    bob.echo.leave(`chat.${room}`);
    expect((await alice.count({ type: 'leaving' }, 1))[0]!.data).toEqual(BOB);
    expect((await carol.count({ type: 'leaving' }, 1))[0]!.data).toEqual(BOB);
    // Carol (node 2) disconnects: Alice on node 1 hears it.
    carol.echo.disconnect();
    expect((await alice.count({ type: 'leaving' }, 2))[1]!.data).toEqual(CAROL);
    expect(alice.echo.join(`chat.${room}`).members()).toEqual([ALICE]);
    expect(await serverPresenceUsers(cluster, full)).toEqual(['1']);

    await alice.fence(full);
    await sleep(SETTLE_MS);
    expect(alice.find({ type: 'here' })).toHaveLength(1);
    expect(alice.find({ type: 'joining' })).toHaveLength(2);
    expect(alice.find({ type: 'leaving' })).toHaveLength(2);
    expect(bob.find({ type: 'joining' })).toHaveLength(1);
    expect(bob.find({ type: 'leaving' })).toEqual([]);
    expect(carol.find({ type: 'joining' })).toEqual([]);
  });

  it('broadcasts published to node 1 reach the clients of both nodes exactly once, in order (public, private, presence)', async () => {
    const room = unique('cluster');
    const news = `news.${room}`;
    const chat = `presence-chat.${room}`;
    const order = 'private-order.1';
    // Alice twice, one connection per node (the private channel admits its owner only), and Bob on node 2.
    const near = await connect(cluster, 1, { server: NODE_1 });
    const far = await connect(cluster, 1, { server: NODE_2 });
    const bob = await connect(cluster, 2, { server: NODE_2 });
    for (const client of [near, far]) {
      client.subscribe('public', news, { events: ['NewsPublished'] });
      client.subscribe('private', 'order.1', { events: ['NewsPublished'] });
      client.subscribe('presence', `chat.${room}`, { events: ['NewsPublished'] });
    }
    bob.subscribe('presence', `chat.${room}`, { events: ['NewsPublished'] });
    for (const client of [near, far]) for (const channel of [news, order, chat]) await client.ready(channel);
    await bob.ready(chat);

    const sent = Array.from({ length: 20 }, (_, i) => i + 1);
    for (const seq of sent) await trigger(cluster, { channels: [news, order, chat], event: 'App\\Events\\NewsPublished', data: { seq } });
    for (const client of [near, far]) for (const channel of [news, order, chat]) await client.fence(channel);
    await bob.fence(chat);
    await sleep(SETTLE_MS);
    for (const client of [near, far]) {
      for (const channel of [news, order, chat]) expect(seqs(client, 'event', channel), `${channel} on node ${client === near ? 1 : 2}`).toEqual(sent);
    }
    expect(seqs(bob, 'event', chat)).toEqual(sent);
    // Every probe (readiness and fences) arrived once too.
    for (const client of [near, far, bob]) {
      const nonces = client.find({ type: 'probe' }).map((e) => `${e.channel}:${e.data.nonce}`);
      expect(new Set(nonces).size, 'no probe delivered twice').toBe(nonces.length);
    }
  });

  it('whispers cross nodes exactly once, both ways, and never return to the sender', async () => {
    const room = unique('cluster');
    const full = `presence-chat.${room}`;
    const alice = await connect(cluster, 1, { server: NODE_1 });
    const bob = await connect(cluster, 2, { server: NODE_2 });
    const carol = await connect(cluster, 3, { server: NODE_1 });
    const channels = [];
    for (const client of [alice, bob, carol]) { // one after the other: each join is then announced to those before
      channels.push(client.subscribe('presence', `chat.${room}`, { presence: true, whispers: ['typing'] }));
      await client.count({ type: 'here' }, 1);
    }
    await alice.count({ type: 'joining' }, 2);
    await bob.count({ type: 'joining' }, 1);

    const sent = [1, 2, 3, 4, 5];
    for (const seq of sent) {
      channels[0]!.whisper('typing', { seq, from: 1 }); // node 1 -> Bob on node 2, Carol on node 1
      channels[1]!.whisper('typing', { seq, from: 2 }); // node 2 -> Alice and Carol on node 1
    }
    const from = (client: Client, sender: number) => client.find({ type: 'whisper', channel: full }).filter((e) => e.data.from === sender).map((e) => e.data.seq);
    await alice.count({ type: 'whisper' }, 5);
    await bob.count({ type: 'whisper' }, 5);
    await carol.count({ type: 'whisper' }, 10);
    await sleep(SETTLE_MS);
    expect(from(alice, 2)).toEqual(sent);
    expect(from(bob, 1)).toEqual(sent);
    expect([from(carol, 1), from(carol, 2)]).toEqual([sent, sent]);
    expect([from(alice, 1), from(bob, 2)], 'the sender hears nothing of its own').toEqual([[], []]);
    expect(alice.find({ type: 'whisper' })).toHaveLength(5);
    expect(bob.find({ type: 'whisper' })).toHaveLength(5);
    expect(carol.find({ type: 'whisper' })).toHaveLength(10);
    expect(await serverPresenceUsers(cluster, full)).toEqual(['1', '2', '3']);
  });
});
