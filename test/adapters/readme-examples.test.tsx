// @vitest-environment happy-dom
// The React examples of the README's "React and Vue" and "Testing your components" sections,
// as written there (components and tests), so the documentation stays true.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, expect, it } from 'vitest';
import {
  EchoProvider,
  useChannel,
  useConnectionStatus,
  useEcho,
  useEchoModel,
  useEchoNotification,
  usePresenceMembers,
} from '../../src/react';
import { FakeEcho } from '../../src/testing';

afterEach(() => cleanup());

type User = { id: number; name: string };

function OrderStatus({ orderId }: { orderId: number }) {
  const [status, setStatus] = useState('pending');
  useEcho<{ order: { status: string } }>(`order.${orderId}`, 'OrderShipped', (e) => setStatus(e.order.status));
  return <p>Order {orderId}: {status}</p>;
}

function ChatRoom({ roomId, me }: { roomId: number; me: User }) {
  const members = usePresenceMembers<User>(`chat.${roomId}`);
  const { channel } = useChannel(`chat.${roomId}`);
  const [typing, setTyping] = useState('');
  useEcho<{ name: string }>(`chat.${roomId}`, '.client-typing', (e) => setTyping(e.name));
  return (
    <>
      <ul>{members.map((member) => <li key={member.id}>{member.name}</li>)}</ul>
      {typing && <p>{typing} is typing…</p>}
      <input aria-label="message" onChange={() => channel()?.whisper('typing', { name: me.name })} />
    </>
  );
}

function Invoices({ userId }: { userId: number }) {
  const [paid, setPaid] = useState<number[]>([]);
  useEchoNotification<{ amount: number }>(`App.User.${userId}`, (n) => setPaid((list) => [...list, n.amount]), 'App.Notifications.InvoicePaid');
  useEchoModel<{ title: string }, 'App.Models.Post'>('App.Models.Post', 7, ['PostUpdated'], () => {});
  return <p>{paid.length} invoices paid</p>;
}

function App() {
  const status = useConnectionStatus();
  return (
    <>
      <span className={`badge ${status}`}>{status}</span>
      <OrderStatus orderId={5} />
      <ChatRoom roomId={1} me={{ id: 1, name: 'Alice' }} />
      <Invoices userId={1} />
    </>
  );
}

it('shows the status the server sends, and leaves the channel on unmount', () => {
  const echo = new FakeEcho();
  const view = render(<EchoProvider echo={echo}><OrderStatus orderId={5} /></EchoProvider>);

  echo.assertStillSubscribed('private-order.5');
  echo.assertListening('private-order.5', 'OrderShipped');
  act(() => void echo.emit('private-order.5', 'OrderShipped', { order: { status: 'shipped' } }));
  expect(screen.getByText('Order 5: shipped')).toBeTruthy();

  view.unmount();
  echo.assertLeft('private-order.5');
});

it('lists who is in the room and whispers while typing', () => {
  const me = { id: 1, name: 'Alice' };
  const echo = new FakeEcho({ members: [me] });
  render(<EchoProvider echo={echo}><ChatRoom roomId={1} me={me} /></EchoProvider>);

  act(() => echo.emitJoining('presence-chat.1', { id: 2, name: 'Bob' }));
  expect(screen.getByText('Bob')).toBeTruthy();
  act(() => echo.emitLeaving('presence-chat.1', 2));
  expect(screen.queryByText('Bob')).toBeNull();

  act(() => void echo.emitWhisper('private-chat.1', 'typing', { name: 'Bob' }));
  expect(screen.getByText('Bob is typing…')).toBeTruthy();

  fireEvent.change(screen.getByLabelText('message'), { target: { value: 'h' } });
  echo.assertWhispered('private-chat.1', 'typing', { name: 'Alice' });
});

it('the whole example App: one subscription per channel, notifications, status', () => {
  const echo = new FakeEcho({ members: [{ id: 1, name: 'Alice' }] });
  render(<EchoProvider echo={echo}><App /></EchoProvider>);
  expect(echo.subscribedChannels().sort()).toEqual([
    'presence-chat.1',
    'private-App.Models.Post.7',
    'private-App.User.1',
    'private-chat.1',
    'private-order.5',
  ]);
  act(() => void echo.emitNotification('private-App.User.1', { type: 'App\\Notifications\\InvoicePaid', amount: 3 }));
  expect(screen.getByText('1 invoices paid')).toBeTruthy();
  act(() => echo.setConnectionStatus('reconnecting'));
  expect(screen.getByText('reconnecting')).toBeTruthy();
});
