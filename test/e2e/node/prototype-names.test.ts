// Event and channel names that are also JavaScript object properties (`__proto__`, `constructor`,
// `hasOwnProperty`, `toString`, `valueOf`) against the real servers: they reach exactly their own
// listener once, never another one, and nothing on Object.prototype changes — neither from the
// names nor from payloads such as {"__proto__": {"polluted": true}}.
import Echo, { EchoError, PusherConnector } from 'royalcms-echo';
import Pusher from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import { HOST, PORTS, SETUPS, trigger, unique, type Setup } from '../support/env';
import { connect, disconnectAll } from './clients';

const NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'prototype'];
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const BEFORE = prototypeKeys();
const POISON = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');

afterEach(() => {
  disconnectAll();
  expect(prototypeKeys()).toEqual(BEFORE);
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect({}.constructor).toBe(Object);
  expect(typeof Object.prototype.hasOwnProperty).toBe('function');
});

describe.each([SETUPS.soketi, SETUPS.sio4])('$name', (setup: Setup) => {
  it('events named like Object.prototype members reach only their own listener, once', async () => {
    const tag = unique('names');
    const channelName = `names.${tag}`;
    const other = `names.other.${tag}`;
    const alice = await connect(setup, 1);
    const got: Array<[string, unknown]> = [];
    const channel = alice.subscribe('public', channelName);
    alice.subscribe('public', other);
    for (const name of NAMES) {
      channel.listen(`.${name}`, (data) => got.push([`.${name}`, data])); // raw event name
      channel.listen(name, (data) => got.push([name, data])); // namespaced: App\Events\<name>
    }
    const all: Array<[string, unknown]> = [];
    channel.listenToAll((event, data) => all.push([event, data]));
    await alice.ready(channelName);
    await alice.ready(other);

    const expected: Array<[string, unknown]> = [];
    for (const [i, name] of NAMES.entries()) {
      await trigger(setup, { channel: channelName, event: name, data: { i, raw: name } });
      expected.push([`.${name}`, { i, raw: name }]);
      await trigger(setup, { channel: channelName, event: `App\\Events\\${name}`, data: { i, namespaced: name, poison: POISON } });
      expected.push([name, { i, namespaced: name, poison: POISON }]);
      // The same names on a channel the listeners are not on.
      await trigger(setup, { channel: other, event: name, data: { wrong: true } });
    }
    await alice.fence(channelName);
    await alice.fence(other);
    const strip = (data: any) => {
      const { socket, ...rest } = data; // the redis broadcaster adds `socket`
      void socket;
      return rest;
    };
    expect(got.map(([name, data]) => [name, strip(data)])).toEqual(expected);
    const allButProbes = all.filter(([event]) => event !== '.e2e.probe').map(([event, data]) => [event, strip(data)]);
    expect(allButProbes).toEqual(expected);
    // The payload's own "__proto__" key stayed a plain data member.
    const poisoned = got.find(([name]) => name === 'constructor')![1] as { poison: object };
    expect(Object.getPrototypeOf(poisoned.poison)).toBe(Object.prototype);
  });

  it('channels named like Object.prototype members', async () => {
    const alice = await connect(setup, 1);
    if (setup.transport === 'pusher') {
      // pusher-js keeps channels in a plain object: a public channel named `__proto__` would break it for
      // every channel, so the SDK refuses such a name at the call, with a clear message.
      for (const name of ['__proto__', 'constructor', 'hasOwnProperty']) {
        expect(() => alice.echo.channel(name)).toThrow(EchoError);
        expect(() => alice.echo.channel(name)).toThrow('is the name of a JavaScript object property');
      }
      expect((alice.echo.connector as unknown as { channels: Map<string, unknown> }).channels.size).toBe(0);
    }
    // Prefixed names are ordinary channels: they get their own events only.
    const tag = unique('');
    const names = setup.transport === 'pusher' ? [`constructor.${tag}`, `__proto__.${tag}`] : ['constructor', '__proto__', 'hasOwnProperty', `toString.${tag}`];
    const got = new Map<string, unknown[]>(names.map((name) => [name, []])); // (a plain object would trip over `__proto__` itself)
    for (const name of names) alice.subscribe('public', name).listen('.probe.echo', (data) => got.get(name)!.push(data));
    for (const name of names) await alice.ready(name);
    for (const name of names) await trigger(setup, { channel: name, event: 'probe.echo', data: { to: name } });
    for (const name of names) await alice.fence(name);
    for (const name of names) expect(got.get(name)!.map((d: any) => d.to)).toEqual([name]);
    // A private `constructor` channel is authorized like any other (the backend has no such rule: refused).
    alice.subscribe('private', 'constructor');
    const [refused] = await alice.count({ type: 'error', channel: 'private-constructor' }, 1);
    expect(refused!.data).toMatchObject({ channel: 'private-constructor', status: 403, reason: 'forbidden' });
  });
});

it('pusher-js on its own: a `__proto__` channel name given to the SDK never reaches pusher-js', () => {
  const echo = new Echo({ broadcaster: 'pusher', key: 'app-key', wsHost: HOST, wsPort: PORTS.soketi, forceTLS: false, enabledTransports: ['ws'], Pusher, withoutInterceptors: true });
  try {
    expect(() => echo.channel('__proto__')).toThrow(EchoError);
    expect(Object.keys(((echo.connector as PusherConnector).pusher as unknown as { channels: { channels: object } }).channels.channels)).toEqual([]);
  } finally {
    echo.disconnect();
  }
});
