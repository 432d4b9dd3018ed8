// royalcms-echo/react and royalcms-echo/vue in Chromium against soketi: pages built by Vite
// from dist/ (test/e2e/pages/{react,vue}, see support/build-adapter-pages.ts) with pusher-js.
//   - events arrive in every component on the channel; re-renders with new callbacks never
//     resubscribe or re-authorize; React's StrictMode double mount leaves one subscription;
//   - the presence member list follows a second browser context (another user);
//   - unmounting the last component on a channel leaves it (soketi's HTTP API says so), and a
//     new channel name moves the subscription.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { BACKEND, PORTS } from '../support/env';

interface Widget {
  id: string;
  kind: 'events' | 'members';
  channel: string;
}

const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

async function json(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** soketi's view of a channel (its HTTP API, signed by the backend). */
async function soketiChannel(channel: string): Promise<{ occupied: boolean; subscriptions: number }> {
  const body = await json(await fetch(`${BACKEND}/soketi/channels/${encodeURIComponent(channel)}?info=subscription_count`));
  return { occupied: Boolean(body['occupied']), subscriptions: Number(body['subscription_count'] ?? 0) };
}

async function presenceUsers(channel: string): Promise<string[]> {
  const body = await json(await fetch(`${BACKEND}/soketi/channels/${encodeURIComponent(channel)}/users`));
  return ((body['users'] as Array<{ id: unknown }>) ?? []).map((user) => String(user.id)).sort();
}


async function trigger(channel: string, data: Record<string, unknown>): Promise<void> {
  await json(
    await fetch(`${BACKEND}/trigger`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ driver: 'pusher', channel, event: 'App\\Events\\OrderShipped', data }),
    }),
  );
}

interface AdapterPage {
  page: Page;
  /** /broadcasting/auth requests this page sent for `channel` (seen by the browser, so other tests cannot interfere). */
  authRequests(channel: string): number;
  setWidgets(widgets: Widget[]): Promise<void>;
  rerender(times?: number): Promise<void>;
  eventsOf(widget: string): Promise<string[]>;
  membersOf(widget: string): Promise<string[]>;
}

/** A logged-in user's browser context on the framework's page, connected. */
async function openPage(browser: Browser, contexts: BrowserContext[], framework: string, user: number): Promise<AdapterPage> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // Every authorization the page sends passes through here before it reaches the backend.
  const auths: string[] = [];
  await page.route('**/broadcasting/auth', async (route) => {
    auths.push(new URLSearchParams(route.request().postData() ?? '').get('channel_name') ?? '');
    await route.continue();
  });
  // The page is built once; it learns soketi's port (E2E_SOKETI_PORT) from its address.
  await page.goto(`${BACKEND}/login?user=${user}&redirect=${encodeURIComponent(`/build/${framework}/index.html?wsPort=${PORTS.soketi}`)}`);
  await expect.poll(() => page.evaluate(() => window.adapterPage?.ready === true), { message: `page errors: ${errors.join('; ')}` }).toBe(true);
  await expect(page.getByTestId('status')).toHaveText(/^connected \d+\.\d+$/, { timeout: 20_000 });
  const list = (testId: string) => page.getByTestId(testId).locator('li').allTextContents();
  return {
    page,
    authRequests: (channel) => auths.filter((name) => name === channel).length,
    setWidgets: (widgets) => page.evaluate((next) => window.adapterPage.setWidgets(next), widgets),
    async rerender(times = 1) {
      const before = Number(await page.getByTestId('renders').textContent());
      for (let i = 0; i < times; i++) await page.evaluate(() => window.adapterPage.rerender());
      await expect(page.getByTestId('renders')).toHaveText(String(before + times));
    },
    eventsOf: (widget) => list(`events-${widget}`),
    membersOf: (widget) => list(`members-${widget}`),
  };
}

declare global {
  interface Window {
    adapterPage: { ready: boolean; setWidgets(widgets: Widget[]): void; rerender(): void };
  }
}

for (const framework of ['react', 'vue']) {
  test.describe(`royalcms-echo/${framework}`, () => {
    let contexts: BrowserContext[] = [];
    test.afterEach(async () => {
      await Promise.all(contexts.map((context) => context.close()));
      contexts = [];
    });

    test('events reach every component on a channel; new callbacks never re-authorize; the last unmount leaves the channel', async ({ browser }) => {
      const room = unique('adapters');
      const full = `private-chat.${room}`;
      const alice = await openPage(browser, contexts, framework, 1);

      await alice.setWidgets([
        { id: 'a', kind: 'events', channel: `chat.${room}` },
        { id: 'b', kind: 'events', channel: `chat.${room}` },
      ]);
      await expect.poll(() => soketiChannel(full), { intervals: [50] }).toEqual({ occupied: true, subscriptions: 1 });
      // Two components (and, on React, StrictMode's double mount): one subscription, one authorization.
      expect(alice.authRequests(full)).toBe(1);

      await trigger(full, { order: { id: 1, status: 'shipped' } });
      await expect.poll(() => alice.eventsOf('a')).toEqual(['{"order":{"id":1,"status":"shipped"}}']);
      await expect.poll(() => alice.eventsOf('b')).toEqual(['{"order":{"id":1,"status":"shipped"}}']);

      await alice.rerender(3); // new callbacks and dependencies each time
      await trigger(full, { order: { id: 1, status: 'delivered' } });
      await expect.poll(() => alice.eventsOf('b')).toHaveLength(2);
      expect(await alice.page.evaluate(() => (window as unknown as { adapterPage: { received: Array<{ renders: number }> } }).adapterPage.received.at(-1)!.renders)).toBe(3);
      expect(await alice.eventsOf('a')).toHaveLength(2);
      expect(alice.authRequests(full)).toBe(1);
      expect(await soketiChannel(full)).toEqual({ occupied: true, subscriptions: 1 });

      await alice.setWidgets([{ id: 'b', kind: 'events', channel: `chat.${room}` }]);
      await alice.page.waitForTimeout(300);
      expect(await soketiChannel(full)).toEqual({ occupied: true, subscriptions: 1 });

      await alice.setWidgets([]);
      await expect.poll(() => soketiChannel(full), { intervals: [50] }).toEqual({ occupied: false, subscriptions: 0 });
    });

    test('the presence member list follows a second browser context', async ({ browser }) => {
      const room = unique('adapters');
      const full = `presence-chat.${room}`;
      const alice = await openPage(browser, contexts, framework, 1);
      const bob = await openPage(browser, contexts, framework, 2);

      await alice.setWidgets([{ id: 'm', kind: 'members', channel: `chat.${room}` }]);
      await expect.poll(() => alice.membersOf('m')).toEqual(['Alice']);

      await bob.setWidgets([{ id: 'm', kind: 'members', channel: `chat.${room}` }]);
      await expect.poll(() => bob.membersOf('m')).toEqual(['Alice', 'Bob']);
      await expect.poll(() => alice.membersOf('m')).toEqual(['Alice', 'Bob']);
      await expect.poll(() => presenceUsers(full), { intervals: [50] }).toEqual(['1', '2']);

      // A second component on the same presence channel in Bob's page changes nothing.
      await bob.setWidgets([
        { id: 'm', kind: 'members', channel: `chat.${room}` },
        { id: 'n', kind: 'members', channel: `chat.${room}` },
      ]);
      await expect.poll(() => bob.membersOf('n')).toEqual(['Alice', 'Bob']);
      expect(await soketiChannel(full)).toMatchObject({ occupied: true, subscriptions: 2 });

      // Bob unmounts both: he leaves, Alice's list follows.
      await bob.setWidgets([]);
      await expect.poll(() => alice.membersOf('m')).toEqual(['Alice']);
      await expect.poll(() => presenceUsers(full), { intervals: [50] }).toEqual(['1']);

      // Bob comes back, then closes his browser.
      await bob.setWidgets([{ id: 'm', kind: 'members', channel: `chat.${room}` }]);
      await expect.poll(() => alice.membersOf('m')).toEqual(['Alice', 'Bob']);
      await bob.page.context().close();
      await expect.poll(() => alice.membersOf('m'), { timeout: 15_000 }).toEqual(['Alice']);
    });

    test('a new channel name moves the subscription', async ({ browser }) => {
      const first = unique('adapters');
      const second = unique('adapters');
      const alice = await openPage(browser, contexts, framework, 1);

      await alice.setWidgets([{ id: 'w', kind: 'events', channel: `chat.${first}` }]);
      await expect.poll(() => soketiChannel(`private-chat.${first}`), { intervals: [50] }).toMatchObject({ occupied: true });

      await alice.setWidgets([{ id: 'w', kind: 'events', channel: `chat.${second}` }]);
      await expect.poll(() => soketiChannel(`private-chat.${second}`), { intervals: [50] }).toMatchObject({ occupied: true });
      await expect.poll(() => soketiChannel(`private-chat.${first}`), { intervals: [50] }).toMatchObject({ occupied: false });

      await trigger(`private-chat.${second}`, { order: { id: 2 } });
      await expect.poll(() => alice.eventsOf('w')).toEqual(['{"order":{"id":2}}']);
    });
  });
}
