// The bad day, part 1: the server is killed with SIGKILL and comes back. For soketi (pusher-js)
// and for ONE process of the Socket.IO 4 cluster (Alice's; Bob stays on the other one):
//  - status reconnecting -> connected, each transition once, and `connected` within 3 s of the
//    moment the server answers HTTP again (measured, printed, written to .tmp/results/recovery.json
//    for the benchmark report);
//  - every channel subscribed again, the private and presence ones re-authorized exactly once;
//  - presence re-synced: the member who left while the server was down is gone (no ghost), no one
//    is listed twice;
//  - every listener fires exactly once per event afterwards, and a burst published after the
//    reconnection arrives completely and in order.
import { test, expect } from '../support/fixtures';
import { SETUPS, clearRequests, control, requests, serverPresenceUsers, trigger, unique, type Setup } from '../support/env';
import type { EchoPage } from '../support/echo-page';
import { answersAgain, saveRecovery } from '../support/recovery';

const ALICE = { id: 1, name: 'Alice' };
const BOB = { id: 2, name: 'Bob' };
const byId = (users: Array<{ id: number }>) => [...users].sort((a, b) => a.id - b.id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long the server stays dead: long enough for pusher-js's own schedule to be in its 15 s wait. */
const DOWN_MS = 4_000;
const RECOVERY_BUDGET_MS = 3_000;
const BURST = 20;

test.afterEach(async () => {
  for (const setup of [SETUPS.soketi, SETUPS.sio4]) for (const server of setup.servers) await control('start', server);
});

/** Extra listeners on Alice's page: two per event and listenToAll, each recording the `seq` it got. */
async function installCounters(alice: EchoPage, news: string, room: string): Promise<void> {
  await alice.page.evaluate(
    ([news, room]) => {
      const w = window as any;
      const echo = w.H.echo;
      const got: Record<string, unknown[]> = (w.got = {});
      const recorder = (key: string) => (data: any) => (got[key] ||= []).push(data?.seq ?? null);
      w.statusTimes = [];
      echo.onConnectionChange((status: string) => w.statusTimes.push([status, Date.now()]));
      w.subscribedTimes = [];
      const timed = (name: string) => () => w.subscribedTimes.push([name, Date.now()]);
      echo.channel(news).listen('NewsPublished', recorder('news.a')).listen('NewsPublished', recorder('news.b')).subscribed(timed('news'));
      echo.private('order.1').listen('ShippingStatusUpdated', recorder('order.a')).listen('ShippingStatusUpdated', recorder('order.b')).subscribed(timed('order'));
      echo
        .join(`chat.${room}`)
        .listen('NewMessage', recorder('chat.a'))
        .listen('NewMessage', recorder('chat.b'))
        .listenForWhisper('typing', recorder('typing'))
        .listenToAll((event: string, data: any) => recorder(`chat.all:${event}`)(data))
        .subscribed(timed('chat'));
      w.subscribedTimes.length = 0; // subscribed() called at once for channels that are already subscribed
    },
    [news, room] as const,
  );
}

const CASES: Array<{ setup: Setup; kind: 'esm' | 'cdn'; killed: string; port: number }> = [
  { setup: SETUPS.soketi, kind: 'esm', killed: 'soketi', port: SETUPS.soketi.ports[0]! },
  { setup: SETUPS.sio4, kind: 'cdn', killed: 'sio4-1', port: SETUPS.sio4.ports[0]! },
];

for (const { setup, kind, killed, port } of CASES) {
  test(`${setup.name} / ${kind}: kill -9 of ${killed}, back within ${RECOVERY_BUDGET_MS / 1000} s of its return; channels, auth, presence and listeners exactly right`, async ({ users }) => {
    test.setTimeout(90_000);
    const room = unique('room');
    const news = `news.${room}`;
    const chat = `presence-chat.${room}`;
    // On the cluster Alice is on the process that dies; Bob and Carol are on the other one.
    const alice = await users.open({ setup, kind, user: 1 });
    const bob = await users.open({ setup, kind, user: 2, server: 1 });
    const carol = await users.open({ setup, kind, user: 3, server: 1 });

    await alice.subscribe('public', news, { events: ['NewsPublished'] });
    const order = await alice.subscribe('private', 'order.1', { events: ['ShippingStatusUpdated'] });
    await alice.subscribe('presence', `chat.${room}`, { presence: true, events: ['NewMessage'], whispers: ['typing'] });
    await alice.waitForCount({ type: 'here' }, 1);
    for (const other of [bob, carol]) {
      await other.subscribe('presence', `chat.${room}`, { presence: true });
      await other.waitForCount({ type: 'here' }, 1);
    }
    await alice.waitForCount({ type: 'joining' }, 2);
    for (const channel of [news, order, chat]) await alice.ready(channel);
    await installCounters(alice, news, room);

    await clearRequests();
    const mark = await alice.lastSeq();
    await control('kill', killed);
    await alice.waitForStatus('reconnecting', 5_000);
    // Carol leaves while Alice cannot hear it: after the reconnection she must not be a ghost.
    await carol.page.context().close();
    await sleep(DOWN_MS);

    const started = control('start', killed);
    const answeredAt = await answersAgain(port);
    await started;
    await alice.waitForStatus('connected', 15_000);
    const connectedAt: number = await alice.page.evaluate(() => (window as any).statusTimes.find((t: [string, number]) => t[0] === 'connected')[1]);
    const recoveryMs = connectedAt - answeredAt;
    await expect
      .poll(() => alice.page.evaluate(() => (window as any).subscribedTimes.length), { intervals: [20], timeout: 10_000, message: 'all three channels subscribed again' })
      .toBe(3);
    const channelsAt: number = await alice.page.evaluate(() => Math.max(...(window as any).subscribedTimes.map((t: [string, number]) => t[1])));
    const channelsMs = channelsAt - answeredAt;
    console.log(`[recovery] ${setup.name}: connected ${recoveryMs} ms and all channels subscribed ${channelsMs} ms after ${killed} answered again`);
    saveRecovery(setup.name, {
      server: killed,
      client: setup.transport === 'pusher' ? 'royalcms-echo + pusher-js 8 (Chromium)' : 'royalcms-echo + socket.io-client 4 (Chromium)',
      killedWith: 'SIGKILL',
      downMs: DOWN_MS,
      recoveryMs,
      channelsMs,
      budgetMs: RECOVERY_BUDGET_MS,
      measured: 'from the first HTTP answer of the restarted server to the page status `connected` / the last subscribed() callback',
    });
    expect(recoveryMs, `${setup.name}: connected again within ${RECOVERY_BUDGET_MS} ms of the server's return`).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);
    expect(channelsMs, `${setup.name}: channels back within ${RECOVERY_BUDGET_MS} ms`).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);

    // One reconnecting -> connected, nothing in between.
    expect(await alice.statusesAfter(mark)).toEqual([
      ['reconnecting', 'connected'],
      ['connected', 'reconnecting'],
    ]);
    // Each channel subscribed again exactly once (harness subscribed() records).
    const resubscribed = (await alice.records({ type: 'subscribed' })).filter((r) => r.seq > mark).map((r) => r.channel).sort();
    if (setup.transport === 'pusher') expect(resubscribed).toEqual([news, order, chat].sort());
    else await expect.poll(async () => (await alice.records({ type: 'subscribed' })).filter((r) => r.seq > mark).map((r) => r.channel).sort()).toEqual([news, order, chat].sort());

    // Re-authorized: one successful /broadcasting/auth per private/presence channel of Alice's new connection.
    // (Pusher: pusher-js asks with the new socket id; Socket.IO: the server asks with Alice's handshake cookie.)
    const aliceId = await alice.socketId();
    const session = (await alice.page.context().cookies()).find((c) => c.name === 'royalcms_session')!.value;
    await expect
      .poll(async () => {
        const mine = (await requests('/broadcasting/auth')).filter(
          (r) =>
            [order, chat].includes(r.body.channel_name as string) &&
            (setup.transport === 'pusher' ? r.body.socket_id === aliceId : String(r.headers['cookie'] ?? '').includes(session)),
        );
        return mine.map((r) => `${r.body.channel_name}:${r.status}`).sort();
      }, { intervals: [100], timeout: 10_000 })
      .toEqual([`${chat}:200`, `${order}:200`].sort());

    // Presence: the fresh list, no ghost (Carol), nobody twice; the server agrees.
    const hereAgain = (await alice.records({ type: 'here' })).filter((r) => r.seq > mark);
    expect(hereAgain).toHaveLength(1);
    expect(hereAgain[0]!.data.map((u: { id: number }) => u.id)).not.toContain(3);
    await expect.poll(async () => byId(await alice.members(`chat.${room}`)), { intervals: [50] }).toEqual([ALICE, BOB]);
    await expect.poll(async () => byId(await bob.members(`chat.${room}`)), { intervals: [50] }).toEqual([ALICE, BOB]);
    await expect.poll(() => serverPresenceUsers(setup, chat), { intervals: [50] }).toEqual(['1', '2']);
    expect((await alice.records({ type: 'joining' })).filter((r) => r.seq > mark && r.data.id !== 2)).toEqual([]);

    // After the reconnection: a burst on every channel and whispers; every listener exactly once, in order.
    const seqs = Array.from({ length: BURST }, (_, i) => i + 1);
    await Promise.all([
      (async () => {
        for (const seq of seqs) await trigger(setup, { channel: news, event: 'App\\Events\\NewsPublished', data: { seq } });
      })(),
      (async () => {
        for (const seq of seqs) await trigger(setup, { channel: order, event: 'App\\Events\\ShippingStatusUpdated', data: { seq } });
      })(),
      (async () => {
        for (const seq of seqs) await trigger(setup, { channel: chat, event: 'App\\Events\\NewMessage', data: { seq } });
      })(),
    ]);
    for (const seq of [1, 2, 3]) await bob.whisper('presence', `chat.${room}`, 'typing', { seq });
    for (const channel of [news, order, chat]) await alice.fence(channel);
    await expect.poll(() => alice.page.evaluate(() => (window as any).got.typing?.length ?? 0), { intervals: [50] }).toBe(3);
    const got = await alice.page.evaluate(() => (window as any).got);
    expect(got).toEqual({
      'news.a': seqs,
      'news.b': seqs,
      'order.a': seqs,
      'order.b': seqs,
      'chat.a': seqs,
      'chat.b': seqs,
      'chat.all:NewMessage': seqs,
      'chat.all:.client-typing': [1, 2, 3],
      'chat.all:.e2e.probe': expect.any(Array),
      typing: [1, 2, 3],
    });
    // The harness's own listeners saw the burst once too.
    expect((await alice.records({ type: 'event' })).filter((r) => r.seq > mark)).toHaveLength(3 * BURST);
    expect(await alice.records({ type: 'error' })).toEqual([]);
    expect(await alice.pageErrors()).toEqual([]);
  });
}
