// The React page of test/e2e/browser/adapters.spec.ts, built by Vite (development mode, so
// StrictMode mounts every component twice) into .tmp/pages/react, served at /build/react/.
// The application chooses pusher-js and the Pusher-only entry; the hooks come from
// royalcms-echo/react and share the core with it. The test drives the page through
// window.adapterPage: which widgets are mounted, re-renders, and what arrived.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Pusher from 'pusher-js';
import Echo from 'royalcms-echo/pusher';
import { EchoProvider, useConnectionStatus, useEcho, usePresenceMembers, useSocketId } from 'royalcms-echo/react';
import { installControl, soketiPort, type Widget } from '../adapter-control';

const echo = new Echo({ broadcaster: 'reverb', Pusher, key: 'app-key', wsHost: '127.0.0.1', wsPort: soketiPort(), forceTLS: false, enabledTransports: ['ws'] });
const control = installControl('react', echo);

function Events({ widget, renders }: { widget: Widget; renders: number }) {
  const [events, setEvents] = useState<unknown[]>([]);
  // A new callback on every render (it closes over `renders`): must never resubscribe.
  useEcho(widget.channel, 'OrderShipped', (payload) => {
    control.received.push({ widget: widget.id, renders, payload });
    setEvents((list) => [...list, payload]);
  }, [renders]);
  return (
    <ul data-testid={`events-${widget.id}`}>
      {events.map((payload, index) => (
        <li key={index}>{JSON.stringify(payload)}</li>
      ))}
    </ul>
  );
}

function Members({ widget }: { widget: Widget }) {
  const members = usePresenceMembers<{ id: number; name: string }>(widget.channel);
  return (
    <ul data-testid={`members-${widget.id}`}>
      {members.map((member) => (
        <li key={member.id}>{member.name}</li>
      ))}
    </ul>
  );
}

function Status() {
  const status = useConnectionStatus();
  const socketId = useSocketId();
  return <p data-testid="status">{status}{socketId ? ` ${socketId}` : ''}</p>;
}

function App() {
  const [widgets, setWidgets] = useState<Widget[]>([]);
  const [renders, setRenders] = useState(0);
  useEffect(() => control.connect({ setWidgets, rerender: () => setRenders((n) => n + 1) }), []);
  return (
    <>
      <Status />
      {widgets.map((widget) =>
        widget.kind === 'events' ? <Events key={widget.id} widget={widget} renders={renders} /> : <Members key={widget.id} widget={widget} />,
      )}
      <p data-testid="renders">{renders}</p>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EchoProvider echo={echo}>
      <App />
    </EchoProvider>
  </StrictMode>,
);
