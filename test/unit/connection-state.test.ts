import { describe, expect, it, vi } from 'vitest';
import { ConnectionState, type ConnectionStatus } from '../../src/connection-state';
import { Echo } from '../../src/echo';
import { FakePusher } from './fakes/fake-pusher';
import { pusherEcho, socketEcho, socketEchoV2 } from './support';

/** Records every (status, previous) pair an echo reports. */
const record = (echo: { onConnectionChange(l: (s: ConnectionStatus, p: ConnectionStatus) => void): () => void }) => {
  const seen: Array<[ConnectionStatus, ConnectionStatus]> = [];
  echo.onConnectionChange((status, previous) => seen.push([status, previous]));
  return seen;
};

describe('ConnectionState', () => {
  it("starts as 'connecting'", () => {
    expect(new ConnectionState().status).toBe('connecting');
  });

  it('reports (status, previous) to every listener', () => {
    const state = new ConnectionState();
    const a = vi.fn();
    const b = vi.fn();
    state.subscribe(a);
    state.subscribe(b);
    state.set('connected');
    expect(a).toHaveBeenCalledExactlyOnceWith('connected', 'connecting');
    expect(b).toHaveBeenCalledExactlyOnceWith('connected', 'connecting');
  });

  it('reports nothing when the status does not change', () => {
    const state = new ConnectionState('connected');
    const listener = vi.fn();
    state.subscribe(listener);
    expect(state.set('connected')).toBe(false);
    expect(listener).not.toHaveBeenCalled();
  });

  it('the function subscribe() returns stops the reports to that listener only', () => {
    const state = new ConnectionState();
    const gone = vi.fn();
    const kept = vi.fn();
    state.subscribe(gone)();
    state.subscribe(kept);
    state.set('failed');
    expect(gone).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
  });

  it('a listener that unsubscribes while being called does not stop the others', () => {
    const state = new ConnectionState();
    const later = vi.fn();
    const unsubscribe = state.subscribe(() => unsubscribe());
    state.subscribe(later);
    state.set('connected');
    expect(later).toHaveBeenCalledTimes(1);
  });
});

describe('Pusher connection status', () => {
  it("is 'connecting' while pusher-js connects", () => {
    expect(pusherEcho().echo.connectionStatus()).toBe('connecting');
  });

  it("is 'connecting' for a client still in pusher-js's 'initialized' state", () => {
    const client = new FakePusher('k', { cluster: 'mt1' });
    client.connection.state = 'initialized';
    const echo = new Echo<'pusher'>({ broadcaster: 'pusher', client, withoutInterceptors: true });
    expect(echo.connectionStatus()).toBe('connecting');
  });

  it("is 'connected' once pusher-js is connected", () => {
    const { echo, pusher } = pusherEcho();
    const seen = record(echo);
    pusher.connectAs();
    expect(seen).toEqual([['connected', 'connecting']]);
  });

  it("a dropped connection (pusher-js back to 'connecting') is 'reconnecting'", () => {
    const { echo, pusher } = pusherEcho();
    pusher.connectAs();
    const seen = record(echo);
    pusher.drop();
    expect(seen).toEqual([['reconnecting', 'connected']]);
  });

  it("'unavailable' while first connecting stays 'connecting' (pusher-js keeps trying)", () => {
    const { echo, pusher } = pusherEcho();
    const seen = record(echo);
    pusher.setState('unavailable');
    expect(echo.connectionStatus()).toBe('connecting');
    expect(seen).toEqual([]);
  });

  it("'unavailable' after a drop stays 'reconnecting'", () => {
    const { echo, pusher } = pusherEcho();
    pusher.connectAs();
    pusher.drop();
    const seen = record(echo);
    pusher.setState('unavailable');
    pusher.setState('connecting');
    expect(echo.connectionStatus()).toBe('reconnecting');
    expect(seen).toEqual([]);
  });

  it("pusher-js 'failed' (no transport available) is 'failed'", () => {
    const { echo, pusher } = pusherEcho();
    const seen = record(echo);
    pusher.setState('failed');
    expect(seen).toEqual([['failed', 'connecting']]);
  });

  it("a disconnect the application did not ask for (refused by the server, 4001-4099) is 'failed'", () => {
    const { echo, pusher } = pusherEcho();
    pusher.connectAs();
    const seen = record(echo);
    pusher.setState('disconnected');
    expect(seen).toEqual([['failed', 'connected']]);
  });

  it("disconnect() is 'disconnected'", () => {
    const { echo, pusher } = pusherEcho();
    pusher.connectAs();
    const seen = record(echo);
    echo.disconnect();
    expect(seen).toEqual([['disconnected', 'connected']]);
  });

  it("disconnect() while reconnecting is 'disconnected'", () => {
    const { echo, pusher } = pusherEcho();
    pusher.connectAs();
    pusher.drop();
    const seen = record(echo);
    echo.disconnect();
    expect(seen).toEqual([['disconnected', 'reconnecting']]);
  });

  it("connect() after disconnect() is 'connecting', not 'reconnecting'", () => {
    const { echo, pusher } = pusherEcho();
    pusher.connectAs();
    echo.disconnect();
    const seen = record(echo);
    echo.connect();
    expect(seen).toEqual([['connecting', 'disconnected']]);
  });

  it("connect() while connected stays 'connected' and reports nothing", () => {
    const { echo, pusher } = pusherEcho();
    pusher.connectAs();
    const seen = record(echo);
    echo.connect();
    expect(echo.connectionStatus()).toBe('connected');
    expect(seen).toEqual([]);
  });

  it('reports each transition of a whole session once, in order', () => {
    const { echo, pusher } = pusherEcho();
    const seen = record(echo);
    pusher.connectAs('1.1');
    pusher.drop();
    pusher.setState('unavailable');
    pusher.setState('connecting');
    pusher.connectAs('2.2');
    echo.disconnect();
    echo.connect();
    pusher.connectAs('3.3');
    expect(seen).toEqual([
      ['connected', 'connecting'],
      ['reconnecting', 'connected'],
      ['connected', 'reconnecting'],
      ['disconnected', 'connected'],
      ['connecting', 'disconnected'],
      ['connected', 'connecting'],
    ]);
  });

  it('the function onConnectionChange() returns stops the reports', () => {
    const { echo, pusher } = pusherEcho();
    const listener = vi.fn();
    echo.onConnectionChange(listener)();
    pusher.connectAs();
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('Socket.IO v4 connection status', () => {
  it("is 'connecting' until the socket connects", () => {
    expect(socketEcho().echo.connectionStatus()).toBe('connecting');
  });

  it("connect → 'connected'", () => {
    const { echo, socket } = socketEcho();
    const seen = record(echo);
    socket.serverConnect();
    expect(seen).toEqual([['connected', 'connecting']]);
  });

  it.each(['transport close', 'ping timeout', 'transport error'])("disconnect '%s' → 'reconnecting'", (reason) => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const seen = record(echo);
    socket.drop(reason);
    expect(seen).toEqual([['reconnecting', 'connected']]);
  });

  it("the Manager's reconnect_attempt after a drop keeps 'reconnecting' without a second report", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    socket.drop();
    const seen = record(echo);
    socket.reconnectAttempt(1);
    socket.reconnectAttempt(2);
    expect(echo.connectionStatus()).toBe('reconnecting');
    expect(seen).toEqual([]);
  });

  it("the Manager's reconnect_attempt before the first connect keeps 'connecting'", () => {
    const { echo, socket } = socketEcho();
    const seen = record(echo);
    socket.reconnectAttempt(1);
    expect(echo.connectionStatus()).toBe('connecting');
    expect(seen).toEqual([]);
  });

  it("the Manager's reconnect_failed → 'failed'", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    socket.drop();
    const seen = record(echo);
    socket.reconnectFailed();
    expect(seen).toEqual([['failed', 'reconnecting']]);
  });

  it("connect_error with active false (refused by a server middleware) → 'failed'", () => {
    const { echo, socket } = socketEcho();
    const seen = record(echo);
    socket.connectErrorV4('not authorized', false);
    expect(seen).toEqual([['failed', 'connecting']]);
  });

  it("connect_error with active true (will retry) stays 'connecting'", () => {
    const { echo, socket } = socketEcho();
    const seen = record(echo);
    socket.connectErrorV4('xhr poll error', true);
    expect(seen).toEqual([]);
  });

  it("'io server disconnect' (kicked by the server, no retry) → 'disconnected'", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const seen = record(echo);
    socket.serverDisconnect();
    expect(seen).toEqual([['disconnected', 'connected']]);
  });

  it("disconnect() → 'disconnected', reported once, and stays so though the id is gone", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const seen = record(echo);
    echo.disconnect();
    expect(seen).toEqual([['disconnected', 'connected']]);
    expect(echo.connectionStatus()).toBe('disconnected');
    expect(echo.socketId()).toBeUndefined();
  });

  it("disconnect() while reconnecting → 'disconnected' (v4 emits no disconnect event then)", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    socket.drop();
    const seen = record(echo);
    echo.disconnect();
    expect(seen).toEqual([['disconnected', 'reconnecting']]);
  });

  it('the function onConnectionChange() returns stops the reports', () => {
    const { echo, socket } = socketEcho();
    const listener = vi.fn();
    echo.onConnectionChange(listener)();
    socket.serverConnect();
    expect(listener).not.toHaveBeenCalled();
  });

  it('Manager and connect_error events after disconnect() change nothing', () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    echo.disconnect();
    const seen = record(echo);
    socket.reconnectAttempt(1);
    socket.connectErrorV4('late', false);
    expect(seen).toEqual([]);
  });

  it("connect() after disconnect() → 'connecting', then 'connected' on connect", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    echo.disconnect();
    const seen = record(echo);
    echo.connect();
    socket.serverConnect('sio-2');
    expect(seen).toEqual([
      ['connecting', 'disconnected'],
      ['connected', 'connecting'],
    ]);
  });

  it("connect() while connected stays 'connected' and reports nothing", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const seen = record(echo);
    echo.connect();
    expect(echo.connectionStatus()).toBe('connected');
    expect(seen).toEqual([]);
  });

  it("connect() after reconnect_failed → 'connecting' and asks the socket to connect", () => {
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    socket.drop();
    socket.reconnectFailed();
    const seen = record(echo);
    echo.connect();
    expect(seen).toEqual([['connecting', 'failed']]);
    expect(socket.connectCalls).toBe(1);
  });

  it('reports each transition of a whole session once, in order', () => {
    const { echo, socket } = socketEcho();
    const seen = record(echo);
    socket.serverConnect('a');
    socket.drop();
    socket.reconnectAttempt(1);
    socket.connectErrorV4('xhr poll error', true);
    socket.reconnectAttempt(2);
    socket.serverConnect('b');
    socket.drop();
    socket.reconnectFailed();
    expect(seen).toEqual([
      ['connected', 'connecting'],
      ['reconnecting', 'connected'],
      ['connected', 'reconnecting'],
      ['reconnecting', 'connected'],
      ['failed', 'reconnecting'],
    ]);
  });
});

describe('Socket.IO v2 connection status', () => {
  it("connect → 'connected', transport close → 'reconnecting'", () => {
    const { echo, socket } = socketEchoV2();
    const seen = record(echo);
    socket.serverConnect();
    socket.drop('transport close');
    expect(seen).toEqual([
      ['connected', 'connecting'],
      ['reconnecting', 'connected'],
    ]);
  });

  it('reconnect events v2 emits on both the Manager and the Socket are counted once', () => {
    const { echo, socket } = socketEchoV2();
    socket.serverConnect();
    socket.drop();
    const seen = record(echo);
    socket.reconnectAttempt(1);
    socket.reconnectFailed();
    expect(seen).toEqual([['failed', 'reconnecting']]);
  });

  it("connect_error without `active` (v2) stays 'connecting'", () => {
    const { echo, socket } = socketEchoV2();
    const seen = record(echo);
    socket.connectError('xhr poll error');
    expect(seen).toEqual([]);
  });

  it("'io server disconnect' → 'disconnected'", () => {
    const { echo, socket } = socketEchoV2();
    socket.serverConnect();
    const seen = record(echo);
    socket.serverDisconnect();
    expect(seen).toEqual([['disconnected', 'connected']]);
  });

  it("connect() while connected stays 'connected'", () => {
    const { echo, socket } = socketEchoV2();
    socket.serverConnect();
    echo.connect();
    expect(echo.connectionStatus()).toBe('connected');
  });

  it("disconnect() → 'disconnected'", () => {
    const { echo, socket } = socketEchoV2();
    socket.serverConnect();
    const seen = record(echo);
    echo.disconnect();
    expect(seen).toEqual([['disconnected', 'connected']]);
  });
});
