// An end-to-end encrypted private channel (`private-encrypted-`); pusher-js decrypts with the
// shared secret from the authorization response. Pusher does not allow client events here.

import { encryptedWhisperError } from '../errors';
import { PusherChannel } from './pusher-channel';

export class PusherEncryptedPrivateChannel extends PusherChannel {
  /** Always throws: the Pusher protocol does not support client events on encrypted channels. */
  override whisper(event: string, data?: unknown): this {
    void data;
    throw encryptedWhisperError(event, this.name);
  }
}
