// One component's use of one channel: its lease from the core's reference-counted registry and
// the listeners it bound. The listeners are one stable handler that calls the component's latest
// callback, so a new callback never rebinds, resubscribes or re-authorizes; only another channel
// does (a new ChannelBinding). The React hooks and the Vue composables drive it the same way.

import { acquireChannel, type BroadcasterKey, type Channel, type EchoBase, type Listener } from '../index';
import type { AnyEcho, EchoNotification, Visibility } from './types';

/** Binds `handler` on `channel` and returns the function that unbinds it. */
export type Binder = (channel: Channel, handler: Listener<unknown>) => () => void;

type Lease = { readonly channel: Channel; release(all?: boolean): void };

export class ChannelBinding {
  private lease?: Lease;
  private last?: Channel;
  private unbind?: () => void;
  private binder?: Binder;
  private binderKey?: string;
  /** False after stopListening()/leave(), until listen(). */
  private wanted = true;

  constructor(
    private readonly echo: AnyEcho,
    readonly name: string,
    readonly visibility: Visibility,
    private readonly handler: Listener<unknown>,
  ) {}

  /** Subscribe (take a lease) and, with a binder, listen. */
  open(binder?: Binder, key?: string): void {
    this.lease ??= acquireChannel(this.echo as EchoBase<BroadcasterKey>, this.visibility, this.name) as Lease;
    this.last = this.lease.channel;
    this.bind(binder, key);
  }

  /** Use `binder` from now on: rebinds only when `key` (what it listens for) changed. */
  bind(binder: Binder | undefined, key = ''): void {
    if (this.unbind && key === this.binderKey) return;
    this.unbind?.();
    this.unbind = undefined;
    this.binder = binder;
    this.binderKey = key;
    if (binder && this.wanted && this.lease) this.unbind = binder(this.lease.channel, this.handler);
  }

  listen(): void {
    this.wanted = true;
    if (!this.unbind) this.open(this.binder, this.binderKey);
  }

  stopListening(): void {
    this.wanted = false;
    this.unbind?.();
    this.unbind = undefined;
  }

  /** Stop listening and give up the lease (the core leaves the channel if it was the last one). */
  leave(all = false): void {
    this.stopListening();
    this.lease?.release(all);
    this.lease = undefined;
  }

  /** The subscribed channel, or null after leave(). */
  channel(): Channel | null {
    return this.lease?.channel ?? null;
  }

  /** The channel last subscribed, even after leave(). */
  lastChannel(): Channel | null {
    return this.last ?? null;
  }
}

const toArray = (value: string | readonly string[]): string[] => [...new Set(typeof value === 'string' ? [value] : value)];

/** `event` as the list and the key the binders use. */
export function eventList(event: string | readonly string[]): [events: string[], key: string] {
  const events = toArray(event);
  return [events, JSON.stringify(events)];
}

/** Listens for each of `events` (named as listen() takes them). */
export const eventsBinder =
  (events: readonly string[]): Binder =>
  (channel, handler) => {
    for (const event of events) channel.listen(event, handler);
    return () => {
      for (const event of events) channel.stopListening(event, handler);
    };
  };

const dotted = (type: string) => type.replace(/\\/g, '.');

/**
 * Listens for notifications, keeping those whose `type` is one of `types` (all when empty);
 * `App.Notifications.InvoicePaid` and `App\Notifications\InvoicePaid` are the same type.
 */
export const notificationBinder =
  (types: readonly string[]): Binder =>
  (channel, handler) => {
    const wanted = types.map(dotted);
    const filtered = (notification: EchoNotification) => {
      if (!wanted.length || wanted.includes(dotted(String(notification?.type)))) handler(notification);
    };
    channel.notification(filtered);
    return () => channel.stopListeningForNotification(filtered);
  };

/** Model events are broadcast under their own names: add the leading dot. */
export const modelEvents = (event: string | readonly string[]): string[] =>
  toArray(event).map((name) => (name.startsWith('.') ? name : '.' + name));
