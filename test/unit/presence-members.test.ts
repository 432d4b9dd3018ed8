import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PresenceMembers } from '../../src/channel/presence-members';
import { fakeFetch, json } from './fakes/fake-fetch';
import { presenceMembers } from './fakes/fake-pusher';
import { connectedPusherEcho, flush, socketEcho } from './support';

type User = { id: number; name: string };
const ann: User = { id: 1, name: 'Ann' };
const bob: User = { id: 2, name: 'Bob' };
const cy: User = { id: 3, name: 'Cy' };

describe('PresenceMembers', () => {
  it('reset() calls here() with the members in the order first seen', () => {
    const members = new PresenceMembers<User>();
    const here = vi.fn();
    members.on('here', here);
    members.reset([
      ['1', ann],
      ['2', bob],
    ]);
    expect(here).toHaveBeenCalledExactlyOnceWith([ann, bob]);
  });

  it('reset() keeps one entry per user id', () => {
    const members = new PresenceMembers<User>();
    const annAgain = { ...ann, name: 'Ann (tab 2)' };
    members.reset([
      ['1', ann],
      ['2', bob],
      ['1', annAgain],
    ]);
    expect(members.list()).toEqual([annAgain, bob]);
  });

  it('here() registered after the list arrived is called at once with it', () => {
    const members = new PresenceMembers<User>();
    members.reset([['1', ann]]);
    const here = vi.fn();
    members.on('here', here);
    expect(here).toHaveBeenCalledExactlyOnceWith([ann]);
  });

  it('here() registered before the list arrived waits for it', () => {
    const members = new PresenceMembers<User>();
    const here = vi.fn();
    members.on('here', here);
    expect(here).not.toHaveBeenCalled();
  });

  it('add() of a new user calls joining() with the info', () => {
    const members = new PresenceMembers<User>();
    members.reset([['1', ann]]);
    const joining = vi.fn();
    members.on('joining', joining);
    members.add('2', bob);
    expect(joining).toHaveBeenCalledExactlyOnceWith(bob);
    expect(members.list()).toEqual([ann, bob]);
  });

  it('add() of a user already present (another tab) does not call joining()', () => {
    const members = new PresenceMembers<User>();
    members.reset([['1', ann]]);
    const joining = vi.fn();
    members.on('joining', joining);
    members.add('1', ann);
    expect(joining).not.toHaveBeenCalled();
    expect(members.list()).toEqual([ann]);
  });

  it('add() before the list arrived does not call joining()', () => {
    const members = new PresenceMembers<User>();
    const joining = vi.fn();
    members.on('joining', joining);
    members.add('1', ann);
    expect(joining).not.toHaveBeenCalled();
  });

  it('remove() of a present user calls leaving() with the stored info', () => {
    const members = new PresenceMembers<User>();
    members.reset([
      ['1', ann],
      ['2', bob],
    ]);
    const leaving = vi.fn();
    members.on('leaving', leaving);
    members.remove('1');
    expect(leaving).toHaveBeenCalledExactlyOnceWith(ann);
    expect(members.list()).toEqual([bob]);
  });

  it('remove() of an unknown user calls nothing', () => {
    const members = new PresenceMembers<User>();
    members.reset([['1', ann]]);
    const leaving = vi.fn();
    members.on('leaving', leaving);
    members.remove('9');
    expect(leaving).not.toHaveBeenCalled();
  });

  it('off(kind, callback) removes only that callback', () => {
    const members = new PresenceMembers<User>();
    const kept = vi.fn();
    const removed = vi.fn();
    members.on('here', kept);
    members.on('here', removed);
    members.off('here', removed);
    members.reset([['1', ann]]);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('off(kind) removes every callback of that kind only', () => {
    const members = new PresenceMembers<User>();
    const joining = vi.fn();
    const leaving = vi.fn();
    members.on('joining', joining);
    members.on('leaving', leaving);
    members.off('joining');
    members.reset([['1', ann]]);
    members.add('2', bob);
    members.remove('1');
    expect(joining).not.toHaveBeenCalled();
    expect(leaving).toHaveBeenCalledTimes(1);
  });

  it('clear() empties the list and waits for the next reset() before calling a new here()', () => {
    const members = new PresenceMembers<User>();
    members.reset([['1', ann]]);
    members.clear();
    const here = vi.fn();
    members.on('here', here);
    expect(members.list()).toEqual([]);
    expect(here).not.toHaveBeenCalled();
  });

  it('dispose() drops every callback', () => {
    const members = new PresenceMembers<User>();
    const here = vi.fn();
    members.on('here', here);
    members.dispose();
    members.reset([['1', ann]]);
    expect(here).not.toHaveBeenCalled();
  });
});

describe('Pusher presence channel', () => {
  beforeEach(() => {
    vi.stubGlobal('fetch', fakeFetch([json({ auth: 'k:s', channel_data: '{"user_id":1}' })]));
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('here() gets the member infos from subscription_succeeded', () => {
    const { echo, pusher } = connectedPusherEcho();
    const here = vi.fn();
    echo.join('room').here(here);
    pusher.succeed('presence-room', presenceMembers([{ id: 1, info: ann }, { id: 2, info: bob }]));
    expect(here).toHaveBeenCalledExactlyOnceWith([ann, bob]);
  });

  it('the specification chain join().here().joining().leaving().listen() returns the channel', () => {
    const { echo } = connectedPusherEcho();
    const channel = echo.join('chat.1');
    expect(channel.here(vi.fn()).joining(vi.fn()).leaving(vi.fn()).listen('NewMessage', vi.fn())).toBe(channel);
  });

  it('joining() gets member_added info', () => {
    const { echo, pusher } = connectedPusherEcho();
    const joining = vi.fn();
    echo.join('room').joining(joining);
    pusher.succeed('presence-room', presenceMembers([{ id: 1, info: ann }]));
    pusher.emit('presence-room', 'pusher:member_added', { id: '2', info: bob });
    expect(joining).toHaveBeenCalledExactlyOnceWith(bob);
  });

  it('member_added for a user already present (second tab) does not call joining()', () => {
    const { echo, pusher } = connectedPusherEcho();
    const joining = vi.fn();
    echo.join('room').joining(joining);
    pusher.succeed('presence-room', presenceMembers([{ id: 1, info: ann }]));
    pusher.emit('presence-room', 'pusher:member_added', { id: '1', info: ann });
    expect(joining).not.toHaveBeenCalled();
  });

  it('leaving() gets member_removed info', () => {
    const { echo, pusher } = connectedPusherEcho();
    const leaving = vi.fn();
    echo.join('room').leaving(leaving);
    pusher.succeed('presence-room', presenceMembers([{ id: 1, info: ann }, { id: 2, info: bob }]));
    pusher.emit('presence-room', 'pusher:member_removed', { id: '2', info: bob });
    expect(leaving).toHaveBeenCalledExactlyOnceWith(bob);
  });

  it('members() follows joins and leaves', () => {
    const { echo, pusher } = connectedPusherEcho();
    const channel = echo.join('room');
    pusher.succeed('presence-room', presenceMembers([{ id: 1, info: ann }]));
    pusher.emit('presence-room', 'pusher:member_added', { id: '2', info: bob });
    pusher.emit('presence-room', 'pusher:member_added', { id: '3', info: cy });
    pusher.emit('presence-room', 'pusher:member_removed', { id: '1', info: ann });
    expect(channel.members()).toEqual([bob, cy]);
  });

  it('members() is empty while the connection is down', () => {
    const { echo, pusher } = connectedPusherEcho();
    const channel = echo.join('room');
    pusher.succeed('presence-room', presenceMembers([{ id: 1, info: ann }]));
    pusher.drop();
    expect(channel.members()).toEqual([]);
  });

  it('here() is called again with the fresh list after a reconnect', () => {
    const { echo, pusher } = connectedPusherEcho();
    const here = vi.fn();
    echo.join('room').here(here);
    pusher.succeed('presence-room', presenceMembers([{ id: 1, info: ann }]));
    pusher.drop();
    pusher.connectAs('2.2');
    pusher.succeed('presence-room', presenceMembers([{ id: 1, info: ann }, { id: 3, info: cy }]));
    expect(here.mock.calls).toEqual([[[ann]], [[ann, cy]]]);
  });

  it('stopHere(callback) removes that here() callback', () => {
    const { echo, pusher } = connectedPusherEcho();
    const here = vi.fn();
    echo.join('room').here(here).stopHere(here);
    pusher.succeed('presence-room', presenceMembers([{ id: 1, info: ann }]));
    expect(here).not.toHaveBeenCalled();
  });

  it('stopJoining(callback) removes that joining() callback', () => {
    const { echo, pusher } = connectedPusherEcho();
    const joining = vi.fn();
    echo.join('room').joining(joining).stopJoining(joining);
    pusher.succeed('presence-room', presenceMembers([]));
    pusher.emit('presence-room', 'pusher:member_added', { id: '2', info: bob });
    expect(joining).not.toHaveBeenCalled();
  });

  it('stopLeaving() removes every leaving() callback', () => {
    const { echo, pusher } = connectedPusherEcho();
    const a = vi.fn();
    const b = vi.fn();
    echo.join('room').leaving(a).leaving(b).stopLeaving();
    pusher.succeed('presence-room', presenceMembers([{ id: 2, info: bob }]));
    pusher.emit('presence-room', 'pusher:member_removed', { id: '2', info: bob });
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
  });

  it('after leave(), presence events reach no callback', () => {
    const { echo, pusher } = connectedPusherEcho();
    const cb = vi.fn();
    echo.join('room').here(cb).joining(cb).leaving(cb);
    const old = pusher.channel('presence-room');
    echo.leave('room');
    old?.emit('pusher:subscription_succeeded', presenceMembers([{ id: 1, info: ann }]));
    old?.emit('pusher:member_added', { id: '2', info: bob });
    old?.emit('pusher:member_removed', { id: '2', info: bob });
    expect(cb).not.toHaveBeenCalled();
  });
});

describe('Socket.IO presence channel', () => {
  const up = () => {
    const made = socketEcho();
    made.socket.serverConnect();
    return made;
  };

  it('presence:subscribed calls here() with user_info, one entry per user_id', () => {
    const { echo, socket } = up();
    const here = vi.fn();
    echo.join('room').here(here);
    socket.serverEmit('presence:subscribed', 'presence-room', [
      { user_id: 1, user_info: ann, socketId: 's1' },
      { user_id: 2, user_info: bob, socketId: 's2' },
      { user_id: 1, user_info: ann, socketId: 's3' },
    ]);
    expect(here).toHaveBeenCalledExactlyOnceWith([ann, bob]);
  });

  it("treats user_id 1 and '1' as the same user", () => {
    const { echo, socket } = up();
    const channel = echo.join('room');
    socket.serverEmit('presence:subscribed', 'presence-room', [
      { user_id: 1, user_info: ann },
      { user_id: '1', user_info: ann },
    ]);
    expect(channel.members()).toEqual([ann]);
  });

  it('skips entries without a user_id', () => {
    const { echo, socket } = up();
    const channel = echo.join('room');
    socket.serverEmit('presence:subscribed', 'presence-room', [{ user_info: ann }, { user_id: 2, user_info: bob }]);
    expect(channel.members()).toEqual([bob]);
  });

  it('presence:subscribed confirms the subscription', () => {
    const { echo, socket } = up();
    const subscribed = vi.fn();
    echo.join('room').subscribed(subscribed);
    socket.serverEmit('presence:subscribed', 'presence-room', []);
    expect(subscribed).toHaveBeenCalledTimes(1);
  });

  it('presence:joining calls joining() with user_info', () => {
    const { echo, socket } = up();
    const joining = vi.fn();
    echo.join('room').joining(joining);
    socket.serverEmit('presence:subscribed', 'presence-room', [{ user_id: 1, user_info: ann }]);
    socket.serverEmit('presence:joining', 'presence-room', { user_id: 2, user_info: bob, socketId: 's2' });
    expect(joining).toHaveBeenCalledExactlyOnceWith(bob);
  });

  it('presence:joining of a user already present does not call joining()', () => {
    const { echo, socket } = up();
    const joining = vi.fn();
    echo.join('room').joining(joining);
    socket.serverEmit('presence:subscribed', 'presence-room', [{ user_id: 1, user_info: ann }]);
    socket.serverEmit('presence:joining', 'presence-room', { user_id: 1, user_info: ann });
    expect(joining).not.toHaveBeenCalled();
  });

  it('presence:leaving calls leaving() with user_info', () => {
    const { echo, socket } = up();
    const leaving = vi.fn();
    echo.join('room').leaving(leaving);
    socket.serverEmit('presence:subscribed', 'presence-room', [{ user_id: 1, user_info: ann }, { user_id: 2, user_info: bob }]);
    socket.serverEmit('presence:leaving', 'presence-room', { user_id: 2, user_info: bob });
    expect(leaving).toHaveBeenCalledExactlyOnceWith(bob);
  });

  it('presence events of another channel are not delivered', () => {
    const { echo, socket } = up();
    const cb = vi.fn();
    echo.join('room').here(cb).joining(cb);
    echo.join('other');
    socket.serverEmit('presence:subscribed', 'presence-other', [{ user_id: 1, user_info: ann }]);
    socket.serverEmit('presence:joining', 'presence-other', { user_id: 2, user_info: bob });
    expect(cb).not.toHaveBeenCalled();
  });

  it('members() follows joins and leaves', () => {
    const { echo, socket } = up();
    const channel = echo.join('room');
    socket.serverEmit('presence:subscribed', 'presence-room', [{ user_id: 1, user_info: ann }]);
    socket.serverEmit('presence:joining', 'presence-room', { user_id: 2, user_info: bob });
    socket.serverEmit('presence:leaving', 'presence-room', { user_id: 1, user_info: ann });
    expect(channel.members()).toEqual([bob]);
  });

  it('here() is called again after the reconnect re-subscription', async () => {
    const { echo, socket } = up();
    const here = vi.fn();
    echo.join('room').here(here);
    socket.serverEmit('presence:subscribed', 'presence-room', [{ user_id: 1, user_info: ann }]);
    socket.drop();
    expect(echo.join('room').members()).toEqual([]);
    socket.serverConnect('sio-2');
    await flush();
    socket.serverEmit('presence:subscribed', 'presence-room', [{ user_id: 2, user_info: bob }]);
    expect(here.mock.calls).toEqual([[[ann]], [[bob]]]);
  });

  it('stopHere(), stopJoining(), stopLeaving() remove the callbacks', () => {
    const { echo, socket } = up();
    const here = vi.fn();
    const joining = vi.fn();
    const leaving = vi.fn();
    echo.join('room').here(here).joining(joining).leaving(leaving).stopHere(here).stopJoining(joining).stopLeaving(leaving);
    socket.serverEmit('presence:subscribed', 'presence-room', [{ user_id: 1, user_info: ann }]);
    socket.serverEmit('presence:joining', 'presence-room', { user_id: 2, user_info: bob });
    socket.serverEmit('presence:leaving', 'presence-room', { user_id: 1, user_info: ann });
    expect([here, joining, leaving].map((fn) => fn.mock.calls.length)).toEqual([0, 0, 0]);
  });

  it('after leave(), presence events reach no callback', () => {
    const { echo, socket } = up();
    const cb = vi.fn();
    echo.join('room').here(cb).joining(cb).leaving(cb);
    echo.leave('room');
    socket.serverEmit('presence:subscribed', 'presence-room', [{ user_id: 1, user_info: ann }]);
    expect(cb).not.toHaveBeenCalled();
  });
});
