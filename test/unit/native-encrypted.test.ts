// Encrypted private channels on the built-in client, with real secretbox payloads made here with
// @noble/ciphers (what pusher-http-php's encrypted channels send: {nonce, ciphertext}, base64),
// opened through royalcms-echo/encrypted's nacl.
import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nacl } from '../../src/encrypted';
import type { SubscriptionError } from '../../src/errors';
import { fakeFetch, json, type FakeFetch } from './fakes/fake-fetch';
import { connectedNativeEcho } from './native-support';
import { expectEchoError, flush } from './support';

const CHANNEL = 'private-encrypted-vault.1';
const key = (fill: number) => new Uint8Array(32).fill(fill);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The data of an encrypted event: `payload` as JSON, sealed with `secret`. */
function seal(payload: unknown, secret: Uint8Array, nonceFill = 7): { nonce: string; ciphertext: string } {
  const nonce = new Uint8Array(24).fill(nonceFill);
  const box = xsalsa20poly1305(secret, nonce).encrypt(new TextEncoder().encode(JSON.stringify(payload)));
  return { nonce: base64(nonce), ciphertext: base64(box) };
}

let fetch: FakeFetch;
const secrets: Uint8Array[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  secrets.length = 0;
  // Each authorization hands out the next secret in `secrets` (the last repeats), or key(1).
  fetch = fakeFetch((_request, index) => json({ auth: 'app-key:sig', shared_secret: base64(secrets[Math.min(index, secrets.length - 1)] ?? key(1)) }));
  vi.stubGlobal('fetch', fetch);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const settle = () => vi.advanceTimersByTimeAsync(0).then(() => flush());

async function vault() {
  const setup = connectedNativeEcho({ nacl });
  const received = vi.fn();
  const errors: SubscriptionError[] = [];
  const channel = setup.echo.encryptedPrivate('vault.1').listen('SecretUpdated', received).error((e) => errors.push(e));
  await settle();
  return { ...setup, channel, received, errors };
}

describe('encrypted private channels', () => {
  it('subscribes with the auth only: the shared secret never goes back to the server', async () => {
    const { server } = await vault();
    expect(server.socket.raw[0]).toBe(`{"event":"pusher:subscribe","data":{"auth":"app-key:sig","channel":"${CHANNEL}"}}`);
  });

  it('opens an event sealed with the shared secret and delivers the payload', async () => {
    const { server, received } = await vault();
    server.socket.event(CHANNEL, 'App\\Events\\SecretUpdated', seal({ pin: '0000' }, key(1)));
    expect(received).toHaveBeenCalledWith({ pin: '0000' }, undefined);
  });

  it('a wrong key: one re-authorization, and the event opens with the new key', async () => {
    secrets.push(key(1), key(2));
    const { server, received, errors } = await vault();
    server.socket.event(CHANNEL, 'App\\Events\\SecretUpdated', seal({ v: 2 }, key(2)));
    expect(received).not.toHaveBeenCalled();
    await settle();
    expect(fetch.requests).toHaveLength(2);
    expect(received).toHaveBeenCalledWith({ v: 2 }, undefined);
    expect(errors).toEqual([]);
  });

  it('still wrong after the re-key: a DecryptionError, the event not delivered', async () => {
    const { server, received, errors } = await vault();
    server.socket.event(CHANNEL, 'App\\Events\\SecretUpdated', seal({ v: 3 }, key(9)));
    await settle();
    expect(fetch.requests).toHaveLength(2);
    expect(received).not.toHaveBeenCalled();
    expect(errors).toMatchObject([{ type: 'DecryptionError', channel: CHANNEL, reason: 'decryption-failed', retrying: false }]);
  });

  it('a tampered ciphertext is not delivered', async () => {
    const { server, received, errors } = await vault();
    const data = seal({ v: 1 }, key(1));
    const bytes = Buffer.from(data.ciphertext, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    server.socket.event(CHANNEL, 'App\\Events\\SecretUpdated', { ...data, ciphertext: bytes.toString('base64') });
    await settle();
    expect(received).not.toHaveBeenCalled();
    expect(errors[0]?.type).toBe('DecryptionError');
  });

  it('an event without nonce/ciphertext is not delivered', async () => {
    const { server, received, errors } = await vault();
    server.socket.event(CHANNEL, 'App\\Events\\SecretUpdated', { plain: true });
    await settle();
    expect(received).not.toHaveBeenCalled();
    expect(errors[0]?.type).toBe('DecryptionError');
  });

  it('no shared_secret in the auth response: the channel fails and is not subscribed', async () => {
    vi.stubGlobal('fetch', fakeFetch([json({ auth: 'app-key:sig' })]));
    const { server, errors } = await vault();
    expect(errors).toMatchObject([{ type: 'AuthError', reason: 'invalid-response', error: expect.stringContaining('No shared_secret') }]);
    expect(server.socket.sentOf('pusher:subscribe')).toEqual([]);
  });

  it('a shared_secret of the wrong length fails the same way', async () => {
    secrets.push(new Uint8Array(16));
    const { errors } = await vault();
    expect(errors[0]?.reason).toBe('invalid-response');
  });

  it('protocol events pass unencrypted: subscription_succeeded fires subscribed()', async () => {
    const { channel } = await vault();
    expect(channel.isSubscribed).toBe(true);
  });

  it('without options.nacl, encryptedPrivate() throws E22 naming the import', () => {
    const { echo } = connectedNativeEcho();
    expect(expectEchoError(() => echo.encryptedPrivate('vault.1'), "royalcms-echo/encrypted").code).toBe('E22');
  });

  it('a reconnect fetches the key again with the new socket id and events keep opening', async () => {
    const { server, received } = await vault();
    server.socket.closeFromServer(1006);
    await vi.advanceTimersByTimeAsync(1_000);
    server.socket.establish('2.2');
    await settle();
    server.socket.event(CHANNEL, 'App\\Events\\SecretUpdated', seal({ v: 4 }, key(1)));
    expect(received).toHaveBeenCalledWith({ v: 4 }, undefined);
    expect(fetch.requests).toHaveLength(2);
  });
});
