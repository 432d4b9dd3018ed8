// One test (or a few) per Laravel Echo 2.5 defect and per user complaint that the core addresses,
// each showing the behaviour here; docs/laravel-echo-2.5.md describes them under the same numbers.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Echo } from '../../src/echo';
import IifeEcho from '../../src/index.iife';
import * as api from '../../src/index';
import type { SubscriptionError } from '../../src/errors';
import { fakeFetch, json, type FakeFetch } from './fakes/fake-fetch';
import { fakeLocation } from './fakes/fake-page';
import { presenceMembers } from './fakes/fake-pusher';
import { connectedPusherEcho, flush, pusherEcho, socketEcho } from './support';

let fetch: FakeFetch;

beforeEach(() => {
  fetch = fakeFetch([json({ auth: 'app-key:signature' })]);
  vi.stubGlobal('fetch', fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const bearerOf = (headers: Record<string, string> | undefined) => headers?.['Authorization'];
const subscribeHeaders = (payload: unknown) => (payload as { auth: { headers: Record<string, string> } }).auth.headers;

describe('defect 1: no token leak through shared default headers', () => {
  it("Pusher: A 'AAA', B 'BBB', C without a token each send their own (or none)", async () => {
    const a = connectedPusherEcho({ bearerToken: 'AAA' });
    const b = connectedPusherEcho({ bearerToken: 'BBB' });
    const c = connectedPusherEcho();
    a.echo.private('a');
    await a.pusher.settled();
    b.echo.private('b');
    await b.pusher.settled();
    c.echo.private('c');
    await c.pusher.settled();
    expect(fetch.requests.map((r) => [new URLSearchParams(r.body).get('channel_name'), bearerOf(r.headers)])).toEqual([
      ['private-a', 'Bearer AAA'],
      ['private-b', 'Bearer BBB'],
      ['private-c', undefined],
    ]);
  });

  it("Socket.IO: A 'AAA', B 'BBB', C without a token each send their own (or none)", async () => {
    const made = [socketEcho({ bearerToken: 'AAA' }), socketEcho({ bearerToken: 'BBB' }), socketEcho()];
    for (const { echo, socket } of made) {
      socket.serverConnect();
      echo.private('orders');
    }
    await flush();
    expect(made.map(({ socket }) => bearerOf(subscribeHeaders(socket.emittedOf('subscribe')[0])))).toEqual(['Bearer AAA', 'Bearer BBB', undefined]);
  });

  it('a CSRF token given to one instance is not sent by another', async () => {
    const a = connectedPusherEcho({ csrfToken: 'csrf-A' });
    const b = connectedPusherEcho();
    a.echo.private('a');
    await a.pusher.settled();
    b.echo.private('b');
    await b.pusher.settled();
    expect(fetch.requests.map((r) => r.headers['X-CSRF-TOKEN'])).toEqual(['csrf-A', undefined]);
  });

  it("one auth object shared by two instances is never written to, and each adds its own token", async () => {
    const auth = Object.freeze({ headers: Object.freeze({ 'X-Tenant': 'acme' }) });
    const a = connectedPusherEcho({ auth, bearerToken: 'AAA' });
    const b = connectedPusherEcho({ auth, bearerToken: 'BBB' });
    a.echo.private('a');
    await a.pusher.settled();
    b.echo.private('b');
    await b.pusher.settled();
    expect(auth).toEqual({ headers: { 'X-Tenant': 'acme' } });
    expect(fetch.requests.map((r) => [r.headers['X-Tenant'], bearerOf(r.headers)])).toEqual([
      ['acme', 'Bearer AAA'],
      ['acme', 'Bearer BBB'],
    ]);
  });

  it('the userAuthentication object is never written to', async () => {
    const userAuthentication = Object.freeze({ endpoint: '/me', headers: Object.freeze({ 'X-User': '1' }) });
    const { echo, pusher } = connectedPusherEcho({ userAuthentication, bearerToken: 'AAA' });
    echo.signin();
    await pusher.settled();
    expect(userAuthentication).toEqual({ endpoint: '/me', headers: { 'X-User': '1' } });
    expect(fetch.requests[0]?.headers).toMatchObject({ 'X-User': '1', Authorization: 'Bearer AAA' });
  });

  it('Socket.IO: the auth object is not handed to io() as handshake data', () => {
    const { socket } = socketEcho({ auth: { headers: { Authorization: 'Bearer secret' } } });
    expect(socket.options).not.toHaveProperty('auth');
    expect(JSON.stringify(socket.options)).not.toContain('secret');
  });
});

describe('defect 2: Socket.IO subscribed() and error() work', () => {
  it('subscribed() fires for a private channel', async () => {
    const { echo, socket } = socketEcho();
    const subscribed = vi.fn();
    echo.private('orders').subscribed(subscribed);
    socket.serverConnect();
    await flush();
    expect(subscribed).toHaveBeenCalledTimes(1);
  });

  it('error() receives subscription_error with its HTTP status', () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const errors: SubscriptionError[] = [];
    echo.private('orders').error((e) => errors.push(e));
    socket.serverEmit('subscription_error', 'private-orders', 403);
    expect(errors.map((e) => [e.channel, e.status, e.reason])).toEqual([['private-orders', 403, 'forbidden']]);
  });
});

describe('defect 3: Socket.IO status follows the Manager and the disconnect reason', () => {
  it("reconnect_attempt / reconnect_failed are heard on the Manager ('socket.io')", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    socket.drop();
    socket.reconnectFailed();
    expect(echo.connectionStatus()).toBe('failed');
  });

  it("after disconnect() the status is 'disconnected', not 'connecting', although v4 deleted socket.id", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    echo.disconnect();
    expect(socket.id).toBeUndefined();
    expect(echo.connectionStatus()).toBe('disconnected');
  });

  it("a refused connection reports 'failed'", () => {
    const { echo, socket } = socketEcho();
    socket.connectErrorV4('unauthorized', false);
    expect(echo.connectionStatus()).toBe('failed');
  });
});

describe('defect 4: Pusher status', () => {
  it("says 'reconnecting' after a drop", () => {
    const { echo, pusher } = connectedPusherEcho();
    pusher.drop();
    expect(echo.connectionStatus()).toBe('reconnecting');
  });

  it("maps pusher-js 'unavailable' (which it retries from) to 'reconnecting', not 'failed'", () => {
    const { echo, pusher } = connectedPusherEcho();
    pusher.setState('unavailable');
    expect(echo.connectionStatus()).toBe('reconnecting');
  });

  it('reports each transition once (not once for state_change and again for the state event)', () => {
    const { echo, pusher } = pusherEcho();
    const listener = vi.fn();
    echo.onConnectionChange(listener);
    pusher.connectAs();
    pusher.drop();
    expect(listener.mock.calls).toEqual([
      ['connected', 'connecting'],
      ['reconnecting', 'connected'],
    ]);
  });

  it('binds one state_change listener on the pusher-js connection, whatever the number of subscribers', () => {
    const { echo, pusher } = pusherEcho();
    echo.onConnectionChange(vi.fn());
    echo.onConnectionChange(vi.fn());
    expect([pusher.connection.listenerCount('state_change'), pusher.connection.listenerCount('connected'), pusher.connection.listenerCount('disconnected')]).toEqual([
      1, 0, 0,
    ]);
  });
});

describe('defect 5: the IIFE global is the constructor', () => {
  it('new Echo({...}) works on the global (no Echo.default)', () => {
    expect(new IifeEcho({ broadcaster: 'null' }).connectionStatus()).toBe('connected');
    expect((IifeEcho as unknown as Record<string, unknown>)['default']).toBeUndefined();
  });
});

describe('defect 8 / complaint 15: no module singletons: instances are independent', () => {
  it('two instances have their own namespace', () => {
    const a = pusherEcho({ namespace: 'A.Events' });
    const b = pusherEcho({ namespace: 'B.Events' });
    const ca = vi.fn();
    const cb = vi.fn();
    a.echo.channel('x').listen('Done', ca);
    b.echo.channel('x').listen('Done', cb);
    a.pusher.emit('x', 'A\\Events\\Done', 1);
    b.pusher.emit('x', 'B\\Events\\Done', 2);
    expect([ca.mock.calls, cb.mock.calls]).toEqual([[[1]], [[2]]]);
  });

  it('two instances have their own channel registry', () => {
    const a = pusherEcho();
    const b = pusherEcho();
    a.echo.channel('orders');
    b.echo.channel('orders');
    a.echo.leave('orders');
    expect([a.echo.connector.channels.size, b.echo.connector.channels.size]).toEqual([0, 1]);
  });

  it('two instances have their own connection state', () => {
    const a = connectedPusherEcho();
    const b = connectedPusherEcho();
    a.echo.disconnect();
    expect([a.echo.connectionStatus(), b.echo.connectionStatus()]).toEqual(['disconnected', 'connected']);
  });

  it('two instances have their own notification event', () => {
    const a = pusherEcho({ notifications: 'legacy' });
    const b = pusherEcho();
    expect([a.echo.connector.notificationEvent, b.echo.connector.notificationEvent]).toEqual([
      'Royalcms\\Component\\Notifications\\Events\\BroadcastNotificationCreated',
      'Illuminate\\Notifications\\Events\\BroadcastNotificationCreated',
    ]);
  });

  it('setAuth() on one instance does not change another', async () => {
    const a = connectedPusherEcho({ bearerToken: 'AAA' });
    const b = connectedPusherEcho({ bearerToken: 'BBB' });
    a.echo.setAuth({ bearerToken: 'NEW' });
    b.echo.private('b');
    await b.pusher.settled();
    expect(bearerOf(fetch.requests[0]?.headers)).toBe('Bearer BBB');
  });
});

describe('defect 9: registry-dependent helpers work on every driver', () => {
  it('leaveAllChannels() works on the null driver', () => {
    const echo = new Echo<'null'>({ broadcaster: 'null' });
    echo.channel('a');
    echo.leaveAllChannels();
    expect(echo.connector.channels.size).toBe(0);
  });

  it('null channels have stopListeningToAll()', () => {
    const channel = new Echo<'null'>({ broadcaster: 'null' }).channel('a');
    expect(channel.stopListeningToAll()).toBe(channel);
  });
});

describe('complaint 5: listeners can be removed', () => {
  it('presence here/joining/leaving callbacks are removable (laravel/echo#312)', () => {
    const { echo, pusher } = connectedPusherEcho();
    const here = vi.fn();
    echo.join('room').here(here).stopHere(here);
    pusher.succeed('presence-room', presenceMembers([{ id: 1, info: { id: 1 } }]));
    expect(here).not.toHaveBeenCalled();
  });

  it('leave() unbinds the callbacks (laravel/echo#286)', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    echo.channel('orders').listen('A', callback);
    const old = pusher.channel('orders');
    echo.leave('orders');
    old?.emit('App\\Events\\A', 1);
    expect(callback).not.toHaveBeenCalled();
  });
});

describe('CSRF token lookup order', () => {
  it('options.csrfToken wins over window.Laravel.csrfToken (Laravel Echo reads window.Laravel first)', async () => {
    vi.stubGlobal('Laravel', { csrfToken: 'page' });
    const { echo, pusher } = connectedPusherEcho({ csrfToken: 'option' });
    echo.private('a');
    await pusher.settled();
    expect(fetch.requests[0]?.headers['X-CSRF-TOKEN']).toBe('option');
  });

  it('window.Royalcms.csrfToken (what the Royalcms docs promise) is read', async () => {
    vi.stubGlobal('Royalcms', { csrfToken: 'royal' });
    const { echo, pusher } = connectedPusherEcho();
    echo.private('a');
    await pusher.settled();
    expect(fetch.requests[0]?.headers['X-CSRF-TOKEN']).toBe('royal');
  });
});

describe('complaints the core addresses', () => {
  it('#2 re-auth: a token provider is asked again when a channel is joined again after a 401', async () => {
    fetch = fakeFetch([{ status: 401 }, json({ auth: 'k:s' })]);
    vi.stubGlobal('fetch', fetch);
    let token = 'expired';
    const { echo, pusher } = connectedPusherEcho({ bearerToken: () => token });
    const reasons: string[] = [];
    echo.private('a').error((e) => reasons.push(e.reason));
    await pusher.settled();
    token = 'fresh';
    echo.leave('a');
    echo.private('a');
    await pusher.settled();
    expect(reasons).toEqual(['unauthenticated']);
    expect(fetch.requests.map((r) => bearerOf(r.headers))).toEqual(['Bearer expired', 'Bearer fresh']);
  });

  it('#4 X-Socket-ID is not sent to third-party origins', () => {
    vi.stubGlobal('location', fakeLocation('https://shop.example/'));
    const { echo } = connectedPusherEcho();
    expect([echo.socketIdHeaders('/api'), echo.socketIdHeaders('https://cdn.other.example/x')]).toEqual([{ 'X-Socket-ID': '1234.5678' }, {}]);
  });

  it('#7 / duplicate tabs: a user with two connections is one presence member', () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const channel = echo.join('room');
    socket.serverEmit('presence:subscribed', 'presence-room', [
      { user_id: 7, user_info: { name: 'Ann' }, socketId: 'tab-1' },
      { user_id: 7, user_info: { name: 'Ann' }, socketId: 'tab-2' },
    ]);
    expect(channel.members()).toEqual([{ name: 'Ann' }]);
  });

  it('#10 connection changes are available on Echo itself, not only on the connector', () => {
    const { echo, pusher } = pusherEcho();
    const listener = vi.fn();
    echo.onConnectionChange(listener);
    pusher.connectAs();
    expect(listener).toHaveBeenCalledExactlyOnceWith('connected', 'connecting');
  });

  it('#11 the concrete classes are exported, so instanceof works', () => {
    const { echo } = pusherEcho();
    expect(echo.join('room')).toBeInstanceOf(api.PusherPresenceChannel);
    expect(echo.connector).toBeInstanceOf(api.PusherConnector);
    expect(socketEcho().echo.channel('x')).toBeInstanceOf(api.SocketIoChannel);
  });

  it('#14 Socket.IO has listenToAll()', () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const all = vi.fn();
    echo.channel('orders').listenToAll(all);
    socket.serverEmit('App\\Events\\Paid', 'orders', 1);
    expect(all).toHaveBeenCalledExactlyOnceWith('Paid', 1);
  });
});
