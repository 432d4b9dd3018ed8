// A private channel on a Pusher-protocol connection: adds whisper (client events).

import { CLIENT_EVENT_PREFIX } from '../constants';
import { assertName } from '../validate';
import { PusherChannel } from './pusher-channel';

export class PusherPrivateChannel extends PusherChannel {
  private pendingWhispers: Array<[string, unknown]> = [];

  /**
   * Send a client event (`client-<event>`) to the other members of this channel. Whispers made
   * before the subscription succeeded are queued and sent once it does.
   */
  override whisper(event: string, data: unknown): this {
    assertName('event', event, 'whisper');
    if (this.subscription.subscribed) this.subscription.trigger(CLIENT_EVENT_PREFIX + event, data);
    else this.pendingWhispers.push([event, data]);
    return this;
  }

  protected override onSucceeded = (data: unknown): void => {
    void data;
    this.confirm();
    this.flushWhispers();
  };

  protected flushWhispers(): void {
    const pending = this.pendingWhispers;
    this.pendingWhispers = [];
    for (const [event, data] of pending) this.subscription.trigger(CLIENT_EVENT_PREFIX + event, data);
  }

  override unsubscribe(): void {
    this.pendingWhispers = [];
    super.unsubscribe();
  }
}
