// 10,000 random frames (fast-check, fixed seed: 10 sessions of 1,000, shrunk to the smallest failing
// list) into a built-in client subscribed to a public, a private, a presence and an encrypted
// channel: no exception escapes the socket's message handler, no promise rejects unhandled, the
// malformed-frame message is logged once, listeners get only their own event, presence callbacks
// only real member info, and Object.prototype is untouched.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nacl } from '../../src/encrypted';
import { fakeFetch, json } from './fakes/fake-fetch';
import { connectedNativeEcho } from './native-support';
import { flush } from './support';

const EVENT = 'App\\Events\\OrderShipped';
const CHANNELS = ['orders', 'private-chat', 'presence-room', 'private-encrypted-vault'];
const tricky = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', ''];

const channel = fc.oneof(fc.constantFrom(...CHANNELS, ...tricky, 'other'), fc.string());
const event = fc.oneof(
  fc.constantFrom(
    EVENT,
    'client-typing',
    'pusher_internal:member_added',
    'pusher_internal:member_removed',
    'pusher_internal:subscription_succeeded',
    'pusher:subscription_error',
    'pusher:subscription_succeeded',
    'pusher:error',
    'pusher:ping',
    'pusher:pong',
    'pusher:connection_established',
    ...tricky,
  ),
  fc.string(),
);
const id = fc.oneof(fc.string(), fc.integer(), fc.constantFrom(...tricky), fc.double(), fc.constant(null));
const data = fc.oneof(
  fc.jsonValue(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.record({ user_id: id, user_info: fc.jsonValue() }).map((value) => JSON.stringify(value)),
  fc.record({ presence: fc.record({ ids: fc.array(id), hash: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...tricky)), fc.jsonValue()), count: fc.integer() }) }).map((value) => JSON.stringify(value)),
  fc.record({ nonce: fc.base64String(), ciphertext: fc.base64String() }).map((value) => JSON.stringify(value)),
  fc.record({ code: fc.oneof(fc.integer({ min: 3999, max: 4400 }), fc.constant(null)), message: fc.string() }).map((value) => JSON.stringify(value)),
  fc.string(),
);
// Protocol events aimed at the subscribed channels, so member lists and encrypted payloads get through often.
const aimed = fc
  .record({
    event: fc.constantFrom('pusher_internal:subscription_succeeded', 'pusher_internal:member_added', 'pusher_internal:member_removed', 'pusher:subscription_error', EVENT, 'client-typing'),
    channel: fc.constantFrom(...CHANNELS),
    data,
  })
  .map((value) => JSON.stringify(value));
const frame: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: aimed },
  { weight: 6, arbitrary: fc.record({ event, channel: fc.option(channel, { nil: undefined }), data, user_id: fc.option(fc.string(), { nil: undefined }) }).map((value) => JSON.stringify(value)) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.string(),
      fc.json(),
      fc.constantFrom('', '{', 'null', '[]', '42', '"x"', '{"event":1}', '{"event":"x","channel":{}}', '{"__proto__":{"polluted":1},"event":"x"}', '{"event":"x","data":"{\\"__proto__\\":{\\"polluted\\":1}}"}'),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, 42, new ArrayBuffer(4), {}, []) },
);

/** How many of `frames` are EVENT on `orders`, as the client decodes them. */
function expectedOrders(frames: unknown[]): number {
  let n = 0;
  for (const text of frames) {
    if (typeof text !== 'string') continue;
    try {
      const parsed = JSON.parse(text) as { event?: unknown; channel?: unknown };
      if (parsed && parsed.event === EVENT && parsed.channel === 'orders') n++;
    } catch {
      // not JSON
    }
  }
  return n;
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const isMemberInfo = (value: unknown) => typeof value !== 'function' && value !== Object.prototype;

describe('fuzzed frames into the built-in client', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    process.on('unhandledRejection', onRejection);
    vi.stubGlobal(
      'fetch',
      fakeFetch([json({ auth: 'app-key:sig', channel_data: JSON.stringify({ user_id: '1', user_info: { name: 'Ann' } }), shared_secret: Buffer.alloc(32, 1).toString('base64') })]),
    );
  });

  afterEach(() => {
    process.off('unhandledRejection', onRejection);
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('10,000 frames: nothing escapes, one debug message per connection, listeners only for their event', async () => {
    const before = prototypeKeys();
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1_000, maxLength: 1_000 }), async (frames) => {
        const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
        const { echo, server } = connectedNativeEcho({ nacl });
        const orders = vi.fn();
        const all = vi.fn();
        const members: unknown[] = [];
        echo.channel('orders').listen('OrderShipped', orders).listenToAll(all);
        echo.private('chat').listenForWhisper('typing', () => {});
        const room = echo
          .join('room')
          .here((list: unknown[]) => members.push(...list))
          .joining((m: unknown) => members.push(m))
          .leaving((m: unknown) => members.push(m));
        echo.encryptedPrivate('vault').listen('OrderShipped', () => {});
        await vi.advanceTimersByTimeAsync(0);
        await flush();
        const thrown: unknown[] = [];
        for (const text of frames) {
          try {
            server.socket.text(text);
          } catch (error) {
            thrown.push(error);
          }
        }
        await vi.advanceTimersByTimeAsync(0);
        await flush();
        echo.disconnect();
        expect(thrown).toEqual([]);
        expect(rejections).toEqual([]);
        expect(debug).toHaveBeenCalledTimes(1);
        expect(orders).toHaveBeenCalledTimes(expectedOrders(frames));
        expect(members.every(isMemberInfo)).toBe(true);
        expect(room.members().every(isMemberInfo)).toBe(true);
        expect(prototypeKeys()).toEqual(before);
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
        debug.mockRestore();
      }),
      { numRuns: 10, seed: 20_261_208, endOnFailure: true },
    );
  });
});
