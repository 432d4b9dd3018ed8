// @vitest-environment happy-dom
// royalcms-echo/react: every hook, over the real core (FakeEcho for the server side, and a
// pusher-js fake where the wire matters), with React Testing Library.
import { act, cleanup, render, renderHook } from '@testing-library/react';
import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EchoProvider,
  configureEcho,
  echo,
  echoIsConfigured,
  useChannel,
  useConnectionStatus,
  useEcho,
  useEchoInstance,
  useEchoModel,
  useEchoNotification,
  useEchoPresence,
  useEchoPublic,
  usePresenceChannel,
  usePresenceMembers,
  usePublicChannel,
  useSocketId,
} from '../../src/react';
import { FakeEcho } from '../../src/testing';
import { flush, pusherEcho } from '../unit/support';

type User = { id: number; name: string };
const ALICE: User = { id: 1, name: 'Alice' };
const BOB: User = { id: 2, name: 'Bob' };

let fake: FakeEcho<User>;
const wrapper = ({ children }: { children: ReactNode }) => <EchoProvider echo={fake}>{children}</EchoProvider>;

beforeEach(() => {
  fake = new FakeEcho<User>({ members: [ALICE] });
});
afterEach(() => cleanup());

describe('useEcho', () => {
  it('subscribes to the private channel on mount, delivers events, and leaves on unmount', () => {
    const seen: unknown[] = [];
    const { unmount } = renderHook(() => useEcho('order.1', 'OrderShipped', (e) => seen.push(e)), { wrapper });
    fake.assertStillSubscribed('private-order.1');
    act(() => void fake.emit('private-order.1', 'OrderShipped', { id: 1 }));
    expect(seen).toEqual([{ id: 1 }]);
    unmount();
    fake.assertLeft('private-order.1');
  });

  it('calls the latest callback: a new callback or new dependencies never resubscribe or rebind', () => {
    const calls: string[] = [];
    const { rerender } = renderHook(({ label, dep }) => useEcho('order.1', 'OrderShipped', () => calls.push(label), [dep]), {
      wrapper,
      initialProps: { label: 'first', dep: 1 },
    });
    const listen = vi.spyOn(fake.private('order.1'), 'listen');
    const stopListening = vi.spyOn(fake.private('order.1'), 'stopListening');
    rerender({ label: 'second', dep: 2 });
    rerender({ label: 'third', dep: 3 });
    act(() => void fake.emit('private-order.1', 'OrderShipped', {}));
    expect(calls).toEqual(['third']);
    expect([listen.mock.calls.length, stopListening.mock.calls.length]).toEqual([0, 0]);
    fake.assertSubscriptionCount('private-order.1', 1);
    expect(fake.listenerCount('private-order.1', 'OrderShipped')).toBe(1);
  });

  it('rebinds on other events without resubscribing', () => {
    const seen: string[] = [];
    const { rerender } = renderHook(({ events }) => useEcho('order.1', events, (e: { n: string }) => seen.push(e.n)), {
      wrapper,
      initialProps: { events: ['A', 'B'] },
    });
    rerender({ events: ['A', 'B'] }); // a new array with the same events: nothing happens
    expect(fake.listenerCount('private-order.1')).toBe(2);
    rerender({ events: ['C'] });
    fake.assertNotListening('private-order.1', 'A');
    act(() => void fake.emit('private-order.1', 'C', { n: 'c' }));
    act(() => void fake.emit('private-order.1', 'A', { n: 'a' }));
    expect(seen).toEqual(['c']);
    fake.assertSubscriptionCount('private-order.1', 1);
  });

  it('moves to another channel when the name changes, leaving the old one', () => {
    const { rerender } = renderHook(({ id }) => useEcho(`order.${id}`, 'OrderShipped', () => {}), { wrapper, initialProps: { id: 1 } });
    rerender({ id: 2 });
    fake.assertLeft('private-order.1');
    fake.assertStillSubscribed('private-order.2');
    fake.assertListening('private-order.2', 'OrderShipped');
  });

  it('React StrictMode double mounting leaves exactly one subscription and one listener', () => {
    const seen: unknown[] = [];
    const { unmount } = renderHook(() => useEcho('order.1', 'OrderShipped', (e) => seen.push(e)), { wrapper, reactStrictMode: true });
    fake.assertSubscriptionCount('private-order.1', 1);
    expect(fake.listenerCount('private-order.1', 'OrderShipped')).toBe(1);
    act(() => void fake.emit('private-order.1', 'OrderShipped', 'once'));
    expect(seen).toEqual(['once']);
    unmount();
    fake.assertLeft('private-order.1');
  });

  it('StrictMode sends one pusher-js subscribe and no unsubscribe through the real Pusher connector', async () => {
    const { echo: real, pusher } = pusherEcho();
    const { unmount } = renderHook(() => useEcho('order.1', 'OrderShipped', () => {}), {
      wrapper: ({ children }) => <EchoProvider echo={real}>{children}</EchoProvider>,
      reactStrictMode: true,
    });
    await act(flush);
    expect(pusher.calls.filter((call) => call.includes('order.1'))).toEqual(['subscribe:private-order.1']);
    unmount();
    await flush();
    expect(pusher.calls.filter((call) => call.includes('order.1'))).toEqual(['subscribe:private-order.1', 'unsubscribe:private-order.1']);
  });

  it('StrictMode really mounts twice here (render with <StrictMode>), and still one subscription', () => {
    let effects = 0;
    const Counter = () => {
      useEcho('order.1', 'OrderShipped', () => {});
      useEffect(() => void effects++, []);
      return null;
    };
    const { unmount } = render(
      <StrictMode>
        <EchoProvider echo={fake}>
          <Counter />
        </EchoProvider>
      </StrictMode>,
    );
    expect(effects).toBe(2);
    fake.assertSubscriptionCount('private-order.1', 1);
    expect(fake.history()).toEqual([{ type: 'subscribe', channel: 'private-order.1' }]);
    unmount();
    fake.assertLeft('private-order.1');
  });

  it('two components on one channel share one subscription; the channel is left when the last unmounts', () => {
    const a = vi.fn();
    const b = vi.fn();
    const A = () => (useEcho('order.1', 'OrderShipped', a), null);
    const B = () => (useEcho('order.1', 'OrderShipped', b), null);
    const App = ({ showA, showB }: { showA: boolean; showB: boolean }) => (
      <EchoProvider echo={fake}>
        {showA && <A />}
        {showB && <B />}
      </EchoProvider>
    );
    const { rerender, unmount } = render(<App showA showB />);
    fake.assertSubscriptionCount('private-order.1', 1);
    act(() => void fake.emit('private-order.1', 'OrderShipped', 1));
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 1]);

    rerender(<App showA={false} showB />);
    fake.assertStillSubscribed('private-order.1');
    act(() => void fake.emit('private-order.1', 'OrderShipped', 2));
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 2]);

    unmount();
    fake.assertLeft('private-order.1');
    fake.assertSubscriptionCount('private-order.1', 1);
  });

  it('unmount order does not matter: parent first, child first, or both at once', () => {
    const Child = () => (useEcho('news', 'Published', () => {}, [], 'public'), null);
    const Parent = ({ child }: { child: boolean }) => {
      useEcho('news', 'Published', () => {}, [], 'public');
      return child ? <Child /> : null;
    };
    const { rerender, unmount } = render(
      <EchoProvider echo={fake}>
        <Parent child />
      </EchoProvider>,
    );
    rerender(
      <EchoProvider echo={fake}>
        <Parent child={false} />
      </EchoProvider>,
    );
    fake.assertStillSubscribed('news');
    expect(fake.listenerCount('news', 'Published')).toBe(1);
    unmount();
    fake.assertLeft('news');

    const again = render(
      <EchoProvider echo={fake}>
        <Parent child />
      </EchoProvider>,
    );
    fake.assertStillSubscribed('news');
    again.unmount();
    fake.assertLeft('news');
    fake.assertSubscriptionCount('news', 2);
  });

  it('stopListening() / listen() toggle this component’s listener only', () => {
    const mine = vi.fn();
    const other = vi.fn();
    const { result } = renderHook(
      () => {
        const own = useEcho('order.1', 'OrderShipped', mine);
        useEcho('order.1', 'OrderShipped', other);
        return own;
      },
      { wrapper },
    );
    act(() => result.current.stopListening());
    act(() => void fake.emit('private-order.1', 'OrderShipped', 1));
    expect([mine.mock.calls.length, other.mock.calls.length]).toEqual([0, 1]);
    act(() => result.current.listen());
    act(() => void fake.emit('private-order.1', 'OrderShipped', 2));
    expect([mine.mock.calls.length, other.mock.calls.length]).toEqual([1, 2]);
    fake.assertSubscriptionCount('private-order.1', 1);
  });

  it('leaveChannel() gives up this component’s hold; listen() subscribes again; leave() also drops unheld variants', () => {
    fake.channel('order.1'); // the public variant, subscribed by other code
    const { result } = renderHook(() => useEcho('order.1', 'OrderShipped', () => {}), { wrapper });
    expect(result.current.channel()?.name).toBe('private-order.1');
    act(() => result.current.leaveChannel());
    fake.assertLeft('private-order.1');
    expect(result.current.channel()).toBeNull();
    act(() => result.current.listen());
    fake.assertStillSubscribed('private-order.1');
    fake.assertListening('private-order.1', 'OrderShipped');
    act(() => result.current.leave());
    expect(fake.subscribedChannels()).toEqual([]);
  });

  it('returns the same functions on every render', () => {
    const { result, rerender } = renderHook(() => useEcho('order.1', 'A', () => {}), { wrapper });
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
  });

  it('useEchoPublic and useEchoPresence pick the channel kind', () => {
    renderHook(
      () => {
        useEchoPublic('news', 'Published', () => {});
        useEchoPresence('chat.1', 'Message', () => {});
      },
      { wrapper },
    );
    expect(fake.subscribedChannels().sort()).toEqual(['news', 'presence-chat.1']);
  });
});

describe('useEchoNotification', () => {
  it('receives notifications, filtered by type written with dots or backslashes', () => {
    const all = vi.fn();
    const paid = vi.fn();
    renderHook(
      () => {
        useEchoNotification('App.User.1', all);
        useEchoNotification('App.User.1', paid, 'App.Notifications.InvoicePaid');
      },
      { wrapper },
    );
    fake.assertSubscriptionCount('private-App.User.1', 1);
    act(() => void fake.emitNotification('private-App.User.1', { type: 'App\\Notifications\\InvoicePaid' }));
    act(() => void fake.emitNotification('private-App.User.1', { type: 'App\\Notifications\\Other' }));
    expect(all).toHaveBeenCalledTimes(2);
    expect(paid).toHaveBeenCalledTimes(1);
    expect(paid.mock.calls[0]![0]).toMatchObject({ type: 'App\\Notifications\\InvoicePaid', id: 'fake-notification-id' });
  });

  it('follows a new type filter without resubscribing', () => {
    const seen = vi.fn();
    const { rerender } = renderHook(({ type }) => useEchoNotification('App.User.1', seen, type), {
      wrapper,
      initialProps: { type: 'App\\Notifications\\A' },
    });
    rerender({ type: 'App\\Notifications\\B' });
    act(() => void fake.emitNotification('private-App.User.1', { type: 'App\\Notifications\\A' }));
    act(() => void fake.emitNotification('private-App.User.1', { type: 'App\\Notifications\\B' }));
    expect(seen.mock.calls.map(([n]) => n.type)).toEqual(['App\\Notifications\\B']);
    fake.assertSubscriptionCount('private-App.User.1', 1);
    expect(fake.listenerCount('private-App.User.1')).toBe(1);
  });
});

describe('useEchoModel', () => {
  it("listens on the model's private channel for its events as broadcast (leading dot added)", () => {
    const updated = vi.fn();
    renderHook(() => useEchoModel<{ title: string }, 'App.Models.Post'>('App.Models.Post', 7, ['PostUpdated', '.PostDeleted'], updated), {
      wrapper,
    });
    fake.assertListening('private-App.Models.Post.7', '.PostUpdated');
    fake.assertListening('private-App.Models.Post.7', '.PostDeleted');
    act(() => void fake.emit('private-App.Models.Post.7', '.PostUpdated', { model: { title: 'T' } }));
    expect(updated).toHaveBeenCalledWith({ model: { title: 'T' } });
  });
});

describe('useChannel and its variants', () => {
  it('hold a channel without listening, and channel() reaches it (for whisper)', () => {
    const { result, unmount } = renderHook(
      () => ({ chat: useChannel('chat.1'), news: usePublicChannel('news'), room: usePresenceChannel('room.1') }),
      { wrapper },
    );
    expect(fake.subscribedChannels().sort()).toEqual(['news', 'presence-room.1', 'private-chat.1']);
    expect(fake.listenerCount('private-chat.1')).toBe(0);
    result.current.chat.channel()?.whisper('typing', { on: true });
    fake.assertWhispered('private-chat.1', 'typing', { on: true });
    unmount();
    expect(fake.subscribedChannels()).toEqual([]);
  });

  it('channel() is null before the first effect', () => {
    let during: unknown = 'unset';
    const Probe = () => {
      const { channel } = useChannel('chat.1');
      if (during === 'unset') during = channel();
      return null;
    };
    render(
      <EchoProvider echo={fake}>
        <Probe />
      </EchoProvider>,
    );
    expect(during).toBeNull();
  });
});

describe('usePresenceMembers', () => {
  it('returns the live, de-duplicated member list', () => {
    const { result } = renderHook(() => usePresenceMembers<User>('chat.1'), { wrapper });
    expect(result.current).toEqual([ALICE]);
    act(() => fake.emitJoining('presence-chat.1', BOB));
    act(() => fake.emitJoining('presence-chat.1', BOB)); // Bob's second tab
    expect(result.current).toEqual([ALICE, BOB]);
    act(() => fake.emitLeaving('presence-chat.1', BOB));
    expect(result.current).toEqual([ALICE]);
    act(() => fake.emitHere('presence-chat.1', [BOB, ALICE]));
    expect(result.current).toEqual([BOB, ALICE]);
  });

  it('is empty while the connection is lost and refills when it returns', () => {
    const { result } = renderHook(() => usePresenceMembers<User>('chat.1'), { wrapper });
    act(() => fake.setConnectionStatus('reconnecting'));
    expect(result.current).toEqual([]);
    act(() => fake.setConnectionStatus('connected'));
    expect(result.current).toEqual([ALICE]);
  });

  it('shares the presence channel with useEchoPresence, follows a new channel name, and leaves with the last user', () => {
    const { result, rerender, unmount } = renderHook(
      ({ room }) => {
        useEchoPresence(`chat.${room}`, 'Message', () => {});
        return usePresenceMembers<User>(`chat.${room}`);
      },
      { wrapper, initialProps: { room: 1 } },
    );
    fake.assertSubscriptionCount('presence-chat.1', 1);
    rerender({ room: 2 });
    fake.assertLeft('presence-chat.1');
    act(() => fake.emitJoining('presence-chat.2', BOB));
    expect(result.current).toEqual([ALICE, BOB]);
    unmount();
    fake.assertLeft('presence-chat.2');
  });

  it('keeps one subscription under StrictMode', () => {
    const { result } = renderHook(() => usePresenceMembers<User>('chat.1'), { wrapper, reactStrictMode: true });
    fake.assertSubscriptionCount('presence-chat.1', 1);
    act(() => fake.emitJoining('presence-chat.1', BOB));
    expect(result.current).toEqual([ALICE, BOB]);
  });
});

describe('useConnectionStatus and useSocketId', () => {
  it('follow every connection change', () => {
    const { result } = renderHook(() => ({ status: useConnectionStatus(), id: useSocketId() }), { wrapper });
    expect(result.current).toEqual({ status: 'connected', id: '1234.5678' });
    act(() => fake.setConnectionStatus('reconnecting'));
    expect(result.current).toEqual({ status: 'reconnecting', id: undefined });
    act(() => fake.setConnectionStatus('connected'));
    expect(result.current).toEqual({ status: 'connected', id: '1234.5678' });
    act(() => fake.disconnect());
    expect(result.current.status).toBe('disconnected');
  });
});

describe('providers and the default instance', () => {
  it('nested providers give each subtree its own instance', () => {
    const other = new FakeEcho();
    const Listener = ({ name }: { name: string }) => (useEcho(name, 'E', () => {}), null);
    render(
      <EchoProvider echo={fake}>
        <Listener name="a" />
        <EchoProvider echo={other}>
          <Listener name="b" />
        </EchoProvider>
      </EchoProvider>,
    );
    expect(fake.subscribedChannels()).toEqual(['private-a']);
    expect(other.subscribedChannels()).toEqual(['private-b']);
  });

  it('a component moves to a new provided instance', () => {
    const other = new FakeEcho();
    const Listener = () => (useEcho('a', 'E', () => {}), null);
    const App = ({ instance }: { instance: FakeEcho }) => (
      <EchoProvider echo={instance}>
        <Listener />
      </EchoProvider>
    );
    const { rerender } = render(<App instance={fake} />);
    rerender(<App instance={other} />);
    fake.assertLeft('private-a');
    other.assertStillSubscribed('private-a');
  });

  it('configureEcho() sets the default instance; configuring again disconnects the old one and hooks move over', () => {
    const first = new FakeEcho();
    const second = new FakeEcho();
    configureEcho(first);
    expect(echoIsConfigured()).toBe(true);
    expect(echo()).toBe(first);
    const { result } = renderHook(() => {
      useEcho('order.1', 'OrderShipped', () => {});
      return { status: useConnectionStatus(), instance: useEchoInstance() };
    });
    first.assertStillSubscribed('private-order.1');
    expect(result.current.instance).toBe(first);

    act(() => configureEcho(second));
    expect(first.connectionStatus()).toBe('disconnected');
    first.assertLeft('private-order.1');
    second.assertStillSubscribed('private-order.1');
    expect(result.current.instance).toBe(second);
    expect(result.current.status).toBe('connected');
  });

  it('configureEcho(options) builds the default instance lazily, from the options of new Echo()', () => {
    configureEcho({ broadcaster: 'null', withoutInterceptors: true });
    const { result } = renderHook(() => useConnectionStatus());
    expect(result.current).toBe('connected');
    expect(echo().channel('x').name).toBe('x');
  });
});

describe('an unconfigured default instance', () => {
  it('echo() throws an EchoError that says what to do', async () => {
    vi.resetModules();
    const fresh = await import('../../src/react');
    expect(fresh.echoIsConfigured()).toBe(false);
    expect(() => fresh.echo()).toThrow(/configureEcho\(\{ broadcaster: \.\.\. \}\).*EchoProvider/);
    expect(() => fresh.configureEcho(undefined as never)).toThrow(/configureEcho\(\) needs/);
  });
});

describe('application code tested with FakeEcho', () => {
  function OrderStatus({ orderId }: { orderId: number }) {
    const [status, setStatus] = useState('pending');
    useEcho<{ order: { status: string } }>(`order.${orderId}`, 'OrderShipped', (e) => setStatus(e.order.status));
    return <p>Order {orderId}: {status}</p>;
  }

  function Room({ roomId }: { roomId: number }) {
    const members = usePresenceMembers<User>(`chat.${roomId}`);
    return <ul>{members.map((member) => <li key={member.id}>{member.name}</li>)}</ul>;
  }

  it('renders what the server sends', () => {
    const view = render(
      <EchoProvider echo={fake}>
        <OrderStatus orderId={5} />
        <Room roomId={1} />
      </EchoProvider>,
    );
    expect(view.container.textContent).toBe('Order 5: pendingAlice');
    act(() => void fake.emit('private-order.5', 'OrderShipped', { order: { status: 'shipped' } }));
    act(() => fake.emitJoining('presence-chat.1', BOB));
    expect(view.container.textContent).toBe('Order 5: shippedAliceBob');
    view.unmount();
    fake.assertLeft('private-order.5');
    fake.assertLeft('presence-chat.1');
  });
});
