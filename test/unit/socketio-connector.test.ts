import { io as realIoV4 } from 'socket.io-client';
import realIoV2 from 'socket.io-client-v2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SocketIoConnector } from '../../src/connector/socketio-connector';
import { Echo } from '../../src/echo';
import { fakeIo } from './fakes/fake-socket';
import { expectEchoError, flush, socketEcho, socketEchoV2 } from './support';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SocketIoConnector: what io() is given', () => {
  it('calls io(host, options) with the transport options only', () => {
    const { socket } = socketEcho({
      host: 'https://ws.shop.example:6001',
      transports: ['websocket'],
      path: '/realtime',
      reconnectionAttempts: 5,
      auth: { headers: { 'X-App': '1' } },
      authEndpoint: '/custom/auth',
      csrfToken: 'csrf',
      bearerToken: 'token',
      namespace: 'Shop.Events',
      notifications: 'legacy',
      socketIdOrigins: '*',
    });
    expect(socket.host).toBe('https://ws.shop.example:6001');
    expect(socket.options).toEqual({
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
      transports: ['websocket'],
      path: '/realtime',
      reconnectionAttempts: 5,
    });
  });

  it('backs off to at most 2 s between reconnection attempts unless told otherwise', () => {
    expect(socketEcho().socket.options).toEqual({ reconnectionDelay: 500, reconnectionDelayMax: 2000 });
    expect(socketEcho({ reconnectionDelay: 1000, reconnectionDelayMax: 5000 }).socket.options).toEqual({
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
    });
  });

  it('calls io() with an undefined host when none is given (same origin)', () => {
    const io = fakeIo();
    new Echo<'socket.io'>({ broadcaster: 'socket.io', client: io, withoutInterceptors: true });
    expect(io.sockets[0]?.host).toBeUndefined();
  });

  it('finds io() as window.io when options.client is absent', () => {
    const io = fakeIo();
    vi.stubGlobal('io', io);
    const echo = new Echo<'socket.io'>({ broadcaster: 'socket.io', host: 'http://sio.test', withoutInterceptors: true });
    expect(echo.connector.socket).toBe(io.sockets[0]);
  });

  it('listens for connect, disconnect and connect_error on the Socket', () => {
    const { socket } = socketEcho();
    expect([socket.listenerCount('connect'), socket.listenerCount('disconnect'), socket.listenerCount('connect_error')]).toEqual([1, 1, 1]);
  });

  it('listens for reconnect_attempt and reconnect_failed on the Manager, not the Socket', () => {
    const { socket } = socketEcho();
    expect([socket.io.listenerCount('reconnect_attempt'), socket.io.listenerCount('reconnect_failed')]).toEqual([1, 1]);
    expect([socket.listenerCount('reconnect_attempt'), socket.listenerCount('reconnect_failed')]).toEqual([0, 0]);
  });

  it('listens once for subscription_error and the three presence events', () => {
    const { echo, socket } = socketEcho();
    echo.private('a');
    echo.join('b');
    echo.join('c');
    expect(
      ['subscription_error', 'presence:subscribed', 'presence:joining', 'presence:leaving'].map((event) => socket.listenerCount(event)),
    ).toEqual([1, 1, 1, 1]);
  });
});

describe('SocketIoConnector: connection methods', () => {
  it('socketId() is undefined before the socket connects', () => {
    expect(socketEcho().echo.socketId()).toBeUndefined();
  });

  it("socketId() is the socket's id once connected", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect('sio-abc');
    expect(echo.socketId()).toBe('sio-abc');
  });

  it('socketId() is undefined after the connection dropped', () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect('sio-abc');
    socket.drop();
    expect(echo.socketId()).toBeUndefined();
  });

  it('disconnect() disconnects the socket once', () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    echo.disconnect();
    expect(socket.disconnectCalls).toBe(1);
  });

  it('connect() after disconnect() reconnects the same socket without calling io() again', () => {
    const { echo, io, socket } = socketEcho();
    socket.serverConnect();
    echo.disconnect();
    echo.connect();
    expect(io.sockets).toHaveLength(1);
    expect(socket.connectCalls).toBe(1);
  });

  it('signin() throws an EchoError: Socket.IO has no user authentication', () => {
    expectEchoError(() => socketEcho().echo.signin(), 'signin() needs a Pusher-protocol broadcaster');
  });

  it('encryptedPrivate() throws an EchoError pointing to private()', () => {
    expectEchoError(
      () => socketEcho().echo.encryptedPrivate('vault'),
      'encryptedPrivate("vault")',
      'socket.io broadcaster does not support encrypted private channels',
      'Use Echo.private() instead',
    );
  });
});

describe('SocketIoConnector: subscribing', () => {
  it('emits nothing while the socket is not connected', async () => {
    const { echo, socket } = socketEcho();
    echo.channel('orders');
    echo.private('orders');
    await flush();
    expect(socket.emitted).toEqual([]);
  });

  it('emits subscribe {channel, auth} for every channel when the socket connects', async () => {
    const { echo, socket } = socketEcho();
    echo.channel('orders');
    echo.private('order.1');
    echo.join('room.1');
    socket.serverConnect();
    await flush();
    expect(socket.emittedOf('subscribe')).toEqual([
      { channel: 'orders', auth: { headers: {} } },
      { channel: 'private-order.1', auth: { headers: {} } },
      { channel: 'presence-room.1', auth: { headers: {} } },
    ]);
  });

  it('emits subscribe right away for a channel created while connected', async () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    echo.channel('orders');
    await flush();
    expect(socket.emittedOf('subscribe')).toEqual([{ channel: 'orders', auth: { headers: {} } }]);
  });

  it('sends the CSRF token and bearer token as auth headers', async () => {
    const { echo, socket } = socketEcho({ csrfToken: 'csrf-1', bearerToken: 'tok-1', auth: { headers: { 'X-Tenant': 'acme' } } });
    socket.serverConnect();
    echo.private('order.1');
    await flush();
    expect(socket.emittedOf('subscribe')).toEqual([
      { channel: 'private-order.1', auth: { headers: { 'X-Tenant': 'acme', 'X-CSRF-TOKEN': 'csrf-1', Authorization: 'Bearer tok-1' } } },
    ]);
  });

  it('emits subscribe again for every channel on each reconnect', async () => {
    const { echo, socket } = socketEcho();
    echo.channel('orders');
    echo.private('order.1');
    socket.serverConnect('sio-1');
    await flush();
    socket.drop();
    socket.serverConnect('sio-2');
    await flush();
    expect(socket.emittedOf('subscribe').map((p) => (p as { channel: string }).channel)).toEqual(['orders', 'private-order.1', 'orders', 'private-order.1']);
  });

  it('a private channel sends fresh auth headers on every (re)subscription', async () => {
    let n = 0;
    const { echo, socket } = socketEcho({ bearerToken: () => 'tok-' + ++n });
    echo.private('order.1');
    socket.serverConnect('sio-1');
    await flush();
    socket.drop();
    socket.serverConnect('sio-2');
    await flush();
    expect(socket.emittedOf('subscribe').map((p) => (p as { auth: { headers: Record<string, string> } }).auth.headers['Authorization'])).toEqual([
      'Bearer tok-1',
      'Bearer tok-2',
    ]);
  });

  it('the socket.io v2 client is re-subscribed on reconnect too', async () => {
    const { echo, socket } = socketEchoV2();
    echo.private('order.1');
    socket.serverConnect('a');
    await flush();
    socket.drop('ping timeout');
    socket.serverConnect('b');
    await flush();
    expect(socket.emittedOf('subscribe')).toHaveLength(2);
  });

  it('a reconnect before the previous subscription was built sends one subscribe, not two', async () => {
    const { echo, socket } = socketEcho();
    echo.private('order.1');
    socket.serverConnect('a');
    socket.drop();
    socket.serverConnect('b');
    await flush();
    expect(socket.emittedOf('subscribe')).toHaveLength(1);
  });
});

describe('SocketIoConnector: leaving', () => {
  it('leave(name) emits unsubscribe for the public, private and presence variants', async () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    echo.channel('orders');
    echo.private('orders');
    echo.join('orders');
    echo.leave('orders');
    expect(socket.emittedOf('unsubscribe')).toEqual([{ channel: 'orders' }, { channel: 'private-orders' }, { channel: 'presence-orders' }]);
    expect(echo.connector.channels.size).toBe(0);
  });

  it('leave() while disconnected emits nothing but forgets the channel', () => {
    const { echo, socket } = socketEcho();
    echo.channel('orders');
    echo.leave('orders');
    expect(socket.emitted).toEqual([]);
    expect(echo.connector.channels.size).toBe(0);
  });

  it('a left channel is not re-subscribed on the next connect', async () => {
    const { echo, socket } = socketEcho();
    echo.channel('orders');
    echo.channel('stays');
    echo.leave('orders');
    socket.serverConnect();
    await flush();
    expect(socket.emittedOf('subscribe')).toEqual([{ channel: 'stays', auth: { headers: {} } }]);
  });

  it('a channel left before its subscribe was built never emits subscribe', async () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    echo.channel('orders');
    echo.leave('orders');
    await flush();
    expect(socket.emittedOf('subscribe')).toEqual([]);
  });

  it('leaveChannel(fullName) leaves exactly that channel', () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    echo.channel('orders');
    echo.private('orders');
    echo.leaveChannel('private-orders');
    expect(socket.emittedOf('unsubscribe')).toEqual([{ channel: 'private-orders' }]);
    expect([...echo.connector.channels.keys()]).toEqual(['orders']);
  });

  it('leaveAllChannels() leaves every channel', () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    echo.channel('a');
    echo.private('b');
    echo.leaveAllChannels();
    expect(socket.emittedOf('unsubscribe')).toEqual([{ channel: 'a' }, { channel: 'private-b' }]);
    expect(echo.connector.channels.size).toBe(0);
  });
});

describe('SocketIoConnector: routing events to channels', () => {
  it('keeps one socket listener per event name however many channels listen for it', () => {
    const { echo, socket } = socketEcho();
    echo.channel('a').listen('OrderShipped', vi.fn());
    echo.channel('b').listen('OrderShipped', vi.fn());
    echo.private('c').listen('OrderShipped', vi.fn()).listen('OrderShipped', vi.fn());
    expect(socket.listenerCount('App\\Events\\OrderShipped')).toBe(1);
  });

  it('delivers an event only to the channel named by its first argument', () => {
    const { echo, socket } = socketEcho();
    const a = vi.fn();
    const b = vi.fn();
    echo.channel('a').listen('OrderShipped', a);
    echo.channel('b').listen('OrderShipped', b);
    socket.serverConnect();
    socket.serverEmit('App\\Events\\OrderShipped', 'b', { id: 2 });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledExactlyOnceWith({ id: 2 });
  });

  it('ignores an event for a channel it does not know', () => {
    const { echo, socket } = socketEcho();
    const a = vi.fn();
    echo.channel('a').listen('OrderShipped', a);
    socket.serverConnect();
    socket.serverEmit('App\\Events\\OrderShipped', 'other', {});
    expect(a).not.toHaveBeenCalled();
  });

  it('keeps the socket listener while another channel still listens', () => {
    const { echo, socket } = socketEcho();
    echo.channel('a').listen('OrderShipped', vi.fn());
    echo.channel('b').listen('OrderShipped', vi.fn());
    echo.channel('a').stopListening('OrderShipped');
    expect(socket.listenerCount('App\\Events\\OrderShipped')).toBe(1);
  });

  it('removes the socket listener when the last channel stops listening', () => {
    const { echo, socket } = socketEcho();
    const callback = vi.fn();
    echo.channel('a').listen('OrderShipped', callback);
    echo.channel('b').listen('OrderShipped', vi.fn());
    echo.channel('a').stopListening('OrderShipped', callback);
    echo.channel('b').stopListening('OrderShipped');
    expect(socket.listenerCount('App\\Events\\OrderShipped')).toBe(0);
  });

  it('removes the socket listeners of a channel that is left', () => {
    const { echo, socket } = socketEcho();
    echo.channel('a').listen('OrderShipped', vi.fn()).listen('.server.created', vi.fn());
    echo.leave('a');
    expect([socket.listenerCount('App\\Events\\OrderShipped'), socket.listenerCount('server.created')]).toEqual([0, 0]);
  });

  it("a stale reference to a left channel cannot remove another channel's socket listener", () => {
    const { echo, socket } = socketEcho();
    const stale = echo.channel('a').listen('OrderShipped', vi.fn());
    const b = vi.fn();
    echo.channel('b').listen('OrderShipped', b);
    echo.leave('a');
    stale.stopListening('OrderShipped');
    socket.serverConnect();
    socket.serverEmit('App\\Events\\OrderShipped', 'b', 1);
    expect(b).toHaveBeenCalledExactlyOnceWith(1);
  });

  it('with socket.io v2 removes the socket listener when the last channel stops listening', () => {
    const { echo, socket } = socketEchoV2();
    echo.channel('a').listen('OrderShipped', vi.fn());
    echo.channel('a').stopListening('OrderShipped');
    expect(socket.listenerCount('App\\Events\\OrderShipped')).toBe(0);
  });
});

describe('SocketIoConnector with the real socket.io-client (autoConnect: false, nothing is sent)', () => {
  const made: Array<{ disconnect(): void }> = [];
  afterEach(() => {
    for (const echo of made.splice(0)) echo.disconnect();
  });

  it('v4: io() receives the host and options; the Socket gets the SDK listeners', () => {
    const echo = new Echo<'socket.io'>({
      broadcaster: 'socket.io',
      client: realIoV4,
      host: 'http://127.0.0.1:9',
      autoConnect: false,
      forceNew: true,
      transports: ['websocket'],
      reconnectionAttempts: 3,
      withoutInterceptors: true,
    });
    made.push(echo);
    const socket = echo.connector.socket as unknown as ReturnType<typeof realIoV4>;
    expect(echo.connector).toBeInstanceOf(SocketIoConnector);
    expect(socket.io.opts.transports).toEqual(['websocket']);
    expect(socket.io.reconnectionAttempts()).toBe(3);
    expect(socket.listeners('subscription_error')).toHaveLength(1);
    expect(socket.listeners('connect')).toHaveLength(1);
    expect(echo.socketId()).toBeUndefined();
    expect(echo.connectionStatus()).toBe('connecting');
  });

  it('v4: the Manager carries the reconnect listeners', () => {
    const echo = new Echo<'socket.io'>({ broadcaster: 'socket.io', client: realIoV4, host: 'http://127.0.0.1:9', autoConnect: false, forceNew: true, withoutInterceptors: true });
    made.push(echo);
    const socket = echo.connector.socket as unknown as ReturnType<typeof realIoV4>;
    expect(socket.io.listeners('reconnect_attempt')).toHaveLength(1);
    expect(socket.io.listeners('reconnect_failed')).toHaveLength(1);
  });

  it('v4: listenToAll() installs one onAny listener on the real socket', () => {
    const echo = new Echo<'socket.io'>({ broadcaster: 'socket.io', client: realIoV4, host: 'http://127.0.0.1:9', autoConnect: false, forceNew: true, withoutInterceptors: true });
    made.push(echo);
    const socket = echo.connector.socket as unknown as ReturnType<typeof realIoV4>;
    echo.channel('a').listenToAll(vi.fn());
    echo.channel('b').listenToAll(vi.fn());
    expect(socket.listenersAny()).toHaveLength(1);
  });

  it('v2: io() receives the host and options; the Socket gets the SDK listeners', () => {
    const echo = new Echo<'socket.io'>({
      broadcaster: 'socket.io',
      client: realIoV2,
      host: 'http://127.0.0.1:9',
      autoConnect: false,
      forceNew: true,
      transports: ['websocket'],
      withoutInterceptors: true,
    });
    made.push(echo);
    const socket = echo.connector.socket as unknown as { io: { opts: { transports: string[] } }; listeners(event: string): unknown[] };
    expect(socket.io.opts.transports).toEqual(['websocket']);
    expect(socket.listeners('subscription_error')).toHaveLength(1);
    expect(echo.socketId()).toBeUndefined();
  });

  it('v2: listenToAll() wraps onevent, and stopListeningToAll() puts the original back', () => {
    const echo = new Echo<'socket.io'>({ broadcaster: 'socket.io', client: realIoV2, host: 'http://127.0.0.1:9', autoConnect: false, forceNew: true, withoutInterceptors: true });
    made.push(echo);
    const socket = echo.connector.socket as unknown as { onevent: unknown };
    const original = socket.onevent;
    const channel = echo.channel('a');
    channel.listenToAll(vi.fn());
    expect(socket.onevent).not.toBe(original);
    channel.stopListeningToAll();
    expect(socket.onevent).toBe(original);
  });
});
