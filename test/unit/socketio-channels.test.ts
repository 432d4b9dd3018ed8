import { afterEach, describe, expect, it, vi } from 'vitest';
import { EchoError, type SubscriptionError } from '../../src/errors';
import { flush, socketEcho, socketEchoV2 } from './support';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A v4 echo whose socket is connected. */
const connected = (options: Parameters<typeof socketEcho>[0] = {}) => {
  const made = socketEcho(options);
  made.socket.serverConnect('sio-1');
  return made;
};

describe('Socket.IO channel: listen / stopListening', () => {
  it('listen() delivers the payload of the namespaced event sent as (channel, data)', () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.channel('orders').listen('OrderShipped', callback);
    socket.serverEmit('App\\Events\\OrderShipped', 'orders', { order: { id: 5 } });
    expect(callback).toHaveBeenCalledExactlyOnceWith({ order: { id: 5 } });
  });

  it('listen() is chainable and returns the same channel', () => {
    const { echo } = connected();
    const channel = echo.private('orders');
    expect(channel.listen('A', vi.fn()).listen('B', vi.fn())).toBe(channel);
  });

  it("listen('.server.created') receives the wire name 'server.created'", () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.channel('servers').listen('.server.created', callback);
    socket.serverEmit('server.created', 'servers', 1);
    expect(callback).toHaveBeenCalledExactlyOnceWith(1);
  });

  it('several callbacks of one event are called in registration order', () => {
    const { echo, socket } = connected();
    const order: string[] = [];
    echo.channel('orders').listen('A', () => order.push('first')).listen('A', () => order.push('second'));
    socket.serverEmit('App\\Events\\A', 'orders', {});
    expect(order).toEqual(['first', 'second']);
  });

  it('stopListening(event, callback) removes only that callback', () => {
    const { echo, socket } = connected();
    const kept = vi.fn();
    const removed = vi.fn();
    echo.channel('orders').listen('A', kept).listen('A', removed).stopListening('A', removed);
    socket.serverEmit('App\\Events\\A', 'orders', 1);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('stopListening(event) removes every callback of that event', () => {
    const { echo, socket } = connected();
    const a = vi.fn();
    const b = vi.fn();
    echo.channel('orders').listen('A', a).listen('A', b).stopListening('A');
    socket.serverEmit('App\\Events\\A', 'orders', 1);
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
  });

  it('stopListening() of an event never listened for changes nothing', () => {
    const { echo, socket } = connected();
    const a = vi.fn();
    echo.channel('orders').listen('A', a).stopListening('B');
    socket.serverEmit('App\\Events\\A', 'orders', 1);
    expect(a).toHaveBeenCalledTimes(1);
  });
});

describe('Socket.IO channel: on / off (raw names)', () => {
  it('on() receives the raw wire name', () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.channel('orders').on('raw.name', callback);
    socket.serverEmit('raw.name', 'orders', 1);
    expect(callback).toHaveBeenCalledExactlyOnceWith(1);
  });

  it('off(event, callback) removes that raw binding', () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.channel('orders').on('raw', callback).off('raw', callback);
    socket.serverEmit('raw', 'orders', 1);
    expect(callback).not.toHaveBeenCalled();
  });
});

describe.each([
  ['v4', socketEcho],
  ['v2', socketEchoV2],
] as const)('Socket.IO channel: listenToAll / stopListeningToAll (socket.io-client %s)', (_version, make) => {
  const up = () => {
    const made = make();
    made.socket.serverConnect('sio-1');
    return made;
  };

  it('gives names back the way listen() takes them', () => {
    const { echo, socket } = up();
    const seen: Array<[string, unknown]> = [];
    echo.channel('orders').listenToAll((event, data) => seen.push([event, data]));
    socket.serverEmit('App\\Events\\OrderShipped', 'orders', 1);
    socket.serverEmit('App\\Events\\Orders\\Refunded', 'orders', 2);
    socket.serverEmit('server.created', 'orders', 3);
    expect(seen).toEqual([
      ['OrderShipped', 1],
      ['Orders.Refunded', 2],
      ['.server.created', 3],
    ]);
  });

  it('a name it reports, passed to listen(), receives the same event', () => {
    const { echo, socket } = up();
    const channel = echo.channel('orders');
    const names: string[] = [];
    channel.listenToAll((event) => names.push(event));
    socket.serverEmit('App\\Events\\Orders\\Refunded', 'orders', 1);
    socket.serverEmit('server.created', 'orders', 2);
    const callback = vi.fn();
    for (const name of names) channel.listen(name, callback);
    socket.serverEmit('App\\Events\\Orders\\Refunded', 'orders', 3);
    socket.serverEmit('server.created', 'orders', 4);
    expect(callback.mock.calls).toEqual([[3], [4]]);
  });

  it('only reports events of its own channel', () => {
    const { echo, socket } = up();
    const callback = vi.fn();
    echo.channel('orders').listenToAll(callback);
    socket.serverEmit('App\\Events\\A', 'other', 1);
    expect(callback).not.toHaveBeenCalled();
  });

  it('skips the protocol events subscription_error and presence:*', () => {
    const { echo, socket } = up();
    const callback = vi.fn();
    echo.join('room').listenToAll(callback);
    socket.serverEmit('presence:subscribed', 'presence-room', []);
    socket.serverEmit('presence:joining', 'presence-room', { user_id: 1 });
    socket.serverEmit('subscription_error', 'presence-room', 403);
    expect(callback).not.toHaveBeenCalled();
  });

  it('does not disturb listen() callbacks of the same event', () => {
    const { echo, socket } = up();
    const all = vi.fn();
    const one = vi.fn();
    echo.channel('orders').listen('A', one).listenToAll(all);
    socket.serverEmit('App\\Events\\A', 'orders', 1);
    expect(one).toHaveBeenCalledExactlyOnceWith(1);
    expect(all).toHaveBeenCalledExactlyOnceWith('A', 1);
  });

  it('stopListeningToAll(callback) removes only that callback', () => {
    const { echo, socket } = up();
    const kept = vi.fn();
    const removed = vi.fn();
    echo.channel('orders').listenToAll(kept).listenToAll(removed).stopListeningToAll(removed);
    socket.serverEmit('App\\Events\\A', 'orders', 1);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('stopListeningToAll() removes every listenToAll callback', () => {
    const { echo, socket } = up();
    const a = vi.fn();
    const b = vi.fn();
    echo.channel('orders').listenToAll(a).listenToAll(b).stopListeningToAll();
    socket.serverEmit('App\\Events\\A', 'orders', 1);
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
  });

  it('keeps reporting to one channel after another channel stopped', () => {
    const { echo, socket } = up();
    const kept = vi.fn();
    echo.channel('a').listenToAll(kept);
    echo.channel('b').listenToAll(vi.fn()).stopListeningToAll();
    socket.serverEmit('App\\Events\\X', 'a', 1);
    expect(kept).toHaveBeenCalledTimes(1);
  });

  it('leave() stops listenToAll callbacks', () => {
    const { echo, socket } = up();
    const callback = vi.fn();
    echo.channel('orders').listenToAll(callback);
    echo.leave('orders');
    echo.channel('orders');
    socket.serverEmit('App\\Events\\A', 'orders', 1);
    expect(callback).not.toHaveBeenCalled();
  });
});

describe('Socket.IO channel: listenToAll hook on the socket', () => {
  it('v4: one onAny listener for all channels, removed after the last stopListeningToAll()', () => {
    const { echo, socket } = connected();
    echo.channel('a').listenToAll(vi.fn());
    echo.channel('b').listenToAll(vi.fn());
    expect(socket.anyListenerCount).toBe(1);
    echo.channel('a').stopListeningToAll();
    echo.channel('b').stopListeningToAll();
    expect(socket.anyListenerCount).toBe(0);
  });

  it("v2: the wrapped onevent still delivers events to the socket's own listeners", () => {
    const { echo, socket } = socketEchoV2();
    socket.serverConnect();
    const one = vi.fn();
    echo.channel('orders').listen('A', one).listenToAll(vi.fn());
    socket.serverEmit('App\\Events\\A', 'orders', 1);
    expect(one).toHaveBeenCalledExactlyOnceWith(1);
  });
});

describe('Socket.IO channel: subscribed / stopSubscribed', () => {
  it('a public channel is subscribed once its subscribe was sent', async () => {
    const { echo } = connected();
    const callback = vi.fn();
    echo.channel('orders').subscribed(callback);
    expect(callback).not.toHaveBeenCalled();
    await flush();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('a private channel is subscribed once its subscribe was sent', async () => {
    const { echo } = connected();
    const callback = vi.fn();
    echo.private('order.1').subscribed(callback);
    await flush();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('a channel made before the socket connects is subscribed after the connect', async () => {
    const { echo, socket } = socketEcho();
    const callback = vi.fn();
    echo.channel('orders').subscribed(callback);
    await flush();
    expect(callback).not.toHaveBeenCalled();
    socket.serverConnect();
    await flush();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('a presence channel is subscribed only when presence:subscribed arrives', async () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.join('room').subscribed(callback);
    await flush();
    expect(callback).not.toHaveBeenCalled();
    socket.serverEmit('presence:subscribed', 'presence-room', []);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('subscribed() fires again after each reconnect', async () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.channel('orders').subscribed(callback);
    await flush();
    socket.drop();
    socket.serverConnect('sio-2');
    await flush();
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it('subscribed() fires at once when already subscribed', async () => {
    const { echo } = connected();
    const channel = echo.channel('orders');
    await flush();
    const late = vi.fn();
    channel.subscribed(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('stopSubscribed(callback) removes only that callback', async () => {
    const { echo } = connected();
    const kept = vi.fn();
    const removed = vi.fn();
    echo.channel('orders').subscribed(kept).subscribed(removed).stopSubscribed(removed);
    await flush();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('stopSubscribed() removes every subscribed callback', async () => {
    const { echo } = connected();
    const a = vi.fn();
    echo.channel('orders').subscribed(a).subscribed(vi.fn()).stopSubscribed();
    await flush();
    expect(a).not.toHaveBeenCalled();
  });
});

describe('Socket.IO channel: error / stopError', () => {
  it('subscription_error(channel, status) reaches error() as a typed SubscriptionError', () => {
    const { echo, socket } = connected();
    const errors: SubscriptionError[] = [];
    echo.private('order.1').error((error) => errors.push(error));
    socket.serverEmit('subscription_error', 'private-order.1', 403);
    expect(errors).toEqual([{ type: 'AuthError', channel: 'private-order.1', status: 403, reason: 'forbidden', error: 'The server refused private-order.1 (HTTP 403).', attempt: 1, retrying: false }]);
  });

  it('maps a 401 to reason unauthenticated', () => {
    const { echo, socket } = connected();
    const errors: SubscriptionError[] = [];
    echo.private('order.1').error((error) => errors.push(error));
    socket.serverEmit('subscription_error', 'private-order.1', 401);
    expect(errors.map((e) => e.reason)).toEqual(['unauthenticated']);
  });

  it('status 0 (the server could not reach the auth endpoint) is reported as status null, reason network', () => {
    const { echo, socket } = connected({ authRetries: 0 }); // transient: retried first otherwise (reliability.test.ts)
    const errors: SubscriptionError[] = [];
    echo.private('order.1').error((error) => errors.push(error));
    socket.serverEmit('subscription_error', 'private-order.1', 0);
    expect(errors).toEqual([{ type: 'AuthError', channel: 'private-order.1', status: null, reason: 'network', error: 'The server refused private-order.1.', attempt: 1, retrying: false }]);
  });

  it('subscription_error of another channel does not reach error()', () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.private('a').error(callback);
    echo.private('b');
    socket.serverEmit('subscription_error', 'private-b', 403);
    expect(callback).not.toHaveBeenCalled();
  });

  it('works with socket.io v2 too', () => {
    const { echo, socket } = socketEchoV2();
    socket.serverConnect();
    const callback = vi.fn();
    echo.private('a').error(callback);
    socket.serverEmit('subscription_error', 'private-a', 403);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('a failed subscription is no longer subscribed', async () => {
    const { echo, socket } = connected();
    const channel = echo.private('a');
    await flush();
    socket.serverEmit('subscription_error', 'private-a', 403);
    expect(channel.isSubscribed).toBe(false);
  });

  it('stopError(callback) removes only that callback', () => {
    const { echo, socket } = connected();
    const kept = vi.fn();
    const removed = vi.fn();
    echo.private('a').error(kept).error(removed).stopError(removed);
    socket.serverEmit('subscription_error', 'private-a', 403);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('stopError() removes every error callback', () => {
    const { echo, socket } = connected();
    const a = vi.fn();
    echo.private('a').error(a).error(vi.fn()).stopError();
    socket.serverEmit('subscription_error', 'private-a', 403);
    expect(a).not.toHaveBeenCalled();
  });
});

describe('Socket.IO channel: notifications', () => {
  it("notification() listens for Illuminate's BroadcastNotificationCreated by default", () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.private('App.User.1').notification(callback);
    socket.serverEmit('Illuminate\\Notifications\\Events\\BroadcastNotificationCreated', 'private-App.User.1', { id: 'n1', type: 'T' });
    expect(callback).toHaveBeenCalledExactlyOnceWith({ id: 'n1', type: 'T' });
  });

  it("notifications: 'legacy' listens for the Royalcms 5 event class", () => {
    const { echo, socket } = connected({ notifications: 'legacy' });
    const callback = vi.fn();
    echo.private('App.User.1').notification(callback);
    socket.serverEmit('Illuminate\\Notifications\\Events\\BroadcastNotificationCreated', 'private-App.User.1', { id: 'x' });
    socket.serverEmit('Royalcms\\Component\\Notifications\\Events\\BroadcastNotificationCreated', 'private-App.User.1', { id: 'n1' });
    expect(callback).toHaveBeenCalledExactlyOnceWith({ id: 'n1' });
  });

  it('stopListeningForNotification(callback) removes that callback', () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.private('App.User.1').notification(callback).stopListeningForNotification(callback);
    socket.serverEmit('Illuminate\\Notifications\\Events\\BroadcastNotificationCreated', 'private-App.User.1', { id: 'n1' });
    expect(callback).not.toHaveBeenCalled();
  });
});

describe('Socket.IO channel: whispers', () => {
  it('listenForWhisper() receives client-<event>', () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.private('chat').listenForWhisper('typing', callback);
    socket.serverEmit('client-typing', 'private-chat', { name: 'Ann' });
    expect(callback).toHaveBeenCalledExactlyOnceWith({ name: 'Ann' });
  });

  it('stopListeningForWhisper(event, callback) removes that callback', () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.private('chat').listenForWhisper('typing', callback).stopListeningForWhisper('typing', callback);
    socket.serverEmit('client-typing', 'private-chat', {});
    expect(callback).not.toHaveBeenCalled();
  });

  it("whisper() on a subscribed private channel emits 'client event' {channel, event, data}", async () => {
    const { echo, socket } = connected();
    const channel = echo.private('chat');
    await flush();
    channel.whisper('typing', { name: 'Ann' });
    expect(socket.emittedOf('client event')).toEqual([{ channel: 'private-chat', event: 'client-typing', data: { name: 'Ann' } }]);
  });

  it('whisper() before the subscription was sent is queued and sent right after it, in order', async () => {
    const { echo, socket } = connected();
    echo.private('chat').whisper('typing', 1).whisper('stopped', 2);
    expect(socket.emittedOf('client event')).toEqual([]);
    await flush();
    expect(socket.emitted.map(([event, payload]) => [event, (payload as { event?: string }).event ?? (payload as { channel: string }).channel])).toEqual([
      ['subscribe', 'private-chat'],
      ['client event', 'client-typing'],
      ['client event', 'client-stopped'],
    ]);
  });

  it('whisper() while disconnected is queued until the next connect', async () => {
    const { echo, socket } = connected();
    const channel = echo.private('chat');
    await flush();
    socket.drop();
    channel.whisper('typing', 1);
    expect(socket.emittedOf('client event')).toEqual([]);
    socket.serverConnect('sio-2');
    await flush();
    expect(socket.emittedOf('client event')).toEqual([{ channel: 'private-chat', event: 'client-typing', data: 1 }]);
  });

  it('whisper() on a presence channel waits for presence:subscribed', async () => {
    const { echo, socket } = connected();
    echo.join('room').whisper('typing', 1);
    await flush();
    expect(socket.emittedOf('client event')).toEqual([]);
    socket.serverEmit('presence:subscribed', 'presence-room', []);
    expect(socket.emittedOf('client event')).toEqual([{ channel: 'presence-room', event: 'client-typing', data: 1 }]);
  });

  it('whispers queued on a channel that is then left are dropped', async () => {
    const { echo, socket } = socketEcho();
    echo.private('chat').whisper('typing', 1);
    echo.leave('chat');
    socket.serverConnect();
    await flush();
    expect(socket.emittedOf('client event')).toEqual([]);
  });

  it('whisper() on a public channel throws an EchoError that names the channel and the fix', () => {
    const channel = connected().echo.channel('chat');
    // @ts-expect-error public channels cannot whisper: TypeScript rejects the call too
    expect(() => channel.whisper('typing', {})).toThrow(
      'whisper("typing") on the public channel "chat": client events need a private or presence channel. Use Echo.private("chat") or Echo.join("chat").',
    );
    // @ts-expect-error see above
    expect(() => channel.whisper('typing', {})).toThrow(EchoError);
  });
});

describe('Socket.IO channel: leave', () => {
  it('after leave(), an emitted event reaches no callback', () => {
    const { echo, socket } = connected();
    const callback = vi.fn();
    echo.channel('orders').listen('A', callback).on('raw', callback).listenForWhisper('typing', callback);
    echo.leave('orders');
    socket.serverEmit('App\\Events\\A', 'orders', 1);
    socket.serverEmit('raw', 'orders', 1);
    socket.serverEmit('client-typing', 'orders', 1);
    expect(callback).not.toHaveBeenCalled();
  });

  it('after leave(), the old callbacks are not revived by a new channel of the same name', () => {
    const { echo, socket } = connected();
    const old = vi.fn();
    echo.channel('orders').listen('A', old);
    echo.leave('orders');
    echo.channel('orders').listen('B', vi.fn());
    socket.serverEmit('App\\Events\\A', 'orders', 1);
    expect(old).not.toHaveBeenCalled();
  });

  it('after leave(), error() callbacks are not called', () => {
    const { echo, socket } = connected();
    const error = vi.fn();
    echo.private('orders').error(error);
    echo.leave('orders');
    socket.serverEmit('subscription_error', 'private-orders', 403);
    expect(error).not.toHaveBeenCalled();
  });
});
