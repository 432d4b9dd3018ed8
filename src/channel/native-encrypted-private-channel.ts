// An end-to-end encrypted private channel (`private-encrypted-`) of the built-in client. The
// authorization's `shared_secret` opens each event (XSalsa20-Poly1305 secretbox, through the
// `nacl` option: royalcms-echo/encrypted or tweetnacl); an event that does not open triggers one
// re-authorization (the key may have rotated), and one that still does not is reported to
// error() as a DecryptionError instead of being delivered.

import { decryptionError, encryptedWhisperError } from '../errors';
import type { Frame } from '../transport/pusher/frame';
import { PUSHER_PROTOCOL_EVENT } from '../constants';
import { NativePrivateChannel } from './native-private-channel';
import type { NativeChannelContext } from './native-channel';

/** The part of tweetnacl's API an encrypted channel uses; `royalcms-echo/encrypted` provides a smaller one. */
export interface NaclLike {
  secretbox: { open(box: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | null | false };
}

/** What an encrypted channel of the built-in client needs from its connector. */
export interface NativeEncryptedContext extends NativeChannelContext {
  readonly nacl: NaclLike;
}

const bytes = (base64: unknown): Uint8Array | undefined => {
  if (typeof base64 !== 'string') return undefined;
  try {
    const binary = atob(base64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
};

export class NativeEncryptedPrivateChannel extends NativePrivateChannel {
  protected declare readonly context: NativeEncryptedContext;
  private key: Uint8Array | undefined;

  /** Always throws: the Pusher protocol does not support client events on encrypted channels. */
  override whisper(event: string, data?: unknown): this {
    void data;
    throw encryptedWhisperError(event, this.name);
  }

  protected override authorized(data: Record<string, unknown>): void {
    const key = bytes(data['shared_secret']);
    if (!key || key.length !== 32) {
      this.fail({
        type: 'AuthError',
        channel: this.name,
        status: 200,
        reason: 'invalid-response',
        error: `No shared_secret key in auth payload for encrypted channel: ${this.name}`,
        attempt: 1,
        retrying: false,
      });
      return;
    }
    this.key = key;
    // The shared secret never goes back to the server.
    super.authorized({ auth: data['auth'] });
  }

  /** @internal */
  override receive(frame: Frame): void {
    if (PUSHER_PROTOCOL_EVENT.test(frame.event)) return super.receive(frame);
    const opened = this.open(frame.data);
    if (opened !== undefined) return super.receive({ ...frame, data: opened });
    void this.rekey().then((ok) => {
      const retried = ok ? this.open(frame.data) : undefined;
      if (retried !== undefined) super.receive({ ...frame, data: retried });
      else {
        this.report(
          decryptionError(
            this.name,
            ok
              ? `An event (${frame.event}) on ${this.name} could not be decrypted, even with a new key; it was not delivered.`
              : `An event (${frame.event}) on ${this.name} could not be decrypted and no new key could be fetched; it was not delivered.`,
          ),
        );
      }
    });
  }

  override unsubscribe(): void {
    this.key = undefined;
    super.unsubscribe();
  }

  /** The payload of an encrypted event (`{nonce, ciphertext}`, base64), or undefined when it does not open. */
  private open(payload: unknown): unknown {
    const { nonce, ciphertext } = (payload ?? {}) as { nonce?: unknown; ciphertext?: unknown };
    const nonceBytes = bytes(nonce);
    const box = bytes(ciphertext);
    if (!this.key || !nonceBytes || nonceBytes.length !== 24 || !box) return undefined;
    let plain: Uint8Array | null | false;
    try {
      plain = this.context.nacl.secretbox.open(box, nonceBytes, this.key);
    } catch {
      plain = null;
    }
    if (!plain) return undefined;
    const text = new TextDecoder().decode(plain);
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  /** Fetches the channel's key again (it may have rotated); true when a new key arrived. */
  private async rekey(): Promise<boolean> {
    const socketId = this.context.socketId();
    if (!socketId) return false;
    const data = await this.context.authorizer.channel(this.name, socketId, () => {});
    const key = bytes(data?.['shared_secret']);
    if (!key || key.length !== 32) return false;
    this.key = key;
    return true;
  }
}
