// Reliability features of the core: the recovery timer, the client-event limiter (10 per second,
// 10 KB), connection-level errors, and retry() after a refused subscription.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientEventLimiter } from '../../src/client-event-limiter';
import type { ConnectionStatus } from '../../src/connection-state';
import { EchoError, type ConnectionError, type SubscriptionError } from '../../src/errors';
import { backoff } from '../../src/backoff';
import { RetryTimer } from '../../src/retry-timer';
import { fakeFetch, json } from './fakes/fake-fetch';
import { connectedPusherEcho, flush, pusherEcho, socketEcho } from './support';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('RetryTimer', () => {
  it('calls the attempt after each delay, repeating the last one, until stopped', () => {
    vi.useFakeTimers();
    const at: number[] = [];
    const start = Date.now();
    const timer = new RetryTimer(backoff([100, 300]), () => at.push(Date.now() - start));
    timer.start();
    vi.advanceTimersByTime(1000);
    expect(at).toEqual([100, 400, 700, 1000]);
    timer.stop();
    vi.advanceTimersByTime(1000);
    expect(at).toHaveLength(4);
    expect(timer.running).toBe(false);
  });

  it('start() while running does not schedule a second timer', () => {
    vi.useFakeTimers();
    const attempt = vi.fn();
    const timer = new RetryTimer(backoff([100]), attempt);
    timer.start();
    timer.start();
    vi.advanceTimersByTime(100);
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});

describe('ClientEventLimiter', () => {
  it('lets 10 events through per 1.1 s window (a second plus room for jitter) and queues the rest in order', () => {
    vi.useFakeTimers();
    const limiter = new ClientEventLimiter();
    const sent: number[] = [];
    for (let i = 0; i < 25; i++) limiter.submit('private-chat', 'typing', () => sent.push(i));
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(limiter.queued).toBe(15);
    vi.advanceTimersByTime(1099);
    expect(sent).toHaveLength(10);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(20);
    vi.advanceTimersByTime(1100);
    expect(sent).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('refuses with an EchoError once 100 events wait', () => {
    vi.useFakeTimers();
    const limiter = new ClientEventLimiter();
    for (let i = 0; i < 110; i++) limiter.submit('private-chat', 'typing', () => {});
    expect(() => limiter.submit('private-chat', 'typing', () => {})).toThrow(EchoError);
    expect(() => limiter.submit('private-chat', 'typing', () => {})).toThrow('100 whispers are already waiting');
  });

  it('clear(channel) drops only that channel’s queued events', () => {
    vi.useFakeTimers();
    const limiter = new ClientEventLimiter();
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) limiter.submit('a', 'x', () => sent.push('now'));
    limiter.submit('a', 'x', () => sent.push('a'));
    limiter.submit('b', 'x', () => sent.push('b'));
    limiter.clear('a');
    vi.advanceTimersByTime(1100);
    expect(sent.slice(10)).toEqual(['b']);
  });
});

describe('Pusher whisper policy', () => {
  it('sends at most 10 whispers per second per connection, the rest 1.1 s later', () => {
    vi.useFakeTimers();
    const { echo, pusher } = connectedPusherEcho();
    const chat = echo.private('chat');
    const other = echo.private('room');
    pusher.succeed('private-chat');
    pusher.succeed('private-room');
    for (let i = 0; i < 8; i++) chat.whisper('typing', { i });
    for (let i = 0; i < 4; i++) other.whisper('typing', { i });
    const triggered = () => pusher.channel('private-chat')!.triggers.length + pusher.channel('private-room')!.triggers.length;
    expect(triggered()).toBe(10);
    vi.advanceTimersByTime(1100);
    expect(triggered()).toBe(12);
  });

  it('refuses a payload over 10 KB at the call', () => {
    const { echo, pusher } = connectedPusherEcho();
    const chat = echo.private('chat');
    pusher.succeed('private-chat');
    expect(() => chat.whisper('paste', { text: 'x'.repeat(10 * 1024) })).toThrow(EchoError);
    expect(() => chat.whisper('paste', { text: '字'.repeat(4000) })).toThrow(/the payload is \d+ bytes as JSON; client events allow at most 10240 bytes/);
    expect(pusher.channel('private-chat')!.triggers).toEqual([]);
  });

  it('a whisper of exactly the limit goes out', () => {
    const { echo, pusher } = connectedPusherEcho();
    const chat = echo.private('chat');
    pusher.succeed('private-chat');
    chat.whisper('paste', 'x'.repeat(10 * 1024 - 2));
    expect(pusher.channel('private-chat')!.triggers).toHaveLength(1);
  });
});

describe('Pusher recovery timer', () => {
  it('while reconnecting, restarts pusher-js after 1.5 s (after its own 1 s retry) and then every 2 s, without reporting the intermediate states', () => {
    vi.useFakeTimers();
    const { echo, pusher } = connectedPusherEcho();
    const statuses: ConnectionStatus[] = [];
    echo.onConnectionChange((status) => statuses.push(status));
    pusher.drop();
    pusher.calls.length = 0;
    vi.advanceTimersByTime(1499);
    expect(pusher.calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(pusher.calls).toEqual(['disconnect', 'connect']);
    vi.advanceTimersByTime(2000);
    expect(pusher.calls).toEqual(['disconnect', 'connect', 'disconnect', 'connect']);
    expect(statuses).toEqual(['reconnecting']);
    pusher.connectAs('2.2');
    vi.advanceTimersByTime(10_000);
    expect(pusher.calls).toHaveLength(4);
    expect(statuses).toEqual(['reconnecting', 'connected']);
  });

  it('reports reconnecting as soon as pusher-js announces its delayed retry (its own state still says connected)', () => {
    const { echo, pusher } = connectedPusherEcho();
    const statuses: ConnectionStatus[] = [];
    echo.onConnectionChange((status) => statuses.push(status));
    pusher.connection.emit('connecting_in', 1);
    expect(pusher.connection.state).toBe('connected');
    expect(statuses).toEqual(['reconnecting']);
    pusher.connection.setState('connecting');
    pusher.connectAs('2.2');
    expect(statuses).toEqual(['reconnecting', 'connected']);
  });

  it('reconnectDelays: false leaves pusher-js alone', () => {
    vi.useFakeTimers();
    const { pusher } = connectedPusherEcho({ reconnectDelays: false });
    pusher.drop();
    pusher.calls.length = 0;
    vi.advanceTimersByTime(30_000);
    expect(pusher.calls).toEqual([]);
  });

  it('does not run after disconnect()', () => {
    vi.useFakeTimers();
    const { echo, pusher } = connectedPusherEcho();
    pusher.drop();
    echo.disconnect();
    pusher.calls.length = 0;
    vi.advanceTimersByTime(30_000);
    expect(pusher.calls).toEqual([]);
    expect(echo.connectionStatus()).toBe('disconnected');
  });
});

describe('connection errors', () => {
  it('pusher:error messages reach onConnectionError with their code', () => {
    const { echo, pusher } = connectedPusherEcho();
    const errors: ConnectionError[] = [];
    const stop = echo.onConnectionError((error) => errors.push(error));
    pusher.connection.emit('error', { type: 'PusherError', data: { code: 4301, message: 'Client event rejected due to rate limit' } });
    pusher.connection.emit('error', { type: 'WebSocketError', error: { type: 'PusherError', message: 'socket closed' } });
    stop();
    pusher.connection.emit('error', { type: 'PusherError', data: { code: 4200, message: 'later' } });
    expect(errors).toEqual([
      { type: 'PusherError', code: 4301, message: 'Client event rejected due to rate limit' },
      { type: 'WebSocketError', code: null, message: 'socket closed' },
    ]);
  });

  it('a close code pusher-js emits twice (PusherError, then wrapped as WebSocketError) is reported once, with its code', () => {
    const { echo, pusher } = connectedPusherEcho();
    const errors: ConnectionError[] = [];
    echo.onConnectionError((error) => errors.push(error));
    const closeError = { type: 'PusherError', data: { code: 4009, message: 'Connection is unauthorized' } };
    pusher.connection.emit('error', closeError);
    pusher.connection.emit('error', { type: 'WebSocketError', error: closeError });
    // A handshake answered with pusher:error: pusher-js only emits the wrapped form.
    pusher.connection.emit('error', { type: 'WebSocketError', error: { type: 'PusherError', data: { code: 4001, message: 'App key does not exist' } } });
    expect(errors).toEqual([
      { type: 'PusherError', code: 4009, message: 'Connection is unauthorized' },
      { type: 'PusherError', code: 4001, message: 'App key does not exist' },
    ]);
  });

  it('Socket.IO connect errors reach onConnectionError', () => {
    const { echo, socket } = socketEcho();
    const errors: ConnectionError[] = [];
    echo.onConnectionError((error) => errors.push(error));
    socket.connectError('xhr poll error');
    expect(errors).toEqual([{ type: 'ConnectError', code: null, message: 'xhr poll error' }]);
  });
});

describe('retry() after a refused subscription', () => {
  it('Pusher: a 403 is not retried by itself; retry() authorizes again with the new token', async () => {
    const fetch = fakeFetch([{ status: 403 }, json({ auth: 'app-key:sig' })]);
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho({ bearerToken: 'old' });
    const errors: SubscriptionError[] = [];
    const channel = echo.private('order.1').error((error) => errors.push(error));
    await pusher.settled();
    await flush();
    expect(errors.map((error) => error.status)).toEqual([403]);
    expect(fetch.requests).toHaveLength(1);
    echo.setAuth({ bearerToken: 'new' });
    channel.retry();
    await pusher.settled();
    expect(fetch.requests).toHaveLength(2);
    expect(fetch.requests[1]!.headers['Authorization']).toBe('Bearer new');
    expect(pusher.sent.filter((frame) => frame.event === 'pusher:subscribe').map((frame) => frame.data['channel'])).toEqual(['private-order.1']);
  });

  it('Socket.IO: retry() sends the subscription again with fresh headers', async () => {
    const { echo, socket } = socketEcho({ bearerToken: 'old' });
    socket.serverConnect();
    const channel = echo.private('order.1');
    await flush();
    socket.serverEmit('subscription_error', 'private-order.1', 403);
    echo.setAuth({ bearerToken: 'new' });
    channel.retry();
    await flush();
    const subscribes = socket.emittedOf('subscribe') as Array<{ auth: { headers: Record<string, string> } }>;
    expect(subscribes.map((payload) => payload.auth.headers['Authorization'])).toEqual(['Bearer old', 'Bearer new']);
  });

  it('Socket.IO: a transient subscription_error (5xx, or 0: no answer) reaches error() at once (retrying: true), is sent again twice on the back-off, and the last one is final', async () => {
    vi.useFakeTimers();
    const { echo, socket } = socketEcho();
    echo.connector.resubscribeBackoff = backoff([1000, 3000]);
    socket.serverConnect();
    const errors: SubscriptionError[] = [];
    echo.private('order.1').error((error) => errors.push(error));
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.emittedOf('subscribe')).toHaveLength(1);
    socket.serverEmit('subscription_error', 'private-order.1', 503);
    expect(errors.map((e) => [e.status, e.reason, e.attempt, e.retrying])).toEqual([[503, 'server-error', 1, true]]);
    await vi.advanceTimersByTimeAsync(999);
    expect(socket.emittedOf('subscribe')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.emittedOf('subscribe')).toHaveLength(2);
    socket.serverEmit('subscription_error', 'private-order.1', 0);
    await vi.advanceTimersByTimeAsync(3000);
    expect(socket.emittedOf('subscribe')).toHaveLength(3);
    expect(errors).toHaveLength(1); // the retry in between is quiet
    socket.serverEmit('subscription_error', 'private-order.1', 500);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(socket.emittedOf('subscribe')).toHaveLength(3);
    expect(errors.map((e) => [e.status, e.reason, e.attempt, e.retrying])).toEqual([
      [503, 'server-error', 1, true],
      [500, 'server-error', 3, false],
    ]);
  });

  it('Socket.IO: refusals are not sent again, and leaving cancels a pending transient retry', async () => {
    vi.useFakeTimers();
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const errors: SubscriptionError[] = [];
    echo.private('order.1').error((error) => errors.push(error));
    echo.private('order.2');
    await vi.advanceTimersByTimeAsync(0);
    socket.serverEmit('subscription_error', 'private-order.1', 419);
    socket.serverEmit('subscription_error', 'private-order.2', 502);
    echo.leave('order.2');
    await vi.advanceTimersByTimeAsync(10_000);
    const channels = (socket.emittedOf('subscribe') as Array<{ channel: string }>).map((payload) => payload.channel);
    expect(channels).toEqual(['private-order.1', 'private-order.2']);
    expect(errors.map((e) => e.reason)).toEqual(['csrf-mismatch']);
  });

  it('retry() on a subscribed channel does nothing', async () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const channel = echo.channel('orders');
    await flush();
    channel.retry();
    await flush();
    expect(socket.emittedOf('subscribe')).toHaveLength(1);
  });
});

describe('encrypted channels: undecryptable events are reported, not delivered', () => {
  function encrypted() {
    const made = connectedPusherEcho();
    const errors: SubscriptionError[] = [];
    const received: unknown[] = [];
    const channel = made.echo.encryptedPrivate('vault').listen('.secret', (e) => received.push(e)).error((e) => errors.push(e));
    made.pusher.succeed('private-encrypted-vault');
    const raw = made.pusher.channel('private-encrypted-vault')!;
    const handler = (made.pusher.options['channelAuthorization'] as { customHandler: (p: object, cb: (e: Error | null, d: unknown) => void) => void }).customHandler;
    return { ...made, channel, raw, errors, received, handler };
  }

  it('an event pusher-js decrypts is delivered and reports nothing', () => {
    const { raw, errors, received } = encrypted();
    raw.handleEvent({ event: 'secret', data: { ok: 1 } });
    expect(received).toEqual([{ ok: 1 }]);
    expect(errors).toEqual([]);
  });

  it('a malformed payload that pusher-js drops is reported as a DecryptionError', () => {
    const { raw, errors, received } = encrypted();
    raw.onHandle = () => {}; // pusher-js logs "Unexpected format for encrypted event" and emits nothing
    raw.handleEvent({ event: 'secret', data: { nonce: 'x' } });
    expect(received).toEqual([]);
    expect(errors).toEqual([
      {
        type: 'DecryptionError',
        channel: 'private-encrypted-vault',
        status: null,
        reason: 'decryption-failed',
        error: 'An event (secret) on private-encrypted-vault could not be decrypted (malformed payload) and was not delivered.',
        attempt: 1,
        retrying: false,
      },
    ]);
  });

  it('a payload that still fails after pusher-js fetched a new key is reported once', async () => {
    vi.stubGlobal('fetch', fakeFetch([json({ auth: 'app-key:sig', shared_secret: 'bmV3' })]));
    const { raw, errors, received, handler, pusher } = encrypted();
    raw.onHandle = () => handler({ socketId: '1234.5678', channelName: 'private-encrypted-vault' }, () => {}); // re-key, then still no emit
    raw.handleEvent({ event: 'secret', data: { nonce: 'n', ciphertext: 'c' } });
    expect(errors).toEqual([]);
    await pusher.settled();
    await flush();
    expect(received).toEqual([]);
    expect(errors.map((e) => [e.type, e.error])).toEqual([
      ['DecryptionError', 'An event on private-encrypted-vault could not be decrypted, even with a new key; it was not delivered.'],
    ]);
  });

  it('a payload that decrypts with the new key is delivered and reports nothing', async () => {
    vi.stubGlobal('fetch', fakeFetch([json({ auth: 'app-key:sig', shared_secret: 'bmV3' })]));
    const { raw, errors, received, handler } = encrypted();
    raw.onHandle = (event) =>
      handler({ socketId: '1234.5678', channelName: 'private-encrypted-vault' }, (error) => {
        if (!error) raw.emit(event.event, { rotated: true });
      });
    raw.handleEvent({ event: 'secret', data: { nonce: 'n', ciphertext: 'c' } });
    await flush(60);
    expect(received).toEqual([{ rotated: true }]);
    expect(errors).toEqual([]);
  });
});
