// Who is on a presence channel, keyed by user id so one user in two tabs counts once,
// and the here/joining/leaving callbacks that follow it.

import type { Listener } from '../types';
import { assertCallback } from '../validate';

/**
 * The members of one presence channel, one entry per user id (a user in two tabs counts once), and
 * the here/joining/leaving callbacks that follow them.
 */
export class PresenceMembers<U> {
  private readonly members = new Map<string, U>();
  private readonly callbacks = {
    here: new Set<Listener<U[]>>(),
    joining: new Set<Listener<U>>(),
    leaving: new Set<Listener<U>>(),
  };
  private synced = false;

  /** Current members' info, in the order they were first seen. */
  list(): U[] {
    return [...this.members.values()];
  }

  /** The info of member `id`, if on the channel. */
  info(id: string): U | undefined {
    return this.members.get(id);
  }

  on(kind: 'here' | 'joining' | 'leaving', callback: Listener<never>): void {
    assertCallback(callback, kind);
    (this.callbacks[kind] as Set<Listener<never>>).add(callback);
    if (kind === 'here' && this.synced) (callback as Listener<U[]>)(this.list());
  }

  off(kind: 'here' | 'joining' | 'leaving', callback?: Listener<never>): void {
    const set = this.callbacks[kind] as Set<Listener<never>>;
    callback ? set.delete(callback) : set.clear();
  }

  /** A full member list from the server (initial subscription or re-subscription). */
  reset(entries: Iterable<readonly [id: string, info: U]>): void {
    this.members.clear();
    for (const [id, info] of entries) this.members.set(id, info);
    this.synced = true;
    const list = this.list();
    for (const callback of [...this.callbacks.here]) callback(list);
  }

  add(id: string, info: U): void {
    const known = this.members.has(id);
    this.members.set(id, info);
    if (!known && this.synced) for (const callback of [...this.callbacks.joining]) callback(info);
  }

  remove(id: string): void {
    if (!this.members.has(id)) return;
    const info = this.members.get(id) as U;
    this.members.delete(id);
    for (const callback of [...this.callbacks.leaving]) callback(info);
  }

  /** The subscription is gone (left, or connection lost): members are unknown until the next reset. */
  clear(): void {
    this.members.clear();
    this.synced = false;
  }

  dispose(): void {
    this.clear();
    this.callbacks.here.clear();
    this.callbacks.joining.clear();
    this.callbacks.leaving.clear();
  }
}
