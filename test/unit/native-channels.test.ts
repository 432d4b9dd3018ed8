// Channels of the built-in client on the fake Pusher server: the subscribe/unsubscribe frames of
// public, private and presence channels (auth and channel_data forwarded verbatim), the server's
// subscription_succeeded and subscription_error, events, listenToAll, on(), presence members.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubscriptionError } from '../../src/errors';
import { fakeFetch, formOf, json, type FakeFetch } from './fakes/fake-fetch';
import { FakeSocket } from './fakes/fake-pusher-server';
import { connectedNativeEcho, nativeEcho } from './native-support';
import { expectEchoError, flush } from './support';

const ANN = { user_id: '1', user_info: { name: 'Ann' } };
const CHANNEL_DATA = JSON.stringify(ANN);
let fetch: FakeFetch;

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'debug').mockImplementation(() => {});
  fetch = fakeFetch((request) => {
    const channel = formOf(request)['channel_name'] ?? '';
    return json(channel.startsWith('presence-') ? { auth: 'app-key:presence-sig', channel_data: CHANNEL_DATA } : { auth: 'app-key:private-sig' });
  });
  vi.stubGlobal('fetch', fetch);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets the auth request and the fake server's automatic answers run. */
const settle = () => vi.advanceTimersByTimeAsync(0).then(() => flush());

describe('public channels', () => {
  it('subscribes with an empty auth, in pusher-js’s frame shape', () => {
    const { echo, server } = connectedNativeEcho();
    echo.channel('orders');
    expect(server.socket.raw).toEqual(['{"event":"pusher:subscribe","data":{"auth":"","channel":"orders"}}']);
  });

  it('one subscription per channel however often it is asked for', () => {
    const { echo, server } = connectedNativeEcho();
    echo.channel('orders');
    echo.channel('orders');
    expect(server.socket.sentOf('pusher:subscribe')).toHaveLength(1);
  });

  it('leave() unsubscribes with {channel}', () => {
    const { echo, server } = connectedNativeEcho();
    echo.channel('orders');
    echo.leave('orders');
    expect(server.socket.raw.at(-1)).toBe('{"event":"pusher:unsubscribe","data":{"channel":"orders"}}');
  });

  it('leave() while disconnected sends nothing and the channel is not resubscribed later', () => {
    const { echo, server } = nativeEcho();
    echo.channel('orders');
    echo.leave('orders');
    server.socket.establish();
    expect(server.socket.sent).toEqual([]);
  });

  it('subscription_succeeded fires subscribed() and on("pusher:subscription_succeeded")', async () => {
    const { echo } = connectedNativeEcho();
    const subscribed = vi.fn();
    const raw = vi.fn();
    const channel = echo.channel('orders').subscribed(subscribed).on('pusher:subscription_succeeded', raw);
    expect(channel.isSubscribed).toBe(false);
    await settle();
    expect(subscribed).toHaveBeenCalledTimes(1);
    expect(raw).toHaveBeenCalledWith({}, undefined);
    expect(channel.isSubscribed).toBe(true);
  });

  it('subscribed() registered after the success is called at once', async () => {
    const { echo } = connectedNativeEcho();
    const channel = echo.channel('orders');
    await settle();
    const late = vi.fn();
    channel.subscribed(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('delivers an event to listen() by its namespaced name, data decoded once', () => {
    const { echo, server } = connectedNativeEcho();
    const shipped = vi.fn();
    echo.channel('orders').listen('OrderShipped', shipped);
    server.socket.event('orders', 'App\\Events\\OrderShipped', { id: 7 });
    expect(shipped).toHaveBeenCalledWith({ id: 7 }, undefined);
  });

  it('a leading dot skips the namespace', () => {
    const { echo, server } = connectedNativeEcho();
    const cb = vi.fn();
    echo.channel('orders').listen('.order.shipped', cb);
    server.socket.event('orders', 'order.shipped', { id: 1 });
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('an event on another channel does not reach the listener', () => {
    const { echo, server } = connectedNativeEcho();
    const cb = vi.fn();
    echo.channel('orders').listen('OrderShipped', cb);
    server.socket.event('invoices', 'App\\Events\\OrderShipped', { id: 1 });
    expect(cb).not.toHaveBeenCalled();
  });

  it('stopListening() with the callback removes only it', () => {
    const { echo, server } = connectedNativeEcho();
    const a = vi.fn();
    const b = vi.fn();
    echo.channel('orders').listen('OrderShipped', a).listen('OrderShipped', b).stopListening('OrderShipped', a);
    server.socket.event('orders', 'App\\Events\\OrderShipped', {});
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('a data string that is not JSON reaches the listener as the string, as with pusher-js', () => {
    const { echo, server } = connectedNativeEcho();
    const cb = vi.fn();
    echo.channel('orders').listen('.plain', cb);
    server.socket.frame('plain', 'not json', 'orders');
    expect(cb).toHaveBeenCalledWith('not json', undefined);
  });

  it('listenToAll() gets (name, data) for application events, names as listen() takes them, no protocol events', async () => {
    const { echo, server } = connectedNativeEcho();
    const all = vi.fn();
    echo.channel('orders').listenToAll(all);
    await settle(); // subscription_succeeded is not passed on
    server.socket.event('orders', 'App\\Events\\Orders\\Shipped', { id: 1 });
    server.socket.event('orders', 'custom.event', { id: 2 });
    expect(all.mock.calls).toEqual([
      ['Orders.Shipped', { id: 1 }],
      ['.custom.event', { id: 2 }],
    ]);
  });

  it('stopListeningToAll() without a callback removes every one', () => {
    const { echo, server } = connectedNativeEcho();
    const a = vi.fn();
    const b = vi.fn();
    echo.channel('orders').listenToAll(a).listenToAll(b).stopListeningToAll();
    server.socket.event('orders', 'App\\Events\\X', {});
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
  });

  it('stopListeningToAll(callback) removes only that one', () => {
    const { echo, server } = connectedNativeEcho();
    const a = vi.fn();
    const b = vi.fn();
    echo.channel('orders').listenToAll(a).listenToAll(b).stopListeningToAll(a);
    server.socket.event('orders', 'App\\Events\\X', {});
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('whisper() on a public channel throws E13 and sends nothing', () => {
    const { echo, server } = connectedNativeEcho();
    const channel = echo.channel('orders');
    const error = expectEchoError(() => (channel as unknown as { whisper(e: string, d: unknown): void }).whisper('typing', {}), 'public channel', 'Echo.private');
    expect(error.code).toBe('E13');
    expect(server.socket.sentOf('client-typing')).toEqual([]);
  });

  it('leaving drops the listeners: an event after leave() reaches nobody', () => {
    const { echo, server } = connectedNativeEcho();
    const cb = vi.fn();
    echo.channel('orders').listen('OrderShipped', cb);
    echo.leave('orders');
    server.socket.event('orders', 'App\\Events\\OrderShipped', {});
    expect(cb).not.toHaveBeenCalled();
  });
});

describe('private channels', () => {
  it('authorizes with socket_id and channel_name, form-encoded, then subscribes with the auth verbatim', async () => {
    const { echo, server } = connectedNativeEcho();
    echo.private('orders.1');
    await settle();
    expect(fetch.requests).toHaveLength(1);
    expect(fetch.requests[0]!.url).toBe('/broadcasting/auth');
    expect(fetch.requests[0]!.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(formOf(fetch.requests[0])).toEqual({ socket_id: '1234.5678', channel_name: 'private-orders.1' });
    expect(server.socket.raw[0]).toBe('{"event":"pusher:subscribe","data":{"auth":"app-key:private-sig","channel":"private-orders.1"}}');
  });

  it('no auth request before the handshake', async () => {
    const { echo, server } = nativeEcho();
    echo.private('orders.1');
    await settle();
    expect(fetch.requests).toEqual([]);
    server.socket.establish('9.9');
    await settle();
    expect(formOf(fetch.requests[0])['socket_id']).toBe('9.9');
  });

  it('an auth response without "auth" fails the channel with invalid-response', async () => {
    vi.stubGlobal('fetch', fakeFetch([json({ nope: true })]));
    const { echo, server } = connectedNativeEcho();
    const errors: SubscriptionError[] = [];
    echo.private('orders.1').error((e) => errors.push(e));
    await settle();
    expect(errors).toMatchObject([{ type: 'AuthError', reason: 'invalid-response', channel: 'private-orders.1', status: 200 }]);
    expect(server.socket.sentOf('pusher:subscribe')).toEqual([]);
  });

  it('pusher:subscription_error from the server (soketi, bad signature) reaches error() with its status', async () => {
    const { echo, server } = connectedNativeEcho({}, {});
    const errors: SubscriptionError[] = [];
    const channel = echo.private('orders.1').error((e) => errors.push(e));
    await settle();
    server.socket.subscriptionError('private-orders.1', 401, 'The connection is unauthorized.');
    expect(errors).toEqual([
      { type: 'AuthError', channel: 'private-orders.1', status: 401, reason: 'refused', error: 'The connection is unauthorized.', attempt: 1, retrying: false },
    ]);
    expect(channel.isSubscribed).toBe(false);
  });

  it('retry() after a subscription_error authorizes and subscribes again', async () => {
    const { echo, server } = connectedNativeEcho({}, {});
    const channel = echo.private('orders.1');
    await settle();
    server.socket.subscriptionError('private-orders.1');
    channel.retry();
    await settle();
    expect(fetch.requests).toHaveLength(2);
    expect(server.socket.sentOf('pusher:subscribe')).toHaveLength(2);
  });

  it('events and listenForWhisper() on a private channel', async () => {
    const { echo, server } = connectedNativeEcho();
    const event = vi.fn();
    const whisper = vi.fn();
    echo.private('orders.1').listen('OrderShipped', event).listenForWhisper('typing', whisper);
    await settle();
    server.socket.event('private-orders.1', 'App\\Events\\OrderShipped', { id: 1 });
    server.socket.event('private-orders.1', 'client-typing', { name: 'Ann' });
    expect(event).toHaveBeenCalledWith({ id: 1 }, undefined);
    expect(whisper).toHaveBeenCalledWith({ name: 'Ann' }, undefined);
  });
});

describe('presence channels', () => {
  it('subscribes with auth and channel_data exactly as the endpoint returned them (channel_data a string)', async () => {
    const { echo, server } = connectedNativeEcho();
    echo.join('room.1');
    await settle();
    expect(server.socket.raw[0]).toBe(JSON.stringify({ event: 'pusher:subscribe', data: { auth: 'app-key:presence-sig', channel_data: CHANNEL_DATA, channel: 'presence-room.1' } }));
  });

  it('here() gets every member of the subscription, one per user', async () => {
    const { echo } = connectedNativeEcho({}, { autoSubscribe: true, members: { '2': { name: 'Bob' } } });
    const here = vi.fn();
    const channel = echo.join('room.1').here(here);
    await settle();
    expect(here).toHaveBeenCalledWith([{ name: 'Ann' }, { name: 'Bob' }]); // the order of the server's ids
    expect(channel.members()).toEqual([{ name: 'Ann' }, { name: 'Bob' }]);
  });

  it('here() registered after the subscription is called at once with the members', async () => {
    const { echo } = connectedNativeEcho();
    const channel = echo.join('room.1');
    await settle();
    const here = vi.fn();
    channel.here(here);
    expect(here).toHaveBeenCalledWith([{ name: 'Ann' }]);
  });

  it('joining() and leaving() follow member_added and member_removed', async () => {
    const { echo, server } = connectedNativeEcho();
    const joining = vi.fn();
    const leaving = vi.fn();
    const channel = echo.join('room.1').joining(joining).leaving(leaving);
    await settle();
    server.socket.memberAdded('presence-room.1', '2', { name: 'Bob' });
    expect(joining).toHaveBeenCalledWith({ name: 'Bob' });
    expect(channel.members()).toEqual([{ name: 'Ann' }, { name: 'Bob' }]);
    server.socket.memberRemoved('presence-room.1', '2');
    expect(leaving).toHaveBeenCalledWith({ name: 'Bob' });
    expect(channel.members()).toEqual([{ name: 'Ann' }]);
  });

  it('one user in two tabs counts once: a second member_added for that user calls joining() no more', async () => {
    const { echo, server } = connectedNativeEcho();
    const joining = vi.fn();
    const channel = echo.join('room.1').joining(joining);
    await settle();
    server.socket.memberAdded('presence-room.1', '2', { name: 'Bob' });
    server.socket.memberAdded('presence-room.1', '2', { name: 'Bob' });
    expect(joining).toHaveBeenCalledTimes(1);
    expect(channel.members()).toEqual([{ name: 'Ann' }, { name: 'Bob' }]);
  });

  it('the same user twice in the subscription’s ids is one member', async () => {
    const { echo, server } = connectedNativeEcho({}, {});
    const here = vi.fn();
    echo.join('room.1').here(here);
    await settle();
    server.socket.succeed('presence-room.1', { presence: { ids: ['1', '1'], hash: { 1: { name: 'Ann' } }, count: 1 } });
    expect(here).toHaveBeenCalledWith([{ name: 'Ann' }]);
  });

  it('member_removed for an unknown user calls nobody', async () => {
    const { echo, server } = connectedNativeEcho();
    const leaving = vi.fn();
    echo.join('room.1').leaving(leaving);
    await settle();
    server.socket.memberRemoved('presence-room.1', '42');
    expect(leaving).not.toHaveBeenCalled();
  });

  it('on("pusher:member_added") gets {id, info}, as pusher-js passes it', async () => {
    const { echo, server } = connectedNativeEcho();
    const added = vi.fn();
    echo.join('room.1').on('pusher:member_added', added);
    await settle();
    server.socket.memberAdded('presence-room.1', '2', { name: 'Bob' });
    expect(added).toHaveBeenCalledWith({ id: '2', info: { name: 'Bob' } }, undefined);
  });

  it('a client event carries the sender’s user_id as metadata', async () => {
    const { echo, server } = connectedNativeEcho();
    const typing = vi.fn();
    echo.join('room.1').listenForWhisper('typing', typing);
    await settle();
    server.socket.event('presence-room.1', 'client-typing', { on: true }, '2');
    expect(typing).toHaveBeenCalledWith({ on: true }, { user_id: '2' });
  });

  it('a member list whose ids name users missing from hash takes nothing from Object.prototype', async () => {
    const { echo, server } = connectedNativeEcho({}, {});
    const here = vi.fn();
    echo.join('room.1').here(here);
    await settle();
    server.socket.succeed('presence-room.1', { presence: { ids: ['1', 'constructor', 'toString'], hash: { 1: { name: 'Ann' } }, count: 3 } });
    expect(here).toHaveBeenCalledWith([{ name: 'Ann' }]);
  });

  it('succeeded without presence data: logged once as malformed, here() gets an empty list', async () => {
    const { echo, server } = connectedNativeEcho({}, {});
    const here = vi.fn();
    echo.join('room.1').here(here);
    await settle();
    server.socket.succeed('presence-room.1', {});
    expect(here).toHaveBeenCalledWith([]);
    expect(console.debug).toHaveBeenCalledTimes(1);
  });

  it('the presence data helper of the fake server has the protocol’s shape', () => {
    expect(FakeSocket.presence({ 1: 'a' })).toEqual({ presence: { ids: ['1'], hash: { 1: 'a' }, count: 1 } });
  });
});
