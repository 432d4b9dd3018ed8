// A private channel on a Pusher-protocol connection (pusher-js): adds whisper (client events).

import type { ClientEventLimiter } from '../client-event-limiter';
import { PusherChannel } from './pusher-channel';
import { flushWhispers, whisper } from './whispers';

/** A private channel on a Pusher-protocol connection: authorized, and it can whisper. */
export class PusherPrivateChannel extends PusherChannel {
  /**
   * Send a client event (`client-<event>`) to the other members of this channel. Whispers made
   * before the subscription succeeded wait for it; beyond 10 per second per connection they wait
   * their turn; a payload over 10 KB throws an EchoError.
   */
  override whisper(event: string, data: unknown): this {
    whisper(this, event, data);
    return this;
  }

  /** @internal */
  get whisperReady(): boolean {
    return this.subscription.subscribed;
  }

  /** @internal */
  get clientEvents(): ClientEventLimiter {
    return this.context.clientEvents;
  }

  /** @internal */
  sendClientEvent(event: string, data: unknown): void {
    this.subscription.trigger(event, data);
  }

  /** @internal */
  whisperQueued(): void {
    this.lifecycleNeeded(); // flushed on success
  }

  protected override onSucceeded(data: unknown): void {
    void data;
    this.confirm();
    flushWhispers(this);
  }
}
