// Lean clients of the BUILT SDK for the load tests: many Echo instances in one Node process, on
// loopback, authorized with the backend's load-test users (`Authorization: Bearer token-<id>`,
// ids 1000–9999). No recorders: each test counts what it needs.
import Echo from 'royalcms-echo';
import Pusher from 'pusher-js';
import { io } from 'socket.io-client';
import { AUTH_ENDPOINT, trigger, unique, type Setup } from '../support/env';

export type AnyEcho = Echo<'pusher'> | Echo<'socket.io'>;

/** An SDK client of `user` on `setup` (on the cluster: process `server`). */
export function loadEcho(setup: Setup, user: number, server = 0): AnyEcho {
  const common = { authEndpoint: AUTH_ENDPOINT, bearerToken: `token-${user}`, withoutInterceptors: true };
  if (setup.transport === 'pusher') {
    return new Echo({ broadcaster: 'pusher', key: 'app-key', wsHost: '127.0.0.1', wsPort: setup.ports[0], forceTLS: false, enabledTransports: ['ws'], Pusher, ...common });
  }
  const port = setup.ports[server % setup.ports.length];
  return new Echo({ broadcaster: 'socket.io', host: `http://127.0.0.1:${port}`, transports: ['websocket'], client: io, ...common });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `predicate` every 20 ms; throws with `what()` after `timeout`. */
export async function waitFor(predicate: () => boolean, timeout: number, what: () => string): Promise<number> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeout) throw new Error(`timed out after ${timeout} ms: ${what()}`);
    await sleep(20);
  }
  return Date.now() - start;
}

export async function allConnected(clients: AnyEcho[], timeout = 30_000): Promise<void> {
  await waitFor(
    () => clients.every((echo) => echo.connectionStatus() === 'connected'),
    timeout,
    () => `${clients.filter((echo) => echo.connectionStatus() !== 'connected').length} of ${clients.length} clients not connected`,
  );
}

/**
 * Waits until every client receives a probe on every one of `channels` (each client's probe
 * listener calls `seen(client, channel, nonce)`). Socket.IO public channels have no
 * acknowledgement, so only a delivered event proves a subscription.
 */
export async function probeUntilReady(
  setup: Setup | null, // null: broadcast with every driver (Pusher API and redis)
  channels: string[],
  missing: (nonce: string) => number,
  timeout = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const nonce = unique('probe-');
    for (let i = 0; i < channels.length; i += 100) await trigger(setup, { channels: channels.slice(i, i + 100), event: 'e2e.probe', data: { nonce } });
    const until = Date.now() + 1_500;
    while (Date.now() < until && missing(nonce) > 0) await sleep(20);
    if (missing(nonce) === 0) return;
  }
  throw new Error(`subscriptions not ready after ${timeout} ms: ${missing('')} (client, channel) pairs without a probe`);
}

export function disconnectAll(clients: AnyEcho[]): void {
  for (const echo of clients.splice(0)) echo.disconnect();
}
