// The Socket.IO subscribe timeout (issue 12): laravel-echo-server reports nothing for an auth
// endpoint that never answers, so the SDK's own deadline reports a presence subscription that got
// neither presence:subscribed nor subscription_error within `authTimeout`, asks again on the
// back-off, and still takes a late answer. Fake clock throughout.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
  return { echo, socket, channel, errors, subscribed, sends };
}

describe('Socket.IO subscribe timeout: presence channels', () => {
  it('a hung endpoint reaches error() after authTimeout (10 s by default) as a timeout, and is asked again twice on the back-off', async () => {
    const { errors, sends } = await joined();
    expect(sends()).toBe(1);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toEqual([
      {
        type: 'AuthError',
        channel: 'presence-room',
        status: null,
        reason: 'timeout',
        error: 'The server did not answer the subscription of presence-room within 10000 ms.',
        attempt: 1,
        retrying: true,
        at: 10_000,
      },
    ]);
    await vi.advanceTimersByTimeAsync(299);
    expect(sends()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends()).toBe(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors.map(({ at, attempt, retrying }) => ({ at, attempt, retrying }))).toEqual([
      { at: 10_000, attempt: 1, retrying: true },
      { at: 20_000, attempt: 2, retrying: true },
      { at: 30_000, attempt: 3, retrying: false },
    ]);
    expect(sends()).toBe(3); // the first request and authRetries (2) more, then nothing
  });

  it('the deadline is the resolved authTimeout option', async () => {
    const { errors } = await joined({ authTimeout: 3_000, authRetries: 0 });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(errors.map(({ at, reason, attempt, retrying }) => ({ at, reason, attempt, retrying }))).toEqual([{ at: 3_000, reason: 'timeout', attempt: 1, retrying: false }]);
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
    await vi.advanceTimersByTimeAsync(10_100);
    expect(errors.map((e) => e.retrying)).toEqual([true]);
    socket.serverEmit('presence:subscribed', 'presence-room', [ALICE]);
    socket.serverEmit('App\\Events\\Tick', 'presence-room', { seq: 1 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(subscribed).toEqual([10_100]);
    expect(here).toHaveBeenCalledExactlyOnceWith([ALICE.user_info]);
    expect(event).toHaveBeenCalledExactlyOnceWith({ seq: 1 });
    expect(sends()).toBe(1);
    expect(errors).toHaveLength(1);
    expect(channel.isSubscribed).toBe(true);
  });

  it('the answers to both requests (the first one came late) make one subscription, not two', async () => {
    const { socket, subscribed, sends } = await joined();
    await vi.advanceTimersByTimeAsync(10_300);
    expect(sends()).toBe(2);
    socket.serverEmit('presence:subscribed', 'presence-room', [ALICE]);
    socket.serverEmit('presence:subscribed', 'presence-room', [ALICE]);
    expect(subscribed).toEqual([10_300]);
  });

  it('a server with its own timeout (status 0 after 5 s) is still reported within authTimeout, then finally as network', async () => {
    const { socket, errors, sends } = await joined();
    // The server gives up on the auth endpoint 5 s after each request it made (sio4-server.mjs does).
    const sentAt: number[] = [];
    let answered = 0;
    for (let t = 0; t < 40_000; t += 100) {
      while (sentAt.length < sends()) sentAt.push(Date.now());
      for (; answered < sentAt.length && Date.now() - sentAt[answered]! >= 5_000; answered++) socket.serverEmit('subscription_error', 'presence-room', 0);
      await vi.advanceTimersByTimeAsync(100);
    }
    const summary = errors.map(({ reason, status, attempt, retrying }) => ({ reason, status, attempt, retrying }));
    expect(summary).toEqual([
      { reason: 'timeout', status: null, attempt: 2, retrying: true },
      { reason: 'network', status: null, attempt: 3, retrying: false },
    ]);
    expect(errors[0]!.at).toBe(10_000);
    expect(sends()).toBe(3);
  });

  it('503, then presence:subscribed on the re-send: no error, subscribed once', async () => {
    const { socket, errors, subscribed, sends } = await joined();
    await vi.advanceTimersByTimeAsync(100);
    socket.serverEmit('subscription_error', 'presence-room', 503);
    await vi.advanceTimersByTimeAsync(300);
    expect(sends()).toBe(2);
    socket.serverEmit('presence:subscribed', 'presence-room', []);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toEqual([]);
    expect(subscribed).toEqual([400]);
  });

  it('a refusal ends the round at once: one error, no timeout later', async () => {
    const { socket, errors, sends } = await joined();
    await vi.advanceTimersByTimeAsync(1_000);
    socket.serverEmit('subscription_error', 'presence-room', 403);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors.map(({ reason, attempt, retrying }) => ({ reason, attempt, retrying }))).toEqual([{ reason: 'forbidden', attempt: 1, retrying: false }]);
    expect(sends()).toBe(1);
  });

  it('a channel left while it waits reports nothing more and sends nothing more', async () => {
    const { echo, socket, errors } = await joined();
    await vi.advanceTimersByTimeAsync(5_000);
    echo.leave('room');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toEqual([]);
    expect(socket.emittedOf('subscribe')).toHaveLength(1);
    expect(socket.emittedOf('unsubscribe')).toEqual([{ channel: 'presence-room' }]);
  });

  it('a channel left between a timeout and its re-send sends nothing more', async () => {
    const { echo, errors, sends } = await joined();
    await vi.advanceTimersByTimeAsync(10_000);
    echo.leave('room');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toHaveLength(1);
    expect(sends()).toBe(1);
  });

  it('a lost connection ends the round; after the reconnect the deadline runs from the new request', async () => {
    const { socket, errors, sends } = await joined();
    await vi.advanceTimersByTimeAsync(8_000);
    socket.drop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(errors).toEqual([]);
    socket.serverConnect('sio-2');
    await vi.advanceTimersByTimeAsync(9_999);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors.map(({ at, attempt }) => ({ at, attempt }))).toEqual([{ at: 23_000, attempt: 1 }]);
    expect(sends()).toBe(2);
  });

  it('retry() after the final timeout starts a new round, counted from attempt 1', async () => {
    const { channel, errors, sends } = await joined({ authRetries: 0 });
    await vi.advanceTimersByTimeAsync(10_000);
    channel.retry();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(errors.map(({ at, attempt, retrying }) => ({ at, attempt, retrying }))).toEqual([
      { at: 10_000, attempt: 1, retrying: false },
      { at: 20_000, attempt: 1, retrying: false },
    ]);
    expect(sends()).toBe(2);
  });

  it('the re-send schedule is injectable', async () => {
    const { echo, socket } = socketEcho();
    echo.connector.resubscribeBackoff = (n) => 50 * (n + 1);
    socket.serverConnect();
    echo.join('room');
    await vi.advanceTimersByTimeAsync(0);
    socket.serverEmit('subscription_error', 'presence-room', 500);
    await vi.advanceTimersByTimeAsync(50);
    socket.serverEmit('subscription_error', 'presence-room', 500);
    await vi.advanceTimersByTimeAsync(100);
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
