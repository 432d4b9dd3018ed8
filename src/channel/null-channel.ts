// Channels of the null broadcaster (tests, server-side rendering, broadcasting switched off):
// they accept every call, validate their input, and never receive anything.

import type { AnyEventListener, EventPayload, Listener, PresenceMemberInfo } from '../types';
import { assertCallback, assertName } from '../validate';
import { Channel } from './channel';

export class NullChannel extends Channel {
  subscribe(): void {}

  unsubscribe(): void {
    this.clearLifecycleCallbacks();
  }

  listen<E extends string>(event: E, callback: Listener<EventPayload<E>>): this {
    assertName('event', event, 'listen');
    assertCallback(callback, 'listen');
    return this;
  }

  stopListening(): this {
    return this;
  }

  listenToAll(callback: AnyEventListener): this {
    assertCallback(callback, 'listenToAll');
    return this;
  }

  stopListeningToAll(): this {
    return this;
  }

  on(event: string, callback: Listener<unknown>): this {
    assertName('event', event, 'on');
    assertCallback(callback, 'on');
    return this;
  }

  off(): this {
    return this;
  }
}

export class NullPrivateChannel extends NullChannel {
  whisper(event: string, data: unknown): this {
    void data;
    assertName('event', event, 'whisper');
    return this;
  }
}

export class NullEncryptedPrivateChannel extends NullPrivateChannel {}

export class NullPresenceChannel<U = PresenceMemberInfo> extends NullPrivateChannel {
  here(callback: Listener<U[]>): this {
    assertCallback(callback, 'here');
    return this;
  }

  joining(callback: Listener<U>): this {
    assertCallback(callback, 'joining');
    return this;
  }

  leaving(callback: Listener<U>): this {
    assertCallback(callback, 'leaving');
    return this;
  }

  stopHere(): this {
    return this;
  }

  stopJoining(): this {
    return this;
  }

  stopLeaving(): this {
    return this;
  }

  members(): U[] {
    return [];
  }
}
