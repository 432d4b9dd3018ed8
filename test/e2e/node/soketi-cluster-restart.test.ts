// The soketi cluster's bad day in Node: soketi-2, the node Alice is connected to, is killed with
// SIGKILL and restarted while Bob stays on soketi-1 and the backend keeps publishing to soketi-1.
// Measured from the moment the restarted node answers HTTP: Alice connected, each channel's
// subscribed() again and the first event delivered on each channel, all within RECOVERY_BUDGET_MS
// (printed, and written to .tmp/results/recovery.json). Then: every channel re-authorized once,
// one presence list without duplicates on both nodes, and events and whispers exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { PUSHER_CLIENT, SETUPS, clearRequests, control, requests, serverPresenceUsers, trigger, unique } from '../support/env';
import { answersAgain, saveRecovery, startTicker } from '../support/recovery';
import { connect, disconnectAll } from './clients';

const cluster = SETUPS['soketi-cluster'];
const KILLED = 'soketi-2';
const KILLED_PORT = cluster.ports[1]!;
const RECOVERY_BUDGET_MS = 1_000;
const DOWN_MS = 3_000;
const ALICE = { id: 1, name: 'Alice' };
const BOB = { id: 2, name: 'Bob' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const byId = (users: Array<{ id: number }>) => [...users].sort((a, b) => a.id - b.id);
/**
 * pusher-js path: the SDK's recovery timer restarts pusher-js on `reconnectDelays` (default
 * [1500, 2000]), which can take ~2 s to find the returning node; every 500 ms, as in the Chromium
 * spec (soketi-cluster.spec.ts says why not faster). The built-in client keeps its own schedule.
 */
const RECONNECT = PUSHER_CLIENT === 'pusher-js' ? { reconnectDelays: [500] } : {};

afterEach(async () => {
  disconnectAll();
  await control('start', KILLED); // a no-op when it runs
});

describe('soketi cluster (Node): kill -9 of one node', () => {
  it(`soketi-2 killed and restarted: its client is back on every channel within ${RECOVERY_BUDGET_MS} ms of the node's return, nothing twice`, async () => {
    const room = unique('cluster');
    const news = `news.${room}`;
    const order = 'private-order.1';
    const chat = `presence-chat.${room}`;
    const channels = [news, order, chat];
    const alice = await connect(cluster, 1, { server: 1, options: RECONNECT });
    const bob = await connect(cluster, 2, { server: 0, options: RECONNECT });
    alice.subscribe('public', news, { events: ['Tick', 'NewsPublished'] });
    alice.subscribe('private', 'order.1', { events: ['Tick', 'NewsPublished'] });
    alice.subscribe('presence', `chat.${room}`, { presence: true, events: ['Tick', 'NewsPublished'], whispers: ['typing'] });
    await alice.count({ type: 'here' }, 1);
    const bobChat = bob.subscribe('presence', `chat.${room}`, { presence: true, events: ['Tick'] });
    await bob.count({ type: 'here' }, 1);
    await alice.count({ type: 'joining' }, 1);
    for (const channel of channels) await alice.ready(channel);
    const statuses: string[] = [];
    alice.echo.onConnectionChange((status) => statuses.push(status));
    const bobStatuses: string[] = [];
    bob.echo.onConnectionChange((status) => bobStatuses.push(status));

    await clearRequests();
    const mark = Date.now();
    const ticker = startTicker(cluster, channels, 'App\\Events\\Tick');
    await control('kill', KILLED);
    await alice.until(() => alice.echo.connectionStatus() === 'reconnecting', 5_000, 'status reconnecting');
    await sleep(DOWN_MS);
    const started = control('start', KILLED);
    const answeredAt = await answersAgain(KILLED_PORT);
    await started;

    const after = (type: 'subscribed' | 'event', channel: string) => alice.find({ type, channel }).filter((e) => e.at > mark && (type !== 'event' || e.name === 'Tick'));
    const backAt = (type: 'subscribed' | 'event', channel: string) => after(type, channel).find((e) => e.at >= answeredAt)?.at;
    await alice.until(() => channels.every((c) => backAt('subscribed', c) && backAt('event', c)), 10_000, 'every channel subscribed again and delivering');
    const sentTicks = await ticker.stop();
    const figures = {
      subscribedMs: Object.fromEntries(channels.map((c) => [c, backAt('subscribed', c)! - answeredAt])),
      firstEventMs: Object.fromEntries(channels.map((c) => [c, backAt('event', c)! - answeredAt])),
    };
    const worst = Math.max(...Object.values(figures.subscribedMs), ...Object.values(figures.firstEventMs));
    console.log(`[recovery] soketi-cluster (Node, ${PUSHER_CLIENT}): after ${KILLED} answered again, subscribed() ${JSON.stringify(figures.subscribedMs)} ms, first event ${JSON.stringify(figures.firstEventMs)} ms`);
    saveRecovery('soketi-cluster-node', {
      server: KILLED,
      client: `royalcms-echo + ${PUSHER_CLIENT} (Node)`,
      killedWith: 'SIGKILL',
      downMs: DOWN_MS,
      options: RECONNECT,
      ...figures,
      channelsMs: worst,
      budgetMs: RECOVERY_BUDGET_MS,
      measured: "from the restarted node's first HTTP answer to each channel's subscribed() and first event",
    });
    expect(worst, `every channel back within ${RECOVERY_BUDGET_MS} ms`).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);

    // One reconnection on Alice's side, none on Bob's (his node kept running); each channel subscribed again once.
    expect(statuses).toEqual(['reconnecting', 'connected']);
    expect(bobStatuses).toEqual([]);
    for (const channel of channels) expect(after('subscribed', channel), channel).toHaveLength(1);
    // Re-authorized once, with the new socket id.
    const socketId = alice.echo.socketId();
    const auths = (await requests('/broadcasting/auth')).filter((r) => r.body.socket_id === socketId);
    expect(auths.map((r) => `${r.body.channel_name}:${r.status}`).sort()).toEqual([`${chat}:200`, `${order}:200`]);

    // No tick twice on Alice's side; Bob on the surviving node got every tick once, in order.
    await bob.fence(chat);
    for (const channel of channels) {
      const got = after('event', channel).map((e) => e.data.seq);
      expect(new Set(got).size, `${channel}: no tick twice`).toBe(got.length);
    }
    expect(bob.find({ type: 'event', channel: chat, name: 'Tick' }).map((e) => e.data.seq)).toEqual(Array.from({ length: sentTicks }, (_, i) => i + 1));

    // One presence list on both nodes: Alice's fresh list, Bob's without a duplicate, the cluster's.
    const hereAgain = alice.find({ type: 'here' }).filter((e) => e.at > mark);
    expect(hereAgain).toHaveLength(1);
    expect(byId(hereAgain[0]!.data)).toEqual([ALICE, BOB]);
    expect(byId(bobChat.members() as never)).toEqual([ALICE, BOB]);
    expect(bob.find({ type: 'leaving' })).toEqual([]);
    // soketi never announces the members of a dead node as gone and sends Bob member_added again for the
    // returning Alice, who is still on his list: at most one joining (the SDK on pusher-js reports none).
    expect(bob.find({ type: 'joining' }).length).toBeLessThanOrEqual(1);
    expect(await serverPresenceUsers(cluster, chat)).toEqual(['1', '2']);

    // Afterwards: a burst through node 1 and Bob's whispers reach Alice on node 2 exactly once.
    const sent = Array.from({ length: 10 }, (_, i) => i + 1);
    for (const seq of sent) await trigger(cluster, { channels, event: 'App\\Events\\NewsPublished', data: { seq } });
    for (const seq of [1, 2, 3]) bobChat.whisper('typing', { seq });
    for (const channel of channels) await alice.fence(channel);
    await alice.count({ type: 'whisper' }, 3);
    await sleep(500);
    for (const channel of channels) expect(alice.find({ type: 'event', channel, name: 'NewsPublished' }).map((e) => e.data.seq), channel).toEqual(sent);
    expect(alice.find({ type: 'whisper' }).map((e) => e.data.seq)).toEqual([1, 2, 3]);
    expect(alice.find({ type: 'error' })).toEqual([]);
  }, 60_000);
});
