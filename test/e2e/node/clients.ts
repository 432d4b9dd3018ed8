// Node clients of the BUILT SDK for the e2e tests: `import Echo from 'royalcms-echo'` (the package's
// own exports -> dist/index.js), pusher-js's Node build, socket.io-client 2 and 4 as published.
// Auth from Node: an absolute authEndpoint and `bearerToken: 'token-<id>'`.
import Echo, { type Channel, type PresenceChannel, type PrivateChannel } from 'royalcms-echo';
import Pusher from 'pusher-js';
import WebSocket from 'ws';
import { io } from 'socket.io-client';
import ioV2 from 'socket.io-client-v2';
import { AUTH_ENDPOINT, PUSHER_CLIENT, echoOptions, trigger, unique, type Setup } from '../support/env';

export interface Entry {
  type: 'event' | 'whisper' | 'here' | 'joining' | 'leaving' | 'subscribed' | 'error' | 'probe';
  channel: string;
  name?: string;
  data?: any;
  /** Date.now() when the callback ran. */
  at: number;
}

interface What {
  events?: string[];
  whispers?: string[];
  presence?: boolean;
}

type Filter = Partial<Pick<Entry, 'type' | 'channel' | 'name'>>;

const PROBE = 'e2e.probe';
const open: Client[] = [];

/** The client library options of a setup; on the Pusher protocol E2E_PUSHER_CLIENT decides (env.ts). */
function transportOptions(setup: Setup): Record<string, unknown> {
  // Node 20 has no global WebSocket: the built-in client gets the ws package's.
  if (setup.transport === 'pusher') return PUSHER_CLIENT === 'pusher-js' ? { Pusher } : { WebSocket };
  return { client: setup.transport === 'sio2' ? ioV2 : io };
}

/** One Echo instance for one user, plus a recorder of everything its callbacks received. */
export class Client {
  /** Typed driver-neutral (the 'custom' view): channel(), private() and join() give the shared interfaces. */
  readonly echo: Echo;
  readonly entries: Entry[] = [];
  private waiters: Array<() => void> = [];

  constructor(
    readonly setup: Setup,
    readonly user: number,
    { server = 0, options = {} }: { server?: number; options?: Record<string, unknown> } = {},
  ) {
    this.echo = new Echo<'pusher' | 'socket.io'>({
      ...(echoOptions(setup, { server }) as { broadcaster: 'pusher' | 'socket.io' }),
      ...transportOptions(setup),
      authEndpoint: AUTH_ENDPOINT,
      bearerToken: `token-${user}`,
      ...options,
    }) as unknown as Echo;
    open.push(this);
  }

  record(entry: Omit<Entry, 'at'>): void {
    this.entries.push({ ...entry, at: Date.now() });
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Subscribes with the recorders (like the browser harness); returns the channel. */
  subscribe(kind: 'public', name: string, what?: What): Channel;
  subscribe(kind: 'private', name: string, what?: What): PrivateChannel;
  subscribe(kind: 'presence', name: string, what?: What): PresenceChannel;
  subscribe(kind: 'public' | 'private' | 'presence', name: string, what: What = {}): Channel {
    const channel = kind === 'public' ? this.echo.channel(name) : kind === 'private' ? this.echo.private(name) : this.echo.join(name);
    const full = channel.name;
    channel
      .subscribed(() => this.record({ type: 'subscribed', channel: full }))
      .error((error) => this.record({ type: 'error', channel: full, data: error }))
      .listen('.' + PROBE, (data) => this.record({ type: 'probe', channel: full, data }));
    for (const event of what.events ?? []) channel.listen(event, (data) => this.record({ type: 'event', channel: full, name: event, data }));
    for (const event of what.whispers ?? []) channel.listenForWhisper(event, (data) => this.record({ type: 'whisper', channel: full, name: event, data }));
    if (what.presence && kind === 'presence') {
      (channel as PresenceChannel)
        .here((users) => this.record({ type: 'here', channel: full, data: users }))
        .joining((user) => this.record({ type: 'joining', channel: full, data: user }))
        .leaving((user) => this.record({ type: 'leaving', channel: full, data: user }));
    }
    return channel;
  }

  find(filter: Filter): Entry[] {
    return this.entries.filter(
      (e) =>
        (filter.type === undefined || e.type === filter.type) &&
        (filter.channel === undefined || e.channel === filter.channel) &&
        (filter.name === undefined || e.name === filter.name),
    );
  }

  /** Resolves once `predicate` holds for the entries; rejects after `timeout` ms. */
  until(predicate: () => boolean, timeout = 10_000, what = 'condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`user ${this.user} (${this.setup.name}): timed out after ${timeout} ms waiting for ${what}; got ${JSON.stringify(this.entries.map((e) => `${e.type}:${e.channel}:${e.name ?? ''}`))}`));
      }, timeout);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  /** Waits for exactly `count` matching entries (fails as soon as there are more). */
  async count(filter: Filter, count: number, timeout = 10_000): Promise<Entry[]> {
    await this.until(() => {
      const n = this.find(filter).length;
      if (n > count) throw new Error(`user ${this.user}: expected ${count} × ${JSON.stringify(filter)}, got ${n}`);
      return n === count;
    }, timeout, `${count} × ${JSON.stringify(filter)}`);
    return this.find(filter);
  }

  connected(timeout = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.echo.connectionStatus() === 'connected') return resolve();
      const timer = setTimeout(() => reject(new Error(`user ${this.user}: not connected after ${timeout} ms (${this.echo.connectionStatus()})`)), timeout);
      const off = this.echo.onConnectionChange((status) => {
        if (status !== 'connected') return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  private hasProbe(channel: string, nonce: string): boolean {
    return this.entries.some((e) => e.type === 'probe' && e.channel === channel && e.data?.nonce === nonce);
  }

  /** Broadcasts the probe event until one reaches this client (the subscription works end to end). */
  async ready(channel: string, timeout = 10_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const nonce = unique('ready-');
      await trigger(this.setup, { channel, event: PROBE, data: { nonce } });
      if (await this.until(() => this.hasProbe(channel, nonce), 400).then(() => true, () => false)) return;
    }
    throw new Error(`${channel} never delivered a probe to user ${this.user} within ${timeout} ms`);
  }

  /** Ordering fence: a probe broadcast after everything sent before; once it is in, the rest is too. */
  async fence(channel: string): Promise<void> {
    const nonce = unique('fence-');
    await trigger(this.setup, { channel, event: PROBE, data: { nonce } });
    await this.until(() => this.hasProbe(channel, nonce), 10_000, `fence on ${channel}`);
  }
}

/** Connected client of `user` (on process `server` of a cluster). */
export async function connect(setup: Setup, user: number, opts: { server?: number; options?: Record<string, unknown> } = {}): Promise<Client> {
  const client = new Client(setup, user, opts);
  await client.connected();
  return client;
}

/** Disconnects every client created so far (afterEach). */
export function disconnectAll(): void {
  for (const client of open.splice(0)) client.echo.disconnect();
}
