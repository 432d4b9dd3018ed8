import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EchoError, type SubscriptionError } from '../../src/errors';
import { fakeFetch, json, type FakeFetch } from './fakes/fake-fetch';
import type { FakePusherChannel } from './fakes/fake-pusher';
import { connectedPusherEcho, pusherEcho } from './support';

let fetch: FakeFetch;

beforeEach(() => {
  fetch = fakeFetch([json({ auth: 'app-key:signature' })]);
  vi.stubGlobal('fetch', fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Pusher channel: listen / stopListening', () => {
  it('listen() delivers the payload of the namespaced event', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.channel('orders').listen('OrderShipped', callback);
    pusher.emit('orders', 'App\\Events\\OrderShipped', { order: { id: 5 } });
    expect(callback).toHaveBeenCalledExactlyOnceWith({ order: { id: 5 } });
  });

  it('listen() is chainable and returns the same channel', () => {
    const { echo } = pusherEcho();
    const channel = echo.private('orders');
    expect(channel.listen('A', vi.fn()).listen('B', vi.fn()).listen('C', vi.fn())).toBe(channel);
  });

  it('chained listen() calls each receive only their own event', () => {
    const { echo, pusher } = pusherEcho();
    const a = vi.fn();
    const b = vi.fn();
    echo.channel('orders').listen('A', a).listen('B', b);
    pusher.emit('orders', 'App\\Events\\B', 2);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledExactlyOnceWith(2);
  });

  it("listen('.server.created') binds the wire name 'server.created'", () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.channel('servers').listen('.server.created', callback);
    pusher.emit('servers', 'server.created', { id: 1 });
    expect(callback).toHaveBeenCalledExactlyOnceWith({ id: 1 });
  });

  it('listen() uses the namespace option of this instance', () => {
    const { echo, pusher } = pusherEcho({ namespace: 'App.Other.Namespace' });
    const callback = vi.fn();
    echo.channel('orders').listen('OrderShipped', callback);
    pusher.emit('orders', 'App\\Other\\Namespace\\OrderShipped', 1);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('stopListening(event, callback) removes only that callback', () => {
    const { echo, pusher } = pusherEcho();
    const kept = vi.fn();
    const removed = vi.fn();
    echo.channel('orders').listen('OrderShipped', kept).listen('OrderShipped', removed).stopListening('OrderShipped', removed);
    pusher.emit('orders', 'App\\Events\\OrderShipped', 1);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('stopListening(event) removes every callback of that event', () => {
    const { echo, pusher } = pusherEcho();
    const first = vi.fn();
    const second = vi.fn();
    echo.channel('orders').listen('OrderShipped', first).listen('OrderShipped', second).stopListening('OrderShipped');
    pusher.emit('orders', 'App\\Events\\OrderShipped', 1);
    expect(first).not.toHaveBeenCalled();
    expect(second).not.toHaveBeenCalled();
  });

  it('stopListening() formats the name like listen() does', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.channel('servers').listen('.server.created', callback).stopListening('.server.created', callback);
    expect(pusher.channel('servers')?.listenerCount('server.created')).toBe(0);
  });
});

describe('Pusher channel: on / off (raw names)', () => {
  it('on() binds the raw wire name without the namespace', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.channel('orders').on('OrderShipped', callback);
    pusher.emit('orders', 'App\\Events\\OrderShipped', 1);
    pusher.emit('orders', 'OrderShipped', 2);
    expect(callback).toHaveBeenCalledExactlyOnceWith(2);
  });

  it('off(event, callback) removes that raw binding', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.channel('orders').on('raw', callback).off('raw', callback);
    pusher.emit('orders', 'raw', 1);
    expect(callback).not.toHaveBeenCalled();
  });
});

describe('Pusher channel: listenToAll / stopListeningToAll', () => {
  it('gives namespaced events back without the namespace, the way listen() takes them', () => {
    const { echo, pusher } = pusherEcho();
    const seen: Array<[string, unknown]> = [];
    echo.channel('orders').listenToAll((event, data) => seen.push([event, data]));
    pusher.emit('orders', 'App\\Events\\OrderShipped', 1);
    pusher.emit('orders', 'App\\Events\\Orders\\Refunded', 2);
    expect(seen).toEqual([
      ['OrderShipped', 1],
      ['Orders.Refunded', 2],
    ]);
  });

  it('gives events outside the namespace back with a leading dot', () => {
    const { echo, pusher } = pusherEcho();
    const seen: string[] = [];
    echo.channel('orders').listenToAll((event) => seen.push(event));
    pusher.emit('orders', 'server.created', {});
    pusher.emit('orders', 'client-typing', {});
    expect(seen).toEqual(['.server.created', '.client-typing']);
  });

  it('a name it reports, passed to listen(), binds the same event', () => {
    const { echo, pusher } = pusherEcho();
    const channel = echo.channel('orders');
    const names: string[] = [];
    channel.listenToAll((event) => names.push(event));
    pusher.emit('orders', 'App\\Events\\Orders\\Refunded', 1);
    pusher.emit('orders', 'server.created', 2);
    const callback = vi.fn();
    for (const name of names) channel.listen(name, callback);
    pusher.emit('orders', 'App\\Events\\Orders\\Refunded', 3);
    pusher.emit('orders', 'server.created', 4);
    expect(callback.mock.calls).toEqual([[3], [4]]);
  });

  it('skips pusher: protocol events', () => {
    const { echo, pusher } = connectedPusherEcho();
    const seen = vi.fn();
    echo.channel('orders').listenToAll(seen);
    pusher.succeed('orders');
    expect(seen).not.toHaveBeenCalled();
  });

  it('skips pusher_internal: protocol events', () => {
    const { echo, pusher } = pusherEcho();
    const seen = vi.fn();
    echo.channel('orders').listenToAll(seen);
    pusher.emit('orders', 'pusher_internal:subscription_count', { subscription_count: 2 });
    expect(seen).not.toHaveBeenCalled();
  });

  it("passes on an application event whose broadcastAs name merely begins with 'pusher'", () => {
    const { echo, pusher } = pusherEcho();
    const seen: string[] = [];
    echo.channel('orders').listenToAll((event) => seen.push(event));
    pusher.emit('orders', 'pusherSyncFinished', {});
    expect(seen).toEqual(['.pusherSyncFinished']);
  });

  it('uses the custom namespace of this instance', () => {
    const { echo, pusher } = pusherEcho({ namespace: 'Shop.Events' });
    const seen: string[] = [];
    echo.channel('orders').listenToAll((event) => seen.push(event));
    pusher.emit('orders', 'Shop\\Events\\Paid', 1);
    pusher.emit('orders', 'App\\Events\\Paid', 1);
    expect(seen).toEqual(['Paid', '.App\\Events\\Paid']);
  });

  it('with namespace false every name comes back with a leading dot', () => {
    const { echo, pusher } = pusherEcho({ namespace: false });
    const seen: string[] = [];
    echo.channel('orders').listenToAll((event) => seen.push(event));
    pusher.emit('orders', 'Users\\Created', 1);
    expect(seen).toEqual(['.Users\\Created']);
  });

  it('registering the same callback twice delivers once', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.channel('orders').listenToAll(callback).listenToAll(callback);
    pusher.emit('orders', 'App\\Events\\A', 1);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('stopListeningToAll(callback) removes only that callback', () => {
    const { echo, pusher } = pusherEcho();
    const kept = vi.fn();
    const removed = vi.fn();
    echo.channel('orders').listenToAll(kept).listenToAll(removed).stopListeningToAll(removed);
    pusher.emit('orders', 'App\\Events\\A', 1);
    expect(kept).toHaveBeenCalledExactlyOnceWith('A', 1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('stopListeningToAll() removes every listenToAll callback and leaves listen() alone', () => {
    const { echo, pusher } = pusherEcho();
    const all = vi.fn();
    const one = vi.fn();
    echo.channel('orders').listenToAll(all).listen('A', one).stopListeningToAll();
    pusher.emit('orders', 'App\\Events\\A', 1);
    expect(all).not.toHaveBeenCalled();
    expect(one).toHaveBeenCalledTimes(1);
    expect(pusher.channel('orders')?.globalCount).toBe(0);
  });
});

describe('Pusher channel: subscribed / stopSubscribed', () => {
  it('subscribed() fires when pusher-js reports subscription_succeeded', () => {
    const { echo, pusher } = connectedPusherEcho();
    const callback = vi.fn();
    echo.channel('orders').subscribed(callback);
    expect(callback).not.toHaveBeenCalled();
    pusher.succeed('orders');
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('subscribed() fires at once when the channel is already subscribed', () => {
    const { echo, pusher } = connectedPusherEcho();
    const channel = echo.channel('orders');
    pusher.succeed('orders');
    const late = vi.fn();
    channel.subscribed(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('subscribed() fires again after pusher-js re-subscribes on reconnect', () => {
    const { echo, pusher } = connectedPusherEcho();
    const callback = vi.fn();
    echo.channel('orders').subscribed(callback);
    pusher.succeed('orders');
    pusher.drop();
    pusher.connectAs('2.2');
    pusher.succeed('orders');
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it('isSubscribed is false after the connection dropped', () => {
    const { echo, pusher } = connectedPusherEcho();
    const channel = echo.channel('orders');
    pusher.succeed('orders');
    pusher.drop();
    expect(channel.isSubscribed).toBe(false);
  });

  it('stopSubscribed(callback) removes only that callback', () => {
    const { echo, pusher } = connectedPusherEcho();
    const kept = vi.fn();
    const removed = vi.fn();
    echo.channel('orders').subscribed(kept).subscribed(removed).stopSubscribed(removed);
    pusher.succeed('orders');
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('stopSubscribed() removes every subscribed callback', () => {
    const { echo, pusher } = connectedPusherEcho();
    const first = vi.fn();
    echo.channel('orders').subscribed(first).subscribed(vi.fn()).stopSubscribed();
    pusher.succeed('orders');
    expect(first).not.toHaveBeenCalled();
  });
});

describe('Pusher channel: error / stopError', () => {
  it('error() receives a typed SubscriptionError when the authorization is refused (403)', async () => {
    fetch = fakeFetch([{ status: 403, body: '{"message":"This action is unauthorized."}' }]);
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho();
    const errors: SubscriptionError[] = [];
    echo.private('order.1').error((error) => errors.push(error));
    await pusher.settled();
    expect(errors).toEqual([
      { type: 'AuthError', channel: 'private-order.1', status: 403, reason: 'forbidden', error: 'Authorization of private-order.1 failed with HTTP 403.', attempt: 1, retrying: false },
    ]);
  });

  it('error() receives subscription errors raised outside the SDK handler, with their status', () => {
    const { echo, pusher } = connectedPusherEcho();
    const errors: SubscriptionError[] = [];
    echo.channel('orders').error((error) => errors.push(error));
    pusher.failSubscription('orders', { type: 'AuthError', error: 'Unauthorized', status: 401 });
    expect(errors).toEqual([{ type: 'AuthError', channel: 'orders', status: 401, reason: 'unauthenticated', error: 'Unauthorized', attempt: 1, retrying: false }]);
  });

  it('a failed subscription does not call subscribed()', async () => {
    fetch = fakeFetch([{ status: 403 }]);
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho();
    const subscribed = vi.fn();
    echo.private('order.1').subscribed(subscribed);
    await pusher.settled();
    expect(subscribed).not.toHaveBeenCalled();
  });

  it('an encrypted channel whose authorization has no shared_secret reaches error()', async () => {
    const { echo, pusher } = connectedPusherEcho();
    const errors: SubscriptionError[] = [];
    echo.encryptedPrivate('vault').error((error) => errors.push(error));
    await pusher.settled();
    expect(errors.map((e) => [e.type, e.channel, e.error])).toEqual([
      ['AuthError', 'private-encrypted-vault', 'No shared_secret key in auth payload for encrypted channel: private-encrypted-vault'],
    ]);
  });

  it('an encrypted channel is subscribed with an answer that has a shared_secret', async () => {
    fetch = fakeFetch([json({ auth: 'app-key:sig', shared_secret: 'c2VjcmV0' })]);
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho();
    const subscribed = vi.fn();
    echo.encryptedPrivate('vault').subscribed(subscribed);
    await pusher.settled();
    pusher.succeed('private-encrypted-vault');
    expect(pusher.sentOf('pusher:subscribe')).toEqual([{ channel: 'private-encrypted-vault', auth: 'app-key:sig', channel_data: undefined }]);
    expect(subscribed).toHaveBeenCalledTimes(1);
  });

  it('stopError(callback) removes only that callback', () => {
    const { echo, pusher } = connectedPusherEcho();
    const kept = vi.fn();
    const removed = vi.fn();
    echo.channel('orders').error(kept).error(removed).stopError(removed);
    pusher.failSubscription('orders');
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('stopError() removes every error callback', () => {
    const { echo, pusher } = connectedPusherEcho();
    const first = vi.fn();
    echo.channel('orders').error(first).error(vi.fn()).stopError();
    pusher.failSubscription('orders');
    expect(first).not.toHaveBeenCalled();
  });
});

describe('Pusher channel: notifications', () => {
  it("notification() listens for Illuminate's BroadcastNotificationCreated by default", () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.private('App.User.1').notification(callback);
    pusher.emit('private-App.User.1', 'Illuminate\\Notifications\\Events\\BroadcastNotificationCreated', { id: 'n1', type: 'App\\Notifications\\Paid' });
    expect(callback).toHaveBeenCalledExactlyOnceWith({ id: 'n1', type: 'App\\Notifications\\Paid' });
  });

  it("notifications: 'legacy' listens for the Royalcms 5 event class", () => {
    const { echo, pusher } = pusherEcho({ notifications: 'legacy' });
    const callback = vi.fn();
    echo.private('App.User.1').notification(callback);
    pusher.emit('private-App.User.1', 'Illuminate\\Notifications\\Events\\BroadcastNotificationCreated', { id: 'x' });
    pusher.emit('private-App.User.1', 'Royalcms\\Component\\Notifications\\Events\\BroadcastNotificationCreated', { id: 'n1' });
    expect(callback).toHaveBeenCalledExactlyOnceWith({ id: 'n1' });
  });

  it('notifications: <class name> listens for that class', () => {
    const { echo, pusher } = pusherEcho({ notifications: '\\Shop\\Notifications\\Created' });
    const callback = vi.fn();
    echo.private('App.User.1').notification(callback);
    pusher.emit('private-App.User.1', 'Shop\\Notifications\\Created', { id: 'n1' });
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('stopListeningForNotification(callback) removes that callback', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.private('App.User.1').notification(callback).stopListeningForNotification(callback);
    pusher.emit('private-App.User.1', 'Illuminate\\Notifications\\Events\\BroadcastNotificationCreated', { id: 'n1' });
    expect(callback).not.toHaveBeenCalled();
  });
});

describe('Pusher channel: whispers', () => {
  it('listenForWhisper() receives client-<event>', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.private('chat').listenForWhisper('typing', callback);
    pusher.emit('private-chat', 'client-typing', { name: 'Ann' });
    expect(callback).toHaveBeenCalledExactlyOnceWith({ name: 'Ann' });
  });

  it('stopListeningForWhisper(event, callback) removes that callback', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.private('chat').listenForWhisper('typing', callback).stopListeningForWhisper('typing', callback);
    pusher.emit('private-chat', 'client-typing', {});
    expect(callback).not.toHaveBeenCalled();
  });

  it('stopListeningForWhisper(event) removes every callback of that whisper', () => {
    const { echo, pusher } = pusherEcho();
    const a = vi.fn();
    const b = vi.fn();
    echo.private('chat').listenForWhisper('typing', a).listenForWhisper('typing', b).stopListeningForWhisper('typing');
    pusher.emit('private-chat', 'client-typing', {});
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
  });

  it('whisper() on a subscribed private channel triggers client-<event> at once', () => {
    const { echo, pusher } = connectedPusherEcho();
    const channel = echo.private('chat');
    pusher.succeed('private-chat');
    channel.whisper('typing', { name: 'Ann' });
    expect(pusher.channel('private-chat')?.triggers).toEqual([{ event: 'client-typing', data: { name: 'Ann' }, subscribed: true }]);
  });

  it('whisper() before the subscription succeeded is queued, then sent in order once it does', () => {
    const { echo, pusher } = connectedPusherEcho();
    const channel = echo.private('chat');
    channel.whisper('typing', 1).whisper('stopped', 2);
    expect(pusher.channel('private-chat')?.triggers).toEqual([]);
    pusher.succeed('private-chat');
    expect(pusher.channel('private-chat')?.triggers).toEqual([
      { event: 'client-typing', data: 1, subscribed: true },
      { event: 'client-stopped', data: 2, subscribed: true },
    ]);
  });

  it('queued whispers are sent once, not again after a re-subscription', () => {
    const { echo, pusher } = connectedPusherEcho();
    echo.private('chat').whisper('typing', 1);
    pusher.succeed('private-chat');
    pusher.drop();
    pusher.connectAs('2.2');
    pusher.succeed('private-chat');
    expect(pusher.channel('private-chat')?.triggers).toHaveLength(1);
  });

  it('whisper() while the connection is down is queued until re-subscribed', () => {
    const { echo, pusher } = connectedPusherEcho();
    const channel = echo.private('chat');
    pusher.succeed('private-chat');
    pusher.drop();
    channel.whisper('typing', 1);
    expect(pusher.channel('private-chat')?.triggers).toEqual([]);
    pusher.connectAs('2.2');
    pusher.succeed('private-chat');
    expect(pusher.channel('private-chat')?.triggers).toEqual([{ event: 'client-typing', data: 1, subscribed: true }]);
  });

  it('whispers queued on a channel that is then left are dropped', () => {
    const { echo, pusher } = connectedPusherEcho();
    echo.private('chat').whisper('typing', 1);
    const old = pusher.channel('private-chat') as FakePusherChannel;
    echo.leave('chat');
    old.emit('pusher:subscription_succeeded', {});
    expect(old.triggers).toEqual([]);
  });

  it('whisper() works on presence channels', () => {
    const { echo, pusher } = connectedPusherEcho();
    const channel = echo.join('room');
    pusher.succeed('presence-room');
    channel.whisper('typing', 1);
    expect(pusher.channel('presence-room')?.triggers).toEqual([{ event: 'client-typing', data: 1, subscribed: true }]);
  });

  it('whisper() on a public channel throws an EchoError that names the channel and the fix', () => {
    const channel = pusherEcho().echo.channel('chat');
    // @ts-expect-error public channels cannot whisper: TypeScript rejects the call too
    expect(() => channel.whisper('typing', {})).toThrow(
      'whisper("typing") on the public channel "chat": client events need a private or presence channel. Use Echo.private("chat") or Echo.join("chat").',
    );
    // @ts-expect-error see above
    expect(() => channel.whisper('typing', {})).toThrow(EchoError);
  });

  it('whisper() on an encrypted private channel throws an EchoError naming the alternative', () => {
    const channel = pusherEcho().echo.encryptedPrivate('vault');
    expect(() => channel.whisper('typing', {})).toThrow(EchoError);
    expect(() => channel.whisper('typing', {})).toThrow(
      'whisper("typing") on private-encrypted-vault: client events are not supported on encrypted channels. Whisper on Echo.private() or Echo.join() instead.',
    );
  });
});

describe('Pusher channel: leave', () => {
  it('after leave(), an event on the old pusher-js channel reaches no listen() callback', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.channel('orders').listen('OrderShipped', callback);
    const old = pusher.channel('orders') as FakePusherChannel;
    echo.leave('orders');
    old.emit('App\\Events\\OrderShipped', 1);
    expect(callback).not.toHaveBeenCalled();
  });

  it('after leave(), nothing stays bound on the pusher-js channel', () => {
    const { echo, pusher } = pusherEcho();
    echo.private('orders').listen('A', vi.fn()).listenToAll(vi.fn()).listenForWhisper('typing', vi.fn()).notification(vi.fn());
    const old = pusher.channel('private-orders') as FakePusherChannel;
    echo.leave('orders');
    expect(old.boundEvents).toEqual([]);
    expect(old.globalCount).toBe(0);
  });

  it('after leave(), subscribed() and error() callbacks are not called', () => {
    const { echo, pusher } = connectedPusherEcho();
    const subscribed = vi.fn();
    const error = vi.fn();
    echo.channel('orders').subscribed(subscribed).error(error);
    const old = pusher.channel('orders') as FakePusherChannel;
    echo.leaveChannel('orders');
    old.emit('pusher:subscription_succeeded', {});
    old.emit('pusher:subscription_error', { status: 500 });
    expect(subscribed).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('an event for a left channel is not delivered to the new channel of the same name', () => {
    const { echo, pusher } = pusherEcho();
    const oldCallback = vi.fn();
    echo.channel('orders').listen('A', oldCallback);
    echo.leave('orders');
    const fresh = vi.fn();
    echo.channel('orders').listen('B', fresh);
    pusher.emit('orders', 'App\\Events\\A', 1);
    expect(oldCallback).not.toHaveBeenCalled();
    expect(fresh).not.toHaveBeenCalled();
  });
});

describe('Pusher channel: memory per channel', () => {
  it('keeps three own fields whatever it is used for (the rest lives outside the object)', () => {
    const { echo, pusher } = pusherEcho();
    const pub = echo.channel('orders').listen('A', vi.fn()).listenToAll(vi.fn()).subscribed(vi.fn()).error(vi.fn());
    const priv = echo.private('orders').whisper('typing', { a: 1 }).subscribed(vi.fn()).error(vi.fn());
    const presence = echo.join('room');
    pusher.connectAs();
    pusher.succeed('orders');
    pusher.succeed('private-orders');
    pusher.drop(); // a disconnect marks every channel
    for (const channel of [pub, priv]) expect(Object.keys(channel).sort()).toEqual(['context', 'name', 'subscription']);
    expect(Object.keys(presence)).not.toContain('confirmed');
  });
});
