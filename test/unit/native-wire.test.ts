// The wire test: one scripted session (connect, sign in, subscribe public + private + presence,
// whisper on both, leave, disconnect) run once through pusher-js (`new Echo({broadcaster: 'pusher',
// Pusher})`) and once through the built-in client, against the same local `ws` server on 127.0.0.1
// that answers as soketi does. The URL, every frame each client sends (in order, JSON-equal) and
// the close code must be the same; the intended differences are listed in INTENDED below.
import Pusher from 'pusher-js';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { Echo } from '../../src/echo';
import { fakeFetch, formOf, json } from './fakes/fake-fetch';
import type { ExtraOptions } from './support';

interface Session {
  url: string;
  frames: unknown[];
  /** The same frames as the strings on the wire (key order included). */
  raw: string[];
  closeCode?: number;
  /** The server side of the connection, to close it from the test. */
  socket: WebSocket;
}

const USER = { id: '1', name: 'Ann' }; // pusher-js wants a string id
const CHANNEL_DATA = JSON.stringify({ user_id: '1', user_info: { name: 'Ann' } });

/**
 * Frames pusher-js sends that the built-in client leaves out on purpose:
 * - `#server-to-user-<id>`: after `pusher:signin_success` pusher-js subscribes its server-to-user
 *   channel (sendToUser / watchlist events); Laravel Echo exposes no API for it, so the built-in
 *   client does not subscribe it.
 * Not in the list because the session is too short for it: pusher-js's activity pings (it sends
 * `pusher:ping` after the same activity timeout, and checks a 30 s pong timeout, as the built-in does).
 */
const INTENDED = (frame: unknown) => {
  const { event, data } = frame as { event: string; data?: { channel?: string } };
  return event === 'pusher:subscribe' && data?.channel?.startsWith('#server-to-user-') === true;
};

let wss: WebSocketServer;
let port: number;
const sessions: Session[] = [];

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  port = (wss.address() as { port: number }).port;
  let n = 0;
  wss.on('connection', (socket, request) => {
    const session: Session = { url: request.url ?? '', frames: [], raw: [], socket };
    sessions.push(session);
    const send = (event: string, data: unknown, channel?: string) =>
      socket.send(JSON.stringify(channel === undefined ? { event, data: JSON.stringify(data) } : { event, channel, data: JSON.stringify(data) }));
    send('pusher:connection_established', { socket_id: `${++n}.${1000 + n}`, activity_timeout: 30 });
    socket.on('close', (code) => (session.closeCode = code));
    socket.on('message', (raw) => {
      session.raw.push(String(raw));
      const frame = JSON.parse(String(raw)) as { event: string; data: { channel: string; channel_data?: string; user_data?: string } };
      session.frames.push(frame);
      if (frame.event === 'pusher:ping') send('pusher:pong', {});
      if (frame.event === 'pusher:signin') send('pusher:signin_success', { user_data: frame.data.user_data });
      if (frame.event !== 'pusher:subscribe') return;
      const channel = frame.data.channel;
      const presence = channel.startsWith('presence-') ? { presence: { ids: ['1'], hash: { 1: { name: 'Ann' } }, count: 1 } } : {};
      send('pusher_internal:subscription_succeeded', presence, channel);
    });
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => wss.close(() => resolve()));
});

beforeEach(() => {
  // One deterministic auth endpoint for both clients (both go through Echo's channel authorizer).
  vi.stubGlobal(
    'fetch',
    fakeFetch((request) => {
      const form = formOf(request);
      if (request.url.endsWith('/user-auth')) return json({ auth: `app-key:user-${form['socket_id']}`, user_data: JSON.stringify(USER) });
      const channel = form['channel_name'] ?? '';
      const auth = `app-key:${channel}-${form['socket_id']}`;
      return json(channel.startsWith('presence-') ? { auth, channel_data: CHANNEL_DATA } : { auth });
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const until = async (what: string, check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const echoFor = (client: ExtraOptions) =>
  new Echo<'pusher'>({
    broadcaster: 'pusher',
    key: 'app-key',
    wsHost: '127.0.0.1',
    wsPort: port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    withoutInterceptors: true,
    authRetries: 0,
    ...client,
  });

const events = (session: Session, event: string) => session.frames.filter((frame) => (frame as { event: string }).event === event);
const subscribed = (channel: { subscribed(cb: () => void): unknown }) => new Promise<void>((resolve) => void channel.subscribed(() => resolve()));
// The socket ids differ (one connection each), so the signatures that sign them do too.
const normalize = <T,>(frames: T[]): T[] => JSON.parse(JSON.stringify(frames).replace(/-?\d+\.\d{4}/g, 'SOCKET')) as T[];

/** The scripted session through one client; returns what the server saw. */
async function run(client: ExtraOptions): Promise<Session> {
  const before = sessions.length;
  const echo = echoFor(client);
  await until('connected', () => echo.connectionStatus() === 'connected');
  const session = sessions[before]!;
  echo.signin();
  await until('signin', () => session.frames.some((f) => (f as { event: string }).event === 'pusher:signin'));
  await new Promise((resolve) => setTimeout(resolve, 50)); // signin_success and what follows it
  await subscribed(echo.channel('orders'));
  const chat = echo.private('chat');
  await subscribed(chat);
  const room = echo.join('room');
  await subscribed(room);
  chat.whisper('typing', { name: 'Ann' });
  room.whisper('typing', { name: 'Ann', room: true });
  await until('whispers', () => session.frames.filter((f) => (f as { event: string }).event === 'client-typing').length === 2);
  echo.leave('orders');
  echo.leave('chat');
  echo.leave('room');
  await until('unsubscribes', () => session.frames.filter((f) => (f as { event: string }).event === 'pusher:unsubscribe').length === 3);
  echo.disconnect();
  await until('close', () => session.closeCode !== undefined);
  return session;
}

describe('the same session through pusher-js and through the built-in client', () => {
  let viaPusherJs: Session;
  let builtIn: Session;

  it('runs the session through both clients', async () => {
    viaPusherJs = await run({ Pusher: Pusher as never });
    builtIn = await run({ WebSocket });
    expect(viaPusherJs.frames.length).toBeGreaterThan(0);
  });

  it('opens the same URL', () => {
    expect(builtIn.url).toBe(viaPusherJs.url);
    expect(builtIn.url).toBe('/app/app-key?protocol=7&client=js&version=8.6.0&flash=false');
  });

  it('sends the same frames in the same order (minus the intended differences)', () => {
    const expected = viaPusherJs.frames.filter((frame) => !INTENDED(frame));
    expect(normalize(builtIn.frames)).toEqual(normalize(expected));
  });

  it('encodes them alike, key order included', () => {
    const expected = viaPusherJs.raw.filter((text) => !INTENDED(JSON.parse(text)));
    expect(normalize(builtIn.raw)).toEqual(normalize(expected));
  });

  it('the only frames left out are the intended ones', () => {
    expect(viaPusherJs.frames.filter(INTENDED)).toEqual([{ event: 'pusher:subscribe', data: { auth: '', channel: '#server-to-user-1' } }]);
    expect(builtIn.frames.filter(INTENDED)).toEqual([]);
  });

  it('the session holds every kind of frame it scripts', () => {
    expect(builtIn.frames.map((frame) => (frame as { event: string }).event)).toEqual([
      'pusher:signin',
      'pusher:subscribe',
      'pusher:subscribe',
      'pusher:subscribe',
      'client-typing',
      'client-typing',
      'pusher:unsubscribe',
      'pusher:unsubscribe',
      'pusher:unsubscribe',
    ]);
  });

  it('closes with the same code', () => {
    expect(builtIn.closeCode).toBe(viaPusherJs.closeCode);
  });
});

/** Three channels, then the server closes with 4200 (reconnect at once); returns the second connection. */
async function runReconnect(client: ExtraOptions): Promise<Session> {
  const before = sessions.length;
  const echo = echoFor(client);
  await until('connected', () => echo.connectionStatus() === 'connected');
  await subscribed(echo.channel('orders'));
  await subscribed(echo.private('chat'));
  const room = echo.join('room');
  await subscribed(room);
  let again = 0;
  room.subscribed(() => again++);
  sessions[before]!.socket.close(4200, 'Generic reconnect immediately');
  await until('the second connection', () => sessions.length === before + 2);
  const second = sessions[before + 1]!;
  await until('resubscribed', () => again === 2 && events(second, 'pusher:subscribe').length === 3);
  echo.disconnect();
  await until('close', () => second.closeCode !== undefined);
  return second;
}

describe('resubscription after a 4200 close, through both clients', () => {
  it('sends the same frames on the new connection', async () => {
    const viaPusherJs = await runReconnect({ Pusher: Pusher as never });
    const builtIn = await runReconnect({ WebSocket });
    expect(builtIn.raw.length).toBe(3);
    expect(normalize(builtIn.raw)).toEqual(normalize(viaPusherJs.raw));
  });
});
