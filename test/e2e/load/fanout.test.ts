// Load: 50 SDK clients × the same 100 public channels; 5 events broadcast on every channel. Every
// client receives every event exactly once, on the channel it was sent to, in order: 25,000
// deliveries per setup, counted one by one. soketi (pusher-js) and the Socket.IO 4 cluster
// (socket.io-client 4, clients split across its two processes).
import { afterEach, describe, expect, it } from 'vitest';
import { SETUPS, trigger, unique, type Setup } from '../support/env';
import { allConnected, disconnectAll, loadEcho, probeUntilReady, waitFor, type AnyEcho } from './load-clients';

const CLIENTS = 50;
const CHANNELS = 100;
const EVENTS = 5;
const clients: AnyEcho[] = [];

afterEach(() => disconnectAll(clients));

async function fanout(setup: Setup): Promise<void> {
  const tag = unique('fan');
  const names = Array.from({ length: CHANNELS }, (_, i) => `fan.${tag}.${i}`);
  for (let i = 0; i < CLIENTS; i++) clients.push(loadEcho(setup, 2000 + i, i));
  await allConnected(clients);

  // got[client][channel] = seqs received; probes[client][channel] = last probe nonce.
  const got = clients.map(() => names.map(() => [] as number[]));
  const probes = clients.map(() => names.map(() => ''));
  const wrong: string[] = [];
  clients.forEach((echo, c) =>
    names.forEach((name, n) => {
      echo
        .channel(name)
        .listen('Fanout', (data: any) => {
          if (data?.channel !== name) wrong.push(`${name} got ${JSON.stringify(data)}`);
          got[c]![n]!.push(data.seq);
        })
        .listen('.e2e.probe', (data: any) => (probes[c]![n] = data.nonce));
    }),
  );
  const subscribeStarted = Date.now();
  await probeUntilReady(setup, names, (nonce) => probes.reduce((missing, row) => missing + row.filter((seen) => seen !== nonce).length, 0));
  const readyMs = Date.now() - subscribeStarted;

  const sendStarted = Date.now();
  for (let seq = 1; seq <= EVENTS; seq++) {
    // One broadcast per channel, as the app would send them (the backend batches 100 channels per Pusher API call).
    await Promise.all(names.map((channel) => trigger(setup, { channel, event: 'App\\Events\\Fanout', data: { seq, channel } })));
  }
  const total = CLIENTS * CHANNELS * EVENTS;
  const count = () => got.reduce((sum, row) => sum + row.reduce((s, seqs) => s + seqs.length, 0), 0);
  await waitFor(() => count() >= total, 60_000, () => `${count()} of ${total} deliveries`);
  const deliveredMs = Date.now() - sendStarted;
  // Nothing more is coming: a last probe on every channel is behind every event (per-connection order).
  await probeUntilReady(setup, names, (nonce) => probes.reduce((missing, row) => missing + row.filter((seen) => seen !== nonce).length, 0));
  console.log(`[load] ${setup.name}: ${CLIENTS} clients × ${CHANNELS} channels subscribed in ${readyMs} ms; ${total} deliveries in ${deliveredMs} ms`);

  expect(wrong).toEqual([]);
  expect(count()).toBe(total);
  const expected = Array.from({ length: EVENTS }, (_, i) => i + 1);
  for (const row of got) for (const seqs of row) expect(seqs).toEqual(expected); // in order, per channel
}

describe(`${CLIENTS} clients × ${CHANNELS} channels receive every event`, () => {
  it('soketi (pusher-js)', () => fanout(SETUPS.soketi), 90_000);
  it('sio4 cluster (socket.io-client 4)', () => fanout(SETUPS.sio4), 90_000);
});
