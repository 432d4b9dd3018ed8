// A private channel of the built-in Pusher-protocol client: authorized through the channel
// authorizer on every (re)subscription, with whispers (client events).

import type { ClientEventLimiter } from '../client-event-limiter';
import { subscriptionError, type SubscriptionError } from '../errors';
import { NativeChannel } from './native-channel';
import { flushWhispers, whisper } from './whispers';

export class NativePrivateChannel extends NativeChannel {
  override subscribe(): void {
    const socketId = this.context.socketId();
    if (!socketId) return;
    // A reconnect since the request started has its own subscription under way: this request's
    // outcome, success or failure, no longer concerns the channel.
    const current = () => this.context.socketId() === socketId;
    const failed = (error: SubscriptionError) => {
      if (current()) this.authFailed(error);
    };
    void this.context.authorizer.channel(this.name, socketId, failed).then((data) => {
      if (data && current()) this.authorized(data);
    });
  }

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
    return this.isSubscribed;
  }

  /** @internal */
  get clientEvents(): ClientEventLimiter {
    return this.context.clientEvents;
  }

  /** @internal */
  sendClientEvent(event: string, data: unknown): void {
    this.context.send(event, data, this.name);
  }

  /** @internal Whispers are flushed by succeeded(), which every subscription reaches. */
  whisperQueued(): void {}

  /** Driver hook: the authorization answered; sends the subscription with its signature. */
  protected authorized(data: Record<string, unknown>): void {
    const { auth, channel_data: channelData } = data;
    if (typeof auth !== 'string' || !auth) {
      this.fail(subscriptionError(this.name, 200, `The authorization response for ${this.name} has no "auth" signature.`, 'invalid-response'));
      return;
    }
    this.context.send('pusher:subscribe', { auth, channel_data: channelData, channel: this.name });
  }

  protected override succeeded(data: unknown): void {
    super.succeeded(data);
    flushWhispers(this);
  }

  private authFailed(error: SubscriptionError): void {
    if (error.retrying) this.report(error);
    else this.fail(error);
  }
}
