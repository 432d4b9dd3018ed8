// acquireChannel(): reference-counted channels, the one registry the React and Vue adapters share.
import { describe, expect, it, vi } from 'vitest';
import { acquireChannel, flushReleases } from '../../src/channel-refs';
import { Echo } from '../../src/echo';
import type { ConnectorLike } from '../../src/echo-base';
import { NullChannel } from '../../src/channel/null-channel';
import { expectEchoError, flush, pusherEcho, socketEcho } from './support';

const calls = (list: string[], prefix: string) => list.filter((call) => call.startsWith(prefix));

describe('acquireChannel()', () => {
  it('hands every holder the same channel, subscribed once', () => {
    const { echo, pusher } = pusherEcho();
    const a = acquireChannel(echo, 'private', 'order.1');
    const b = acquireChannel(echo, 'private', 'order.1');
    expect(a.channel).toBe(b.channel);
    expect(a.channel).toBe(echo.private('order.1'));
    expect(echo.private('order.1').name).toBe('private-order.1');
    expect(a.channel.name).toBe('private-order.1');
    expect(calls(pusher.calls, 'subscribe:')).toEqual(['subscribe:private-order.1']);
  });

  it('leaves the channel only when the last lease is released, at the end of the microtask', async () => {
    const { echo, pusher } = pusherEcho();
    const a = acquireChannel(echo, 'public', 'news');
    const b = acquireChannel(echo, 'public', 'news');
    a.release();
    await flush();
    expect(calls(pusher.calls, 'unsubscribe:')).toEqual([]);
    b.release();
    expect(echo.connector.channels.has('news')).toBe(true); // not yet: a microtask later
    await flush();
    expect(calls(pusher.calls, 'unsubscribe:')).toEqual(['unsubscribe:news']);
    expect(echo.connector.channels.has('news')).toBe(false);
  });

  it('keeps the subscription when released and acquired again in the same tick (StrictMode, re-mounts)', async () => {
    const { echo, pusher } = pusherEcho();
    const first = acquireChannel(echo, 'presence', 'chat.1');
    first.release();
    const second = acquireChannel(echo, 'presence', 'chat.1');
    await flush();
    expect(second.channel).toBe(first.channel);
    expect(calls(pusher.calls, 'subscribe:')).toEqual(['subscribe:presence-chat.1']);
    expect(calls(pusher.calls, 'unsubscribe:')).toEqual([]);
  });

  it('counts a lease once however often it is released', async () => {
    const { echo, pusher } = pusherEcho();
    const a = acquireChannel(echo, 'public', 'news');
    acquireChannel(echo, 'public', 'news');
    a.release();
    a.release();
    a.release();
    await flush();
    expect(calls(pusher.calls, 'unsubscribe:')).toEqual([]);
  });

  it('counts each variant of a name separately', async () => {
    const { echo } = pusherEcho();
    const open = acquireChannel(echo, 'public', 'room.1');
    const secret = acquireChannel(echo, 'private', 'room.1');
    expect(open.channel).not.toBe(secret.channel);
    open.release();
    await flush();
    expect([...echo.connector.channels.keys()]).toEqual(['private-room.1']);
  });

  it('release(true) also leaves the unheld variants of the name, never a held one', async () => {
    const { echo } = pusherEcho();
    echo.channel('room.1');
    echo.join('room.1');
    const held = acquireChannel(echo, 'presence', 'room.1');
    const mine = acquireChannel(echo, 'private', 'room.1');
    acquireChannel(echo, 'presence', 'room.1').release(); // another user of presence comes and goes
    mine.release(true);
    await flush();
    expect([...echo.connector.channels.keys()]).toEqual(['presence-room.1']);
    held.release();
    await flush();
    expect([...echo.connector.channels.keys()]).toEqual([]);
  });

  it('a channel left behind its back (Echo.leave) is acquired anew, and an old lease never leaves the new one', async () => {
    const { echo } = pusherEcho();
    const old = acquireChannel(echo, 'private', 'order.1');
    echo.leave('order.1');
    const fresh = acquireChannel(echo, 'private', 'order.1');
    expect(fresh.channel).not.toBe(old.channel);
    old.release();
    await flush();
    expect(echo.connector.channels.get('private-order.1')).toBe(fresh.channel);
    fresh.release();
    await flush();
    expect(echo.connector.channels.has('private-order.1')).toBe(false);
  });

  it('leaves nothing after leaveAllChannels() emptied the registry', async () => {
    const { echo, pusher } = pusherEcho();
    const lease = acquireChannel(echo, 'public', 'news');
    echo.leaveAllChannels();
    const before = pusher.calls.length;
    lease.release();
    await flush();
    expect(pusher.calls.slice(before)).toEqual([]);
  });

  it('throws the core EchoError for what the driver cannot do, and records nothing', () => {
    const { echo } = socketEcho();
    expectEchoError(() => acquireChannel(echo, 'encrypted', 'secret.1'), 'encryptedPrivate', 'socket.io');
    expectEchoError(() => acquireChannel(echo, 'private', ''), 'channel name');
  });

  it('works with a connector class of your own that keeps no registry', async () => {
    const leaveChannel = vi.fn();
    class Custom implements ConnectorLike {
      channel = (name: string) => new NullChannel(name, { formatter: { format: (e: string) => e } as never, notificationEvent: 'n' });
      privateChannel = (name: string) => this.channel('private-' + name);
      presenceChannel = (name: string) => this.channel('presence-' + name);
      leave() {}
      leaveChannel = leaveChannel;
      socketId = () => undefined;
      disconnect() {}
    }
    const echo = new Echo({ broadcaster: Custom, withoutInterceptors: true });
    const lease = acquireChannel(echo, 'private', 'x');
    lease.release(true);
    await flush();
    expect(leaveChannel.mock.calls.map(([name]) => name).sort()).toEqual(['presence-x', 'private-encrypted-x', 'private-x', 'x']);
  });

  it('flushReleases() leaves at once what was released', () => {
    const { echo } = pusherEcho();
    acquireChannel(echo, 'public', 'news').release();
    flushReleases(echo);
    expect(echo.connector.channels.has('news')).toBe(false);
  });

  it('keeps one registry per Echo instance', async () => {
    const first = pusherEcho().echo;
    const second = pusherEcho().echo;
    acquireChannel(first, 'public', 'news');
    acquireChannel(second, 'public', 'news').release();
    await flush();
    expect(first.connector.channels.has('news')).toBe(true);
    expect(second.connector.channels.has('news')).toBe(false);
  });
});
