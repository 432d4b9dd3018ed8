// After a reconnect the built-in client subscribes every channel again, re-authorized for the new
// socket id, and every callback still runs once per event: no second binding, no second subscription.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, formOf, json, type FakeFetch } from './fakes/fake-fetch';
import { connectedNativeEcho } from './native-support';
import { flush } from './support';

let fetch: FakeFetch;

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  fetch = fakeFetch((request) => {
    const form = formOf(request);
    const channel = form['channel_name'] ?? '';
    const auth = `app-key:sig-for-${form['socket_id']}`;
    return json(channel.startsWith('presence-') ? { auth, channel_data: JSON.stringify({ user_id: '1', user_info: { name: 'Ann' } }) } : { auth });
  });
  vi.stubGlobal('fetch', fetch);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const settle = () => vi.advanceTimersByTimeAsync(0).then(() => flush());

/** A connected Echo with a public, a private and a presence channel, each with one listener of every kind. */
async function threeChannels() {
  const setup = connectedNativeEcho();
  const calls = { event: vi.fn(), subscribed: vi.fn(), here: vi.fn(), joining: vi.fn(), all: vi.fn(), whisper: vi.fn() };
  setup.echo.channel('orders').listen('OrderShipped', calls.event).subscribed(calls.subscribed).listenToAll(calls.all);
  setup.echo.private('orders.1').listen('OrderShipped', calls.event).subscribed(calls.subscribed);
  setup.echo.join('room.1').here(calls.here).joining(calls.joining).subscribed(calls.subscribed).listenForWhisper('typing', calls.whisper);
  await settle();
  return { ...setup, calls };
}

/** The server drops the connection; the client reconnects on its schedule as socket `id`. */
async function reconnect(setup: Awaited<ReturnType<typeof threeChannels>>, id = '2.2') {
  setup.server.socket.closeFromServer(1006);
  await vi.advanceTimersByTimeAsync(100);
  setup.server.socket.establish(id);
  await settle();
}

describe('resubscription after a reconnect', () => {
  it('subscribes every channel again on the new socket', async () => {
    const setup = await threeChannels();
    await reconnect(setup);
    const channels = setup.server.socket.sentOf('pusher:subscribe').map((frame) => (frame.data as { channel: string }).channel);
    expect(channels.sort()).toEqual(['orders', 'presence-room.1', 'private-orders.1']);
  });

  it('re-authorizes private and presence channels with the new socket id and sends the new signature', async () => {
    const setup = await threeChannels();
    await reconnect(setup, '2.2');
    expect(fetch.requests.slice(2).map((r) => formOf(r)['socket_id'])).toEqual(['2.2', '2.2']);
    const auths = setup.server.socket.sentOf('pusher:subscribe').map((frame) => (frame.data as { auth: string }).auth);
    expect(auths.sort()).toEqual(['', 'app-key:sig-for-2.2', 'app-key:sig-for-2.2']);
  });

  it('each event reaches each listener once after the reconnect', async () => {
    const setup = await threeChannels();
    await reconnect(setup);
    setup.server.socket.event('orders', 'App\\Events\\OrderShipped', { id: 1 });
    setup.server.socket.event('private-orders.1', 'App\\Events\\OrderShipped', { id: 2 });
    setup.server.socket.event('presence-room.1', 'client-typing', {}, '2');
    expect(setup.calls.event).toHaveBeenCalledTimes(2);
    expect(setup.calls.all).toHaveBeenCalledTimes(1);
    expect(setup.calls.whisper).toHaveBeenCalledTimes(1);
  });

  it('subscribed() and here() run once per subscription: three channels, two subscriptions each', async () => {
    const setup = await threeChannels();
    await reconnect(setup);
    expect(setup.calls.subscribed).toHaveBeenCalledTimes(6);
    expect(setup.calls.here).toHaveBeenCalledTimes(2);
    expect(setup.calls.joining).not.toHaveBeenCalled();
  });

  it('a reconnect during the re-authorization: only the newest socket id’s signature is sent', async () => {
    const setup = await threeChannels();
    const hang = fakeFetch(['hang']);
    vi.stubGlobal('fetch', hang);
    setup.server.socket.closeFromServer(1006);
    await vi.advanceTimersByTimeAsync(100);
    setup.server.socket.establish('2.2'); // re-authorization hangs
    await settle();
    vi.stubGlobal('fetch', fetch);
    setup.server.socket.closeFromServer(1006);
    await vi.advanceTimersByTimeAsync(100);
    setup.server.socket.establish('3.3');
    await settle();
    const auths = setup.server.socket.sentOf('pusher:subscribe').map((frame) => (frame.data as { auth: string }).auth);
    expect(auths.sort()).toEqual(['', 'app-key:sig-for-3.3', 'app-key:sig-for-3.3']);
    await vi.advanceTimersByTimeAsync(30_000); // the hung requests time out: nothing more is sent
    expect(setup.server.socket.sentOf('pusher:subscribe')).toHaveLength(3);
  });

  it('members are known again after the resubscription, and nobody is reported leaving on the way', async () => {
    const setup = await threeChannels();
    const leaving = vi.fn();
    const channel = setup.echo.join('room.1').leaving(leaving);
    setup.server.socket.closeFromServer(1006);
    expect(channel.members()).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    setup.server.socket.establish('2.2');
    await settle();
    expect(channel.members()).toEqual([{ name: 'Ann' }]);
    expect(leaving).not.toHaveBeenCalled();
  });

  it('a channel joined from the onConnectionChange("connected") callback is subscribed once', async () => {
    const setup = connectedNativeEcho();
    setup.server.socket.closeFromServer(1006);
    const subscribed = vi.fn();
    const off = setup.echo.onConnectionChange((status) => {
      if (status === 'connected') setup.echo.private('late').subscribed(subscribed);
    });
    await vi.advanceTimersByTimeAsync(100);
    setup.server.socket.establish('2.2');
    await settle();
    off();
    expect(fetch.requests).toHaveLength(1);
    expect(setup.server.socket.sentOf('pusher:subscribe')).toHaveLength(1);
    expect(subscribed).toHaveBeenCalledTimes(1);
  });

  it('a channel left from the onConnectionChange("connected") callback is not subscribed again', async () => {
    const setup = connectedNativeEcho();
    setup.echo.channel('orders');
    setup.server.socket.closeFromServer(1006);
    setup.echo.onConnectionChange((status) => {
      if (status === 'connected') setup.echo.leave('orders');
    });
    await vi.advanceTimersByTimeAsync(100);
    setup.server.socket.establish('2.2');
    await settle();
    const frames = setup.server.socket.sent.map((frame) => frame.event);
    // Subscribed before the state is reported, then left by the callback: the server ends with no subscription.
    expect(frames.filter((event) => event === 'pusher:subscribe').length).toBe(frames.filter((event) => event === 'pusher:unsubscribe').length);
  });
});
