// Two people in two browser contexts (own cookie jars) use the playground that `npm start`
// started (global-setup.ts): Alice on a desktop-sized window, Bob on a phone-sized one. They go
// through order tracking (incl. the refused order), the presence chat with typing and toOthers,
// notifications and the connection badge, and every step leaves a screenshot in the test output.
import { test, expect, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test';

test.describe.configure({ mode: 'serial' });

const URL = () => {
  const url = process.env.PLAYGROUND_URL;
  if (!url) throw new Error('PLAYGROUND_URL is not set: run with -c playwright.playground.config.ts (its globalSetup runs npm start)');
  return url;
};

let aliceContext: BrowserContext;
let bobContext: BrowserContext;
let alice: Page;
let bob: Page;
const pageErrors: string[] = [];
/** Requests for pusher-js files the two people's pages made. */
const pusherScripts: string[] = [];

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** Event log entries of one kind, channel (full name) and full event name. */
function logEntries(page: Page, kind: string, channel: string | null, event: string): Locator {
  let entries = page.locator(`[data-testid=log-entry][data-kind="${kind}"]`);
  if (channel) entries = entries.filter({ has: page.getByTestId('log-channel').getByText(channel, { exact: true }) });
  return entries.filter({ has: page.getByTestId('log-event').getByText(event, { exact: true }) });
}

/** soketi pages: which Pusher client the page runs on, from the page itself. */
async function pusherClient(page: Page): Promise<{ client: string | null; pusherJs: boolean; connectorHasPusher: boolean }> {
  return page.evaluate(() => {
    const w = window as unknown as { Royalcms: { broadcasting: { client: string | null } }; Pusher?: unknown; Echo: { connector: object } };
    return { client: w.Royalcms.broadcasting.client, pusherJs: typeof w.Pusher === 'function', connectorHasPusher: 'pusher' in w.Echo.connector };
  });
}

async function usesSocketIo(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { Royalcms: { broadcasting: { broadcaster: string } } }).Royalcms.broadcasting.broadcaster === 'socket.io');
}

/** laravel-echo-server acknowledges no private subscription: give its auth round trip a moment before broadcasting. */
async function settleSubscription(page: Page): Promise<void> {
  if (await usesSocketIo(page)) await page.waitForTimeout(700);
}

async function openOrder(page: Page, id: number): Promise<void> {
  await page.goto(`${URL()}#/orders/${id}`);
  await expect(page.getByTestId('order-page')).toHaveAttribute('data-order-id', String(id));
  await expect(page.getByTestId('order-status')).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  aliceContext = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  bobContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  alice = await aliceContext.newPage();
  bob = await bobContext.newPage();
  for (const [who, page] of [['Alice', alice], ['Bob', bob]] as const) {
    page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
    page.on('request', (request) => { if (request.url().includes('pusher')) pusherScripts.push(request.url()); });
  }
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const [who, page] of [['alice', alice], ['bob', bob]] as const) {
    if (page && !page.isClosed()) await shot(page, testInfo, `failed-${who}`).catch(() => {});
  }
});

test.afterAll(async () => {
  await aliceContext?.close();
  await bobContext?.close();
});

test('two people sign in with the user switcher (login cookie) and connect', async ({}, testInfo) => {
  await alice.goto(URL());
  await expect(alice.getByTestId('welcome')).toBeVisible();
  await shot(alice, testInfo, 'alice-welcome');
  await alice.getByTestId('login-1').click();
  await expect(alice.getByTestId('current-user')).toHaveText('Alice');
  await expect(alice.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

  // Bob signs in as Carol first, then switches to himself with the header's user switcher
  await bob.goto(URL());
  await bob.getByTestId('login-3').click();
  await expect(bob.getByTestId('current-user')).toHaveText('Carol');
  await bob.getByTestId('user-button').click();
  await expect(bob.getByTestId('user-menu')).toBeVisible();
  await bob.getByTestId('switch-user-2').click();
  await expect(bob.getByTestId('current-user')).toHaveText('Bob');
  await expect(bob.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  const who = await bob.evaluate(() => fetch('/me').then((r) => r.json()));
  expect(who.user.name).toBe('Bob');

  // soketi: the built-in Pusher client by default, no pusher-js script on the page
  if (!(await usesSocketIo(alice))) {
    expect(await pusherClient(alice)).toEqual({ client: 'built-in', pusherJs: false, connectorHasPusher: false });
    await expect(alice.getByTestId('pusher-client')).toHaveAttribute('data-client', 'built-in');
    expect(pusherScripts).toEqual([]);
  }

  // each person's own App.User channel is subscribed for the bell
  await expect(logEntries(alice, 'subscription', 'private-App.User.1', 'subscribed')).toHaveCount(1);
  await expect(logEntries(bob, 'subscription', 'private-App.User.2', 'subscribed')).toHaveCount(1);
  await shot(alice, testInfo, 'alice-orders');
  await shot(bob, testInfo, 'bob-orders-narrow');
});

test('order tracking: ShippingStatusUpdated on private order.{id} updates the page without a refresh', async ({}, testInfo) => {
  await openOrder(alice, 1);
  await expect(alice.getByTestId('channel-state')).toHaveAttribute('data-state', 'subscribed');
  await settleSubscription(alice);
  const status = alice.getByTestId('order-status');
  await expect(status).toHaveAttribute('data-status', 'placed');
  const navigations: string[] = [];
  alice.on('framenavigated', (frame) => { if (frame === alice.mainFrame()) navigations.push(frame.url()); });

  await alice.getByTestId('advance').click();
  await expect(status).toHaveAttribute('data-status', 'packed');
  await expect(alice.getByTestId('last-update')).toContainText('ShippingStatusUpdated');
  await alice.getByTestId('advance').click();
  await expect(status).toHaveAttribute('data-status', 'shipped');
  expect(navigations).toEqual([]); // no reload

  // the event log names the channel with its prefix and the event by its full class name
  const entry = logEntries(alice, 'event', 'private-order.1', 'App\\Events\\ShippingStatusUpdated');
  await expect(entry).toHaveCount(2);
  await expect(entry.first()).toContainText("listen('ShippingStatusUpdated')");
  await shot(alice, testInfo, 'alice-order-1-live');
});

test("opening another user's order shows the refused authorization, and no updates leak", async ({}, testInfo) => {
  await openOrder(bob, 1); // Alice's order
  const refused = bob.getByTestId('refused');
  await expect(refused).toBeVisible();
  await expect(bob.getByTestId('refused-detail')).toContainText('403');
  await expect(refused).toContainText('private-order.1');
  await expect(logEntries(bob, 'error', 'private-order.1', 'HTTP 403 forbidden')).toHaveCount(1);
  await expect(bob.getByTestId('advance')).toHaveCount(0);
  await shot(bob, testInfo, 'bob-refused-order-1');

  // Alice moves her order on: her page follows, Bob's refused page hears nothing
  await alice.getByTestId('advance').click();
  await expect(alice.getByTestId('order-status')).toHaveAttribute('data-status', 'in_transit');
  await bob.waitForTimeout(800);
  await expect(bob.getByTestId('order-status')).toHaveAttribute('data-status', 'shipped');
  await expect(logEntries(bob, 'event', 'private-order.1', 'App\\Events\\ShippingStatusUpdated')).toHaveCount(0);

  // Bob's own order works for him
  await openOrder(bob, 3);
  await expect(bob.getByTestId('channel-state')).toHaveAttribute('data-state', 'subscribed');
  await settleSubscription(bob);
  const before = await bob.getByTestId('order-status').getAttribute('data-status');
  await bob.getByTestId('advance').click();
  await expect(bob.getByTestId('order-status')).not.toHaveAttribute('data-status', before ?? '');
  await expect(logEntries(bob, 'event', 'private-order.3', 'App\\Events\\ShippingStatusUpdated')).toHaveCount(1);
  await shot(bob, testInfo, 'bob-order-3-live');
});

test('chat room: presence members, typing whisper, and toOthers leaves the sender without a duplicate', async ({}, testInfo) => {
  await alice.goto(`${URL()}#/chat/1`);
  await expect(alice.getByTestId('member')).toHaveCount(1);
  await bob.goto(`${URL()}#/chat/1`);

  // here / joining
  await expect(bob.getByTestId('member-count')).toHaveText('2');
  await expect(alice.getByTestId('member-count')).toHaveText('2');
  await expect(alice.getByTestId('member').filter({ hasText: 'Bob' })).toBeVisible();
  await expect(alice.getByTestId('system-line').filter({ hasText: 'Bob joined' })).toBeVisible();
  await expect(logEntries(alice, 'presence', 'presence-chat.1', 'joining')).toHaveCount(1);
  await expect(logEntries(bob, 'presence', 'presence-chat.1', 'here')).toHaveCount(1);

  // whisper('typing') → listenForWhisper('typing')
  await bob.getByTestId('chat-input').pressSequentially('Hello Alice, 你好', { delay: 15 });
  await expect(alice.getByTestId('typing')).toContainText('Bob');
  await expect(logEntries(alice, 'whisper', 'presence-chat.1', 'client-typing').first()).toContainText("listenForWhisper('typing')");
  await shot(alice, testInfo, 'alice-sees-bob-typing');

  // toOthers(): Bob's copy comes from the HTTP response only, Alice's from the broadcast
  await bob.getByTestId('chat-send').click();
  const bobsMessageAtAlice = alice.getByTestId('message').filter({ hasText: 'Hello Alice, 你好' });
  await expect(bobsMessageAtAlice).toHaveCount(1);
  await expect(bobsMessageAtAlice).toHaveAttribute('data-source', 'broadcast');
  await expect(alice.getByTestId('typing')).not.toContainText('Bob');
  await expect(logEntries(alice, 'event', 'presence-chat.1', 'App\\Events\\NewMessage')).toHaveCount(1);

  await alice.getByTestId('chat-input').fill('Hi Bob!');
  await alice.getByTestId('chat-input').press('Enter');
  await expect(bob.getByTestId('message').filter({ hasText: 'Hi Bob' })).toHaveCount(1);
  await bob.waitForTimeout(800); // a duplicate, if any, would have arrived by now
  await expect(bob.getByTestId('message').filter({ hasText: 'Hello Alice, 你好' })).toHaveCount(1);
  await expect(bob.getByTestId('message').filter({ hasText: 'Hello Alice, 你好' })).toHaveAttribute('data-source', 'response');
  await expect(alice.getByTestId('message').filter({ hasText: 'Hi Bob' })).toHaveCount(1);
  await expect(logEntries(bob, 'event', 'presence-chat.1', 'App\\Events\\NewMessage')).toHaveCount(1); // Alice's only
  await shot(alice, testInfo, 'alice-chat');
  await shot(bob, testInfo, 'bob-chat-narrow');

  // without toOthers() the sender gets the broadcast too: the duplicate the specification warns about
  await alice.getByTestId('chat-to-others').uncheck();
  await alice.getByTestId('chat-input').fill('no toOthers here');
  await alice.getByTestId('chat-send').click();
  await expect(alice.getByTestId('message').filter({ hasText: 'no toOthers here' })).toHaveCount(2);
  await expect(bob.getByTestId('message').filter({ hasText: 'no toOthers here' })).toHaveCount(1);
  await alice.getByTestId('chat-to-others').check();
  await shot(alice, testInfo, 'alice-chat-without-toothers');
});

test('notifications on App.User.{id} make the bell count; leaving the room is seen by the others', async ({}, testInfo) => {
  await bob.goto(`${URL()}#/notifications`);
  // Bob left the chat room: Alice's member list follows (leaving)
  await expect(alice.getByTestId('member-count')).toHaveText('1');
  await expect(alice.getByTestId('system-line').filter({ hasText: 'Bob left' })).toBeVisible();

  const bell = alice.getByTestId('bell-count');
  await expect(bell).toBeHidden();
  await expect(bob.getByTestId('notify-to')).toHaveValue('1');
  await bob.getByTestId('notify-message').fill('Your keyboard is on its way 键盘已发出');
  await bob.getByTestId('notify-send').click();
  await expect(bob.getByTestId('notify-status')).toContainText('Alice');
  await expect(bell).toHaveText('1');
  await expect(alice.getByTestId('toast').first()).toContainText('Bob');
  await bob.getByTestId('notify-message').fill('Second one');
  await bob.getByTestId('notify-send').click();
  await expect(bell).toHaveText('2');
  await expect(bob.getByTestId('bell-count')).toBeHidden(); // sent to Alice, not to Bob

  const entry = logEntries(alice, 'notification', 'private-App.User.1', 'Illuminate\\Notifications\\Events\\BroadcastNotificationCreated');
  await expect(entry).toHaveCount(2);
  await expect(entry.first()).toContainText('notification()');
  await shot(alice, testInfo, 'alice-bell-2');

  await alice.getByTestId('bell').click();
  await expect(alice.getByTestId('notification')).toHaveCount(2);
  await expect(alice.getByTestId('notification').first()).toContainText('Second one');
  await expect(bell).toBeHidden();
  await shot(alice, testInfo, 'alice-notifications');
  await shot(bob, testInfo, 'bob-notifications-narrow');
});

test('the connection badge follows Echo.disconnect() and Echo.connect()', async ({}, testInfo) => {
  const badge = alice.getByTestId('connection');
  await expect(badge).toHaveAttribute('data-status', 'connected');
  await alice.getByTestId('connection-toggle').click();
  await expect(badge).toHaveAttribute('data-status', 'disconnected');
  await expect(logEntries(alice, 'connection', null, 'connected → disconnected')).toHaveCount(1);
  await shot(alice, testInfo, 'alice-disconnected');
  await alice.getByTestId('connection-toggle').click();
  await expect(badge).toHaveAttribute('data-status', 'connected');
  await expect(alice.getByTestId('socket-id')).not.toHaveText('—');

  // still live after reconnecting: a notification from Bob arrives
  await settleSubscription(alice);
  await bob.getByTestId('notify-message').fill('after reconnect');
  await bob.getByTestId('notify-send').click();
  await expect(alice.getByTestId('notification').first()).toContainText('after reconnect');
  await shot(alice, testInfo, 'alice-reconnected');
  expect(pageErrors).toEqual([]);
});

// The Pusher client choice exists on the soketi driver only (PLAYGROUND_DRIVER, as the config reads it).
if ((process.env.PLAYGROUND_DRIVER || 'soketi') === 'soketi') test('soketi: ?client=pusher-js runs the same page on pusher-js, with the same options', async ({}, testInfo) => {
  const page = await aliceContext.newPage();
  page.on('pageerror', (error) => pageErrors.push(`Alice (pusher-js): ${error.message}`));
  await page.goto(`${URL()}?client=pusher-js#/orders/1`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  expect(await pusherClient(page)).toEqual({ client: 'pusher-js', pusherJs: true, connectorHasPusher: true });
  await expect(page.getByTestId('pusher-client')).toHaveAttribute('data-client', 'pusher-js');
  await expect(page.getByTestId('channel-state')).toHaveAttribute('data-state', 'subscribed');

  const status = page.getByTestId('order-status');
  const before = await status.getAttribute('data-status');
  await page.getByTestId('advance').click();
  await expect(status).not.toHaveAttribute('data-status', before ?? '');
  await expect(logEntries(page, 'event', 'private-order.1', 'App\\Events\\ShippingStatusUpdated')).toHaveCount(1);
  await shot(page, testInfo, 'alice-pusher-js');

  // switching user keeps the choice (the login redirect carries the query)
  await page.getByTestId('user-button').click();
  await page.getByTestId('switch-user-1').click();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  expect(new globalThis.URL(page.url()).searchParams.get('client')).toBe('pusher-js');
  expect((await pusherClient(page)).client).toBe('pusher-js');
  await page.close();
  expect(pageErrors).toEqual([]);
});
