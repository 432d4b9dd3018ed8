// Load: 200 people in one presence channel, each an SDK client in this Node process, on loopback.
//  - soketi (pusher-js): all 200 join at once;
//  - the Socket.IO 4 cluster (socket.io-client 4): clients alternate between its two processes.
// Every client ends with exactly 200 members: each of the 200 user ids once, no ghost, no duplicate,
// and the server lists the same 200.
import { afterEach, describe, expect, it } from 'vitest';
import type { PresenceChannel } from 'royalcms-echo';
import { SETUPS, serverPresenceUsers, unique, type Setup } from '../support/env';
import { allConnected, disconnectAll, loadEcho, sleep, waitFor, type AnyEcho } from './load-clients';

const PEOPLE = 200;
const FIRST_USER = 1000;
const clients: AnyEcho[] = [];

afterEach(() => disconnectAll(clients));

const expectedIds = Array.from({ length: PEOPLE }, (_, i) => String(FIRST_USER + i)).sort();
const idsOf = (channel: PresenceChannel) => (channel.members() as Array<{ id: number }>).map((member) => String(member.id)).sort();

async function run(setup: Setup, join: (channels: Array<() => PresenceChannel>) => Promise<PresenceChannel[]>): Promise<void> {
  const room = unique('load');
  const full = `presence-chat.${room}`;
  const started = Date.now();
  for (let i = 0; i < PEOPLE; i++) clients.push(loadEcho(setup, FIRST_USER + i, i));
  await allConnected(clients);
  const connectedMs = Date.now() - started;
  const heres = new Array<number>(PEOPLE).fill(0);
  const joinStarted = Date.now();
  const channels = await join(
    clients.map((echo, i) => () => (echo.join(`chat.${room}`) as unknown as PresenceChannel).here(() => heres[i]!++)),
  );
  await waitFor(
    () => channels.every((channel) => channel.members().length === PEOPLE),
    60_000,
    () => `member counts: ${JSON.stringify(channels.map((channel) => channel.members().length).filter((n) => n !== PEOPLE).slice(0, 20))}`,
  );
  const joinMs = Date.now() - joinStarted;
  console.log(`[load] ${setup.name}: ${PEOPLE} clients connected in ${connectedMs} ms; ${joinMs} ms from the first join until every client lists ${PEOPLE} members`);

  for (const channel of channels) expect(idsOf(channel)).toEqual(expectedIds);
  expect(heres.every((n) => n === 1)).toBe(true);
  await expect.poll(() => serverPresenceUsers(setup, full), { interval: 200, timeout: 10_000 }).toEqual(expectedIds);
  // And it stays that way: no late duplicate, no late ghost.
  await sleep(1_000);
  for (const channel of channels) expect(idsOf(channel)).toEqual(expectedIds);
}

describe('200 clients in one presence channel', () => {
  it('soketi: 200 SDK clients (pusher-js) join at once; each ends with exactly 200 members', async () => {
    await run(SETUPS.soketi, async (joins) => joins.map((join) => join()));
  }, 90_000);

  it('sio4 cluster: 200 SDK clients (socket.io-client 4) split across both processes; each ends with exactly 200 members', async () => {
    // One after the other, each once its own member list came: the sio4 server (like laravel-echo-server)
    // builds a joiner's member list from a cluster-wide read that races with simultaneous joins.
    await run(SETUPS.sio4, async (joins) => {
      const channels: PresenceChannel[] = [];
      for (const join of joins) {
        const channel = join();
        channels.push(channel);
        await waitFor(() => channel.members().length === channels.length, 10_000, () => `client ${channels.length} sees ${channel.members().length} members`);
      }
      return channels;
    });
  }, 120_000);
});
