// Shared test helpers: Echo instances wired to the fakes, a microtask flush, and an EchoError
// assertion that checks the message names the bad value and the fix.

import { expect } from 'vitest';
import { PusherConnector } from '../../src/connector/pusher-connector';
import { Echo } from '../../src/echo';
import { EchoError } from '../../src/errors';
import type { EchoOptions } from '../../src/options';

/** Echo options without `broadcaster` (the helper picks it). */
export type ExtraOptions = { [K in keyof EchoOptions as K extends 'broadcaster' ? never : K]?: EchoOptions[K] };
import { FakePusher } from './fakes/fake-pusher';
import { fakeIo, type FakeSocketV2, type FakeSocketV4 } from './fakes/fake-socket';

/** Let pending promise continuations (async header building) run; no timers involved. */
export async function flush(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

export function pusherEcho(options: ExtraOptions = {}) {
  const echo = new Echo<'pusher'>({
    broadcaster: 'pusher',
    key: 'app-key',
    cluster: 'mt1',
    Pusher: FakePusher,
    withoutInterceptors: true,
    authRetries: 0,
    ...options,
  });
  return { echo, pusher: (echo.connector as PusherConnector).pusher as FakePusher };
}

/** A Pusher echo whose connection is up (socket id 1234.5678). */
export function connectedPusherEcho(options: ExtraOptions = {}) {
  const made = pusherEcho(options);
  made.pusher.connectAs('1234.5678');
  return made;
}

export function socketEcho(options: ExtraOptions = {}) {
  const io = fakeIo('v4');
  const echo = new Echo<'socket.io'>({ broadcaster: 'socket.io', client: io, host: 'http://sio.test:6001', withoutInterceptors: true, ...options });
  return { echo, io, socket: echo.connector.socket as FakeSocketV4 };
}

export function socketEchoV2(options: ExtraOptions = {}) {
  const io = fakeIo('v2');
  const echo = new Echo<'socket.io'>({ broadcaster: 'socket.io', client: io, host: 'http://sio.test:6001', withoutInterceptors: true, ...options });
  return { echo, io, socket: echo.connector.socket as FakeSocketV2 };
}

/** Expects `fn` to throw an EchoError whose message contains every fragment. */
export function expectEchoError(fn: () => unknown, ...fragments: string[]): EchoError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EchoError);
  const error = caught as EchoError;
  expect(error.name).toBe('EchoError');
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  return error;
}
