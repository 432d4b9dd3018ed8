// The presence API (here / joining / leaving, their undo, members()) written once. Every
// presence channel class (Pusher, Socket.IO, the testing fake) declares it by interface merging
// and gets it from installPresenceApi(), over the PresenceMembers it keeps in `presence`.

import type { Listener } from '../types';
import type { PresenceMembers } from './presence-members';

/** What every presence channel adds to a private channel. */
export interface PresenceApi<U> {
  /** Called with everyone on the channel once subscribed (and after each re-subscription). */
  here<V = U>(callback: Listener<V[]>): this;
  /** Called when another user joins. */
  joining<V = U>(callback: Listener<V>): this;
  /** Called when a user leaves (their last connection left). */
  leaving<V = U>(callback: Listener<V>): this;
  /** Undo here() for one callback, or for all of them. */
  stopHere(callback?: Listener<never>): this;
  /** Undo joining() for one callback, or for all of them. */
  stopJoining(callback?: Listener<never>): this;
  /** Undo leaving() for one callback, or for all of them. */
  stopLeaving(callback?: Listener<never>): this;
  /** The members currently on the channel, one entry per user. */
  members(): U[];
}

/** A presence channel instance as the installed methods see it. */
interface PresenceHost extends PresenceApi<unknown> {
  readonly presence: PresenceMembers<unknown>;
  markDisconnected(): void;
  unsubscribe(): void;
}

const methods: PresenceApi<unknown> & ThisType<PresenceHost> = {
  here(callback) {
    this.presence.on('here', callback as Listener<never>);
    return this;
  },
  joining(callback) {
    this.presence.on('joining', callback as Listener<never>);
    return this;
  },
  leaving(callback) {
    this.presence.on('leaving', callback as Listener<never>);
    return this;
  },
  stopHere(callback) {
    this.presence.off('here', callback);
    return this;
  },
  stopJoining(callback) {
    this.presence.off('joining', callback);
    return this;
  },
  stopLeaving(callback) {
    this.presence.off('leaving', callback);
    return this;
  },
  members() {
    return this.presence.list();
  },
};

/**
 * Puts the PresenceApi methods on `target`'s prototype, and extends its
 * markDisconnected() (members are unknown until the next subscription) and unsubscribe() (members
 * and callbacks dropped).
 */
export function installPresenceApi(target: { readonly prototype: PresenceHost }): void {
  const proto = target.prototype;
  const { markDisconnected, unsubscribe } = proto;
  Object.assign(proto, methods);
  proto.markDisconnected = function (this: PresenceHost) {
    markDisconnected.call(this);
    this.presence.clear();
  };
  proto.unsubscribe = function (this: PresenceHost) {
    this.presence.dispose();
    unsubscribe.call(this);
  };
}
