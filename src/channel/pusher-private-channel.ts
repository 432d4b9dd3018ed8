// A private channel on a Pusher-protocol connection: adds whisper (client events).

import { CLIENT_EVENT_PREFIX } from '../constants';
import { assertClientEventSize, CLIENT_EVENT_MAX_QUEUE } from '../client-event-limiter';
import { EchoError } from '../errors';
import { assertName } from '../validate';
import { extrasOf, peekExtras } from './channel-extras';
import { PusherChannel } from './pusher-channel';

/** A private channel on a Pusher-protocol connection: authorized, and it can whisper. */
export class PusherPrivateChannel extends PusherChannel {

  /**
   * Send a client event (`client-<event>`) to the other members of this channel. Whispers made
   * before the subscription succeeded wait for it; beyond 10 per second per connection they wait
   * their turn; a payload over 10 KB throws an EchoError.
   */
  override whisper(event: string, data: unknown): this {
    assertName('event', event, 'whisper');
    assertClientEventSize(event, data);
    if (this.subscription.subscribed) this.send(event, data);
    else if ((peekExtras(this)?.whispers?.length ?? 0) < CLIENT_EVENT_MAX_QUEUE) this.queue(event, data);
    else {
      throw EchoError.coded(
        'E17',
        __DEV__ ? `whisper(${JSON.stringify(event)}): ${this.name} is not subscribed yet and ${CLIENT_EVENT_MAX_QUEUE} whispers already wait for it.` : 'whisper()',
        event,
      );
    }
    return this;
  }

  private send(event: string, data: unknown): void {
    this.context.clientEvents.submit(this.name, event, () => {
      if (this.subscription.subscribed) this.subscription.trigger(CLIENT_EVENT_PREFIX + event, data);
      else this.queue(event, data);
    });
  }

  private queue(event: string, data: unknown): void {
    (extrasOf(this).whispers ??= []).push([event, data]);
    this.lifecycleNeeded(); // flushed on success
  }

  protected override onSucceeded(data: unknown): void {
    void data;
    this.confirm();
    this.flushWhispers();
  }

  protected flushWhispers(): void {
    const extras = peekExtras(this);
    const pending = extras?.whispers ?? [];
    if (extras) extras.whispers = undefined;
    for (const [event, data] of pending) {
      try {
        this.send(event, data);
      } catch {
        // The connection's queue is full: the rest of these whispers are dropped, not thrown into pusher-js.
        break;
      }
    }
  }
}
