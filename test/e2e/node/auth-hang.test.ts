// An auth endpoint that accepts the request and never answers (issue 12), on all three servers,
// with the default options: the backend holds /broadcasting/auth for `hang.<tag>` channels until
// POST /control/release. A presence channel reaches error() within 10 s of join(), typed
// {reason: 'timeout', status: null, attempt: 1, retrying: true}; a healthy channel on the same
// Echo keeps receiving; once the endpoint answers, the hung channels subscribe by themselves (no
// retry() call) and deliver events.
//
// What each server shows of the hang (README "Authorization"):
//   soketi (pusher-js): the SDK authorizes: its own request times out (authTimeout).
//   laravel-echo-server: authorizes on the server without a timeout and acknowledges only presence
//     subscriptions: the SDK's subscribe deadline reports the presence channel; a private channel
//     reports nothing (it counts as subscribed once sent) and works once the server's request returns.
//   sio4 (sio4-server.mjs): like laravel-echo-server, but gives up after 5 s (subscription_error 0):
//     the private channel reports that at once as `network`, retrying; on the presence channel that
//     races the SDK's deadline (also 5 s by default), so its first report is `timeout` or `network`.
import { afterEach, describe, expect, it } from 'vitest';
import { SETUPS, releaseHang, trigger, unique, type Setup } from '../support/env';
import { connect, disconnectAll } from './clients';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Publishes `Tick {seq}` on `channel` every 200 ms until stopped (also when a test fails: afterEach). */
let stopTicker: () => Promise<number[]> = async () => [];
function ticker(setup: Setup, channel: string): () => Promise<number[]> {
  const sent: number[] = [];
  let running = true;
  const loop = (async () => {
    for (let seq = 1; running; seq++) {
      await trigger(setup, { channel, event: 'App\\Events\\Tick', data: { seq } });
      sent.push(seq);
      await sleep(200);
    }
  })();
  stopTicker = async () => {
    running = false;
    await loop;
    return sent;
  };
  return stopTicker;
}

afterEach(async () => {
  await stopTicker();
  disconnectAll();
});

for (const setup of [SETUPS['laravel-echo-server'], SETUPS.sio4, SETUPS.soketi]) describe(`${setup.name}: an auth endpoint that never answers`, () => {
  it('error() within 10 s of join() as a timeout, retrying; a healthy channel keeps receiving; the hung channels subscribe once it answers', async () => {
    const tag = unique('');
    const alice = await connect(setup, 1); // default authTimeout and authRetries
    const healthy = 'private-order.1';
    alice.subscribe('private', 'order.1', { events: ['Tick'] });
    await alice.ready(healthy);
    const stop = ticker(setup, healthy);
    const presence = `presence-hang.p${tag}`;
    const priv = `private-hang.q${tag}`;
    const joined = performance.now(); // monotonic: the wall clock of a shared machine may jump
    alice.subscribe('presence', `hang.p${tag}`, { events: ['Tick'] });
    alice.subscribe('private', `hang.q${tag}`, { events: ['Tick'] });
    const [report] = await alice.count({ type: 'error', channel: presence }, 1, 10_000);
    const after = performance.now() - joined;
    expect(after).toBeLessThan(10_000);
    // sio4 gives up on the endpoint after 5 s too (subscription_error 0, `network`): whichever of the
    // two 5 s timers comes first is the report, and the other one stays quiet.
    const reasons = setup.name === 'sio4' ? ['timeout', 'network'] : ['timeout'];
    expect(report!.data).toMatchObject({ type: 'AuthError', channel: presence, status: null, attempt: 1, retrying: true });
    expect(reasons).toContain(report!.data.reason);
    expect(alice.find({ type: 'subscribed', channel: presence })).toEqual([]);

    // The private channel: what the server lets the SDK see (the table above), within 10 s too.
    if (setup.name === 'laravel-echo-server') expect(alice.find({ type: 'error', channel: priv })).toEqual([]);
    else {
      const [first] = await alice.count({ type: 'error', channel: priv }, 1, Math.max(0, joined + 10_000 - performance.now()));
      expect([first!.data.reason, first!.data.status, first!.data.retrying]).toEqual([setup.name === 'sio4' ? 'network' : 'timeout', null, true]);
    }

    // The endpoint answers again: both hung channels subscribe by themselves and receive.
    await releaseHang(`hang.p${tag}`);
    await releaseHang(`hang.q${tag}`);
    await alice.count({ type: 'subscribed', channel: presence }, 1, 10_000);
    await alice.ready(presence);
    await alice.ready(priv, 15_000);
    await trigger(setup, { channel: presence, event: 'App\\Events\\Tick', data: { seq: 'p' } });
    await trigger(setup, { channel: priv, event: 'App\\Events\\Tick', data: { seq: 'q' } });
    await alice.count({ type: 'event', channel: presence }, 1);
    await alice.count({ type: 'event', channel: priv }, 1);
    if (setup.name === 'laravel-echo-server') expect(alice.find({ type: 'error', channel: priv })).toEqual([]);

    // The healthy channel never stopped: every tick, once, in order; the connection never dropped.
    const sent = await stop();
    await alice.fence(healthy);
    expect(alice.find({ type: 'event', channel: healthy }).map((e) => e.data.seq)).toEqual(sent);
    expect(sent.length).toBeGreaterThan(10);
    expect(alice.echo.connectionStatus()).toBe('connected');

    // Subscribed now: nothing more is reported for the presence channel.
    await sleep(2_000);
    expect(alice.find({ type: 'error', channel: presence })).toHaveLength(1);
    expect(alice.find({ type: 'subscribed', channel: presence })).toHaveLength(1);
  }, 45_000);
});
