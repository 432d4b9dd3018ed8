import { afterEach, describe, expect, it, vi } from 'vitest';
import { Echo } from '../../src/echo';
import { Echo as PusherEcho } from '../../src/pusher';
import { EchoError } from '../../src/errors';
import { fakeIo } from './fakes/fake-socket';
import { expectEchoError, pusherEcho, socketEcho } from './support';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('constructor options', () => {
  it('an unknown broadcaster names the value and the supported ones', () => {
    const error = expectEchoError(() => new Echo({ broadcaster: 'kafka' as never }));
    expect(error.message).toBe(
      `Broadcaster "kafka" is not supported. Set options.broadcaster to 'pusher', 'reverb', 'ably', 'socket.io', 'null' or a connector class.`,
    );
  });

  it('a missing broadcaster is reported as undefined', () => {
    expectEchoError(() => new Echo({} as never), 'Broadcaster undefined is not supported');
  });

  it('options that are not an object are refused with an example', () => {
    expectEchoError(() => new Echo(undefined as never), "new Echo() needs an options object such as { broadcaster: 'pusher', key: '...' }, got undefined.");
  });

  it("'pusher' without key names options.key", () => {
    const error = expectEchoError(() => new Echo({ broadcaster: 'pusher', cluster: 'mt1', Pusher: class {} }));
    expect(error.message).toBe("The 'pusher' broadcaster needs options.key, your app key; got undefined.");
  });

  it("'reverb' with an empty key names options.key", () => {
    expectEchoError(() => new Echo({ broadcaster: 'reverb', key: '', Pusher: class {} }), "The 'reverb' broadcaster needs options.key", 'got "".');
  });

  it("'pusher' without cluster or wsHost names both", () => {
    expectEchoError(
      () => new Echo({ broadcaster: 'pusher', key: 'k', Pusher: class {} }),
      "The 'pusher' broadcaster needs options.cluster (e.g. 'mt1') or, for a self-hosted server, options.wsHost.",
    );
  });

  it('without pusher-js the built-in client is used: in Node (no global WebSocket) it asks for options.WebSocket', () => {
    expectEchoError(() => new Echo({ broadcaster: 'pusher', key: 'k', cluster: 'mt1' }), 'No WebSocket implementation', 'options.WebSocket', "from 'ws'");
  });

  it('royalcms-echo/pusher without pusher-js (no options.Pusher, no window.Pusher) says how to provide it', () => {
    expectEchoError(
      () => new PusherEcho({ broadcaster: 'pusher', key: 'k', cluster: 'mt1' }),
      'pusher-js was not found.',
      'npm install pusher-js',
      'options.Pusher',
      'window.Pusher',
    );
  });

  it('options.client that is not a pusher-js instance is refused', () => {
    expectEchoError(() => new Echo({ broadcaster: 'pusher', client: {} }), 'options.client must be a pusher-js instance (new Pusher(key, options))');
  });

  it('socket.io-client missing (no options.client, no window.io) says how to provide it', () => {
    expectEchoError(
      () => new Echo({ broadcaster: 'socket.io' }),
      'socket.io-client was not found.',
      'npm install socket.io-client',
      'options.client',
      'window.io',
    );
  });
});

describe('channel names', () => {
  const methods = ['channel', 'private', 'encryptedPrivate', 'join'] as const;

  it.each(methods)('%s("") throws naming the method and the empty value', (method) => {
    const { echo } = pusherEcho();
    expectEchoError(() => echo[method](''), `${method}() needs a non-empty channel name without spaces, got "".`, 'Pass the name without its prefix');
  });

  it('a name with a space throws, on every driver', () => {
    expectEchoError(() => pusherEcho().echo.private('order 1'), 'got "order 1"');
    expectEchoError(() => socketEcho().echo.private('order 1'), 'got "order 1"');
    expectEchoError(() => new Echo<'null'>({ broadcaster: 'null' }).private('order 1'), 'got "order 1"');
  });

  it('a name that is not a string throws naming its type', () => {
    expectEchoError(() => pusherEcho().echo.channel(42 as never), 'channel() needs a non-empty channel name without spaces, got number.');
  });

  it('Pusher: a full name of 164 characters is accepted', () => {
    expect(() => pusherEcho().echo.channel('a'.repeat(164))).not.toThrow();
  });

  it('Pusher: a full name of 165 characters is refused, naming the limit', () => {
    const name = 'a'.repeat(165);
    expectEchoError(
      () => pusherEcho().echo.channel(name),
      `channel(): "${name}" is not a valid Pusher channel name.`,
      'Use at most 164 characters (prefix included) of A-Z a-z 0-9 _ - = @ , . ;',
    );
  });

  it('Pusher: the prefix counts towards the 164 characters', () => {
    expectEchoError(() => pusherEcho().echo.private('a'.repeat(157)), `"private-${'a'.repeat(157)}" is not a valid Pusher channel name`);
  });

  it.each(['orders#1', 'orders/1', 'ordërs', 'orders:1'])('Pusher: %s (a character outside the allowed set) is refused', (name) => {
    expectEchoError(() => pusherEcho().echo.channel(name), `channel(): ${JSON.stringify(name)} is not a valid Pusher channel name.`);
  });

  it('Pusher: every allowed character is accepted', () => {
    expect(() => pusherEcho().echo.private('App.User_1-a=b@c,d;e')).not.toThrow();
  });

  it('Pusher: a refused name subscribes nothing and registers nothing', () => {
    const { echo, pusher } = pusherEcho();
    expect(() => echo.channel('bad/name')).toThrow(EchoError);
    expect(pusher.calls).toEqual([]);
    expect(echo.connector.channels.size).toBe(0);
  });

  it("Socket.IO does not apply Pusher's character and length rules", () => {
    const { echo } = socketEcho();
    expect(() => echo.channel('orders/1:' + 'a'.repeat(200))).not.toThrow();
  });
});

describe('event names', () => {
  it.each([
    ['pusher', () => pusherEcho().echo.channel('a')],
    ['socket.io', () => socketEcho().echo.channel('a')],
  ] as const)('%s: listen("") throws naming listen()', (_driver, channel) => {
    expectEchoError(() => channel().listen('', vi.fn()), 'listen() needs a non-empty event name without spaces, got "".');
  });

  it('on("") throws naming on()', () => {
    expectEchoError(() => pusherEcho().echo.channel('a').on('', vi.fn()), 'on() needs a non-empty event name');
  });

  it('listenForWhisper("") throws naming listenForWhisper()', () => {
    expectEchoError(() => socketEcho().echo.private('a').listenForWhisper('', vi.fn()), 'listenForWhisper() needs a non-empty event name');
  });

  it.each([
    ['pusher', () => pusherEcho().echo.private('a')],
    ['socket.io', () => socketEcho().echo.private('a')],
  ] as const)('%s: whisper("") throws naming whisper()', (_driver, channel) => {
    expectEchoError(() => channel().whisper('', {}), 'whisper() needs a non-empty event name without spaces, got "".');
  });
});

describe('callbacks', () => {
  it.each([
    ['pusher', () => pusherEcho().echo.channel('a')],
    ['socket.io', () => socketEcho().echo.channel('a')],
  ] as const)('%s: listen() with a non-function callback throws naming listen() and the value', (_driver, channel) => {
    const error = expectEchoError(() => channel().listen('A', 'handler' as never));
    expect(error.message).toBe('listen() needs a callback function, got "handler".');
  });

  it.each([
    ['pusher', () => pusherEcho().echo.channel('a')],
    ['socket.io', () => socketEcho().echo.channel('a')],
  ] as const)('%s: listenToAll() with undefined throws', (_driver, channel) => {
    expectEchoError(() => channel().listenToAll(undefined as never), 'listenToAll() needs a callback function, got undefined.');
  });

  it('subscribed() with a non-function throws', () => {
    expectEchoError(() => pusherEcho().echo.channel('a').subscribed(1 as never), 'subscribed() needs a callback function, got number.');
  });

  it('error() with null throws', () => {
    expectEchoError(() => socketEcho().echo.channel('a').error(null as never), 'error() needs a callback function, got null.');
  });

  it.each(['here', 'joining', 'leaving'] as const)('%s() with a non-function throws naming %s()', (method) => {
    const { echo } = pusherEcho();
    expectEchoError(() => echo.join('room')[method]({} as never), `${method}() needs a callback function, got object.`);
  });

  it('socket.io presence here() with a non-function throws', () => {
    expectEchoError(() => socketEcho().echo.join('room').here('x' as never), 'here() needs a callback function');
  });

  it('notification() with a non-function throws an EchoError', () => {
    expect(() => pusherEcho().echo.private('App.User.1').notification(undefined as never)).toThrow(EchoError);
  });

  it('a bad callback registers nothing on the socket', () => {
    const { echo, socket } = socketEcho();
    expect(() => echo.channel('a').listen('A', 5 as never)).toThrow(EchoError);
    expect(socket.listenerCount('App\\Events\\A')).toBe(0);
  });
});

describe('unsupported operations', () => {
  it('encryptedPrivate() on socket.io throws', () => {
    expect(() => new Echo<'socket.io'>({ broadcaster: 'socket.io', client: fakeIo() }).encryptedPrivate('x')).toThrow(EchoError);
  });
});

describe('socketIdOrigins', () => {
  for (const bad of [['api.shop.example'], ['https://'], ['/relative'], 'https://api.shop.example', [42]]) {
    it(`refuses ${JSON.stringify(bad)} at construction, naming the value`, () => {
      const error = expectEchoError(() => new Echo({ broadcaster: 'null', socketIdOrigins: bad as never }), 'options.socketIdOrigins must be');
      expect(error.message).toContain(JSON.stringify(Array.isArray(bad) ? bad[0] : bad));
    });
  }

  it("accepts '*' and absolute origins", () => {
    expect(() => new Echo({ broadcaster: 'null', socketIdOrigins: '*' })).not.toThrow();
    expect(() => new Echo({ broadcaster: 'null', socketIdOrigins: ['https://api.shop.example', 'http://127.0.0.1:8000'] })).not.toThrow();
  });
});

describe('callbacks of the convenience methods', () => {
  it('notification() with a non-function names notification()', () => {
    expectEchoError(() => new Echo({ broadcaster: 'null' }).private('App.User.1').notification(42 as never), 'notification() needs a callback function, got number.');
  });

  it('listenForWhisper() with a non-function names listenForWhisper()', () => {
    expectEchoError(() => new Echo({ broadcaster: 'null' }).private('chat').listenForWhisper('typing', 'x' as never), 'listenForWhisper() needs a callback function, got "x".');
  });

  it('whisper() on the null driver’s encrypted channel throws like the Pusher driver', () => {
    expectEchoError(() => new Echo({ broadcaster: 'null' }).encryptedPrivate('vault').whisper('typing', {}), 'client events are not supported on encrypted channels');
  });
});

describe('JavaScript property names', () => {
  for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
    it(`a public Pusher channel named ${name} is refused, naming it`, () => {
      expectEchoError(() => pusherEcho().echo.channel(name), JSON.stringify(name), 'cannot be used as a public Pusher channel name');
    });

    it(`private-${name} and presence-${name} are fine on Pusher`, () => {
      const { echo } = pusherEcho();
      expect(echo.private(name).name).toBe('private-' + name);
      expect(echo.join(name).name).toBe('presence-' + name);
    });

    it(`the Socket.IO driver keeps a channel named ${name} apart from the others`, () => {
      const { echo, socket } = socketEcho();
      socket.serverConnect();
      const named = vi.fn();
      const other = vi.fn();
      echo.channel(name).listen('.' + name, named);
      echo.channel('orders').listen('.' + name, other);
      socket.serverEmit(name, name, { hit: 1 });
      expect(named).toHaveBeenCalledWith({ hit: 1 });
      expect(other).not.toHaveBeenCalled();
      expect(({} as Record<string, unknown>)['hit']).toBeUndefined();
    });
  }

  it('events named like object properties reach only their own listeners (Pusher)', () => {
    const { echo, pusher } = pusherEcho();
    const calls: string[] = [];
    const channel = echo.channel('orders');
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty']) channel.listen('.' + name, () => calls.push(name));
    const raw = pusher.channel('orders')!;
    raw.emit('constructor', {});
    raw.emit('__proto__', {});
    raw.emit('toString', {});
    expect(calls).toEqual(['constructor', '__proto__']);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('orders');
  });
});
