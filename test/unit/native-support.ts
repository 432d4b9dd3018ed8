// Helpers of the built-in client's unit tests: an Echo on the fake Pusher server, a page whose
// online/offline/visibility signals the test fires, and the connection states an Echo reported.

import { vi } from 'vitest';
import type { NativeConnector } from '../../src/connector/native-connector';
import type { ConnectionStatus } from '../../src/connection-state';
import type { ConnectionError } from '../../src/errors';
import { Echo } from '../../src/native';
import { fakePusherServer, type FakePusherServer, type FakeServerOptions } from './fakes/fake-pusher-server';
import type { ExtraOptions } from './support';

/**
 * Reconnection pauses of every nativeEcho. The client adds up to 25 % jitter from Math.random, so
 * tests that name the exact moment of an attempt stub Math.random to 0.
 */
export const DELAYS = [100, 200, 400];

/** An Echo of royalcms-echo/native on a fresh fake server (wsHost ws.test, no TLS, DELAYS). */
export function nativeEcho(options: ExtraOptions = {}, serverOptions: FakeServerOptions = {}) {
  const server = fakePusherServer(serverOptions);
  const echo = new Echo<'pusher'>({
    broadcaster: 'pusher',
    key: 'app-key',
    wsHost: 'ws.test',
    forceTLS: false,
    withoutInterceptors: true,
    authRetries: 0,
    reconnectDelays: DELAYS,
    WebSocket: server.WebSocket,
    ...options,
  });
  const connector = echo.connector as unknown as NativeConnector;
  const states: ConnectionStatus[] = [];
  const errors: ConnectionError[] = [];
  echo.onConnectionChange((status) => states.push(status));
  echo.onConnectionError((error) => errors.push(error));
  return { echo, server, connector, states, errors };
}

/** A nativeEcho whose connection is up as socket 1234.5678, answering subscriptions. */
export function connectedNativeEcho(options: ExtraOptions = {}, serverOptions: FakeServerOptions = { autoSubscribe: true }) {
  const made = nativeEcho(options, serverOptions);
  made.server.socket.establish('1234.5678');
  return made;
}

/** The browser signals the client watches, as globals the test controls. */
export interface FakeWindow {
  /** Page listeners by event type. */
  readonly listeners: Map<string, Set<() => void>>;
  /** Number of page listeners registered now. */
  count(): number;
  /** `navigator.onLine = false`, then the `offline` event. */
  goOffline(): void;
  goOnline(): void;
  /** Sets `document.visibilityState`, then fires `visibilitychange`. */
  setVisibility(state: 'visible' | 'hidden'): void;
}

/** Stubs addEventListener/removeEventListener, navigator and document on globalThis (undo with vi.unstubAllGlobals()). */
export function stubWindow(): FakeWindow {
  const listeners = new Map<string, Set<() => void>>();
  const navigator = { onLine: true };
  const document = { visibilityState: 'visible', querySelector: () => null }; // no csrf-token meta tag
  const fire = (type: string) => {
    for (const listener of [...(listeners.get(type) ?? [])]) listener();
  };
  vi.stubGlobal('addEventListener', (type: string, listener: () => void) => {
    if (!listeners.has(type)) listeners.set(type, new Set());
    listeners.get(type)!.add(listener);
  });
  vi.stubGlobal('removeEventListener', (type: string, listener: () => void) => void listeners.get(type)?.delete(listener));
  vi.stubGlobal('navigator', navigator);
  vi.stubGlobal('document', document);
  return {
    listeners,
    count: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
    goOffline() {
      navigator.onLine = false;
      fire('offline');
    },
    goOnline() {
      navigator.onLine = true;
      fire('online');
    },
    setVisibility(state) {
      document.visibilityState = state;
      fire('visibilitychange');
    },
  };
}
