// A logged-in browser page running the SDK through the shared harness (test/e2e/pages/harness.js),
// and the waits the specs use: readiness probes, ordering fences, bounded absence checks.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { PUSHER_CLIENT, echoOptions, trigger, unique, type Setup } from './env';

/** cdn.html, esm.html (pusher-js or socket.io-client), native.html (the built-in Pusher client, Pusher protocol only). */
export type PageKind = 'cdn' | 'esm' | 'native';
export type ChannelKind = 'public' | 'private' | 'encrypted' | 'presence';

export interface HarnessRecord {
  seq: number;
  type: 'event' | 'whisper' | 'notification' | 'here' | 'joining' | 'leaving' | 'subscribed' | 'error' | 'probe' | 'status';
  channel: string | null;
  name: string | null;
  data: any;
}

export type RecordFilter = Partial<Pick<HarnessRecord, 'type' | 'channel' | 'name'>>;

export interface OpenOptions {
  setup: Setup;
  kind: PageKind;
  /** Backend user id (1 Alice, 2 Bob, 3 Carol); the page gets that user's session cookie. */
  user: number;
  /** Which process of a cluster to connect to. */
  server?: number;
  /** Load pusher-js's with-encryption build. */
  encrypted?: boolean;
  /** native.html: leave the `nacl` option out. */
  withoutNacl?: boolean;
  /** CDN page: load socket.io-client from the Socket.IO server itself (docs/royalcms-broadcasting.md §6). */
  clientFromServer?: boolean;
  /** Extra Echo options. */
  options?: Record<string, unknown>;
  /** Log in first (default). A second tab of a logged-in user skips it: logging in again would
   * regenerate the session id and strand the first tab's socket with a dead session cookie. */
  login?: boolean;
  /** Called with the new page before it loads (e.g. to watch its WebSocket frames). */
  onPage?: (page: Page) => void;
}

const PROBE = 'e2e.probe';
const POLL = { intervals: [50] };

export class EchoPage {
  private constructor(
    readonly page: Page,
    readonly setup: Setup,
    readonly user: number,
  ) {}

  /** Logs `user` in (cookie session), opens the page kind and creates `window.Echo`; waits until connected. */
  static async open(context: BrowserContext, opts: OpenOptions): Promise<EchoPage> {
    const { setup, kind, user, server = 0 } = opts;
    const query = new URLSearchParams({ transport: setup.transport });
    if (setup.transport === 'pusher' && PUSHER_CLIENT === 'native') query.set('pusher', 'native');
    if (opts.encrypted) query.set('encrypted', '1');
    if (opts.withoutNacl) query.set('nacl', '0');
    if (opts.clientFromServer && kind === 'cdn' && setup.transport !== 'pusher') query.set('from', String(setup.ports[server]));
    const target = `/${kind}.html?${query}`;
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    opts.onPage?.(page);
    await page.goto(opts.login === false ? target : `/login?user=${user}&redirect=${encodeURIComponent(target)}`);
    await page.waitForFunction(() => (window as any).H?.ready === true, null, { timeout: 10_000 }).catch((error) => {
      throw new Error(`harness did not load on ${target}: ${pageErrors.join('; ') || error.message}`);
    });
    const echoPage = new EchoPage(page, setup, user);
    // The guide's Socket.IO example writes the host without a scheme (docs/royalcms-broadcasting.md §6);
    // the page completes it.
    const options = { ...echoOptions(setup, { server, host: kind === 'cdn' ? 'guide' : 'url' }), ...opts.options };
    await page.evaluate((o) => (window as any).H.create(o), options);
    await echoPage.waitForStatus('connected');
    return echoPage;
  }

  // ---- harness calls ----

  /** Subscribes through the harness; returns the full channel name. */
  subscribe(
    kind: ChannelKind,
    name: string,
    what: { events?: string[]; whispers?: string[]; notification?: boolean; presence?: boolean } = {},
  ): Promise<string> {
    return this.page.evaluate(([k, n, w]) => (window as any).H.subscribe(k, n, w), [kind, name, what] as const);
  }

  whisper(kind: ChannelKind, name: string, event: string, data: unknown): Promise<void> {
    return this.page.evaluate(([k, n, e, d]) => (window as any).H.whisper(k, n, e, d), [kind, name, event, data] as const);
  }

  members(name: string): Promise<any[]> {
    return this.page.evaluate((n) => (window as any).H.members(n), name);
  }

  leave(name: string): Promise<void> {
    return this.page.evaluate((n) => (window as any).H.leave(n), name);
  }

  leaveChannel(fullName: string): Promise<void> {
    return this.page.evaluate((n) => (window as any).H.leaveChannel(n), fullName);
  }

  socketId(): Promise<string | null> {
    return this.page.evaluate(() => (window as any).H.socketId());
  }

  clientInfo(): Promise<{ pusher: boolean; io: 2 | 4 | null }> {
    return this.page.evaluate(() => (window as any).H.clientInfo());
  }

  status(): Promise<string> {
    return this.page.evaluate(() => (window as any).H.status());
  }

  axiosPost(url: string, data?: unknown): Promise<{ status: number; data: any }> {
    return this.page.evaluate(([u, d]) => (window as any).H.axiosPost(u, d), [url, data] as const);
  }

  fetchPost(url: string, data?: unknown): Promise<{ status: number; data: any }> {
    return this.page.evaluate(([u, d]) => (window as any).H.fetchPost(u, d), [url, data] as const);
  }

  pageErrors(): Promise<string[]> {
    return this.page.evaluate(() => (window as any).H.errors);
  }

  // ---- records ----

  async records(filter: RecordFilter = {}): Promise<HarnessRecord[]> {
    const all: HarnessRecord[] = await this.page.evaluate(() => (window as any).H.records);
    return all.filter(
      (r) =>
        (filter.type === undefined || r.type === filter.type) &&
        (filter.channel === undefined || r.channel === filter.channel) &&
        (filter.name === undefined || r.name === filter.name),
    );
  }

  /** The `data` of every matching record, in arrival order. */
  async payloads(filter: RecordFilter): Promise<any[]> {
    return (await this.records(filter)).map((r) => r.data);
  }

  /** Waits until exactly `count` records match (fails at once if more arrive). */
  async waitForCount(filter: RecordFilter, count: number, timeout = 10_000): Promise<HarnessRecord[]> {
    await expect
      .poll(async () => {
        const n = (await this.records(filter)).length;
        if (n > count) throw new Error(`expected ${count} ${JSON.stringify(filter)} records, got ${n}`);
        return n;
      }, { ...POLL, timeout, message: `${count} × ${JSON.stringify(filter)} on user ${this.user}'s page` })
      .toBe(count);
    return this.records(filter);
  }

  async waitForStatus(status: string, timeout = 15_000): Promise<void> {
    await expect.poll(() => this.status(), { ...POLL, timeout, message: `connection status ${status}` }).toBe(status);
  }

  /** Connection statuses reported to onConnectionChange after record `afterSeq`. */
  async statusesAfter(afterSeq: number): Promise<Array<[string, string]>> {
    return (await this.records({ type: 'status' })).filter((r) => r.seq > afterSeq).map((r) => [r.name as string, r.data as string]);
  }

  async lastSeq(): Promise<number> {
    return this.page.evaluate(() => (window as any).H.records.length - 1);
  }

  // ---- readiness and ordering ----

  /**
   * Waits until the server delivers events of `channel` to this page: broadcasts the probe event
   * until one arrives. (laravel-echo-server's protocol does not acknowledge public/private
   * subscriptions, so only a delivered event proves the subscription.)
   */
  async ready(channel: string, timeout = 10_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const nonce = unique('ready-');
      await trigger(this.setup, { channel, event: PROBE, data: { nonce } });
      const arrived = await this.page
        .waitForFunction(([ch, n]) => (window as any).H.records.some((r: any) => r.type === 'probe' && r.channel === ch && r.data?.nonce === n), [channel, nonce] as const, {
          timeout: 400,
          polling: 25,
        })
        .then(() => true, () => false);
      if (arrived) return;
    }
    throw new Error(`${channel} never delivered a probe event to user ${this.user}'s page within ${timeout} ms`);
  }

  /**
   * An ordering fence: broadcasts a probe on `channel` (one this page receives) after whatever the
   * test sent before, and waits for it. Servers deliver one connection's events in order, so once
   * the fence is in, an earlier event that has not arrived is not coming.
   */
  async fence(channel: string, timeout = 10_000): Promise<void> {
    const nonce = unique('fence-');
    await trigger(this.setup, { channel, event: PROBE, data: { nonce } });
    await this.page.waitForFunction(
      ([ch, n]) => (window as any).H.records.some((r: any) => r.type === 'probe' && r.channel === ch && r.data?.nonce === n),
      [channel, nonce] as const,
      { timeout, polling: 25 },
    );
  }
}
