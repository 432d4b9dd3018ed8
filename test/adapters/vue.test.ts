// @vitest-environment happy-dom
// royalcms-echo/vue: every composable, over the real core (FakeEcho for the server side), with
// Vue Test Utils; channel names and events given as refs and getters.
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computed, defineComponent, effectScope, h, nextTick, ref, type Ref } from 'vue';
import {
  EchoPlugin,
  configureEcho,
  echo,
  provideEcho,
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
} from '../../src/vue';
import { FakeEcho } from '../../src/testing';

type User = { id: number; name: string };
const ALICE: User = { id: 1, name: 'Alice' };
const BOB: User = { id: 2, name: 'Bob' };

let fake: FakeEcho<User>;
const mounted: Array<{ unmount(): void }> = [];

/** Mounts a component whose setup() runs `setup` (with the fake provided app-wide). */
function withSetup<T>(setup: () => T, instance: FakeEcho<User> | FakeEcho = fake) {
  let result!: T;
  const wrapper = mount(
    defineComponent({
      setup() {
        result = setup();
        return () => null;
      },
    }),
    { global: { plugins: [[EchoPlugin, instance]] } },
  );
  mounted.push(wrapper);
  return { result, wrapper };
}

beforeEach(() => {
  fake = new FakeEcho<User>({ members: [ALICE] });
});
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

describe('useEcho', () => {
  it('subscribes in setup (channel() is there at once), delivers events, and leaves on unmount', () => {
    const seen: unknown[] = [];
    const { result, wrapper } = withSetup(() => useEcho('order.1', 'OrderShipped', (e) => seen.push(e)));
    expect(result.channel().name).toBe('private-order.1');
    fake.emit('private-order.1', 'OrderShipped', { id: 1 });
    expect(seen).toEqual([{ id: 1 }]);
    wrapper.unmount();
    fake.assertLeft('private-order.1');
  });

  it('follows a channel-name ref: leaves the old channel, subscribes the new one', async () => {
    const id = ref(1);
    withSetup(() => useEcho(() => `order.${id.value}`, 'OrderShipped', () => {}));
    id.value = 2;
    await nextTick();
    fake.assertLeft('private-order.1');
    fake.assertListening('private-order.2', 'OrderShipped');
  });

  it('follows a prop through a getter', async () => {
    const Order = defineComponent({
      props: { id: { type: Number, required: true } },
      setup(props) {
        useEcho(() => `order.${props.id}`, 'OrderShipped', () => {});
        return () => null;
      },
    });
    const wrapper = mount(Order, { props: { id: 1 }, global: { plugins: [[EchoPlugin, fake]] } });
    mounted.push(wrapper);
    await wrapper.setProps({ id: 3 });
    fake.assertLeft('private-order.1');
    fake.assertStillSubscribed('private-order.3');
  });

  it('follows an events ref by rebinding, without resubscribing', async () => {
    const events = ref<string[]>(['A']);
    const seen: string[] = [];
    withSetup(() => useEcho('order.1', events, (e: { n: string }) => seen.push(e.n)));
    events.value = ['B', 'C'];
    await nextTick();
    fake.emit('private-order.1', 'A', { n: 'a' });
    fake.emit('private-order.1', 'C', { n: 'c' });
    expect(seen).toEqual(['c']);
    fake.assertSubscriptionCount('private-order.1', 1);
    expect(fake.listenerCount('private-order.1')).toBe(2);
  });

  it('keeps receiving after its dependencies change (Laravel Echo Vue loses the subscription there)', async () => {
    const dep = ref(0);
    const seen = vi.fn();
    withSetup(() => useEcho('order.1', 'OrderShipped', seen, [dep]));
    dep.value++;
    await nextTick();
    fake.emit('private-order.1', 'OrderShipped', 1);
    expect(seen).toHaveBeenCalledTimes(1);
    fake.assertSubscriptionCount('private-order.1', 1);
  });

  it('a visibility ref moves between channel kinds', async () => {
    const visibility = ref<'public' | 'private'>('public');
    withSetup(() => useEcho('room.1', 'E', () => {}, [], visibility));
    fake.assertStillSubscribed('room.1');
    visibility.value = 'private';
    await nextTick();
    fake.assertLeft('room.1');
    fake.assertStillSubscribed('private-room.1');
  });

  it('two components on one channel share one subscription; the channel is left when the last unmounts', () => {
    const a = vi.fn();
    const b = vi.fn();
    const first = withSetup(() => useEcho('order.1', 'OrderShipped', a));
    const second = withSetup(() => useEcho('order.1', 'OrderShipped', b));
    fake.assertSubscriptionCount('private-order.1', 1);
    first.wrapper.unmount();
    fake.assertStillSubscribed('private-order.1');
    fake.emit('private-order.1', 'OrderShipped', 1);
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([0, 1]);
    second.wrapper.unmount();
    fake.assertLeft('private-order.1');
  });

  it('parent and child on one channel: any unmount order', async () => {
    const show = ref(true);
    const Child = defineComponent({
      setup() {
        useEchoPublic('news', 'Published', () => {});
        return () => null;
      },
    });
    const Parent = defineComponent({
      setup() {
        useEchoPublic('news', 'Published', () => {});
        return () => (show.value ? h(Child) : null);
      },
    });
    const wrapper = mount(Parent, { global: { plugins: [[EchoPlugin, fake]] } });
    show.value = false;
    await nextTick();
    fake.assertStillSubscribed('news');
    expect(fake.listenerCount('news', 'Published')).toBe(1);
    show.value = true;
    await nextTick();
    wrapper.unmount(); // parent and child together
    fake.assertLeft('news');
    fake.assertSubscriptionCount('news', 1);
  });

  it('stopListening(), listen(), leaveChannel() and leave()', () => {
    const seen = vi.fn();
    fake.channel('order.1');
    const { result } = withSetup(() => useEcho('order.1', 'OrderShipped', seen));
    result.stopListening();
    fake.emit('private-order.1', 'OrderShipped', 1);
    result.listen();
    fake.emit('private-order.1', 'OrderShipped', 2);
    expect(seen.mock.calls).toEqual([[2]]);
    result.leaveChannel();
    fake.assertLeft('private-order.1');
    expect(result.channel().name).toBe('private-order.1'); // the channel that was left
    result.listen();
    fake.assertStillSubscribed('private-order.1');
    result.leave();
    expect(fake.subscribedChannels()).toEqual([]);
  });

  it('works outside components: in an effectScope (left when it stops) and on its own (#438: it listens)', () => {
    configureEcho(fake);
    const scope = effectScope();
    const inScope = vi.fn();
    scope.run(() => useEcho('order.1', 'OrderShipped', inScope));
    const standalone = vi.fn();
    const alone = useEcho('order.2', 'OrderShipped', standalone);
    fake.emit('private-order.1', 'OrderShipped', 1);
    fake.emit('private-order.2', 'OrderShipped', 2);
    expect([inScope.mock.calls.length, standalone.mock.calls.length]).toEqual([1, 1]);
    scope.stop();
    fake.assertLeft('private-order.1');
    alone.leaveChannel();
    fake.assertLeft('private-order.2');
  });

  it('useEchoPresence subscribes to the presence channel', () => {
    withSetup(() => useEchoPresence('chat.1', 'Message', () => {}));
    fake.assertListening('presence-chat.1', 'Message');
  });
});

describe('useEchoNotification', () => {
  it('filters by type (dots or backslashes) and follows a type ref without resubscribing', async () => {
    const type = ref('App.Notifications.A');
    const seen = vi.fn();
    withSetup(() => useEchoNotification('App.User.1', seen, type));
    fake.emitNotification('private-App.User.1', { type: 'App\\Notifications\\A' });
    type.value = 'App\\Notifications\\B';
    await nextTick();
    fake.emitNotification('private-App.User.1', { type: 'App\\Notifications\\A' });
    fake.emitNotification('private-App.User.1', { type: 'App\\Notifications\\B' });
    expect(seen.mock.calls.map(([n]) => n.type)).toEqual(['App\\Notifications\\A', 'App\\Notifications\\B']);
    fake.assertSubscriptionCount('private-App.User.1', 1);
  });
});

describe('useEchoModel', () => {
  it('follows an identifier ref', async () => {
    const id = ref(1);
    const seen = vi.fn();
    withSetup(() => useEchoModel('App.Models.Post', id, 'PostUpdated', seen));
    fake.emit('private-App.Models.Post.1', '.PostUpdated', { model: 1 });
    id.value = 2;
    await nextTick();
    fake.assertLeft('private-App.Models.Post.1');
    fake.emit('private-App.Models.Post.2', '.PostUpdated', { model: 2 });
    expect(seen.mock.calls).toEqual([[{ model: 1 }], [{ model: 2 }]]);
  });
});

describe('useChannel and its variants', () => {
  it('hold channels without listening; channel() whispers', () => {
    const { result, wrapper } = withSetup(() => ({ chat: useChannel('chat.1'), news: usePublicChannel('news'), room: usePresenceChannel('room.1') }));
    expect(fake.subscribedChannels().sort()).toEqual(['news', 'presence-room.1', 'private-chat.1']);
    result.chat.channel().whisper('typing', { on: true });
    fake.assertWhispered('private-chat.1', 'typing', { on: true });
    wrapper.unmount();
    expect(fake.subscribedChannels()).toEqual([]);
  });
});

describe('usePresenceMembers', () => {
  it('is a ref of the live, de-duplicated members, following a channel-name ref', async () => {
    const room = ref(1);
    const { result } = withSetup(() => usePresenceMembers<User>(computed(() => `chat.${room.value}`)));
    const members: Readonly<Ref<User[]>> = result;
    expect(members.value).toEqual([ALICE]);
    fake.emitJoining('presence-chat.1', BOB);
    fake.emitJoining('presence-chat.1', BOB);
    expect(members.value).toEqual([ALICE, BOB]);
    fake.setConnectionStatus('reconnecting');
    expect(members.value).toEqual([]);
    fake.setConnectionStatus('connected');
    expect(members.value).toEqual([ALICE, BOB]);
    room.value = 2;
    await nextTick();
    fake.assertLeft('presence-chat.1');
    expect(members.value).toEqual([ALICE]);
  });
});

describe('useConnectionStatus and useSocketId', () => {
  it('are refs that follow every connection change', () => {
    const { result } = withSetup(() => ({ status: useConnectionStatus(), id: useSocketId() }));
    expect([result.status.value, result.id.value]).toEqual(['connected', '1234.5678']);
    fake.setConnectionStatus('reconnecting');
    expect([result.status.value, result.id.value]).toEqual(['reconnecting', undefined]);
    fake.disconnect();
    expect(result.status.value).toBe('disconnected');
  });
});

describe('providing instances', () => {
  it('provideEcho() gives a subtree its own instance; the rest of the app uses the plugin’s', () => {
    const other = new FakeEcho();
    const Leaf = defineComponent({
      props: { name: { type: String, required: true } },
      setup(props) {
        useEcho(props.name, 'E', () => {});
        return () => null;
      },
    });
    const Section = defineComponent({
      setup() {
        provideEcho(other);
        return () => h(Leaf, { name: 'b' });
      },
    });
    mounted.push(mount(() => [h(Leaf, { name: 'a' }), h(Section)], { global: { plugins: [[EchoPlugin, fake]] } }));
    expect(fake.subscribedChannels()).toEqual(['private-a']);
    expect(other.subscribedChannels()).toEqual(['private-b']);
  });

  it('configureEcho(): the default for apps without the plugin; configuring again moves mounted composables', async () => {
    const first = new FakeEcho();
    const second = new FakeEcho();
    configureEcho(first);
    const wrapper = mount(
      defineComponent({
        setup() {
          useEcho('order.1', 'OrderShipped', () => {});
          return { instance: useEchoInstance(), status: useConnectionStatus() };
        },
        render: () => null,
      }),
    );
    mounted.push(wrapper);
    first.assertStillSubscribed('private-order.1');
    configureEcho(second);
    await nextTick();
    expect(first.connectionStatus()).toBe('disconnected');
    first.assertLeft('private-order.1');
    second.assertStillSubscribed('private-order.1');
    expect(echo()).toBe(second);
  });
});

describe('application code tested with FakeEcho', () => {
  const OrderStatus = defineComponent({
    props: { orderId: { type: Number, required: true } },
    setup(props) {
      const status = ref('pending');
      useEcho<{ order: { status: string } }>(() => `order.${props.orderId}`, 'OrderShipped', (e) => (status.value = e.order.status));
      const members = usePresenceMembers<User>('chat.1');
      return () => h('p', [`Order ${props.orderId}: ${status.value}`, ...members.value.map((m) => h('b', m.name))]);
    },
  });

  it('renders what the server sends', async () => {
    const wrapper = mount(OrderStatus, { props: { orderId: 5 }, global: { plugins: [[EchoPlugin, fake]] } });
    expect(wrapper.text()).toBe('Order 5: pendingAlice');
    fake.emit('private-order.5', 'OrderShipped', { order: { status: 'shipped' } });
    fake.emitJoining('presence-chat.1', BOB);
    await nextTick();
    expect(wrapper.text()).toBe('Order 5: shippedAliceBob');
    wrapper.unmount();
    fake.assertLeft('private-order.5');
    fake.assertLeft('presence-chat.1');
  });
});
