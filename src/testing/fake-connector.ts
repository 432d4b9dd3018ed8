// The fake Echo's connector: no transport, an always-accepting "server", and a record of what
// the application did (subscriptions, leaves, whispers) for the test to inspect.

import { Connector, type Channel, type ConnectionStatus, type EchoOptions } from '../index';
import { FakeChannel, FakeEncryptedPrivateChannel, FakePresenceChannel, FakePrivateChannel, type FakeChannelContext } from './fake-channel';

/** Thrown by the FakeEcho assertions; test runners show its message. */
export class FakeEchoAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

/** One thing the application did, in order. */
export interface FakeEchoRecord {
  type: 'subscribe' | 'leave';
  /** Full channel name, prefix included (`private-order.1`). */
  channel: string;
}

/** A whisper the application sent. */
export interface FakeWhisper {
  channel: string;
  event: string;
  data: unknown;
}

export class FakeConnector
  extends Connector<FakeChannel, FakePrivateChannel, FakeEncryptedPrivateChannel, FakePresenceChannel>
  implements FakeChannelContext
{
  readonly log: FakeEchoRecord[] = [];
  readonly whispers: FakeWhisper[] = [];
  /** Who the "server" has on each presence channel, by member id. */
  readonly presence = new Map<string, Map<string, unknown>>();
  /** The socket id reported while connected. */
  private readonly connectedSocketId: string;
  private readonly startingMembers: unknown[];
  private readonly pickId: (member: unknown) => unknown;

  constructor(options: EchoOptions) {
    super(options);
    this.connectedSocketId = typeof options['socketId'] === 'string' ? options['socketId'] : '1234.5678';
    this.startingMembers = Array.isArray(options['members']) ? options['members'] : [];
    this.pickId =
      typeof options['memberId'] === 'function'
        ? (options['memberId'] as (member: unknown) => unknown)
        : (member) => (member as { id?: unknown } | null)?.id;
  }

  /** A presence member's identity as a string (one entry per id). */
  memberKey(member: unknown): string {
    const id = this.pickId(member);
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new FakeEchoAssertionError(`FakeEcho: the presence member ${JSON.stringify(member)} has no id; pass memberId in the FakeEcho options.`);
    }
    return String(id);
  }

  /** Who the "server" has on the presence channel `channel` (created from the `members` option). */
  serverMembers(channel: string): Map<string, unknown> {
    let members = this.presence.get(channel);
    if (!members) {
      members = new Map(this.startingMembers.map((member) => [this.memberKey(member), member] as [string, unknown]));
      this.presence.set(channel, members);
    }
    return members;
  }

  connect(): void {
    this.intend(true);
    this.setStatus('connected');
  }

  disconnect(): void {
    this.intend(false);
    this.setStatus('disconnected');
  }

  socketId(): string | undefined {
    return this.state.status === 'connected' ? this.connectedSocketId : undefined;
  }

  /** Move to `status`: channels lose their subscription when the connection goes, and get it back when it returns. */
  setStatus(status: ConnectionStatus): void {
    const previous = this.state.status;
    if (status === 'connected' && previous !== 'connected') {
      for (const channel of this.channels.values()) {
        if (channel instanceof FakePresenceChannel) channel.setMembers(this.initialMembers(channel.name));
        if (channel instanceof FakeChannel) channel.reconfirm();
      }
    }
    // The fake reports exactly the status it is told (`connecting` stays `connecting`).
    this.transition(status, true);
  }

  /** @internal */
  recordSubscription(channel: string, subscribed: boolean): void {
    this.log.push({ type: subscribed ? 'subscribe' : 'leave', channel });
  }

  /** @internal */
  recordWhisper(channel: string, event: string, data: unknown): void {
    this.whispers.push({ channel, event, data });
  }

  /** @internal */
  initialMembers(channel: string): Array<[string, unknown]> {
    return [...this.serverMembers(channel)];
  }

  protected createChannel(kind: 'public' | 'private' | 'encrypted' | 'presence', fullName: string): Channel {
    const Kind =
      kind === 'public'
        ? FakeChannel
        : kind === 'private'
          ? FakePrivateChannel
          : kind === 'encrypted'
            ? FakeEncryptedPrivateChannel
            : FakePresenceChannel;
    return new Kind(fullName, this);
  }
}
