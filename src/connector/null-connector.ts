// The null broadcaster: no transport, always "connected", channels that never receive anything.
// Works anywhere, including Node and server-side rendering.

import type { Channel } from '../channel/channel';
import { NullChannel, NullEncryptedPrivateChannel, NullPresenceChannel, NullPrivateChannel } from '../channel/null-channel';
import { Connector } from './connector';

export class NullConnector extends Connector<NullChannel, NullPrivateChannel, NullEncryptedPrivateChannel, NullPresenceChannel> {
  connect(): void {
    this.intend(true);
    this.transition('connected');
  }

  disconnect(): void {
    this.intend(false);
    this.transition('disconnected');
  }

  socketId(): string | undefined {
    return 'fake-socket-id';
  }

  protected createChannel(kind: 'public' | 'private' | 'encrypted' | 'presence', fullName: string): Channel {
    const Kind =
      kind === 'public' ? NullChannel : kind === 'private' ? NullPrivateChannel : kind === 'encrypted' ? NullEncryptedPrivateChannel : NullPresenceChannel;
    return new Kind(fullName, this);
  }
}
