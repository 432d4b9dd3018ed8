// An end-to-end encrypted private channel (`private-encrypted-`); pusher-js decrypts with the
// shared secret from the authorization response. Pusher does not allow client events here.
// pusher-js drops an event it cannot decrypt (after one re-key) with only a log line; this class
// watches each event through and reports such a drop to error() as a DecryptionError.

import { PUSHER_PROTOCOL_EVENT } from '../constants';
import { decryptionError, encryptedWhisperError } from '../errors';
import { PusherChannel } from './pusher-channel';

interface HandlesEvents {
  handleEvent?: (event: { event?: unknown }) => void;
}

/**
 * An end-to-end encrypted private channel (`private-encrypted-`) on a Pusher-protocol connection;
 * an event that cannot be decrypted reaches error() as a DecryptionError.
 */
export class PusherEncryptedPrivateChannel extends PusherChannel {
  private handling = false;
  private rekeyRequested = false;

  /** Always throws: the Pusher protocol does not support client events on encrypted channels. */
  override whisper(event: string, data?: unknown): this {
    void data;
    throw encryptedWhisperError(event, this.name);
  }

  override subscribe(): void {
    super.subscribe();
    const subscription = this.subscription as typeof this.subscription & HandlesEvents;
    const original = subscription.handleEvent;
    if (typeof original !== 'function' || (original as { echoWatched?: boolean }).echoWatched) return;
    const watched = (event: { event?: unknown }) => {
      const name = event?.event;
      if (typeof name !== 'string' || PUSHER_PROTOCOL_EVENT.test(name)) return original.call(subscription, event);
      this.handling = true;
      this.rekeyRequested = false;
      const emitted = this.watch(() => original.call(subscription, event));
      this.handling = false;
      if (!emitted && !this.rekeyRequested) {
        this.report(decryptionError(this.name, `An event (${name}) on ${this.name} could not be decrypted (malformed payload) and was not delivered.`));
      }
    };
    (watched as { echoWatched?: boolean }).echoWatched = true;
    subscription.handleEvent = watched;
  }

  /** @internal The connector is asked to authorize this channel; true when pusher-js wants a new key for an event. */
  rekeyStarted(): boolean {
    if (this.handling) this.rekeyRequested = true;
    return this.handling;
  }

  /** @internal Hands the new key to pusher-js and reports the event if it still cannot be decrypted. */
  afterRekey(failed: boolean, deliver: () => void): void {
    const emitted = this.watch(deliver);
    if (failed || !emitted) {
      this.report(
        decryptionError(
          this.name,
          failed
            ? `An event on ${this.name} could not be decrypted and no new key could be fetched; it was not delivered.`
            : `An event on ${this.name} could not be decrypted, even with a new key; it was not delivered.`,
        ),
      );
    }
  }

  /** Runs `action` and tells whether the pusher-js channel emitted an event meanwhile. */
  private watch(action: () => void): boolean {
    let emitted = false;
    const listener = () => {
      emitted = true;
    };
    this.subscription.bind_global(listener);
    try {
      action();
    } finally {
      this.subscription.unbind_global(listener);
    }
    return emitted;
  }
}
