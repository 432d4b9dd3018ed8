// The browser signals the built-in client follows (offline/online, page visibility) and what it
// leaves behind: after disconnect() or a refusal no timer and no page listener remains.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from './fakes/fake-fetch';
import { connectedNativeEcho, nativeEcho, stubWindow, type FakeWindow } from './native-support';
import { flush } from './support';

let page: FakeWindow;

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  page = stubWindow();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('offline and online', () => {
  it('listens for online, offline and visibilitychange while it wants a connection', () => {
    nativeEcho();
    expect([...page.listeners.keys()].sort()).toEqual(['offline', 'online', 'visibilitychange']);
    expect(page.count()).toBe(3);
  });

  it('offline while connected: closes the socket, reports reconnecting, and waits without polling', () => {
    const { server, states } = connectedNativeEcho();
    page.goOffline();
    expect(server.socket.closedByClient?.code).toBe(1000);
    expect(states).toEqual(['connected', 'reconnecting']);
    vi.advanceTimersByTime(60_000);
    expect(server.sockets).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an offline event while navigator.onLine stays true (a spurious one) does not strand the client', () => {
    const { server, states } = connectedNativeEcho();
    for (const listener of page.listeners.get('offline') ?? []) listener();
    vi.advanceTimersByTime(100);
    expect(server.sockets).toHaveLength(2);
    server.socket.establish('2.2');
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('reconnectDelays false: going offline ends the connection like any other loss (failed)', () => {
    const { server, states } = connectedNativeEcho({ reconnectDelays: false });
    page.goOffline();
    page.goOnline();
    expect(server.sockets).toHaveLength(1);
    expect(states).toEqual(['connected', 'failed']);
  });

  it('online again: a new socket at once', () => {
    const { server } = connectedNativeEcho();
    page.goOffline();
    page.goOnline();
    expect(server.sockets).toHaveLength(2);
    expect(server.live).toEqual([server.socket]);
  });

  it('created while offline: opens no socket until the page is online', () => {
    page.goOffline();
    const { server } = nativeEcho();
    expect(server.sockets).toHaveLength(0);
    page.goOnline();
    expect(server.sockets).toHaveLength(1);
  });

  it('a reconnect timer that fires while offline waits for online instead of opening', () => {
    const { server } = connectedNativeEcho();
    server.socket.closeFromServer(1006);
    (globalThis as unknown as { navigator: { onLine: boolean } }).navigator.onLine = false; // no event yet
    vi.advanceTimersByTime(1_000);
    expect(server.sockets).toHaveLength(1);
    page.goOnline();
    expect(server.sockets).toHaveLength(2);
  });

  it('online while connected changes nothing', () => {
    const { server, states } = connectedNativeEcho();
    page.goOnline();
    expect(server.sockets).toHaveLength(1);
    expect(states).toEqual(['connected']);
  });

  it('offline while the handshake is pending drops that socket too', () => {
    const { server } = nativeEcho();
    server.socket.open();
    page.goOffline();
    expect(server.socket.closedByClient).toBeDefined();
    vi.advanceTimersByTime(20_000);
    expect(server.sockets).toHaveLength(1);
  });
});

describe('page visibility', () => {
  it('the page becoming visible while a reconnect waits: tries now', () => {
    const { server } = connectedNativeEcho({ reconnectDelays: [10_000] });
    server.socket.closeFromServer(1006);
    page.setVisibility('hidden');
    expect(server.sockets).toHaveLength(1);
    page.setVisibility('visible');
    expect(server.sockets).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(server.sockets).toHaveLength(2); // the old timer is gone
  });

  it('visible while connected changes nothing', () => {
    const { server } = connectedNativeEcho();
    page.setVisibility('hidden');
    page.setVisibility('visible');
    expect(server.sockets).toHaveLength(1);
  });
});

describe('nothing left behind', () => {
  it('disconnect(): no page listener and no timer', () => {
    const { echo, server } = connectedNativeEcho();
    echo.channel('orders');
    server.socket.closeFromServer(1006); // a reconnect timer is pending
    echo.disconnect();
    expect(page.count()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('disconnect() while a private channel waits for its authorization: the request is aborted, no timer left', async () => {
    const fetch = fakeFetch(['hang']);
    vi.stubGlobal('fetch', fetch);
    const { echo, server } = connectedNativeEcho();
    echo.private('orders.1');
    await flush();
    expect(fetch.requests).toHaveLength(1);
    echo.disconnect();
    await flush();
    expect(vi.getTimerCount()).toBe(0);
    expect(page.count()).toBe(0);
    expect(server.socket.sentOf('pusher:subscribe')).toEqual([]);
  });

  it('disconnect() with whispers queued by the rate limit: the limiter timer does not keep sending', async () => {
    vi.stubGlobal('fetch', fakeFetch([json({ auth: 'app-key:sig' })]));
    const { echo, server } = connectedNativeEcho();
    const channel = echo.private('chat');
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 12; i++) channel.whisper('typing', { i });
    echo.disconnect();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.socket.sentOf('client-typing')).toHaveLength(10);
    expect(server.socket.sentAfterClose).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a refusal (4001) removes the page listeners and leaves no timer', () => {
    const { server } = connectedNativeEcho();
    server.socket.closeFromServer(4001);
    expect(page.count()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('connect() after disconnect() listens again, once', () => {
    const { echo } = connectedNativeEcho();
    echo.disconnect();
    echo.connect();
    echo.connect();
    expect(page.count()).toBe(3);
  });

  it('a connected client keeps exactly one timer (the activity check)', () => {
    connectedNativeEcho();
    expect(vi.getTimerCount()).toBe(1);
  });
});
