// Channels of the null broadcaster (tests, server-side rendering, broadcasting switched off):
// they accept every call (with the same parameters as the other drivers' channels), validate
// their input, and never receive anything.

import type { AnyEventListener, EventPayload, Listener, PresenceMemberInfo } from '../types';
import { encryptedWhisperError } from '../errors';
import { assertCallback, assertName } from '../validate';
import { Channel } from './channel';

/** A public channel of the null broadcaster: validates every call, never receives an event. */
export class NullChannel extends Channel {
  subscribe(): void {}

  retry(): void {}

  unsubscribe(): void {
    this.clearLifecycleCallbacks();
  }

  listen<E extends string>(event: E, callback: Listener<EventPayload<E>>): this {
    assertName('event', event, 'listen');
    assertCallback(callback, 'listen');
    return this;
  }

  stopListening(_event: string, _callback?: Listener<never>): this {
    return this;
  }

  listenToAll(callback: AnyEventListener): this {
    assertCallback(callback, 'listenToAll');
    return this;
  }

  stopListeningToAll(_callback?: AnyEventListener): this {
    return this;
  }

  on(event: string, callback: Listener<unknown>): this {
    assertName('event', event, 'on');
    assertCallback(callback, 'on');
    return this;
  }

  off(_event: string, _callback?: Listener<never>): this {
    return this;
  }
}

/** A private channel of the null broadcaster; `whisper()` validates its input and sends nothing. */
export class NullPrivateChannel extends NullChannel {
  override whisper(event: string, data: unknown): this {
    void data;
    assertName('event', event, 'whisper');
    return this;
  }
}

/** An encrypted private channel of the null broadcaster; `whisper()` throws as on the Pusher protocol. */
export class NullEncryptedPrivateChannel extends NullPrivateChannel {
  /** Throws, as on the Pusher protocol: encrypted channels have no client events. */
  override whisper(event: string, data?: unknown): this {
    void data;
    throw encryptedWhisperError(event, this.name);
  }
}

/** A presence channel of the null broadcaster: accepts here/joining/leaving callbacks, never has members. */
export class NullPresenceChannel<U = PresenceMemberInfo> extends NullPrivateChannel {
  here<V = U>(callback: Listener<V[]>): this {
    assertCallback(callback, 'here');
    return this;
  }

  joining<V = U>(callback: Listener<V>): this {
    assertCallback(callback, 'joining');
    return this;
  }

  leaving<V = U>(callback: Listener<V>): this {
    assertCallback(callback, 'leaving');
    return this;
  }

  stopHere(_callback?: Listener<never>): this {
    return this;
  }

  stopJoining(_callback?: Listener<never>): this {
    return this;
  }

  stopLeaving(_callback?: Listener<never>): this {
    return this;
  }

  members(): U[] {
    return [];
  }
}
