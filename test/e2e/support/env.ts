// What the browser and Node end-to-end suites share: the server setups, the Pusher-client switch and
// the backend's test hooks (README of test/e2e/servers). Plain fetch() from the test process; 127.0.0.1 only.
// Every address comes from test/e2e/servers/config.mjs, the module the servers read their ports from
// (the E2E_*_PORT variables move both), so the tests always talk to the servers that are running.
import { APP, HOST, PORTS, URLS } from '../servers/config.mjs';

export { HOST, PORTS };
export const BACKEND = URLS.backend;
export const AUTH_ENDPOINT = `${BACKEND}/broadcasting/auth`;
const APP_KEY = APP.key;

export type SetupName = 'soketi' | 'laravel-echo-server' | 'sio4' | 'soketi-cluster';
export type Transport = 'pusher' | 'sio2' | 'sio4';

export interface Setup {
  name: SetupName;
  /** The client library: pusher-js, socket.io-client 2, socket.io-client 4. */
  transport: Transport;
  /** How the backend broadcasts to it (`/trigger` driver; `pusher-cluster` = the HTTP API of node 1 only). */
  driver: 'pusher' | 'redis' | 'pusher-cluster';
  /** Server process names (for /control) and their ports; sio4 and soketi-cluster have two processes joined by redis. */
  servers: string[];
  ports: number[];
  /** Base of the server's channel API (`<base>/channels`, `<base>/channels/<name>/users`). */
  api: string;
  /** Query string the API needs. */
  apiQuery: string;
}

export const SETUPS: Record<SetupName, Setup> = {
  soketi: {
    name: 'soketi',
    transport: 'pusher',
    driver: 'pusher',
    servers: ['soketi'],
    ports: [PORTS.soketi],
    api: `${BACKEND}/soketi`, // the backend signs the Pusher HTTP API request
    apiQuery: '',
  },
  'laravel-echo-server': {
    name: 'laravel-echo-server',
    transport: 'sio2',
    driver: 'redis',
    servers: ['laravel-echo-server'],
    ports: [PORTS.laravelEchoServer],
    api: `${URLS.laravelEchoServer}/apps/${APP.id}`,
    apiQuery: `?auth_key=${APP_KEY}`,
  },
  sio4: {
    name: 'sio4',
    transport: 'sio4',
    driver: 'redis',
    servers: ['sio4-1', 'sio4-2'],
    ports: [...PORTS.sio4],
    api: `${URLS.sio4[0]}/apps/${APP.id}`, // cluster-wide listing through the redis adapter
    apiQuery: `?auth_key=${APP_KEY}`,
  },
  'soketi-cluster': {
    name: 'soketi-cluster',
    transport: 'pusher',
    driver: 'pusher-cluster',
    servers: ['soketi-1', 'soketi-2'],
    ports: PORTS.soketiCluster,
    api: `${BACKEND}/soketi-cluster`, // node 1's HTTP API, cluster-wide through soketi's redis adapter
    apiQuery: '',
  },
};

/** The setups most suites run on (the soketi cluster has its own suites: soketi-cluster.*). */
export const ALL_SETUPS: Setup[] = [SETUPS.soketi, SETUPS['laravel-echo-server'], SETUPS.sio4];

export type PusherClient = 'pusher-js' | 'native';

/**
 * Which client the Pusher-protocol setups use, for the Node clients and the browser pages alike:
 * `E2E_PUSHER_CLIENT=pusher-js` (default) hands pusher-js to Echo, `native` gives no Pusher
 * constructor so the SDK's built-in client is chosen.
 */
export const PUSHER_CLIENT: PusherClient = (() => {
  const value = process.env.E2E_PUSHER_CLIENT || 'pusher-js';
  if (value !== 'pusher-js' && value !== 'native') throw new Error(`E2E_PUSHER_CLIENT must be pusher-js or native, not "${value}"`);
  return value;
})();

/**
 * Echo options (JSON) for a setup. `server` picks the process of a cluster; `host` is how the
 * Socket.IO address is written: `guide` = `hostname:port` as Royalcms's broadcasting guide writes it
 * (docs/royalcms-broadcasting.md §6), `url` = full URL
 * (Node has no page location to complete it).
 */
export function echoOptions(setup: Setup, { server = 0, host = 'url' }: { server?: number; host?: 'guide' | 'url' } = {}): Record<string, unknown> {
  const port = setup.ports[server] ?? setup.ports[0];
  if (setup.transport === 'pusher') {
    return { broadcaster: 'pusher', key: APP_KEY, wsHost: HOST, wsPort: port, forceTLS: false, enabledTransports: ['ws'] };
  }
  return {
    broadcaster: 'socket.io',
    host: host === 'guide' ? `${HOST}:${port}` : `http://${HOST}:${port}`,
    // Cookies (the session the sio servers forward to /broadcasting/auth) ride on the WebSocket
    // handshake; socket.io-client 4's polling transport would need withCredentials for that.
    transports: ['websocket'],
  };
}

/**
 * The payload a listener receives for `data`: Royalcms's RedisBroadcaster adds the `socket` member
 * to the event data (toOthers' socket id or null); the Pusher broadcaster sends the data as is.
 */
export function delivered<T extends object>(setup: Setup, data: T, socket: string | null = null): T {
  return setup.driver === 'redis' ? { ...data, socket } : data;
}

async function json(response: Response): Promise<any> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${response.url}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
}

export interface TriggerParams {
  channel?: string;
  channels?: string[];
  event: string;
  data?: unknown;
  /** Sent as X-Socket-ID: toOthers(). */
  socketId?: string | null;
  driver?: 'pusher' | 'redis' | 'all';
  /** private-encrypted-* via pusher: 'key' encrypts with a wrong key, 'format' sends no {nonce, ciphertext}. */
  corrupt?: 'key' | 'format';
}

/** POST /trigger: broadcast as the app's broadcaster does; throws unless the broadcaster accepted it. */
export async function trigger(setup: Setup | null, params: TriggerParams): Promise<any> {
  const { socketId, ...body } = params;
  const response = await fetch(`${BACKEND}/trigger`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(socketId ? { 'X-Socket-ID': socketId } : {}) },
    body: JSON.stringify({ driver: setup?.driver ?? 'all', ...body }),
  });
  const result = await json(response);
  if (!response.ok || !result.ok) throw new Error(`trigger ${params.event} failed: ${JSON.stringify(result)}`);
  return result;
}

/** POST /notify: a BroadcastNotificationCreated on private-App.User.<id>; returns the notification sent. */
export async function notify(setup: Setup, params: { user_id: number; data?: Record<string, unknown>; type?: string; legacy?: boolean }): Promise<Record<string, unknown>> {
  const response = await fetch(`${BACKEND}/notify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ driver: setup.driver, ...params }),
  });
  const result = await json(response);
  if (!response.ok) throw new Error(`notify failed: ${JSON.stringify(result)}`);
  return result.notification;
}

export interface LoggedRequest {
  id: number;
  /** ISO time the backend received it. */
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  status: number | null;
}

/** Requests the backend saw (newest first), optionally of one path. */
export async function requests(path?: string): Promise<LoggedRequest[]> {
  const query = new URLSearchParams({ limit: '200', ...(path ? { path } : {}) });
  return (await json(await fetch(`${BACKEND}/requests?${query}`))).requests;
}

/** Empties the backend's request log. */
export async function clearRequests(): Promise<void> {
  await fetch(`${BACKEND}/requests`, { method: 'DELETE' });
}

/** /control/kill|start|restart of one server process; throws unless it worked. */
export async function control(action: 'kill' | 'start' | 'restart', server: string): Promise<any> {
  const response = await fetch(`${BACKEND}/control/${action}?server=${encodeURIComponent(server)}`, { method: 'POST' });
  const result = await json(response);
  if (!response.ok || result.ok === false) throw new Error(`control ${action} ${server} failed: ${JSON.stringify(result)}`);
  return result;
}

/** Lets the held /broadcasting/auth requests of a `hang.<tag>` channel through (and later ones); returns how many were held. */
export async function releaseHang(channel: string): Promise<number> {
  const response = await fetch(`${BACKEND}/control/release?channel=${encodeURIComponent(channel)}`, { method: 'POST' });
  const result = await json(response);
  if (!response.ok || result.ok === false) throw new Error(`release ${channel} failed: ${JSON.stringify(result)}`);
  return result.released;
}

/** Channels the server has subscribers on: name -> subscription count (connections). */
export async function serverChannels(setup: Setup): Promise<Record<string, number>> {
  const body = await json(await fetch(`${setup.api}/channels${setup.apiQuery}`));
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries<any>(body.channels ?? {})) out[name] = value?.subscription_count;
  return out;
}

/** How many connections the server has subscribed to `channel` (0 when none). */
export async function serverSubscriptions(setup: Setup, channel: string): Promise<number> {
  const body = await json(await fetch(`${setup.api}/channels/${encodeURIComponent(channel)}${setup.apiQuery}`));
  return body.subscription_count ?? 0;
}

/** Users on a presence channel according to the server, as sorted ids. */
export async function serverPresenceUsers(setup: Setup, channel: string): Promise<string[]> {
  const body = await json(await fetch(`${setup.api}/channels/${encodeURIComponent(channel)}/users${setup.apiQuery}`));
  return (body.users ?? []).map((user: { id: unknown }) => String(user.id)).sort();
}

/** A name no other test uses (channel rooms, nonces). */
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
