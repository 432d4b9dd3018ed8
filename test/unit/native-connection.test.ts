// The built-in client's connection on the fake Pusher server with a fake clock: handshake,
// keep-alive (activity timeout, ping, pong timeout), server pings, every close-code range,
// pusher:error, the reconnection schedule and its jitter, and the states Echo reports.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECONNECT_DELAYS } from '../../src/connector/native-connector';
import { connectedNativeEcho, nativeEcho } from './native-support';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0); // no jitter unless a test asks for it
  vi.spyOn(console, 'debug').mockImplementation(() => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('handshake', () => {
  it('opens one WebSocket at construction and reports nothing before the handshake', () => {
    const { server, states, echo } = nativeEcho();
    expect(server.sockets).toHaveLength(1);
    expect(echo.connectionStatus()).toBe('connecting');
    expect(states).toEqual([]);
  });

  it('connection_established gives the socket id and the connected state', () => {
    const { server, states, echo } = nativeEcho();
    expect(echo.socketId()).toBeUndefined();
    server.socket.establish('77.88');
    expect(echo.socketId()).toBe('77.88');
    expect(states).toEqual(['connected']);
  });

  it('sends nothing before the handshake, even for a channel asked for earlier', () => {
    const { server, echo } = nativeEcho();
    echo.channel('orders');
    server.socket.open();
    expect(server.socket.sent).toEqual([]);
    server.socket.establish();
    expect(server.socket.sent).toEqual([{ event: 'pusher:subscribe', data: { auth: '', channel: 'orders' } }]);
  });

  it('a handshake without a socket id is logged as malformed and the client keeps waiting', () => {
    const { server, echo } = nativeEcho();
    server.socket.open().frame('pusher:connection_established', { activity_timeout: 120 });
    expect(echo.socketId()).toBeUndefined();
    expect(console.debug).toHaveBeenCalledTimes(1);
    expect(String(vi.mocked(console.debug).mock.calls[0]?.[0])).toContain('handshake without a socket id');
  });

  it('no handshake within 10 s: the socket is closed and a new one opened on the schedule', () => {
    const { server, states } = nativeEcho();
    server.socket.open();
    vi.advanceTimersByTime(9_999);
    expect(server.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.sockets[0]!.closedByClient).toBeDefined();
    vi.advanceTimersByTime(100);
    expect(server.sockets).toHaveLength(2);
    expect(states).toEqual([]); // never connected: still connecting, nothing to report
  });

  it('a WebSocket that cannot open reports a WebSocketError and is tried again on the schedule', () => {
    const { server, errors } = nativeEcho();
    server.socket.failOpen();
    expect(errors).toEqual([{ type: 'WebSocketError', code: null, message: 'WebSocket error' }]);
    vi.advanceTimersByTime(99);
    expect(server.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.sockets).toHaveLength(2);
  });

  it('a WebSocket constructor that throws is reported, not thrown, and tried again', () => {
    const setup = nativeEcho();
    setup.echo.disconnect();
    setup.server.throwOnCreate = 1;
    expect(() => setup.echo.connect()).not.toThrow();
    expect(setup.errors.at(-1)).toMatchObject({ type: 'WebSocketError', message: expect.stringContaining('invalid') });
    vi.advanceTimersByTime(100);
    expect(setup.server.sockets).toHaveLength(2);
  });
});

describe('keep-alive', () => {
  it("pings after the server's activity_timeout of silence when it is shorter than the option", () => {
    const { server } = nativeEcho({}, { autoPong: false });
    server.socket.establish('1.1', 30);
    vi.advanceTimersByTime(29_999);
    expect(server.socket.sentOf('pusher:ping')).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(server.socket.sentOf('pusher:ping')).toEqual([{ event: 'pusher:ping', data: {} }]);
  });

  it('pings after options.activityTimeout when it is shorter than the server’s', () => {
    const { server } = nativeEcho({ activityTimeout: 5_000 }, { autoPong: false });
    server.socket.establish('1.1', 120);
    vi.advanceTimersByTime(5_000);
    expect(server.socket.sentOf('pusher:ping')).toHaveLength(1);
  });

  it('every inbound frame restarts the activity timer', () => {
    const { server } = nativeEcho({}, { autoPong: false });
    server.socket.establish('1.1', 30);
    vi.advanceTimersByTime(20_000);
    server.socket.event('orders', 'x', {});
    vi.advanceTimersByTime(20_000);
    expect(server.socket.sentOf('pusher:ping')).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(server.socket.sentOf('pusher:ping')).toHaveLength(1);
  });

  it('a pong keeps the connection, and the next ping comes one activity timeout later', async () => {
    const { server, states } = nativeEcho({}, { autoPong: true });
    server.socket.establish('1.1', 30);
    await vi.advanceTimersByTimeAsync(30_000 + 30_000 + 30_000);
    expect(server.sockets).toHaveLength(1);
    expect(server.socket.sentOf('pusher:ping')).toHaveLength(3);
    expect(states).toEqual(['connected']);
  });

  it('no pong within pongTimeout: the socket is dropped and a new one opened at once', () => {
    const { server, states } = nativeEcho({ pongTimeout: 10_000 }, { autoPong: false });
    server.socket.establish('1.1', 30);
    vi.advanceTimersByTime(30_000 + 9_999);
    expect(server.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.sockets[0]!.closedByClient).toBeDefined();
    expect(server.sockets).toHaveLength(2);
    expect(server.live).toEqual([server.socket]); // the old socket is closed, not left open beside the new one
    expect(states).toEqual(['connected', 'reconnecting']);
    server.socket.establish('2.2');
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('answers the server’s pusher:ping with pusher:pong, as pusher-js does', () => {
    const { server } = connectedNativeEcho();
    server.socket.ping();
    expect(server.socket.raw.at(-1)).toBe('{"event":"pusher:pong","data":{}}');
  });
});

describe('close codes', () => {
  it('4000: reconnects at once over TLS', () => {
    const { server } = connectedNativeEcho({ wssPort: 6002 });
    expect(server.socket.url).toMatch(/^ws:\/\//);
    server.socket.closeFromServer(4000, 'Application only accepts SSL connections, reconnect using wss://');
    expect(server.sockets).toHaveLength(2);
    expect(server.socket.url).toMatch(/^wss:\/\/ws\.test:6002\//);
  });

  for (const code of [4001, 4009, 4099]) {
    it(`${code}: reports the code, does not reconnect, and the state is failed`, () => {
      const { server, states, errors } = connectedNativeEcho();
      server.socket.closeFromServer(code, 'refused');
      vi.advanceTimersByTime(60_000);
      expect(server.sockets).toHaveLength(1);
      expect(states).toEqual(['connected', 'failed']);
      expect(errors).toEqual([{ type: 'PusherError', code, message: 'refused' }]);
    });
  }

  it('4300 and above: refused like 4001-4099 (pusher-js does the same)', () => {
    const { server, states } = connectedNativeEcho();
    server.socket.closeFromServer(4301);
    vi.advanceTimersByTime(60_000);
    expect(server.sockets).toHaveLength(1);
    expect(states.at(-1)).toBe('failed');
  });

  for (const code of [4100, 4150, 4199, 1002]) {
    it(`${code}: reconnects after at least one second, whatever the schedule says`, () => {
      const { server, states } = connectedNativeEcho();
      server.socket.closeFromServer(code);
      expect(states.at(-1)).toBe('reconnecting');
      vi.advanceTimersByTime(999);
      expect(server.sockets).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(server.sockets).toHaveLength(2);
    });
  }

  for (const code of [4200, 4201, 4299]) {
    it(`${code}: reconnects at once`, () => {
      const { server } = connectedNativeEcho();
      server.socket.closeFromServer(code);
      expect(server.sockets).toHaveLength(2);
    });
  }

  it('4200 on every attempt: only the first reconnect is immediate, the rest follow the schedule', () => {
    const { server } = connectedNativeEcho();
    server.socket.closeFromServer(4200);
    expect(server.sockets).toHaveLength(2);
    server.socket.closeFromServer(4200);
    expect(server.sockets).toHaveLength(2);
    vi.advanceTimersByTime(200);
    expect(server.sockets).toHaveLength(3);
  });

  for (const code of [1000, 1001, 1006, 1011, 3000]) {
    it(`${code}: reconnects on the schedule (100, 200, 400 ms, the last repeating)`, () => {
      const { server } = connectedNativeEcho();
      const opened: number[] = [];
      server.socket.closeFromServer(code);
      for (let t = 0; t < 1_200 && opened.length < 4; t++) {
        vi.advanceTimersByTime(1);
        if (server.sockets.length - 1 > opened.length) {
          opened.push(t + 1);
          server.socket.closeFromServer(1006);
        }
      }
      expect(opened).toEqual([100, 300, 700, 1100]);
    });
  }

  it('a handshake resets the schedule to its first delay', () => {
    const { server } = connectedNativeEcho();
    server.socket.closeFromServer(1006);
    vi.advanceTimersByTime(100);
    server.socket.closeFromServer(1006);
    vi.advanceTimersByTime(200);
    server.socket.establish('2.2').closeFromServer(1006);
    vi.advanceTimersByTime(99);
    expect(server.sockets).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(server.sockets).toHaveLength(4);
  });

  // RECONNECT_DELAYS took Math.random when its module loaded, so the test reads the window it lands in.
  it('the default schedule waits 250 ms plus up to 25 % jitter before the first attempt', () => {
    const { server } = connectedNativeEcho({ reconnectDelays: undefined });
    server.socket.closeFromServer(1006);
    vi.advanceTimersByTime(249);
    expect(server.sockets).toHaveLength(1);
    vi.advanceTimersByTime(313 - 249);
    expect(server.sockets).toHaveLength(2);
  });

  it('the default schedule: 250, 500, 600 (x48, about 30 s) ms, then 2 s, 5 s and 10 s, the last repeating', () => {
    const bases = [250, 500, ...Array<number>(48).fill(600), 2000, 5000, 10000, 10000, 10000];
    const waits = bases.map((_, n) => RECONNECT_DELAYS(n));
    waits.forEach((wait, n) => {
      expect(wait).toBeGreaterThanOrEqual(bases[n]!);
      expect(wait).toBeLessThanOrEqual(Math.round(bases[n]! * 1.25));
    });
  });

  it('a given schedule gets the same jitter (Math.random 0.5 -> 100 ms becomes 113 ms)', () => {
    vi.mocked(Math.random).mockReturnValue(0.5);
    const { server } = connectedNativeEcho();
    server.socket.closeFromServer(1006);
    vi.advanceTimersByTime(112);
    expect(server.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.sockets).toHaveLength(2);
  });

  it('reconnectDelays false: a lost connection is not reopened and the state is failed', () => {
    const { server, states } = connectedNativeEcho({ reconnectDelays: false });
    server.socket.closeFromServer(1006);
    vi.advanceTimersByTime(60_000);
    expect(server.sockets).toHaveLength(1);
    expect(states).toEqual(['connected', 'failed']);
  });

  it('a close below 4000 is not reported as an error', () => {
    const { server, errors } = connectedNativeEcho();
    server.socket.closeFromServer(1006);
    expect(errors).toEqual([]);
  });

  it('a close code without a reason is reported with a message naming the code', () => {
    const { server, errors } = connectedNativeEcho();
    server.socket.closeFromServer(4100);
    expect(errors).toEqual([{ type: 'PusherError', code: 4100, message: 'Closed with code 4100' }]);
  });
});

describe('pusher:error', () => {
  it('before the handshake, a 4001 refuses the connection: reported once, failed, no reconnect', () => {
    const { server, states, errors } = nativeEcho();
    server.socket.open().error(4001, 'App key app-key does not exist.');
    server.socket.closeFromServer(4001, 'App key app-key does not exist.'); // soketi closes after the frame
    vi.advanceTimersByTime(60_000);
    expect(errors).toEqual([{ type: 'PusherError', code: 4001, message: 'App key app-key does not exist.' }]);
    expect(states).toEqual(['failed']);
    expect(server.sockets).toHaveLength(1);
  });

  it('before the handshake, a 4100 backs off at least a second', () => {
    const { server } = nativeEcho();
    server.socket.open().error(4100, 'Over capacity');
    vi.advanceTimersByTime(999);
    expect(server.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.sockets).toHaveLength(2);
  });

  it('after the handshake it is reported and the connection stays (4301: client event rate)', () => {
    const { server, states, errors, echo } = connectedNativeEcho();
    server.socket.error(4301, 'Client event rejected due to rate limit');
    expect(errors).toEqual([{ type: 'PusherError', code: 4301, message: 'Client event rejected due to rate limit' }]);
    expect(states).toEqual(['connected']);
    expect(echo.socketId()).toBe('1234.5678');
  });

  it('without a code it is reported with code null', () => {
    const { server, errors } = connectedNativeEcho();
    server.socket.error(null, 'Something went wrong');
    expect(errors).toEqual([{ type: 'PusherError', code: null, message: 'Something went wrong' }]);
  });
});

describe('connection states reported through onConnectionChange', () => {
  it('connected, reconnecting, connected, disconnected, connecting, connected, failed: each once', () => {
    const { server, states, echo } = nativeEcho();
    server.socket.establish('1.1');
    server.socket.closeFromServer(1006);
    vi.advanceTimersByTime(100);
    server.socket.failOpen(); // a second failure while reconnecting changes nothing
    vi.advanceTimersByTime(200);
    server.socket.establish('2.2');
    echo.disconnect();
    echo.disconnect();
    echo.connect();
    server.socket.establish('3.3');
    server.socket.closeFromServer(4001);
    expect(states).toEqual(['connected', 'reconnecting', 'connected', 'disconnected', 'connecting', 'connected', 'failed']);
  });

  it('the listener gets the previous state as its second argument', () => {
    const { server, echo } = nativeEcho();
    const seen: string[] = [];
    echo.onConnectionChange((status, previous) => seen.push(`${previous}->${status}`));
    server.socket.establish();
    echo.disconnect();
    expect(seen).toEqual(['connecting->connected', 'connected->disconnected']);
  });

  it('disconnect() closes with 1000 and nothing reopens it', () => {
    const { server, echo } = connectedNativeEcho();
    echo.disconnect();
    expect(server.socket.closedByClient).toEqual({ code: 1000, reason: undefined });
    vi.advanceTimersByTime(60_000);
    expect(server.sockets).toHaveLength(1);
    expect(echo.socketId()).toBeUndefined();
  });

  it('connect() while connected changes nothing: same socket, still connected, channels still subscribed', async () => {
    const { server, echo, states } = connectedNativeEcho({}, { autoSubscribe: true });
    const channel = echo.channel('orders');
    await vi.advanceTimersByTimeAsync(0);
    echo.connect();
    expect(server.sockets).toHaveLength(1);
    expect(echo.connectionStatus()).toBe('connected');
    expect(states).toEqual(['connected']);
    expect(channel.isSubscribed).toBe(true);
  });

  it('connect() while reconnecting changes nothing either: the schedule goes on', () => {
    const { server, echo, states } = connectedNativeEcho();
    server.socket.closeFromServer(1006);
    echo.connect();
    expect(server.sockets).toHaveLength(1);
    expect(states).toEqual(['connected', 'reconnecting']);
    vi.advanceTimersByTime(100);
    expect(server.sockets).toHaveLength(2);
  });

  it('connect() after failed opens a new socket', () => {
    const { server, echo, states } = connectedNativeEcho();
    server.socket.closeFromServer(4001);
    echo.connect();
    expect(server.sockets).toHaveLength(2);
    server.socket.establish('2.2');
    expect(states).toEqual(['connected', 'failed', 'connecting', 'connected']);
  });
});

describe('malformed frames', () => {
  it('are dropped without an exception and logged once per connection, however many come', () => {
    const { server, echo } = connectedNativeEcho();
    const cb = vi.fn();
    echo.channel('orders').listen('OrderShipped', cb);
    for (const text of ['{', 'null', '[]', '{"event":1}', '{"event":"x","channel":{}}', 42, undefined]) expect(() => server.socket.text(text)).not.toThrow();
    server.socket.event('orders', 'App\\Events\\OrderShipped', { id: 1 });
    expect(console.debug).toHaveBeenCalledTimes(1);
    expect(String(vi.mocked(console.debug).mock.calls[0]?.[0])).toContain('[royalcms-echo] Ignored a malformed frame that is not JSON');
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('a frame for a channel nobody subscribed is ignored silently', () => {
    const { server } = connectedNativeEcho();
    server.socket.event('nobody', 'x', {});
    server.socket.event('__proto__', 'x', {});
    expect(console.debug).not.toHaveBeenCalled();
  });
});
