// 10,000+ malformed or unexpected frames through the SDK's receive path: a Pusher-protocol
// server on 127.0.0.1 (ws) feeding real pusher-js, and Socket.IO events into the connector.
// Zero uncaught exceptions, no listener called for a frame that was not its event on its
// channel, presence callbacks only for well-formed members, no prototype pollution, and one
// debug message per connection.
import Pusher from 'pusher-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { Echo } from '../../src/echo';
import { socketEcho } from './support';

// Small seeded PRNG (mulberry32) so a failure can be replayed.
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return { next, pick };
}

const EVENT = 'App\\Events\\OrderShipped';
const NAMES = [EVENT, 'App\\Events\\Other', '__proto__', 'constructor', 'hasOwnProperty', 'toString', '', 'client-typing', 'x'.repeat(300)];
const IDS: unknown[] = ['1', '2', '3', 4, '__proto__', 'constructor', '', null, undefined, {}, [], true, 1.5];

function garbage(rng: ReturnType<typeof random>, depth = 0): unknown {
  const kind = rng.pick(['null', 'number', 'string', 'array', 'object', 'huge', 'proto', 'bool', 'undefined']);
  switch (kind) {
    case 'null':
      return null;
    case 'number':
      return rng.pick([0, -1, 1e308, NaN, 42]);
    case 'string':
      return rng.pick(['', '{', '{"a":', 'null', '[]', '"str"', '{"__proto__":{"polluted":1}}', '\u0000']);
    case 'array':
      return depth > 2 ? [] : [garbage(rng, depth + 1), garbage(rng, depth + 1)];
    case 'object':
      return depth > 2 ? {} : { a: garbage(rng, depth + 1), user_id: rng.pick(IDS), user_info: garbage(rng, depth + 1) };
    case 'huge':
      return { blob: 'x'.repeat(rng.pick([1000, 20_000, 120_000])) };
    case 'proto':
      return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    case 'bool':
      return true;
    default:
      return undefined;
  }
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('fuzzed frames', () => {
  let debug: ReturnType<typeof vi.spyOn>;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  const before = prototypeKeys();

  beforeEach(() => {
    uncaught.length = 0;
    debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    process.on('uncaughtException', onUncaught);
  });

  afterEach(() => {
    process.off('uncaughtException', onUncaught);
    expect(prototypeKeys()).toEqual(before);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('Pusher protocol: 10,000 frames from a server into real pusher-js', async () => {
    const rng = random(7);
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const port = (wss.address() as { port: number }).port;
    const subscribed = new Set<string>();
    let client: WebSocket | undefined;
    const ready = new Promise<WebSocket>((resolve) => {
      wss.on('connection', (socket) => {
        client = socket;
        socket.send(JSON.stringify({ event: 'pusher:connection_established', data: JSON.stringify({ socket_id: '1.1', activity_timeout: 120 }) }));
        socket.on('message', (raw) => {
          const message = JSON.parse(String(raw)) as { event: string; data: { channel: string } };
          if (message.event !== 'pusher:subscribe') return;
          const channel = message.data.channel;
          const data = channel.startsWith('presence-') ? { presence: { ids: ['1'], hash: { 1: { name: 'Ann' } }, count: 1 } } : {};
          socket.send(JSON.stringify({ event: 'pusher_internal:subscription_succeeded', channel, data: JSON.stringify(data) }));
          subscribed.add(channel);
          if (subscribed.size === 2) resolve(socket);
        });
      });
    });

    const echo = new Echo<'pusher'>({
      broadcaster: 'pusher',
      Pusher: Pusher as never,
      key: 'app-key',
      wsHost: '127.0.0.1',
      wsPort: port,
      forceTLS: false,
      enabledTransports: ['ws'],
      disableStats: true,
      withoutInterceptors: true,
      channelAuthorization: {
        customHandler: (_params: unknown, callback: (error: null, data: object) => void) =>
          callback(null, { auth: 'app-key:sig', channel_data: JSON.stringify({ user_id: '1', user_info: { name: 'Ann' } }) }),
      },
    });
    const received: unknown[] = [];
    const joined: unknown[] = [];
    const left: unknown[] = [];
    echo.channel('orders').listen('OrderShipped', (e) => received.push(e));
    echo.join('room').joining((m) => joined.push(m)).leaving((m) => left.push(m));
    const socket = await ready;

    const expected: unknown[] = [];
    const members = new Map<string, unknown>([['1', { name: 'Ann' }]]);
    const expectedJoined: unknown[] = [];
    const expectedLeft: unknown[] = [];
    const frames: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const shape = rng.next();
      if (shape < 0.1) {
        frames.push(rng.pick(['', '{', 'null', '[]', '42', '"x"', '{"event":1}', '{"channel":"orders"}', '{"event":"x","channel":{}}']));
        continue;
      }
      if (shape < 0.35) {
        // presence member events, some well-formed
        const event = rng.pick(['pusher_internal:member_added', 'pusher_internal:member_removed']);
        const id = rng.pick(IDS);
        const generated = rng.next() < 0.2 ? garbage(rng) : { user_id: id, user_info: { name: 'user ' + String(id) } };
        frames.push(JSON.stringify({ event, channel: rng.pick(['presence-room', 'presence-room', '__proto__', 'orders']), data: JSON.stringify(generated) }));
        // What the client decodes (NaN becomes null, undefined members disappear, ...).
        const frame = JSON.parse(frames[frames.length - 1]!) as { channel: string; data?: string };
        const data: unknown = frame.data === undefined ? undefined : JSON.parse(frame.data);
        const valid =
          frame.channel === 'presence-room' &&
          typeof data === 'object' && data !== null && !Array.isArray(data) &&
          ((typeof (data as { user_id?: unknown }).user_id === 'string' && (data as { user_id: string }).user_id !== '' && !((data as { user_id: string }).user_id in Object.prototype)) ||
            (typeof (data as { user_id?: unknown }).user_id === 'number' && Number.isFinite((data as { user_id: number }).user_id)));
        if (valid) {
          const key = String((data as { user_id: unknown }).user_id);
          const userInfo = (data as { user_info?: unknown }).user_info;
          if (event.endsWith('added')) {
            if (!members.has(key)) expectedJoined.push(userInfo);
            members.set(key, userInfo);
          } else if (members.has(key)) {
            expectedLeft.push(members.get(key));
            members.delete(key);
          }
        }
        continue;
      }
      const event = rng.pick(NAMES);
      const channel = rng.pick(['orders', 'orders', 'other', '__proto__', 'constructor', 'presence-room', '']);
      const data = garbage(rng);
      const encoded = rng.next() < 0.5 ? JSON.stringify(data) : data;
      frames.push(JSON.stringify({ event, channel, data: encoded }));
      if (event === EVENT && channel === 'orders') {
        // pusher-js decodes string data as JSON (keeping it raw if that fails)
        let decoded: unknown = encoded;
        if (typeof encoded === 'string') {
          try {
            decoded = JSON.parse(encoded);
          } catch {
            decoded = encoded;
          }
        }
        expected.push(decoded === undefined ? undefined : JSON.parse(JSON.stringify({ v: decoded })).v);
      }
    }
    for (const frame of frames) socket.send(frame);
    socket.send(JSON.stringify({ event: EVENT, channel: 'orders', data: JSON.stringify({ done: true }) }));
    await vi.waitFor(() => expect(received.at(-1)).toEqual({ done: true }), { timeout: 15_000, interval: 20 });

    expect(uncaught).toEqual([]);
    expect(received.slice(0, -1)).toEqual(expected);
    expect(joined).toEqual(expectedJoined);
    expect(left).toEqual(expectedLeft);
    expect(debug).toHaveBeenCalledTimes(1);
    expect(String(debug.mock.calls[0]?.[0])).toContain('[royalcms-echo] Ignored a malformed');
    echo.disconnect();
    client?.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }, 30_000);

  it('Socket.IO: 10,000 events into the connector', () => {
    const rng = random(11);
    const { echo, socket } = socketEcho();
    socket.serverConnect();
    const received: unknown[] = [];
    const here: unknown[][] = [];
    const joined: unknown[] = [];
    const left: unknown[] = [];
    const whispers: unknown[] = [];
    echo.channel('orders').listen('OrderShipped', (e) => received.push(e));
    echo.private('chat').listenForWhisper('typing', (e) => whispers.push(e));
    echo.join('room').here((m) => here.push(m)).joining((m) => joined.push(m)).leaving((m) => left.push(m));

    const expected: unknown[] = [];
    const expectedWhispers: unknown[] = [];
    const members = new Map<string, unknown>();
    const expectedJoined: unknown[] = [];
    const expectedLeft: unknown[] = [];
    let synced = false;
    const validId = (id: unknown) => (typeof id === 'string' || typeof id === 'number' ? String(id) : undefined);
    for (let i = 0; i < 10_000; i++) {
      const event = rng.pick([...NAMES, 'presence:subscribed', 'presence:joining', 'presence:leaving', 'subscription_error']);
      const channel = rng.pick<unknown>(['orders', 'private-chat', 'presence-room', '__proto__', 'constructor', 42, null, undefined, {}]);
      const data = event.startsWith('presence:subscribed') && rng.next() < 0.5 ? [garbage(rng), { user_id: rng.pick(IDS), user_info: { n: i } }] : garbage(rng);
      expect(() => socket.serverEmit(event, channel, data)).not.toThrow();
      if (channel === 'orders' && event === EVENT) expected.push(data);
      if (channel === 'private-chat' && event === 'client-typing') expectedWhispers.push(data);
      if (channel === 'presence-room') {
        if (event === 'presence:subscribed' && Array.isArray(data)) {
          members.clear();
          for (const member of data) {
            const id = validId((member as { user_id?: unknown } | null)?.user_id);
            if (id !== undefined) members.set(id, (member as { user_info: unknown }).user_info);
          }
          synced = true;
        } else if (event === 'presence:joining' || event === 'presence:leaving') {
          const id = validId((data as { user_id?: unknown } | null)?.user_id);
          if (id === undefined) continue;
          if (event === 'presence:joining') {
            const known = members.has(id);
            members.set(id, (data as { user_info: unknown }).user_info);
            if (!known && synced) expectedJoined.push((data as { user_info: unknown }).user_info);
          } else if (members.has(id)) {
            expectedLeft.push(members.get(id));
            members.delete(id);
          }
        }
      }
    }
    expect(received).toEqual(expected);
    expect(whispers).toEqual(expectedWhispers);
    expect(joined).toEqual(expectedJoined);
    expect(left).toEqual(expectedLeft);
    for (const list of here) for (const member of list) expect(member === undefined || typeof member !== 'function').toBe(true);
    expect(echo.join('room').members()).toEqual([...members.values()]);
    expect(debug).toHaveBeenCalledTimes(1);
    expect(String(debug.mock.calls[0]?.[0])).toContain('[royalcms-echo] Ignored a malformed');
  });
});
