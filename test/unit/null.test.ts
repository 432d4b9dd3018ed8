import { describe, expect, it, vi } from 'vitest';
import { NullChannel, NullEncryptedPrivateChannel, NullPresenceChannel, NullPrivateChannel } from '../../src/channel/null-channel';
import { Echo } from '../../src/echo';
import { EchoError } from '../../src/errors';
import { expectEchoError } from './support';

const make = () => new Echo<'null'>({ broadcaster: 'null', withoutInterceptors: true });

describe('null driver: connection', () => {
  it("is 'connected' as soon as it is constructed", () => {
    expect(make().connectionStatus()).toBe('connected');
  });

  it("socketId() is 'fake-socket-id'", () => {
    expect(make().socketId()).toBe('fake-socket-id');
  });

  it("disconnect() reports 'disconnected' once", () => {
    const echo = make();
    const seen: Array<[string, string]> = [];
    echo.onConnectionChange((status, previous) => seen.push([status, previous]));
    echo.disconnect();
    echo.disconnect();
    expect(seen).toEqual([['disconnected', 'connected']]);
  });

  it("connect() after disconnect() reports 'connected'", () => {
    const echo = make();
    echo.disconnect();
    const seen: string[] = [];
    echo.onConnectionChange((status) => seen.push(status));
    echo.connect();
    expect(seen).toEqual(['connected']);
  });

  it('the function onConnectionChange() returns stops the reports', () => {
    const echo = make();
    const listener = vi.fn();
    const unsubscribe = echo.onConnectionChange(listener);
    unsubscribe();
    echo.disconnect();
    expect(listener).not.toHaveBeenCalled();
  });

  it('signin() throws an EchoError', () => {
    expectEchoError(() => make().signin(), 'signin() needs a Pusher-protocol broadcaster');
  });

  it('setAuth() is accepted', () => {
    expect(() => make().setAuth({ bearerToken: 'x' })).not.toThrow();
  });
});

describe('null driver: channels', () => {
  it('channel(), private(), encryptedPrivate() and join() return the null channel kinds with prefixed names', () => {
    const echo = make();
    const channels = [echo.channel('a'), echo.private('a'), echo.encryptedPrivate('a'), echo.join('a')];
    expect(channels.map((c) => c.constructor)).toEqual([NullChannel, NullPrivateChannel, NullEncryptedPrivateChannel, NullPresenceChannel]);
    expect(channels.map((c) => c.name)).toEqual(['a', 'private-a', 'private-encrypted-a', 'presence-a']);
  });

  it('returns the same channel object for the same name', () => {
    const echo = make();
    expect(echo.private('a')).toBe(echo.private('a'));
  });

  it('leave() forgets every variant of the name', () => {
    const echo = make();
    echo.channel('a');
    echo.private('a');
    echo.encryptedPrivate('a');
    echo.join('a');
    echo.channel('b');
    echo.leave('a');
    expect([...echo.connector.channels.keys()]).toEqual(['b']);
  });

  it('leaveChannel() forgets exactly that channel', () => {
    const echo = make();
    echo.channel('a');
    echo.private('a');
    echo.leaveChannel('a');
    expect([...echo.connector.channels.keys()]).toEqual(['private-a']);
  });

  it('leaveAllChannels() forgets every channel', () => {
    const echo = make();
    echo.channel('a');
    echo.join('b');
    echo.leaveAllChannels();
    expect(echo.connector.channels.size).toBe(0);
  });

  it('every channel method is chainable', () => {
    const channel = make().join('room');
    const cb = vi.fn();
    const chain = channel
      .listen('A', cb)
      .stopListening('A', cb)
      .listenToAll(cb)
      .stopListeningToAll(cb)
      .on('raw', cb)
      .off('raw', cb)
      .subscribed(cb)
      .stopSubscribed(cb)
      .error(cb)
      .stopError(cb)
      .notification(cb)
      .stopListeningForNotification(cb)
      .listenForWhisper('typing', cb)
      .stopListeningForWhisper('typing', cb)
      .whisper('typing', {})
      .here(cb)
      .joining(cb)
      .leaving(cb)
      .stopHere(cb)
      .stopJoining(cb)
      .stopLeaving(cb);
    expect(chain).toBe(channel);
  });

  it('never calls any callback', () => {
    const channel = make().join('room');
    const cb = vi.fn();
    channel.listen('A', cb).listenToAll(cb).subscribed(cb).error(cb).notification(cb).here(cb).joining(cb).leaving(cb);
    expect(cb).not.toHaveBeenCalled();
  });

  it('members() is empty', () => {
    expect(make().join('room').members()).toEqual([]);
  });

  it('whisper() on a public channel throws an EchoError that names the channel and the fix', () => {
    const channel = make().channel('chat');
    // @ts-expect-error public channels cannot whisper: TypeScript rejects the call too
    expect(() => channel.whisper('typing', {})).toThrow(
      'whisper("typing") on the public channel "chat": client events need a private or presence channel. Use Echo.private("chat") or Echo.join("chat").',
    );
    // @ts-expect-error see above
    expect(() => channel.whisper('typing', {})).toThrow(EchoError);
  });

  it('whisper() on a private channel is accepted', () => {
    const channel = make().private('chat');
    expect(channel.whisper('typing', {})).toBe(channel);
  });

  it('still validates: listen() with an empty event name throws', () => {
    expect(() => make().channel('a').listen('', vi.fn())).toThrow(EchoError);
  });

  it('still validates: listen() with a non-function callback throws', () => {
    expect(() => make().channel('a').listen('A', 'nope' as never)).toThrow(EchoError);
  });

  it('still validates: whisper() with an empty event name throws', () => {
    expect(() => make().private('a').whisper('', {})).toThrow(EchoError);
  });

  it('still validates: here() with a non-function callback throws', () => {
    expect(() => make().join('a').here(null as never)).toThrow(EchoError);
  });
});
