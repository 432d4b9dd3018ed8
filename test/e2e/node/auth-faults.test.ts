// The bad day, part 2: authorization faults, against the real backend and servers. Each fault
// (401, 403, 419, 500, a timeout, invalid JSON, an HTML login page after a redirect) reaches the
// channel's error() once, typed {type, channel, status, reason}; the connection and the other
// channels keep receiving; transient faults (5xx, timeout) are retried a bounded number of times
// with back-off, refusals never; after a token refresh (setAuth) one retry() call subscribes; and
// the number of authorization requests stays put afterwards (no loop).
// Fault channels (test/e2e/servers README): fault.<status>, fault.badjson, fault.login, slow.<ms>,
// flaky.<n>, each with a unique `.<tag>` so the backend's request log can be counted per test.
import { afterEach, describe, expect, it } from 'vitest';
import type { SubscriptionError } from 'royalcms-echo';
import { PUSHER_CLIENT, SETUPS, requests, trigger, unique, type LoggedRequest, type Setup } from '../support/env';
import { connect, disconnectAll, type Client } from './clients';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(disconnectAll);

/** /broadcasting/auth requests the backend logged for `channel`, oldest first. */
async function authRequests(channel: string): Promise<LoggedRequest[]> {
  return (await requests('/broadcasting/auth')).filter((r) => r.body.channel_name === channel).reverse();
}

/** Publishes `Tick {seq}` on `channel` every 100 ms until stopped; returns the seqs sent. */
function ticker(setup: Setup, channel: string): { stop: () => Promise<number[]> } {
  const sent: number[] = [];
  let running = true;
  const loop = (async () => {
    for (let seq = 1; running; seq++) {
      await trigger(setup, { channel, event: 'App\\Events\\Tick', data: { seq } });
      sent.push(seq);
      await sleep(100);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return sent;
    },
  };
}

/** Subscribes by full name (`private-…` or `presence-…`). */
function subscribeFull(client: Client, name: string): void {
  if (name.startsWith('presence-')) client.subscribe('presence', name.slice('presence-'.length), { events: ['Tick'] });
  else client.subscribe('private', name.slice('private-'.length), { events: ['Tick'] });
}

interface Expectation {
  name: string;
  status: number | null;
  reason: SubscriptionError['reason'];
  requests: number;
}

/**
 * error() gets the first failed attempt at once and, when retries followed it (transient faults),
 * the final one too: one report for a refusal, two (retrying true, then false) for a 5xx or timeout.
 */
async function expectFaults(client: Client, faults: Expectation[]): Promise<void> {
  for (const fault of faults) {
    const reports = fault.requests > 1 ? 2 : 1;
    const errors = await client.count({ type: 'error', channel: fault.name }, reports, 25_000);
    const last = errors[reports - 1]!;
    expect(last.data, fault.name).toMatchObject({ type: 'AuthError', channel: fault.name, status: fault.status, reason: fault.reason, retrying: false, attempt: fault.requests });
    expect(typeof last.data.error).toBe('string');
    if (reports === 2) expect(errors[0]!.data, `${fault.name}: the early report`).toMatchObject({ reason: fault.reason, attempt: 1, retrying: true });
    expect((await authRequests(fault.name)).length, `${fault.name}: authorization requests`).toBe(fault.requests);
  }
}

describe(`soketi (${PUSHER_CLIENT}): the SDK authorizes`, () => {
  const setup = SETUPS.soketi;

  it('401, 403, 419, 500, timeout, invalid JSON and a login page each reach error() typed; the rest keeps receiving; bounded retries, no loop', async () => {
    const tag = unique('');
    const alice = await connect(setup, 1, { options: { authTimeout: 800 } });
    const statuses: string[] = [];
    alice.echo.onConnectionChange((status) => statuses.push(status));
    alice.subscribe('private', 'order.1', { events: ['Tick'] });
    alice.subscribe('public', `news.${tag}`, { events: ['Tick'] });
    await alice.ready('private-order.1');
    await alice.ready(`news.${tag}`);
    const ticks = [ticker(setup, 'private-order.1'), ticker(setup, `news.${tag}`)];

    const faults: Expectation[] = [
      { name: `private-fault.401.${tag}`, status: 401, reason: 'unauthenticated', requests: 1 },
      { name: `private-fault.403.${tag}`, status: 403, reason: 'forbidden', requests: 1 },
      { name: `presence-fault.403.${tag}`, status: 403, reason: 'forbidden', requests: 1 },
      { name: `private-fault.419.${tag}`, status: 419, reason: 'csrf-mismatch', requests: 1 },
      { name: `private-fault.500.${tag}`, status: 500, reason: 'server-error', requests: 3 },
      { name: `presence-fault.503.${tag}`, status: 503, reason: 'server-error', requests: 3 },
      { name: `private-slow.3000.${tag}`, status: null, reason: 'timeout', requests: 3 },
      { name: `private-fault.badjson.${tag}`, status: 200, reason: 'invalid-response', requests: 1 },
      { name: `private-fault.login.${tag}`, status: 200, reason: 'invalid-response', requests: 1 },
    ];
    for (const { name } of faults) subscribeFull(alice, name);
    // A transient fault that clears: two 503s, then a subscription.
    const flaky = `private-flaky.2.${tag}`;
    alice.subscribe('private', `flaky.2.${tag}`, { events: ['Tick'] });

    await expectFaults(alice, faults);
    await alice.count({ type: 'subscribed', channel: flaky }, 1);
    expect((await authRequests(flaky)).map((r) => r.status)).toEqual([503, 503, 200]);
    // Reported once, early, as a failure that is being retried; then it subscribed.
    expect(alice.find({ type: 'error', channel: flaky }).map((e) => [e.data.attempt, e.data.retrying])).toEqual([[1, true]]);
    // The login page: the POST was redirected and the HTML page is what came back.
    expect((await requests('/login')).some((r) => r.method === 'GET')).toBe(true);

    // Back-off between the retries of a transient fault (the authorizer's AUTH_RETRY_DELAYS): ~1 s, then ~3 s.
    const times = (await authRequests(`private-fault.500.${tag}`)).map((r) => Date.parse(r.time));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(980);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2980);

    // The other channels never stopped: every tick, once, in order.
    const [orderSent, newsSent] = await Promise.all(ticks.map((t) => t.stop()));
    await alice.fence('private-order.1');
    await alice.fence(`news.${tag}`);
    expect(alice.find({ type: 'event', channel: 'private-order.1' }).map((e) => e.data.seq)).toEqual(orderSent);
    expect(alice.find({ type: 'event', channel: `news.${tag}` }).map((e) => e.data.seq)).toEqual(newsSent);
    expect(orderSent!.length).toBeGreaterThan(10);
    expect(newsSent!.length).toBeGreaterThan(10);
    expect(statuses).toEqual([]); // the connection never dropped

    // No loop: nothing more is requested, nothing more is reported.
    const counts = async () => Promise.all([...faults.map((f) => f.name), flaky].map(async (name) => (await authRequests(name)).length));
    const before = await counts();
    await sleep(3_000);
    expect(await counts()).toEqual(before);
    for (const { name, requests: sent } of faults) expect(alice.find({ type: 'error', channel: name })).toHaveLength(sent > 1 ? 2 : 1);
  }, 60_000);

  it('a refused channel is retried with one retry() call after setAuth(); it is never retried by itself', async () => {
    const bob = await connect(setup, 2); // Bob's token: order.1 is Alice's
    const channel = bob.subscribe('private', 'order.1', { events: ['ShippingStatusUpdated'] });
    const [refused] = await bob.count({ type: 'error', channel: 'private-order.1' }, 1);
    expect(refused!.data).toMatchObject({ type: 'AuthError', status: 403, reason: 'forbidden' });
    const socketId = bob.echo.socketId();
    const mine = async () => (await authRequests('private-order.1')).filter((r) => r.body.socket_id === socketId);
    await sleep(2_000);
    expect(await mine()).toHaveLength(1);

    bob.echo.setAuth({ bearerToken: 'token-1' }); // the refreshed token
    channel.retry();
    await bob.count({ type: 'subscribed', channel: 'private-order.1' }, 1);
    const sent = await mine();
    expect(sent.map((r) => [r.headers['authorization'], r.status])).toEqual([
      ['Bearer token-2', 403],
      ['Bearer token-1', 200],
    ]);
    await bob.ready('private-order.1');
    await trigger(setup, { channel: 'private-order.1', event: 'App\\Events\\ShippingStatusUpdated', data: { update: { status: 'retried' } } });
    const [event] = await bob.count({ type: 'event', channel: 'private-order.1' }, 1);
    expect(event!.data).toEqual({ update: { status: 'retried' } });
    channel.retry(); // subscribed: nothing to do
    await sleep(500);
    expect(await mine()).toHaveLength(2);
    expect(bob.find({ type: 'error' })).toHaveLength(1);
  });
});

describe('sio4 (socket.io-client 4): the server authorizes and reports subscription_error', () => {
  const setup = SETUPS.sio4;

  it('401, 403, 419, 500 and a login redirect reach error() typed; 5xx is reported at once and sent again twice; the rest keeps receiving; no loop', async () => {
    const tag = unique('');
    const alice = await connect(setup, 1);
    alice.subscribe('private', 'order.1', { events: ['Tick'] });
    await alice.ready('private-order.1');
    const tick = ticker(setup, 'private-order.1');

    const faults: Expectation[] = [
      { name: `private-fault.401.${tag}`, status: 401, reason: 'unauthenticated', requests: 1 },
      { name: `private-fault.403.${tag}`, status: 403, reason: 'forbidden', requests: 1 },
      { name: `presence-fault.403.${tag}`, status: 403, reason: 'forbidden', requests: 1 },
      { name: `private-fault.419.${tag}`, status: 419, reason: 'csrf-mismatch', requests: 1 },
      { name: `private-fault.500.${tag}`, status: 500, reason: 'server-error', requests: 3 },
      // laravel-echo-server does not follow the redirect of its POST either: the login page is a refusal.
      { name: `private-fault.login.${tag}`, status: 302, reason: 'refused', requests: 1 },
    ];
    for (const { name } of faults) subscribeFull(alice, name);
    const flaky = `private-flaky.2.${tag}`;
    alice.subscribe('private', `flaky.2.${tag}`, { events: ['Tick'] });

    await expectFaults(alice, faults);
    // Re-sent about 1 s and 3 s after each 503 (the authorizer's back-off, with jitter).
    await expect.poll(async () => (await authRequests(flaky)).map((r) => r.status), { timeout: 10_000 }).toEqual([503, 503, 200]);
    await alice.ready(flaky);
    expect(alice.find({ type: 'error', channel: flaky }).map((e) => [e.data.attempt, e.data.retrying])).toEqual([[1, true]]);

    const sent = await tick.stop();
    await alice.fence('private-order.1');
    expect(alice.find({ type: 'event', channel: 'private-order.1' }).map((e) => e.data.seq)).toEqual(sent);
    expect(alice.echo.connectionStatus()).toBe('connected');

    const counts = async () => Promise.all([...faults.map((f) => f.name), flaky].map(async (name) => (await authRequests(name)).length));
    const before = await counts();
    await sleep(3_000);
    expect(await counts()).toEqual(before);
    for (const { name, requests: sent } of faults) expect(alice.find({ type: 'error', channel: name })).toHaveLength(sent > 1 ? 2 : 1);
  }, 60_000);

  it('a refused channel is retried with one retry() call after setAuth()', async () => {
    const bob = await connect(setup, 2);
    const channel = bob.subscribe('private', 'order.1', { events: ['ShippingStatusUpdated'] });
    const [refused] = await bob.count({ type: 'error', channel: 'private-order.1' }, 1);
    expect(refused!.data).toMatchObject({ status: 403, reason: 'forbidden' });
    const mine = async () => (await authRequests('private-order.1')).filter((r) => ['Bearer token-1', 'Bearer token-2'].includes(String(r.headers['authorization'])));
    const before = (await mine()).length;
    await sleep(1_500);
    expect((await mine()).length).toBe(before);

    bob.echo.setAuth({ bearerToken: 'token-1' });
    channel.retry();
    await bob.ready('private-order.1');
    const last = (await mine()).at(-1)!;
    expect([last.headers['authorization'], last.status]).toEqual(['Bearer token-1', 200]);
    await trigger(setup, { channel: 'private-order.1', event: 'App\\Events\\ShippingStatusUpdated', data: { update: { status: 'retried' } } });
    const [event] = await bob.count({ type: 'event', channel: 'private-order.1' }, 1);
    expect(event!.data).toMatchObject({ update: { status: 'retried' } });
    expect(bob.find({ type: 'error' })).toHaveLength(1);
  });
});
