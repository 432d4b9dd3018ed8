import Pusher from 'pusher-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PusherConnector } from '../../src/connector/pusher-connector';
import { Echo } from '../../src/echo';
import type { AuthCallback, ChannelAuthorizationParams } from '../../src/transport/pusher-types';
import { fakeFetch, formOf, json, type FakeFetch } from './fakes/fake-fetch';
import { FakePusher } from './fakes/fake-pusher';
import { connectedPusherEcho, pusherEcho } from './support';

let fetch: FakeFetch;

beforeEach(() => {
  fetch = fakeFetch([json({ auth: 'app-key:signature' })]);
  vi.stubGlobal('fetch', fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

type Handler = (params: ChannelAuthorizationParams, callback: AuthCallback) => void;

describe('PusherConnector: what pusher-js is given', () => {
  it('passes transport options through and keeps every Echo-only option to itself', () => {
    const { pusher } = pusherEcho({
      key: 'app-key',
      cluster: 'eu',
      wsHost: 'ws.shop.example',
      wsPort: 6001,
      wssPort: 6002,
      forceTLS: true,
      enabledTransports: ['ws', 'wss'],
      activityTimeout: 30000,
      authEndpoint: '/custom/auth',
      auth: { headers: { 'X-App': '1' } },
      csrfToken: 'csrf',
      bearerToken: 'token',
      namespace: 'Shop.Events',
      notifications: 'legacy',
      socketIdOrigins: '*',
      authTimeout: 5000,
      authRetries: 1,
    });
    expect(pusher.options).toEqual({
      cluster: 'eu',
      wsHost: 'ws.shop.example',
      wsPort: 6001,
      wssPort: 6002,
      forceTLS: true,
      enabledTransports: ['ws', 'wss'],
      activityTimeout: 30000,
      channelAuthorization: { customHandler: expect.any(Function) },
      userAuthentication: { customHandler: expect.any(Function) },
    });
  });

  it('gives pusher-js the key as its first argument', () => {
    expect(pusherEcho({ key: 'the-key' }).pusher.key).toBe('the-key');
  });

  it('creates pusher-js through window.Pusher when options.Pusher is absent', () => {
    vi.stubGlobal('Pusher', FakePusher);
    const echo = new Echo<'pusher'>({ broadcaster: 'pusher', key: 'k', cluster: 'mt1', withoutInterceptors: true });
    expect((echo.connector as PusherConnector).pusher).toBeInstanceOf(FakePusher);
  });

  it('uses a ready pusher-js instance given as options.client without constructing another', () => {
    const client = new FakePusher('own-key', { cluster: 'mt1' });
    const Constructor = vi.fn();
    const echo = new Echo<'pusher'>({ broadcaster: 'pusher', client, Pusher: Constructor, withoutInterceptors: true });
    expect((echo.connector as PusherConnector).pusher).toBe(client);
    expect(Constructor).not.toHaveBeenCalled();
  });

  it("hands the user's own channelAuthorization to pusher-js instead of the built-in handler", () => {
    const customHandler = vi.fn();
    const { pusher } = pusherEcho({ channelAuthorization: { customHandler } });
    expect((pusher.options['channelAuthorization'] as { customHandler: unknown }).customHandler).toBe(customHandler);
  });

  it("hands a legacy authorizer to pusher-js together with authEndpoint and auth", () => {
    const authorizer = vi.fn();
    const auth = { headers: { 'X-App': '1' } };
    const { pusher } = pusherEcho({ authorizer, authEndpoint: '/legacy/auth', auth });
    expect(pusher.options['authorizer']).toBe(authorizer);
    expect(pusher.options['authEndpoint']).toBe('/legacy/auth');
    expect(pusher.options['auth']).toBe(auth);
    expect(pusher.options['channelAuthorization']).toBeUndefined();
  });

  it("hands the user's own userAuthentication.customHandler to pusher-js", () => {
    const customHandler = vi.fn();
    const { pusher } = pusherEcho({ userAuthentication: { customHandler } as never });
    expect((pusher.options['userAuthentication'] as { customHandler: unknown }).customHandler).toBe(customHandler);
  });
});

describe('PusherConnector: the channel authorization handler', () => {
  it('POSTs socket_id and channel_name, form-encoded, to /broadcasting/auth', async () => {
    const { echo, pusher } = connectedPusherEcho();
    echo.private('order.1');
    await pusher.settled();
    expect(fetch.requests).toHaveLength(1);
    const [request] = fetch.requests;
    expect(request?.url).toBe('/broadcasting/auth');
    expect(request?.method).toBe('POST');
    expect(request?.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(formOf(request)).toEqual({ socket_id: '1234.5678', channel_name: 'private-order.1' });
  });

  it('uses options.authEndpoint', async () => {
    const { echo, pusher } = connectedPusherEcho({ authEndpoint: 'https://api.shop.example/broadcasting/auth' });
    echo.private('order.1');
    await pusher.settled();
    expect(fetch.requests[0]?.url).toBe('https://api.shop.example/broadcasting/auth');
  });

  it('adds auth.params to the form', async () => {
    const { echo, pusher } = connectedPusherEcho({ auth: { params: { tenant: 'acme' } } });
    echo.private('order.1');
    await pusher.settled();
    expect(formOf(fetch.requests[0])).toEqual({ tenant: 'acme', socket_id: '1234.5678', channel_name: 'private-order.1' });
  });

  it("passes the server's answer to pusher-js, which subscribes with it", async () => {
    fetch = fakeFetch([json({ auth: 'app-key:abc', channel_data: '{"user_id":7}' })]);
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho();
    echo.join('room.1');
    await pusher.settled();
    expect(pusher.authResults).toEqual([{ channel: 'presence-room.1', error: null, data: { auth: 'app-key:abc', channel_data: '{"user_id":7}' } }]);
    expect(pusher.sentOf('pusher:subscribe')).toEqual([{ channel: 'presence-room.1', auth: 'app-key:abc', channel_data: '{"user_id":7}' }]);
  });

  it('reports a refused authorization to pusher-js as an Error', async () => {
    fetch = fakeFetch([{ status: 403, body: '{"message":"Forbidden"}' }]);
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho();
    echo.private('order.1');
    await pusher.settled();
    expect(pusher.authResults).toHaveLength(1);
    expect(pusher.authResults[0]?.error).toBeInstanceOf(Error);
    expect(pusher.authResults[0]?.error?.message).toBe('Authorization of private-order.1 failed with HTTP 403.');
    expect(pusher.authResults[0]?.data).toBeNull();
  });

  it('does not call the endpoint for public channels', async () => {
    const { echo, pusher } = connectedPusherEcho();
    echo.channel('orders');
    await pusher.settled();
    expect(fetch.requests).toHaveLength(0);
    expect(pusher.sentOf('pusher:subscribe')).toEqual([{ channel: 'orders' }]);
  });
});

describe('PusherConnector: connection methods', () => {
  it('socketId() is undefined until pusher-js is connected', () => {
    expect(pusherEcho().echo.socketId()).toBeUndefined();
  });

  it("socketId() is pusher-js's socket_id once connected", () => {
    expect(connectedPusherEcho().echo.socketId()).toBe('1234.5678');
  });

  it('socketId() is undefined again after disconnect()', () => {
    const { echo } = connectedPusherEcho();
    echo.disconnect();
    expect(echo.socketId()).toBeUndefined();
  });

  it('disconnect() calls pusher-js disconnect() once', () => {
    const { echo, pusher } = connectedPusherEcho();
    echo.disconnect();
    expect(pusher.calls.filter((call) => call === 'disconnect')).toHaveLength(1);
  });

  it('connect() after disconnect() reconnects the same pusher-js instance', () => {
    const { echo, pusher } = connectedPusherEcho();
    echo.disconnect();
    echo.connect();
    expect((echo.connector as PusherConnector).pusher).toBe(pusher);
    expect(pusher.calls.filter((call) => call === 'connect' || call === 'disconnect')).toEqual(['disconnect', 'connect']);
  });

  it('signin() asks pusher-js to sign in', () => {
    const { echo, pusher } = pusherEcho();
    echo.signin();
    expect(pusher.calls).toEqual(['signin']);
  });

  it('signin() POSTs the socket id to /broadcasting/user-auth and passes the answer to pusher-js', async () => {
    fetch = fakeFetch([json({ auth: 'app-key:user-sig', user_data: '{"id":"7"}' })]);
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho();
    echo.signin();
    await pusher.settled();
    expect(fetch.requests.map((r) => [r.url, formOf(r)])).toEqual([['/broadcasting/user-auth', { socket_id: '1234.5678' }]]);
    expect(pusher.sentOf('pusher:signin')).toEqual([{ auth: 'app-key:user-sig', user_data: '{"id":"7"}' }]);
  });

  it('signin() uses userAuthentication.endpoint and its headers', async () => {
    const { echo, pusher } = connectedPusherEcho({ userAuthentication: { endpoint: '/me/auth', headers: { 'X-User': 'u' } } });
    echo.signin();
    await pusher.settled();
    expect(fetch.requests[0]?.url).toBe('/me/auth');
    expect(fetch.requests[0]?.headers['X-User']).toBe('u');
  });

  it('signin() reports a refused user authentication to pusher-js as an Error', async () => {
    fetch = fakeFetch([{ status: 404, body: 'Not Found' }]);
    vi.stubGlobal('fetch', fetch);
    const { echo, pusher } = connectedPusherEcho();
    echo.signin();
    await pusher.settled();
    expect(pusher.signins).toHaveLength(1);
    expect(pusher.signins[0]?.error?.message).toBe('Authorization of user failed with HTTP 404.');
    expect(pusher.sentOf('pusher:signin')).toEqual([]);
  });
});

describe('PusherConnector: the channel registry', () => {
  it('returns the same channel object for the same name and subscribes once', () => {
    const { echo, pusher } = pusherEcho();
    expect(echo.channel('orders')).toBe(echo.channel('orders'));
    expect(pusher.calls).toEqual(['subscribe:orders']);
  });

  it('channel(), private(), encryptedPrivate() and join() subscribe with their prefixes', () => {
    const { echo, pusher } = pusherEcho();
    echo.channel('orders');
    echo.private('orders');
    echo.encryptedPrivate('orders');
    echo.join('orders');
    expect(pusher.calls).toEqual(['subscribe:orders', 'subscribe:private-orders', 'subscribe:private-encrypted-orders', 'subscribe:presence-orders']);
    expect([...echo.connector.channels.keys()]).toEqual(['orders', 'private-orders', 'private-encrypted-orders', 'presence-orders']);
  });

  it('leave(name) unsubscribes the public, private, encrypted and presence variants', () => {
    const { echo, pusher } = pusherEcho();
    echo.channel('orders');
    echo.private('orders');
    echo.encryptedPrivate('orders');
    echo.join('orders');
    echo.leave('orders');
    expect(pusher.calls.filter((c) => c.startsWith('unsubscribe:'))).toEqual([
      'unsubscribe:orders',
      'unsubscribe:private-orders',
      'unsubscribe:private-encrypted-orders',
      'unsubscribe:presence-orders',
    ]);
    expect(echo.connector.channels.size).toBe(0);
  });

  it('leave(name) leaves other channels alone', () => {
    const { echo, pusher } = pusherEcho();
    echo.channel('orders');
    echo.channel('orders.archive');
    echo.leave('orders');
    expect(pusher.calls.filter((c) => c.startsWith('unsubscribe:'))).toEqual(['unsubscribe:orders']);
    expect([...echo.connector.channels.keys()]).toEqual(['orders.archive']);
  });

  it('leaveChannel(fullName) leaves exactly that channel', () => {
    const { echo, pusher } = pusherEcho();
    echo.channel('orders');
    echo.private('orders');
    echo.leaveChannel('private-orders');
    expect(pusher.calls.filter((c) => c.startsWith('unsubscribe:'))).toEqual(['unsubscribe:private-orders']);
    expect([...echo.connector.channels.keys()]).toEqual(['orders']);
  });

  it('leaveChannel() of an unknown name does nothing', () => {
    const { echo, pusher } = pusherEcho();
    echo.leaveChannel('private-nothing');
    expect(pusher.calls).toEqual([]);
  });

  it('leaveAllChannels() unsubscribes every channel', () => {
    const { echo, pusher } = pusherEcho();
    echo.channel('a');
    echo.private('b');
    echo.join('c');
    echo.leaveAllChannels();
    expect(pusher.calls.filter((c) => c.startsWith('unsubscribe:'))).toEqual(['unsubscribe:a', 'unsubscribe:private-b', 'unsubscribe:presence-c']);
    expect(echo.connector.channels.size).toBe(0);
  });

  it('a channel asked for again after leave() is a new, subscribed channel', () => {
    const { echo, pusher } = pusherEcho();
    const first = echo.channel('orders');
    echo.leave('orders');
    const second = echo.channel('orders');
    expect(second).not.toBe(first);
    expect(pusher.calls).toEqual(['subscribe:orders', 'unsubscribe:orders', 'subscribe:orders']);
  });
});

describe('PusherConnector with the real pusher-js (Node build, unreachable host)', () => {
  type RealPusher = Pusher & { options: Record<string, unknown> };
  const unreachable = { wsHost: '127.0.0.1', wsPort: 9, forceTLS: false, enabledTransports: ['ws'], withoutInterceptors: true } as const;
  const made: Array<{ disconnect(): void }> = [];
  const real = <T extends 'pusher' | 'reverb' | 'ably'>(broadcaster: T, extra: Record<string, unknown> = {}) => {
    const echo = new Echo<T>({ broadcaster, Pusher, key: 'real-key', ...unreachable, ...extra } as never);
    made.push(echo);
    return { echo, pusher: (echo.connector as PusherConnector).pusher as unknown as RealPusher };
  };

  afterEach(() => {
    for (const echo of made.splice(0)) echo.disconnect();
  });

  it("'pusher': pusher-js receives the key and the transport options", () => {
    const { pusher } = real('pusher', { cluster: 'eu' });
    expect(pusher.key).toBe('real-key');
    expect(pusher.config.wsHost).toBe('127.0.0.1');
    expect(pusher.config.wsPort).toBe(9);
    expect(pusher.config.useTLS).toBe(false);
    expect(pusher.config.enabledTransports).toEqual(['ws']);
    expect(pusher.config.cluster).toBe('eu');
  });

  it("'pusher': pusher-js authorizes channels through the connector's customHandler", () => {
    const { pusher } = real('pusher', { cluster: 'eu' });
    const customHandler = (pusher.options['channelAuthorization'] as { customHandler: Handler }).customHandler;
    expect(customHandler).toBeTypeOf('function');
    expect(pusher.config.channelAuthorizer).toBe(customHandler);
  });

  it("'pusher': the customHandler pusher-js calls POSTs to this instance's auth endpoint", async () => {
    const { pusher } = real('pusher', { cluster: 'eu', authEndpoint: '/shop/broadcasting/auth' });
    const answer = await new Promise<[Error | null, unknown]>((resolve) =>
      pusher.config.channelAuthorizer({ socketId: '1.2', channelName: 'private-order.1' }, (error, data) => resolve([error, data])),
    );
    expect(answer).toEqual([null, { auth: 'app-key:signature' }]);
    expect(fetch.requests.map((r) => [r.url, formOf(r)])).toEqual([['/shop/broadcasting/auth', { socket_id: '1.2', channel_name: 'private-order.1' }]]);
  });

  it("'pusher': the real connection's states map to connecting, then disconnected on disconnect()", () => {
    const { echo } = real('pusher', { cluster: 'eu' });
    const seen: string[] = [];
    echo.onConnectionChange((status) => seen.push(status));
    expect(echo.connectionStatus()).toBe('connecting');
    echo.disconnect();
    expect(seen).toEqual(['disconnected']);
  });

  it("'reverb': pusher-js gets cluster '' and the customHandler", () => {
    const { pusher } = real('reverb');
    expect(pusher.config.cluster).toBe('');
    expect(pusher.config.wsHost).toBe('127.0.0.1');
    expect(pusher.config.channelAuthorizer).toBe((pusher.options['channelAuthorization'] as { customHandler: Handler }).customHandler);
  });

  it("'ably': pusher-js gets cluster '' and the customHandler", () => {
    const { pusher } = real('ably');
    expect(pusher.config.cluster).toBe('');
    expect(pusher.config.channelAuthorizer).toBe((pusher.options['channelAuthorization'] as { customHandler: Handler }).customHandler);
  });
});
