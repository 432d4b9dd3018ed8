// royalcms-echo/testing on its own: FakeEcho used the way an application's own tests use it,
// against application code written for a real Echo.
import { describe, expect, it, vi } from 'vitest';
import { acquireChannel, type BroadcasterKey, type EchoBase, type PresenceChannel } from '../../src/index';
import { FakeEcho, FakeEchoAssertionError } from '../../src/testing';

/** Application code under test: written against any Echo instance. */
function watchOrder(echo: EchoBase<BroadcasterKey>, orderId: number, onStatus: (status: string) => void): () => void {
  const { channel, release } = acquireChannel(echo, 'private', `order.${orderId}`);
  const listener = (e: { order: { status: string } }) => onStatus(e.order.status);
  channel.listen('OrderShipped', listener);
  return () => {
    channel.stopListening('OrderShipped', listener);
    release();
  };
}

const expectAssertion = (fn: () => void, ...fragments: string[]) => {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(FakeEchoAssertionError);
  expect((caught as Error).name).toBe('AssertionError');
  for (const fragment of fragments) expect((caught as Error).message).toContain(fragment);
};

describe('FakeEcho', () => {
  it('records subscriptions, delivers events by the namespace rules, and asserts the lifecycle', async () => {
    const echo = new FakeEcho();
    const seen: string[] = [];
    const stop = watchOrder(echo, 1, (status) => seen.push(status));

    echo.assertSubscribed('private-order.1');
    echo.assertStillSubscribed('private-order.1');
    echo.assertListening('private-order.1', 'OrderShipped');
    expect(echo.emit('private-order.1', 'OrderShipped', { order: { status: 'shipped' } })).toBe(1);
    expect(echo.emit('private-order.1', '.App\\Events\\OrderShipped', { order: { status: 'raw' } })).toBe(1);
    expect(echo.emit('private-order.1', 'OrderCancelled', {})).toBe(0);
    expect(seen).toEqual(['shipped', 'raw']);

    stop();
    echo.assertLeft('private-order.1'); // assertions settle the core's deferred leave themselves
    echo.assertNotSubscribed('private-order.1');
    echo.assertSubscriptionCount('private-order.1', 1);
    expect(echo.history()).toEqual([
      { type: 'subscribe', channel: 'private-order.1' },
      { type: 'leave', channel: 'private-order.1' },
    ]);
  });

  it('fails its assertions with messages that say what was expected and what is subscribed', () => {
    const echo = new FakeEcho();
    echo.private('order.1');
    expectAssertion(() => echo.assertSubscribed('order.1'), '"order.1"', 'Did you mean "private-order.1"?', 'Subscribed now: "private-order.1"');
    expectAssertion(() => echo.assertNotSubscribed('private-order.1'), 'not to be subscribed');
    expectAssertion(() => echo.assertLeft('private-order.1'), 'still subscribed');
    expectAssertion(() => echo.assertListening('private-order.1', 'OrderShipped'), 'listener for "OrderShipped"');
    expectAssertion(() => echo.assertSubscriptionCount('private-order.1', 2), 'subscribed 2 time(s), but it was subscribed 1 time(s)');
    expectAssertion(() => echo.emit('news', 'X'), 'to be subscribed for emit()');
    echo.leaveChannel('private-order.1');
    expectAssertion(() => echo.assertStillSubscribed('private-order.1'), 'it was left');
    expectAssertion(() => echo.assertStillSubscribed('orders'), 'it never was');
  });

  it('honours the namespace option like a real instance', () => {
    const echo = new FakeEcho({ namespace: 'Shop.Events' });
    const listener = vi.fn();
    echo.channel('orders').listen('OrderShipped', listener);
    echo.emit('orders', '.Shop\\Events\\OrderShipped', { id: 1 });
    expect(listener).toHaveBeenCalledWith({ id: 1 });
  });

  it('delivers whispers and notifications, and records the whispers the application sends', () => {
    const echo = new FakeEcho();
    const typing = vi.fn();
    const notified = vi.fn();
    const chat = echo.private('chat.1').listenForWhisper('typing', typing);
    echo.private('App.User.1').notification(notified);

    echo.emitWhisper('private-chat.1', 'typing', { name: 'Bob' });
    echo.emitNotification('private-App.User.1', { type: 'App\\Notifications\\InvoicePaid', amount: 5 });
    chat.whisper('typing', { name: 'Alice' });

    expect(typing).toHaveBeenCalledWith({ name: 'Bob' });
    expect(notified).toHaveBeenCalledWith({ id: 'fake-notification-id', type: 'App\\Notifications\\InvoicePaid', amount: 5 });
    expect(typing).toHaveBeenCalledTimes(1); // your own whisper never comes back
    echo.assertWhispered('private-chat.1', 'typing', { name: 'Alice' });
    expectAssertion(() => echo.assertWhispered('private-chat.1', 'typing', { name: 'Eve' }), 'whispers sent there');
    expect(echo.whispers()).toEqual([{ channel: 'private-chat.1', event: 'typing', data: { name: 'Alice' } }]);
  });

  it('listenToAll receives names as listen() takes them', () => {
    const echo = new FakeEcho();
    const all = vi.fn();
    echo.channel('orders').listenToAll(all);
    echo.emit('orders', 'OrderShipped', 1);
    echo.emit('orders', '.raw.event', 2);
    expect(all.mock.calls).toEqual([
      ['OrderShipped', 1],
      ['.raw.event', 2],
    ]);
  });

  it('plays presence: starting members, joins and leaves de-duplicated by id, a lost connection and its return', () => {
    type User = { id: number; name: string };
    const me = { id: 1, name: 'Alice' };
    const echo = new FakeEcho<User>({ members: [me] });
    const channel = echo.join('chat.1') as PresenceChannel<User>;
    const here = vi.fn();
    const joining = vi.fn();
    const leaving = vi.fn();
    channel.here(here).joining(joining).leaving(leaving);
    expect(here).toHaveBeenCalledWith([me]);

    echo.emitJoining('presence-chat.1', { id: 2, name: 'Bob' });
    echo.emitJoining('presence-chat.1', { id: 2, name: 'Bob' }); // a second tab of Bob
    expect(joining).toHaveBeenCalledTimes(1);
    expect(channel.members()).toEqual([me, { id: 2, name: 'Bob' }]);

    echo.setConnectionStatus('reconnecting');
    expect(channel.members()).toEqual([]);
    echo.setConnectionStatus('connected');
    expect(channel.members()).toEqual([me, { id: 2, name: 'Bob' }]);

    echo.emitLeaving('presence-chat.1', 2);
    expect(leaving).toHaveBeenCalledWith({ id: 2, name: 'Bob' });
    echo.emitHere('presence-chat.1', [{ id: 3, name: 'Carol' }]);
    expect(channel.members()).toEqual([{ id: 3, name: 'Carol' }]);
    expectAssertion(() => echo.emitJoining('presence-chat.1', { name: 'nobody' } as unknown as User), 'has no id');
    expectAssertion(() => echo.emitHere('private-x', []), 'to be subscribed');
  });

  it('reports subscription errors to error() and lets retry() subscribe again', () => {
    const echo = new FakeEcho();
    const channel = echo.private('order.9');
    const error = vi.fn();
    channel.error(error);
    echo.emitSubscriptionError('private-order.9', { status: 401, reason: 'unauthenticated' });
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ channel: 'private-order.9', status: 401, reason: 'unauthenticated' }));
    expect(channel.isSubscribed).toBe(false);
    channel.retry();
    expect(channel.isSubscribed).toBe(true);
    echo.assertSubscriptionCount('private-order.9', 2);
  });

  it('follows connection changes: status, socket id and listeners', () => {
    const echo = new FakeEcho({ status: 'connecting', socketId: '42.1' });
    const changes = vi.fn();
    echo.onConnectionChange(changes);
    expect(echo.connectionStatus()).toBe('connecting');
    expect(echo.socketId()).toBeUndefined();
    echo.setConnectionStatus('connected');
    expect(echo.socketId()).toBe('42.1');
    expect(echo.socketIdHeaders()).toEqual({ 'X-Socket-ID': '42.1' });
    echo.disconnect();
    expect(changes.mock.calls).toEqual([
      ['connected', 'connecting'],
      ['disconnected', 'connected'],
    ]);
  });

  it('counts listeners per event and in total', () => {
    const echo = new FakeEcho();
    const a = () => {};
    echo.channel('orders').listen('A', a).listen('A', () => {}).listen('B', a);
    expect(echo.listenerCount('orders', 'A')).toBe(2);
    expect(echo.listenerCount('orders')).toBe(3);
    echo.channel('orders').stopListening('A', a);
    expect(echo.listenerCount('orders', 'A')).toBe(1);
    echo.assertNotListening('orders', 'C');
    expect(echo.listenerCount('nowhere', 'A')).toBe(0);
  });

  it('encrypted private channels refuse whispers like the real ones', () => {
    const echo = new FakeEcho();
    expect(() => echo.encryptedPrivate('vault').whisper('x' as never, {})).toThrow(/not supported on encrypted channels/);
  });
});
