import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../src/channel/channel';
import { NullChannel } from '../../src/channel/null-channel';
import { PusherChannel } from '../../src/channel/pusher-channel';
import { SocketIoChannel } from '../../src/channel/socketio-channel';
import type { ConnectionChangeListener } from '../../src/connection-state';
import { Connector } from '../../src/connector/connector';
import { NullConnector } from '../../src/connector/null-connector';
import { PusherConnector } from '../../src/connector/pusher-connector';
import { SocketIoConnector } from '../../src/connector/socketio-connector';
import { Echo } from '../../src/echo';
import type { ConnectorLike } from '../../src/echo-base';
import IifeEcho from '../../src/index.iife';
import DefaultEcho, { Echo as NamedEcho } from '../../src/index';
import type { EchoOptions } from '../../src/options';
import { Echo as PusherOnlyEcho } from '../../src/pusher';
import { Echo as SocketIoOnlyEcho } from '../../src/socketio';
import { FakePusher } from './fakes/fake-pusher';
import { fakeIo } from './fakes/fake-socket';
import { expectEchoError, pusherEcho } from './support';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A connector of the application's own, implementing only the required members. */
class MinimalConnector implements ConnectorLike {
  static made: MinimalConnector[] = [];
  readonly calls: string[] = [];
  readonly channelObject = new NullChannel('orders', { formatter: { format: (e: string) => e } as never, notificationEvent: 'N' });
  constructor(readonly options: EchoOptions) {
    MinimalConnector.made.push(this);
  }
  channel(name: string): Channel {
    this.calls.push('channel:' + name);
    return this.channelObject;
  }
  privateChannel(name: string): Channel {
    this.calls.push('private:' + name);
    return this.channelObject;
  }
  presenceChannel(name: string): Channel {
    this.calls.push('presence:' + name);
    return this.channelObject;
  }
  leave(name: string): void {
    this.calls.push('leave:' + name);
  }
  leaveChannel(name: string): void {
    this.calls.push('leaveChannel:' + name);
  }
  socketId(): string | undefined {
    return 'custom-id';
  }
  disconnect(): void {
    this.calls.push('disconnect');
  }
}

describe('Echo: choosing the driver', () => {
  it("'pusher' builds a PusherConnector around one pusher-js instance created with the key", () => {
    const { echo, pusher } = pusherEcho({ key: 'k-1' });
    expect(echo.connector).toBeInstanceOf(PusherConnector);
    expect(pusher).toBeInstanceOf(FakePusher);
    expect(pusher.key).toBe('k-1');
  });

  it("'reverb' uses the Pusher protocol with cluster ''", () => {
    const echo = new Echo<'reverb'>({ broadcaster: 'reverb', key: 'rv', Pusher: FakePusher, wsHost: 'ws.test', withoutInterceptors: true });
    expect(echo.connector).toBeInstanceOf(PusherConnector);
    expect(((echo.connector as PusherConnector).pusher as FakePusher).options['cluster']).toBe('');
  });

  it("'ably' uses the Pusher protocol with cluster '' and needs no wsHost", () => {
    const echo = new Echo<'ably'>({ broadcaster: 'ably', key: 'ab', Pusher: FakePusher, withoutInterceptors: true });
    expect(echo.connector).toBeInstanceOf(PusherConnector);
    expect(((echo.connector as PusherConnector).pusher as FakePusher).options['cluster']).toBe('');
  });

  it("'socket.io' builds a SocketIoConnector and calls io(host, options) once", () => {
    const io = fakeIo();
    const echo = new Echo<'socket.io'>({ broadcaster: 'socket.io', client: io, host: 'http://sio.test:6001', withoutInterceptors: true });
    expect(echo.connector).toBeInstanceOf(SocketIoConnector);
    expect(io.sockets).toHaveLength(1);
    expect(io.sockets[0]?.host).toBe('http://sio.test:6001');
  });

  it("'null' builds a NullConnector", () => {
    const echo = new Echo<'null'>({ broadcaster: 'null' });
    expect(echo.connector).toBeInstanceOf(NullConnector);
  });

  it('a connector class is constructed once with the options object', () => {
    MinimalConnector.made = [];
    const options = { broadcaster: MinimalConnector, withoutInterceptors: true };
    const echo = new Echo(options);
    expect(MinimalConnector.made).toHaveLength(1);
    expect(echo.connector).toBe(MinimalConnector.made[0]);
    expect((echo.connector as MinimalConnector).options).toBe(options);
  });

  it('a connector class extending Connector is connected once by the constructor', () => {
    const connects = vi.fn();
    class Counting extends NullConnector {
      override connect(): void {
        connects();
        super.connect();
      }
    }
    const echo = new Echo({ broadcaster: Counting, withoutInterceptors: true });
    expect(echo.connector).toBeInstanceOf(Connector);
    expect(connects).toHaveBeenCalledTimes(1);
  });

  it('keeps the options object it was given', () => {
    const options = { broadcaster: 'null' as const };
    expect(new Echo<'null'>(options).options).toBe(options);
  });
});

describe('Echo: delegating to a custom connector', () => {
  const make = () => {
    const echo = new Echo({ broadcaster: MinimalConnector, withoutInterceptors: true });
    return { echo, connector: echo.connector as MinimalConnector };
  };

  it('channel(), private(), join() ask the connector for the plain name', () => {
    const { echo, connector } = make();
    echo.channel('a');
    echo.private('b');
    echo.join('c');
    expect(connector.calls).toEqual(['channel:a', 'private:b', 'presence:c']);
  });

  it('leave() and leaveChannel() go to the connector unchanged', () => {
    const { echo, connector } = make();
    echo.leave('orders');
    echo.leaveChannel('private-orders');
    expect(connector.calls).toEqual(['leave:orders', 'leaveChannel:private-orders']);
  });

  it('socketId() and disconnect() delegate', () => {
    const { echo, connector } = make();
    expect(echo.socketId()).toBe('custom-id');
    echo.disconnect();
    expect(connector.calls).toEqual(['disconnect']);
  });

  it("connectionStatus() is 'connected' when the connector has no status", () => {
    expect(make().echo.connectionStatus()).toBe('connected');
  });

  it('onConnectionChange() returns a callable unsubscribe even when the connector has no events', () => {
    const unsubscribe = make().echo.onConnectionChange(() => {});
    expect(typeof unsubscribe).toBe('function');
    expect(() => unsubscribe()).not.toThrow();
  });

  it('encryptedPrivate() throws an EchoError when the connector has no encrypted channels', () => {
    expectEchoError(() => make().echo.encryptedPrivate('vault'), 'encryptedPrivate("vault")', 'does not support encrypted private channels');
  });

  it('signin() throws an EchoError naming the Pusher-protocol broadcasters', () => {
    expectEchoError(() => make().echo.signin(), 'signin()', 'pusher, reverb or ably');
  });

  it('leaveAllChannels() is a no-op when the connector has none', () => {
    const { echo, connector } = make();
    expect(() => echo.leaveAllChannels()).not.toThrow();
    expect(connector.calls).toEqual([]);
  });

  it('connect() is a no-op when the connector has none', () => {
    const { echo, connector } = make();
    expect(() => echo.connect()).not.toThrow();
    expect(connector.calls).toEqual([]);
  });
});

describe('Echo: listen() shortcut', () => {
  it('listens on the public channel and returns it', () => {
    const { echo, pusher } = pusherEcho();
    const callback = vi.fn();
    const channel = echo.listen('orders', 'OrderShipped', callback);
    expect(channel).toBe(echo.channel('orders'));
    pusher.emit('orders', 'App\\Events\\OrderShipped', { id: 1 });
    expect(callback).toHaveBeenCalledExactlyOnceWith({ id: 1 });
  });
});

describe('Echo: channel classes per driver', () => {
  it('pusher channels are PusherChannel instances', () => {
    expect(pusherEcho().echo.channel('orders')).toBeInstanceOf(PusherChannel);
  });

  it('socket.io channels are SocketIoChannel instances', () => {
    const echo = new Echo<'socket.io'>({ broadcaster: 'socket.io', client: fakeIo(), withoutInterceptors: true });
    expect(echo.channel('orders')).toBeInstanceOf(SocketIoChannel);
  });

  it('null channels are NullChannel instances', () => {
    expect(new Echo<'null'>({ broadcaster: 'null' }).channel('orders')).toBeInstanceOf(NullChannel);
  });
});

describe('Echo: entry points', () => {
  it('the main entry exports Echo as default and by name', () => {
    expect(DefaultEcho).toBe(Echo);
    expect(NamedEcho).toBe(Echo);
  });

  it("royalcms-echo/pusher refuses 'socket.io' and says where to import it from", () => {
    expectEchoError(
      () => new PusherOnlyEcho({ broadcaster: 'socket.io', client: fakeIo() }),
      'Broadcaster "socket.io" is not supported',
      "import Echo from 'royalcms-echo' for 'socket.io'",
    );
  });

  it.each([
    ['royalcms-echo/pusher', PusherOnlyEcho],
    ['royalcms-echo/socket.io', SocketIoOnlyEcho],
  ])("%s leaves the null driver out: 'null' is refused with the way to get it", (_entry, EntryEcho) => {
    expectEchoError(() => new EntryEcho({ broadcaster: 'null' }), 'Broadcaster "null" is not supported', 'NullConnector', "'royalcms-echo'");
    const echo = new EntryEcho({ broadcaster: NullConnector, withoutInterceptors: true });
    expect(echo.connector).toBeInstanceOf(NullConnector);
    expect(echo.connectionStatus()).toBe('connected');
    expect(echo.private('order.1')).toBeInstanceOf(NullChannel);
  });

  it("royalcms-echo/socket.io refuses 'pusher' and says where to import it from", () => {
    expectEchoError(
      () => new SocketIoOnlyEcho({ broadcaster: 'pusher', key: 'k', Pusher: FakePusher }),
      'Broadcaster "pusher" is not supported',
      "import Echo from 'royalcms-echo' for the Pusher broadcasters",
    );
  });

  it('royalcms-echo/pusher builds Pusher connectors', () => {
    const echo = new PusherOnlyEcho<'pusher'>({ broadcaster: 'pusher', key: 'k', cluster: 'eu', Pusher: FakePusher, withoutInterceptors: true });
    expect(echo.connector).toBeInstanceOf(PusherConnector);
  });

  it('royalcms-echo/socket.io builds Socket.IO connectors', () => {
    const echo = new SocketIoOnlyEcho<'socket.io'>({ broadcaster: 'socket.io', client: fakeIo(), withoutInterceptors: true });
    expect(echo.connector).toBeInstanceOf(SocketIoConnector);
  });

  it('the IIFE global is the constructor itself, with the other exports attached', () => {
    const echo = new IifeEcho<'null'>({ broadcaster: 'null' });
    expect(echo).toBeInstanceOf(Echo);
    expect(IifeEcho.EchoError).toBeTypeOf('function');
    expect(IifeEcho.NullConnector).toBe(NullConnector);
    expect('default' in IifeEcho).toBe(false);
  });
});

describe('Echo: connection status passthrough', () => {
  it('onConnectionChange() passes the connector’s (status, previous) pairs on', () => {
    const { echo, pusher } = pusherEcho();
    const seen: Array<[string, string]> = [];
    const listener: ConnectionChangeListener = (status, previous) => seen.push([status, previous]);
    echo.onConnectionChange(listener);
    pusher.connectAs('1.1');
    expect(seen).toEqual([['connected', 'connecting']]);
  });
});
