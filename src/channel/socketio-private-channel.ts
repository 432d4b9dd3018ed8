// A private channel on a Socket.IO connection: adds whisper (`client event`).

import { assertName } from '../validate';
import { SocketIoChannel } from './socketio-channel';

/** A private channel on a Socket.IO connection: authorized, and it can whisper. */
export class SocketIoPrivateChannel extends SocketIoChannel {
  private pendingWhispers: Array<[string, unknown]> = [];

  /**
   * Send a client event (`client-<event>`) to the other members of this channel. Whispers made
   * before the subscription was sent are queued and sent right after it.
   */
  override whisper(event: string, data: unknown): this {
    assertName('event', event, 'whisper');
    if (this.isSubscribed && this.context.socket.connected) this.emitClientEvent(event, data);
    else this.pendingWhispers.push([event, data]);
    return this;
  }

  protected override confirm(): void {
    super.confirm();
    const pending = this.pendingWhispers;
    this.pendingWhispers = [];
    for (const [event, data] of pending) this.emitClientEvent(event, data);
  }

  override unsubscribe(): void {
    this.pendingWhispers = [];
    super.unsubscribe();
  }
}
