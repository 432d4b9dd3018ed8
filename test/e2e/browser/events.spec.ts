// Event names (Royalcms's broadcasting guide on the broadcast name and namespaces: docs/royalcms-broadcasting.md
// §4 and §5) and notifications, on every setup.
//   ServerCreated with broadcastAs() 'server.created'  -> listen('.server.created')
//   App\Events\ServerCreated                           -> listen('ServerCreated')          (default namespace)
//   App\Other\Namespace\ServerCreated                  -> listen('ServerCreated') with namespace: 'App.Other.Namespace'
//   a fully qualified name                             -> listen('.Namespace.Event.Class'), listen('\\Namespace\\Event\\Class')
//   Echo.private(`App.User.${userId}`).notification((notification) => notification.type)
import { test, expect } from '../support/fixtures';
import { ALL_SETUPS, delivered, notify, trigger } from '../support/env';

// Alternate the page kind per setup so each kind meets every transport across the specs.
const kindFor = (index: number) => (index % 2 === 0 ? 'esm' : 'cdn');

ALL_SETUPS.forEach((setup, index) => {
  const kind = kindFor(index);

  test(`${setup.name} / ${kind}: broadcastAs, default namespace, custom namespace and fully qualified names`, async ({ users }) => {
    const app = await users.open({ setup, kind, user: 1 });
    const other = await users.tab(app, { options: { namespace: 'App.Other.Namespace' } });
    const listened = ['.server.created', 'ServerCreated', '.Namespace.Event.Class', '\\Namespace\\Event\\Class'];
    const channel = await app.subscribe('private', 'user.1', { events: listened });
    expect(channel).toBe('private-user.1');
    await other.subscribe('private', 'user.1', { events: ['ServerCreated'] });
    await app.ready(channel);
    await other.ready(channel);

    // broadcastWith() payloads, one per event so a mix-up shows.
    const asNamed = { id: 42, name: 'web-1', region: 'cn-east-1', owner: { id: 1, name: 'Alice' } };
    const defaultNs = { id: 43, name: 'web-2' };
    const customNs = { id: 44, name: 'web-3' };
    const dotted = { id: 45, note: 'dots kept verbatim after the leading dot' };
    const backslashed = { id: 46, note: 'a class name as Royalcms sends it' };
    await trigger(setup, { channel, event: 'server.created', data: asNamed });
    await trigger(setup, { channel, event: 'App\\Events\\ServerCreated', data: defaultNs });
    await trigger(setup, { channel, event: 'App\\Other\\Namespace\\ServerCreated', data: customNs });
    await trigger(setup, { channel, event: 'Namespace.Event.Class', data: dotted });
    await trigger(setup, { channel, event: 'Namespace\\Event\\Class', data: backslashed });
    await app.fence(channel);
    await other.fence(channel);

    expect(await app.payloads({ type: 'event', name: '.server.created' })).toEqual([delivered(setup, asNamed)]);
    expect(await app.payloads({ type: 'event', name: 'ServerCreated' })).toEqual([delivered(setup, defaultNs)]);
    expect(await app.payloads({ type: 'event', name: '.Namespace.Event.Class' })).toEqual([delivered(setup, dotted)]);
    expect(await app.payloads({ type: 'event', name: '\\Namespace\\Event\\Class' })).toEqual([delivered(setup, backslashed)]);
    expect(await app.records({ type: 'event' })).toHaveLength(4);
    // The custom namespace hears only its own class.
    expect(await other.payloads({ type: 'event' })).toEqual([delivered(setup, customNs)]);
  });

  test(`${setup.name} / ${kind}: notifications on App.User.{id} reach notification() with type and data`, async ({ users }) => {
    const alice = await users.open({ setup, kind, user: 1 });
    const legacy = await users.tab(alice, { options: { notifications: 'legacy' } });
    const bob = await users.open({ setup, kind: kindFor(index + 1), user: 2, server: 1 });
    const channel = await alice.subscribe('private', 'App.User.1', { notification: true });
    await legacy.subscribe('private', 'App.User.1', { notification: true });
    const bobs = await bob.subscribe('private', 'App.User.2', { notification: true });
    await alice.ready(channel);
    await legacy.ready(channel);
    await bob.ready(bobs);

    const sent = await notify(setup, { user_id: 1, data: { invoice_id: 7, amount: '99.00', currency: 'CNY' } });
    expect(sent).toMatchObject({ type: 'App\\Notifications\\InvoicePaid', invoice_id: 7 });
    expect(typeof sent.id).toBe('string');
    const [received] = await alice.waitForCount({ type: 'notification' }, 1);
    expect(received!.data).toEqual(delivered(setup, sent));
    expect(received!.data.type).toBe('App\\Notifications\\InvoicePaid');

    // A Royalcms 5 server's notification class reaches only `notifications: 'legacy'`.
    const old = await notify(setup, { user_id: 1, data: { invoice_id: 8 }, legacy: true });
    const [legacyReceived] = await legacy.waitForCount({ type: 'notification' }, 1);
    expect(legacyReceived!.data).toEqual(old);

    const forBob = await notify(setup, { user_id: 2, data: { invoice_id: 9 }, type: 'App\\Notifications\\OrderDelayed' });
    const [bobReceived] = await bob.waitForCount({ type: 'notification' }, 1);
    expect(bobReceived!.data).toEqual(delivered(setup, forBob));

    await alice.fence(channel);
    await legacy.fence(channel);
    expect(await alice.records({ type: 'notification' })).toHaveLength(1);
    expect(await legacy.records({ type: 'notification' })).toHaveLength(1);
  });
});
