// Encrypted channels on the built-in Pusher client, in Node against soketi: the built SDK
// (`royalcms-echo/native` and the main entry without pusher-js), `ws` as the WebSocket and the
// secretbox of `royalcms-echo/encrypted`. The backend encrypts with the master key (shared secret
// SHA-256(channel . master key)), as pusher-http-php does.
import NativeEcho from 'royalcms-echo/native';
import MainEcho, { EchoError } from 'royalcms-echo';
import { nacl } from 'royalcms-echo/encrypted';
import tweetnacl from 'tweetnacl';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_ENDPOINT, SETUPS, clearRequests, echoOptions, requests, trigger } from '../support/env';
import { NativeRecorder } from './native-clients';

const setup = SETUPS.soketi;
const open: Array<{ disconnect(): void }> = [];
afterEach(() => {
  for (const echo of open.splice(0)) echo.disconnect();
});

/** A built-in-client Echo for `user`, its WebSocket frames recorded. */
function native(user: number, options: Record<string, unknown> = {}) {
  const recorder = new NativeRecorder();
  const echo = new NativeEcho({
    ...(echoOptions(setup) as { broadcaster: 'pusher' }),
    WebSocket: recorder.WebSocket,
    authEndpoint: AUTH_ENDPOINT,
    bearerToken: `token-${user}`,
    nacl,
    ...options,
  });
  open.push(echo);
  return { echo, recorder };
}

const update = { update: { order_id: 1, status: 'delivered', secret_note: 'leave it with the concierge' } };
const EVENT = 'App\\Events\\ShippingStatusUpdated';

describe('soketi, built-in client (Node, ws): encrypted channels with royalcms-echo/encrypted', () => {
  it('decrypts what the backend encrypted; the wire carries only {ciphertext, nonce}; another user is refused', async () => {
    const alice = native(1);
    const bob = native(2);
    const aliceChannel = alice.recorder.watch(alice.echo.encryptedPrivate('order.1'), ['ShippingStatusUpdated']);
    const bobChannel = bob.recorder.watch(bob.echo.encryptedPrivate('order.1'), ['ShippingStatusUpdated']);
    expect(aliceChannel).toBe('private-encrypted-order.1');

    const [refused] = await bob.recorder.count({ type: 'error' }, 1);
    expect(refused!.data).toMatchObject({ type: 'AuthError', channel: bobChannel, status: 403, reason: 'forbidden', retrying: false });
    await alice.recorder.count({ type: 'subscribed' }, 1);

    const result = await trigger(setup, { channel: aliceChannel, event: EVENT, data: update });
    expect(result.pusher.results[0].status).toBe(200);
    const [received] = await alice.recorder.count({ type: 'event', name: 'ShippingStatusUpdated' }, 1);
    expect(received!.data).toEqual(update);

    const wire = alice.recorder.frames.find((frame) => frame.includes('ShippingStatusUpdated'));
    expect(wire, 'the event frame').toBeDefined();
    expect(Object.keys(JSON.parse(JSON.parse(wire!).data)).sort()).toEqual(['ciphertext', 'nonce']);
    expect(wire).not.toContain('concierge');
    // the shared secret stays on the client: the subscribe frame carries the signature only
    const subscribe = alice.recorder.sent.find((frame) => frame.includes('pusher:subscribe') && frame.includes(aliceChannel));
    expect(JSON.parse(subscribe!).data).toEqual({ auth: expect.any(String), channel: aliceChannel });

    expect(alice.recorder.find({ type: 'error' })).toEqual([]);
    expect(bob.recorder.find({ type: 'event' })).toEqual([]);
  });

  it('a payload encrypted with another key, or not encrypted at all, reaches error() as a DecryptionError and is not delivered', async () => {
    const alice = native(1);
    const channel = alice.recorder.watch(alice.echo.encryptedPrivate('order.1'), ['ShippingStatusUpdated']);
    await alice.recorder.count({ type: 'subscribed' }, 1);
    await clearRequests();

    await trigger(setup, { channel, event: EVENT, data: { update: { status: 'wrong key' } }, corrupt: 'key' });
    const [wrongKey] = await alice.recorder.count({ type: 'error' }, 1);
    expect(wrongKey!.data).toMatchObject({ type: 'DecryptionError', channel, status: null, reason: 'decryption-failed', retrying: false });
    expect(wrongKey!.data.error).toContain('even with a new key');
    // one re-authorization (the key may have rotated), then the event is given up
    expect((await requests('/broadcasting/auth')).filter((r) => r.body.channel_name === channel)).toHaveLength(1);

    await trigger(setup, { channel, event: EVENT, data: { update: { status: 'no envelope' } }, corrupt: 'format' });
    await alice.recorder.count({ type: 'error' }, 2);

    // the channel keeps delivering what does decrypt, and nothing else
    await trigger(setup, { channel, event: EVENT, data: update });
    const events = await alice.recorder.count({ type: 'event' }, 1);
    expect(events[0]!.data).toEqual(update);
    expect(alice.echo.connectionStatus()).toBe('connected');
  });

  it('tweetnacl works as nacl too', async () => {
    const alice = native(1, { nacl: tweetnacl });
    const channel = alice.recorder.watch(alice.echo.encryptedPrivate('order.1'), ['ShippingStatusUpdated']);
    await alice.recorder.count({ type: 'subscribed' }, 1);
    await trigger(setup, { channel, event: EVENT, data: update });
    const [received] = await alice.recorder.count({ type: 'event' }, 1);
    expect(received!.data).toEqual(update);
  });

  it('without nacl, encryptedPrivate() throws E22 at the call (both entries), and the connection carries on', async () => {
    for (const Echo of [NativeEcho, MainEcho]) {
      const recorder = new NativeRecorder();
      const echo = new Echo({ ...(echoOptions(setup) as { broadcaster: 'pusher' }), WebSocket: recorder.WebSocket, authEndpoint: AUTH_ENDPOINT, bearerToken: 'token-1' });
      open.push(echo);
      let thrown: unknown;
      try {
        echo.encryptedPrivate('order.1');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EchoError);
      expect(thrown).toMatchObject({ code: 'E22' });
      expect((thrown as Error).message).toContain("import { nacl } from 'royalcms-echo/encrypted'");

      const channel = recorder.watch(echo.private('order.1'), ['ShippingStatusUpdated']);
      await recorder.count({ type: 'subscribed' }, 1);
      await trigger(setup, { channel, event: EVENT, data: update });
      await recorder.count({ type: 'event' }, 1);
      expect(recorder.sent.some((frame) => frame.includes('private-encrypted-'))).toBe(false);
    }
  });

  it('an authorization without shared_secret is an AuthError invalid-response', async () => {
    const alice = native(1);
    const channel = alice.recorder.watch(alice.echo.encryptedPrivate('fault.nosecret'), []);
    const [error] = await alice.recorder.count({ type: 'error' }, 1);
    expect(error!.data).toMatchObject({ type: 'AuthError', channel, status: 200, reason: 'invalid-response' });
    expect(alice.recorder.find({ type: 'subscribed' })).toEqual([]);
  });
});
