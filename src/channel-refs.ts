// Reference-counted channel use for one Echo instance: every user of a channel (a React or Vue
// component, your own code) holds a lease, and the channel is left once the last lease is
// released. The framework adapters share this one registry instead of keeping their own. The
// registry lives on its Echo instance (created on first use) and is reached through
// acquireChannel(), so applications that never use it do not bundle it.

import type { Channel } from './channel/channel';
import { ENCRYPTED_PREFIX, PRESENCE_PREFIX, PRIVATE_PREFIX } from './constants';
import type { Broadcaster, BroadcasterKey, EchoBase } from './echo-base';

/** Which variant of a channel name: `channel()`, `private()`, `encryptedPrivate()` or `join()`. */
export type ChannelKind = 'public' | 'private' | 'encrypted' | 'presence';

/** One user's hold on a channel, from `acquireChannel()`. */
export interface ChannelLease<C = Channel> {
  /** The channel, the same object every holder of this channel gets. */
  readonly channel: C;
  /**
   * Stop using the channel (calling it again does nothing). The channel is left once no lease on
   * it remains, at the end of the current microtask, so a release followed at once by an acquire
   * of the same channel (React StrictMode, a component re-mounted in the same render) keeps the
   * subscription instead of leaving and re-authorizing. With `all`, the name's other variants
   * (public, private, encrypted, presence) that nobody holds are left too, like `Echo.leave()`.
   */
  release(all?: boolean): void;
}

/** What the registry needs from the Echo facade. */
interface ChannelRefsHost {
  channel(name: string): Channel;
  private(name: string): Channel;
  encryptedPrivate(name: string): Channel;
  join(name: string): Channel;
  leaveChannel(fullName: string): void;
  readonly connector: unknown;
  channelRefs?: ChannelRefs;
}

/**
 * Use a channel of `echo` with reference counting: every caller (component) gets the same
 * channel object and its own lease, and the channel is left when the last lease is released.
 * The React and Vue adapters subscribe through this, so they share one registry with your code.
 *
 * @example
 * const { channel, release } = acquireChannel(echo, 'private', `order.${id}`);
 * channel.listen('OrderShipped', onShipped);
 * // later: remove your listener, then release (the channel is left if nobody else holds it)
 * channel.stopListening('OrderShipped', onShipped);
 * release();
 */
export function acquireChannel<T extends BroadcasterKey, K extends ChannelKind>(
  echo: EchoBase<T>,
  kind: K,
  name: string,
): ChannelLease<Broadcaster[T][K]> {
  const host = echo as unknown as ChannelRefsHost;
  return (host.channelRefs ??= new ChannelRefs(host)).acquire(kind, name) as ChannelLease<Broadcaster[T][K]>;
}

/**
 * Leave now the channels of `echo` whose last lease was released, instead of at the end of the
 * microtask (for tests that check right after an unmount).
 */
export function flushReleases<T extends BroadcasterKey>(echo: EchoBase<T>): void {
  (echo as unknown as ChannelRefsHost).channelRefs?.flush();
}

interface Entry {
  readonly channel: Channel;
  readonly name: string;
  count: number;
  leaveAll: boolean;
}

const VARIANTS = ['', PRIVATE_PREFIX, ENCRYPTED_PREFIX, PRESENCE_PREFIX];

const schedule: (task: () => void) => void =
  typeof queueMicrotask === 'function' ? queueMicrotask : (task) => void Promise.resolve().then(task);

export class ChannelRefs {
  /** Held (or just released) channels by full name. */
  private readonly entries = new Map<string, Entry>();
  /** Entries whose count reached 0, left at the next flush. */
  private readonly released = new Set<Entry>();
  private scheduled = false;

  constructor(private readonly host: ChannelRefsHost) {}

  acquire(kind: ChannelKind, name: string): ChannelLease {
    const host = this.host;
    const channel =
      kind === 'public'
        ? host.channel(name)
        : kind === 'private'
          ? host.private(name)
          : kind === 'encrypted'
            ? host.encryptedPrivate(name)
            : host.join(name);
    let entry = this.entries.get(channel.name);
    // A different object under the same name: the old one was left behind our back (Echo.leave()).
    if (!entry || entry.channel !== channel) {
      entry = { channel, name, count: 0, leaveAll: false };
      this.entries.set(channel.name, entry);
    }
    const held = entry;
    held.count++;
    held.leaveAll = false;
    let done = false;
    return {
      channel,
      release: (all = false) => {
        if (done) return;
        done = true;
        if (--held.count > 0) return;
        held.leaveAll = all;
        this.released.add(held);
        if (!this.scheduled) {
          this.scheduled = true;
          schedule(() => this.flush());
        }
      },
    };
  }

  /** How many leases are held on `fullName` (prefix included). */
  count(fullName: string): number {
    return this.entries.get(fullName)?.count ?? 0;
  }

  /** Leave now every channel whose last lease was released (normally done at the end of the microtask). */
  flush(): void {
    this.scheduled = false;
    const released = [...this.released];
    this.released.clear();
    for (const entry of released) {
      if (entry.count > 0) continue; // acquired again before the flush
      this.leave(entry.channel.name, entry.channel);
      if (entry.leaveAll) {
        for (const prefix of VARIANTS) {
          const variant = prefix + entry.name;
          if (variant !== entry.channel.name && this.count(variant) === 0) this.leave(variant);
        }
      }
    }
  }

  /** Leaves `fullName` unless the connector's registry now holds another object than `expected`. */
  private leave(fullName: string, expected?: Channel): void {
    const entry = this.entries.get(fullName);
    if (entry && (!expected || entry.channel === expected)) this.entries.delete(fullName);
    // Connectors without a registry (custom ones may have none) are simply told to leave.
    const registry = (this.host.connector as { channels?: unknown }).channels;
    if (registry instanceof Map) {
      const current: unknown = registry.get(fullName);
      if (!current || (expected && current !== expected)) return;
    }
    this.host.leaveChannel(fullName);
  }
}
