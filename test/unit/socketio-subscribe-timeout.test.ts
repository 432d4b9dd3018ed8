// The Socket.IO subscribe timeout (issue 12): laravel-echo-server reports nothing for an auth
// endpoint that never answers, so the SDK's own deadline fails a presence subscription that got
// neither presence:subscribed nor subscription_error within `authTimeout`, and asks again on the
// back-off. As with the Pusher authorizer, the first failure is reported at once (retrying: true)
// and the final one (retrying: false); a late answer still subscribes. Fake clock throughout; the
// back-off is injected without jitter (1 s, then 3 s: the authorizer's delays).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoff } from '../../src/backoff';
import { AUTH_RETRY_DELAYS } from '../../src/backoff';
import type { SubscriptionError } from '../../src/errors';
import { socketEcho, type ExtraOptions } from './support';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const ALICE = { user_id: 1, user_info: { id: 1, name: 'Alice' } };

/** A connected v4 echo with a presence channel `room` joined at t = 0, recording errors (with their time) and subscriptions. */
async function joined(options: ExtraOptions = {}) {
  const { echo, socket } = socketEcho(options);
  echo.connector.resubscribeBackoff = backoff([1_000, 3_000]);
  socket.serverConnect();
  const start = Date.now();
  const errors: Array<SubscriptionError & { at: number }> = [];
  const subscribed: number[] = [];
  const channel = echo
    .join('room')
    .error((error) => errors.push({ ...error, at: Date.now() - start }))
    .subscribed(() => subscribed.push(Date.now() - start));
  await vi.advanceTimersByTimeAsync(0);
  const sends = () => socket.emittedOf('subscribe').length;
  const summary = () => errors.map(({ at, reason, attempt, retrying }) => ({ at, reason, attempt, retrying }));
  return { echo, socket, channel, errors, subscribed, sends, summary };
}

describe('Socket.IO subscribe timeout: presence channels', () => {
  it('a hung endpoint reaches error() after authTimeout (5 s by default) as a timeout, and is asked again twice on the back-off', async () => {
    const { errors, sends, summary } = await joined();
    expect(sends()).toBe(1);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toEqual([
      {
        type: 'AuthError',
        channel: 'presence-room',
        status: null,
        reason: 'timeout',
        error: 'The server did not answer the subscription of presence-room within 5000 ms.',
        attempt: 1,
        retrying: true,
        at: 5_000,
      },
    ]);
    await vi.advanceTimersByTimeAsync(999);
    expect(sends()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends()).toBe(2);
    await vi.advanceTimersByTimeAsync(60_000);
    // Re-sent at 6 s and (after its own 5 s) at 14 s; the retry in between is quiet, the last one final.
    expect(summary()).toEqual([
      { at: 5_000, reason: 'timeout', attempt: 1, retrying: true },
      { at: 19_000, reason: 'timeout', attempt: 3, retrying: false },
    ]);
    expect(sends()).toBe(3); // the first request and authRetries (2) more, then nothing
  });

  it('the deadline is the resolved authTimeout option', async () => {
    const { summary } = await joined({ authTimeout: 3_000, authRetries: 0 });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(summary()).toEqual([{ at: 3_000, reason: 'timeout', attempt: 1, retrying: false }]);
  });

  it('a slow but healthy server (presence:subscribed after 2 s) is never reported', async () => {
    const { socket, errors, subscribed, sends } = await joined();
    await vi.advanceTimersByTimeAsync(2_000);
    socket.serverEmit('presence:subscribed', 'presence-room', [ALICE]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toEqual([]);
    expect(subscribed).toEqual([2_000]);
    expect(sends()).toBe(1);
  });

  it('an answer after the timeout subscribes: subscribed() and here() fire, events arrive, the pending re-send is dropped', async () => {
    const { socket, channel, errors, subscribed, sends } = await joined();
    const here = vi.fn();
    const event = vi.fn();
    channel.here(here).listen('Tick', event);
    await vi.advanceTimersByTimeAsync(5_100);
    expect(errors.map((e) => e.retrying)).toEqual([true]);
    socket.serverEmit('presence:subscribed', 'presence-room', [ALICE]);
    socket.serverEmit('App\\Events\\Tick', 'presence-room', { seq: 1 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(subscribed).toEqual([5_100]);
    expect(here).toHaveBeenCalledExactlyOnceWith([ALICE.user_info]);
    expect(event).toHaveBeenCalledExactlyOnceWith({ seq: 1 });
    expect(sends()).toBe(1);
    expect(errors).toHaveLength(1);
    expect(channel.isSubscribed).toBe(true);
  });

  it('the answers to both requests (the first one came late) make one subscription, not two', async () => {
    const { socket, subscribed, sends } = await joined();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(sends()).toBe(2);
    socket.serverEmit('presence:subscribed', 'presence-room', [ALICE]);
    socket.serverEmit('presence:subscribed', 'presence-room', [ALICE]);
    expect(subscribed).toEqual([6_000]);
  });

  it('a server with its own timeout of 5 s (status 0, as sio4-server.mjs): one report at authTimeout, one final, no report per answer', async () => {
    const { socket, sends, summary } = await joined();
    const sentAt: number[] = [];
    let answered = 0;
    for (let t = 0; t < 40_000; t += 100) {
      while (sentAt.length < sends()) sentAt.push(Date.now());
      for (; answered < sentAt.length && Date.now() - sentAt[answered]! >= 5_000; answered++) socket.serverEmit('subscription_error', 'presence-room', 0);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(summary()).toEqual([
      { at: 5_000, reason: 'timeout', attempt: 1, retrying: true },
      { at: 19_000, reason: 'timeout', attempt: 3, retrying: false },
    ]);
    expect(sends()).toBe(3);
  });

  it('a 503 is reported at once (retrying: true); presence:subscribed after the re-send subscribes', async () => {
    const { socket, subscribed, sends, summary } = await joined();
    await vi.advanceTimersByTimeAsync(100);
    socket.serverEmit('subscription_error', 'presence-room', 503);
    expect(summary()).toEqual([{ at: 100, reason: 'server-error', attempt: 1, retrying: true }]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sends()).toBe(2);
    socket.serverEmit('presence:subscribed', 'presence-room', []);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(summary()).toHaveLength(1);
    expect(subscribed).toEqual([1_100]);
  });

  it('a refusal ends the round at once: one error, no timeout later', async () => {
    const { socket, sends, summary } = await joined();
    await vi.advanceTimersByTimeAsync(1_000);
    socket.serverEmit('subscription_error', 'presence-room', 403);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(summary()).toEqual([{ at: 1_000, reason: 'forbidden', attempt: 1, retrying: false }]);
    expect(sends()).toBe(1);
  });

  it('answers after the final report change nothing but a late presence:subscribed', async () => {
    const { socket, subscribed, summary } = await joined({ authRetries: 0 });
    await vi.advanceTimersByTimeAsync(5_000);
    socket.serverEmit('subscription_error', 'presence-room', 0);
    socket.serverEmit('subscription_error', 'presence-room', 403);
    expect(summary()).toEqual([{ at: 5_000, reason: 'timeout', attempt: 1, retrying: false }]);
    socket.serverEmit('presence:subscribed', 'presence-room', []);
    expect(subscribed).toEqual([5_000]);
  });

  it('a channel left while it waits reports nothing more and sends nothing more', async () => {
    const { echo, socket, errors } = await joined();
    await vi.advanceTimersByTimeAsync(2_000);
    echo.leave('room');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toEqual([]);
    expect(socket.emittedOf('subscribe')).toHaveLength(1);
    expect(socket.emittedOf('unsubscribe')).toEqual([{ channel: 'presence-room' }]);
  });

  it('a channel left between a timeout and its re-send sends nothing more', async () => {
    const { echo, errors, sends } = await joined();
    await vi.advanceTimersByTimeAsync(5_000);
    echo.leave('room');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toHaveLength(1);
    expect(sends()).toBe(1);
  });

  it('a lost connection ends the round; after the reconnect the deadline runs from the new request', async () => {
    const { socket, errors, sends, summary } = await joined();
    await vi.advanceTimersByTimeAsync(3_000);
    socket.drop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(errors).toEqual([]);
    socket.serverConnect('sio-2');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(summary()).toEqual([{ at: 13_000, reason: 'timeout', attempt: 1, retrying: true }]);
    expect(sends()).toBe(2);
  });

  it('retry() after the final timeout starts a new round, counted from attempt 1', async () => {
    const { channel, sends, summary } = await joined({ authRetries: 0 });
    await vi.advanceTimersByTimeAsync(5_000);
    channel.retry();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(summary()).toEqual([
      { at: 5_000, reason: 'timeout', attempt: 1, retrying: false },
      { at: 10_000, reason: 'timeout', attempt: 1, retrying: false },
    ]);
    expect(sends()).toBe(2);
  });
});

describe('Socket.IO re-sends: the back-off', () => {
  it("is the channel authorizer's by default", () => {
    expect(socketEcho().echo.connector.resubscribeBackoff).toBe(AUTH_RETRY_DELAYS);
  });

  it('is injectable', async () => {
    const { echo, socket } = socketEcho();
    echo.connector.resubscribeBackoff = (n) => 50 * (n + 1);
    socket.serverConnect();
    echo.join('room');
    await vi.advanceTimersByTimeAsync(0);
    socket.serverEmit('subscription_error', 'presence-room', 500);
    await vi.advanceTimersByTimeAsync(50);
    socket.serverEmit('subscription_error', 'presence-room', 500);
    await vi.advanceTimersByTimeAsync(99);
    expect(socket.emittedOf('subscribe')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.emittedOf('subscribe')).toHaveLength(3);
  });
});

describe('Socket.IO subscribe timeout: public and private channels', () => {
  it('have no deadline: the protocol acknowledges only presence subscriptions, so sending counts as subscribed', async () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const errors: SubscriptionError[] = [];
    const subscribed = vi.fn();
    echo.private('order.1').error((error) => errors.push(error)).subscribed(subscribed);
    echo.channel('news').error((error) => errors.push(error));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(errors).toEqual([]);
    expect(subscribed).toHaveBeenCalledTimes(1);
    expect(socket.emittedOf('subscribe')).toHaveLength(2);
  });
});
