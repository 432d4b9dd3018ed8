// The Socket.IO event router on its own: one socket binding per event, the callback arrays per
// channel, the protocol's events bound for good, and the listenToAll hook.
import { describe, expect, it, vi } from 'vitest';
import { SocketIoRouter, type SocketIoReceiver } from '../../src/transport/socketio-router';
import { FakeSocketV2, FakeSocketV4 } from './fakes/fake-socket';

function setup<V extends 'v4' | 'v2' = 'v4'>(version?: V) {
  const socket = (version === 'v2' ? new FakeSocketV2(undefined, {}) : new FakeSocketV4(undefined, {})) as V extends 'v2' ? FakeSocketV2 : FakeSocketV4;
  socket.serverConnect();
  const receivers = new Map<string, SocketIoReceiver>();
  const malformed = vi.fn();
  const router = new SocketIoRouter(socket, { channels: receivers, formatter: { unformat: (wire) => `name:${wire}` }, malformed });
  return { socket, router, receivers, malformed };
}

describe('SocketIoRouter', () => {
  it('binds the socket once per event with the first callback and unbinds it with the last', () => {
    const { socket, router } = setup();
    const a = vi.fn();
    const b = vi.fn();
    router.add('E', 'ch-a', a);
    router.add('E', 'ch-b', b);
    expect([socket.listenerCount('E'), router.size]).toEqual([1, 1]);
    router.remove('E', 'ch-a', a);
    expect(socket.listenerCount('E')).toBe(1);
    router.remove('E', 'ch-b');
    expect([socket.listenerCount('E'), router.size]).toEqual([0, 0]);
  });

  it('calls the callbacks of the named channel only, in order, and each callback once however often it was added', () => {
    const { socket, router } = setup();
    const calls: string[] = [];
    const first = (data: unknown) => calls.push(`first ${String(data)}`);
    router.add('E', 'a', first);
    router.add('E', 'a', first);
    router.add('E', 'a', (data) => calls.push(`second ${String(data)}`));
    router.add('E', 'b', (data) => calls.push(`b ${String(data)}`));
    socket.serverEmit('E', 'a', 1);
    expect(calls).toEqual(['first 1', 'second 1']);
  });

  it('a callback added after events of its channel arrived gets the next one (the cached last channel is dropped on change)', () => {
    const { socket, router } = setup();
    const early = vi.fn();
    const late = vi.fn();
    router.add('E', 'a', early);
    socket.serverEmit('E', 'a', 1);
    router.add('E', 'a', late);
    socket.serverEmit('E', 'a', 2);
    router.remove('E', 'a', early);
    socket.serverEmit('E', 'a', 3);
    expect(early.mock.calls).toEqual([[1], [2]]);
    expect(late.mock.calls).toEqual([[2], [3]]);
  });

  it('a callback that removes itself (or another) while called does not disturb the current event', () => {
    const { socket, router } = setup();
    const calls: string[] = [];
    const second = () => calls.push('second');
    const first = () => {
      calls.push('first');
      router.remove('E', 'a', first);
      router.remove('E', 'a', second);
    };
    router.add('E', 'a', first);
    router.add('E', 'a', second);
    socket.serverEmit('E', 'a', 1);
    socket.serverEmit('E', 'a', 2);
    expect(calls).toEqual(['first', 'second']);
  });

  it('an event whose first argument is not a channel name is reported as malformed and calls nothing', () => {
    const { socket, router, malformed } = setup();
    const callback = vi.fn();
    router.add('E', 'a', callback);
    socket.serverEmit('E', { channel: 'a' }, 1);
    expect(callback).not.toHaveBeenCalled();
    expect(malformed).toHaveBeenCalledOnce();
  });

  it('keeps the protocol events bound for good and hands them to the named channel', () => {
    const { socket, router, receivers } = setup();
    const receive = vi.fn();
    receivers.set('private-a', { receive });
    const own = vi.fn();
    router.add('subscription_error', 'private-a', own);
    router.remove('subscription_error', 'private-a', own);
    socket.serverEmit('subscription_error', 'private-a', 403);
    expect(receive).toHaveBeenCalledExactlyOnceWith('subscription_error', 403);
    expect(socket.listenerCount('subscription_error')).toBe(1);
    expect(router.size).toBe(0);
  });

  it('deliver() runs the callbacks a channel registered for a protocol event it did not consume', () => {
    const { router } = setup();
    const own = vi.fn();
    router.add('presence:joining', 'orders', own);
    router.deliver('presence:joining', 'orders', { user_id: 1 });
    router.deliver('presence:joining', 'other', { user_id: 2 });
    expect(own).toHaveBeenCalledExactlyOnceWith({ user_id: 1 });
  });

  it('removeChannel() drops every callback of the channel and the bindings nobody else needs', () => {
    const { socket, router } = setup();
    const kept = vi.fn();
    router.add('E', 'a', vi.fn());
    router.add('F', 'a', vi.fn());
    router.add('F', 'b', kept);
    router.addAny('a', vi.fn());
    router.removeChannel('a');
    expect([socket.listenerCount('E'), socket.listenerCount('F'), socket.anyListenerCount]).toEqual([0, 1, 0]);
    socket.serverEmit('F', 'b', 1);
    expect(kept).toHaveBeenCalledOnce();
  });

  it.each(['v4', 'v2'] as const)('listenToAll (%s): one hook for every channel, names as the formatter gives them back, protocol events skipped', (version) => {
    const { socket, router } = setup(version);
    const seen: unknown[] = [];
    const a = (name: string, data: unknown) => seen.push(['a', name, data]);
    router.addAny('a', a);
    router.addAny('a', a);
    router.addAny('b', (name, data) => seen.push(['b', name, data]));
    if (socket instanceof FakeSocketV4) expect(socket.anyListenerCount).toBe(1);
    socket.serverEmit('App\\Events\\X', 'a', 1);
    socket.serverEmit('presence:joining', 'a', {});
    socket.serverEmit('Y', 'b', 2);
    expect(seen).toEqual([
      ['a', 'name:App\\Events\\X', 1],
      ['b', 'name:Y', 2],
    ]);
    router.removeAny('a', a);
    router.removeAny('b');
    socket.serverEmit('Y', 'b', 3);
    expect(seen).toHaveLength(2);
    if (socket instanceof FakeSocketV4) expect(socket.anyListenerCount).toBe(0);
    else expect(socket.onevent).toBe(FakeSocketV2.prototype.onevent);
  });
});
