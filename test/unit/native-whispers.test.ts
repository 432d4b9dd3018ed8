// Client events on the built-in client: queued until the subscription stands, sent in order in
// pusher-js's frame shape, at most 10 per connection in any 1.1 s window, and refused where the
// protocol has none.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from './fakes/fake-fetch';
import { connectedNativeEcho, nativeEcho } from './native-support';
import { expectEchoError, flush } from './support';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  vi.stubGlobal('fetch', fakeFetch([json({ auth: 'app-key:sig', channel_data: JSON.stringify({ user_id: '1', user_info: {} }) })]));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const settle = () => vi.advanceTimersByTimeAsync(0).then(() => flush());

describe('whispers', () => {
  it('a whisper on a subscribed private channel goes out as {event: client-…, data, channel}', async () => {
    const { echo, server } = connectedNativeEcho();
    const channel = echo.private('chat');
    await settle();
    channel.whisper('typing', { name: 'Ann' });
    expect(server.socket.raw.at(-1)).toBe('{"event":"client-typing","data":{"name":"Ann"},"channel":"private-chat"}');
  });

  it('whispers made before the subscription succeeded wait for it, then go out in order', async () => {
    const { echo, server } = connectedNativeEcho({}, {});
    const channel = echo.private('chat');
    channel.whisper('a', 1).whisper('b', 2);
    await settle();
    expect(server.socket.sentOf('client-a')).toEqual([]);
    server.socket.succeed('private-chat');
    expect(server.socket.sent.filter((f) => f.event.startsWith('client-')).map((f) => [f.event, f.data])).toEqual([
      ['client-a', 1],
      ['client-b', 2],
    ]);
  });

  it('whispers made before the handshake wait for the subscription too', async () => {
    const { echo, server } = nativeEcho({}, { autoSubscribe: true });
    echo.private('chat').whisper('typing', {});
    server.socket.establish();
    await settle();
    expect(server.socket.sentOf('client-typing')).toHaveLength(1);
  });

  it('whispers made while reconnecting go out once the channel is subscribed again', async () => {
    const { echo, server } = connectedNativeEcho();
    const channel = echo.private('chat');
    await settle();
    server.socket.closeFromServer(1006);
    channel.whisper('typing', { n: 1 });
    await vi.advanceTimersByTimeAsync(100);
    server.socket.establish('2.2');
    expect(server.socket.sentOf('client-typing')).toEqual([]);
    await settle();
    expect(server.socket.sentOf('client-typing')).toEqual([{ event: 'client-typing', data: { n: 1 }, channel: 'private-chat' }]);
  });

  it('at most 10 per 1.1 s: the 11th and 12th wait for the window', async () => {
    const { echo, server } = connectedNativeEcho();
    const channel = echo.private('chat');
    await settle();
    for (let i = 0; i < 12; i++) channel.whisper('typing', { i });
    expect(server.socket.sentOf('client-typing')).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(1_099);
    expect(server.socket.sentOf('client-typing')).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.socket.sentOf('client-typing').map((f) => (f.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('the limit is per connection, across channels', async () => {
    const { echo, server } = connectedNativeEcho();
    const a = echo.private('a');
    const b = echo.join('b');
    await settle();
    for (let i = 0; i < 6; i++) a.whisper('x', i);
    for (let i = 0; i < 6; i++) b.whisper('x', i);
    expect(server.socket.sentOf('client-x')).toHaveLength(10);
  });

  it('whispers of a channel left while they wait for the window are dropped', async () => {
    const { echo, server } = connectedNativeEcho();
    const channel = echo.private('chat');
    await settle();
    for (let i = 0; i < 12; i++) channel.whisper('typing', { i });
    echo.leave('chat');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(server.socket.sentOf('client-typing')).toHaveLength(10);
  });

  it('a payload over 10 KB throws E16 and sends nothing', async () => {
    const { echo, server } = connectedNativeEcho();
    const channel = echo.private('chat');
    await settle();
    expect(expectEchoError(() => channel.whisper('big', 'x'.repeat(11_000)), '10240').code).toBe('E16');
    expect(server.socket.sentOf('client-big')).toEqual([]);
  });

  it('whisper() on an encrypted channel throws E15', () => {
    const nacl = { secretbox: { open: () => null } };
    const { echo } = connectedNativeEcho({ nacl });
    const channel = echo.encryptedPrivate('vault');
    expect(expectEchoError(() => (channel as unknown as { whisper(e: string, d: unknown): void }).whisper('x', {}), 'encrypted').code).toBe('E15');
  });
});
