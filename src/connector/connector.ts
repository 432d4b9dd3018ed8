// The connector contract every driver implements, and the bookkeeping they share: the
// per-instance options, the channel registry, the connection state machine.

import type { Channel, ChannelContext } from '../channel/channel';
import { ConnectionState, type ConnectionChangeListener, type ConnectionStatus } from '../connection-state';
import { ENCRYPTED_PREFIX, PRESENCE_PREFIX, PRIVATE_PREFIX } from '../constants';
import type { ConnectionError, ConnectionErrorListener } from '../errors';
import { EventFormatter } from '../event-formatter';
import { resolveOptions, type EchoOptions, type ResolvedOptions } from '../options';
import { assertName } from '../validate';

export abstract class Connector<
  TPublic extends Channel = Channel,
  TPrivate extends Channel = Channel,
  TEncrypted extends Channel = Channel,
  TPresence extends Channel = Channel,
> implements ChannelContext {
  /** This instance's options, after defaults. */
  readonly options: ResolvedOptions;
  readonly formatter: EventFormatter;
  /** Subscribed channels by full name (`private-order.1`). */
  readonly channels = new Map<string, Channel>();
  protected readonly state = new ConnectionState();
  /** Between disconnect() and the next connect(): the application closed the connection. */
  protected closed = false;
  /** The connection was up and dropped without disconnect(); cleared once connected again. */
  private lost = false;
  private readonly errorListeners = new Set<ConnectionErrorListener>();
  private warnedMalformed = false;

  constructor(options: EchoOptions) {
    this.options = resolveOptions(options);
    this.formatter = new EventFormatter(this.options.namespace);
  }

  get notificationEvent(): string {
    return this.options.notificationEvent;
  }

  /** Create the transport and start connecting; after disconnect(), connect again. */
  abstract connect(): void;

  abstract disconnect(): void;

  /** This connection's socket id (sent as `X-Socket-ID`), or undefined while not connected. */
  abstract socketId(): string | undefined;

  protected abstract createChannel(kind: 'public' | 'private' | 'encrypted' | 'presence', fullName: string, method: string): Channel;

  channel(name: string): TPublic {
    return this.channelFor('public', '', name, 'channel') as TPublic;
  }

  privateChannel(name: string): TPrivate {
    return this.channelFor('private', PRIVATE_PREFIX, name, 'private') as TPrivate;
  }

  encryptedPrivateChannel(name: string): TEncrypted {
    return this.channelFor('encrypted', ENCRYPTED_PREFIX, name, 'encryptedPrivate') as TEncrypted;
  }

  presenceChannel(name: string): TPresence {
    return this.channelFor('presence', PRESENCE_PREFIX, name, 'join') as TPresence;
  }

  /** Leave `name` in every variant: public, private, encrypted private and presence. */
  leave(name: string): void {
    for (const prefix of ['', PRIVATE_PREFIX, ENCRYPTED_PREFIX, PRESENCE_PREFIX]) this.leaveChannel(prefix + name);
  }

  /** Leave exactly one channel, by its full name. */
  leaveChannel(fullName: string): void {
    const channel = this.channels.get(fullName);
    if (!channel) return;
    this.channels.delete(fullName);
    channel.unsubscribe();
  }

  leaveAllChannels(): void {
    for (const name of [...this.channels.keys()]) this.leaveChannel(name);
  }

  connectionStatus(): ConnectionStatus {
    return this.state.status;
  }

  /** Called with (status, previous) on every transition, once each; returns the unsubscribe function. */
  onConnectionChange(listener: ConnectionChangeListener): () => void {
    return this.state.subscribe(listener);
  }

  /** Called with each connection-level error; returns the unsubscribe function. */
  onConnectionError(listener: ConnectionErrorListener): () => void {
    this.errorListeners.add(listener);
    return () => {
      this.errorListeners.delete(listener);
    };
  }

  /**
   * @internal A frame or event from the server was malformed and has been ignored. The first one
   * per connection is logged with console.debug; later ones are ignored silently.
   */
  malformed(what: string, sample: unknown): void {
    if (this.warnedMalformed) return;
    this.warnedMalformed = true;
    let preview: string;
    try {
      preview = JSON.stringify(sample)?.slice(0, 120) ?? String(sample);
    } catch {
      preview = Object.prototype.toString.call(sample);
    }
    console.debug(
      __DEV__
        ? `[royalcms-echo] Ignored a malformed ${what} from the server: ${preview}. Later malformed frames on this connection are ignored without a message.`
        : `[royalcms-echo] ignored malformed ${what}: ${preview}`,
    );
  }

  /** Driver hook, first thing in connect() (`true`) and disconnect() (`false`): what the application asked for. */
  protected intend(open: boolean): void {
    this.closed = !open;
    this.lost = false;
  }

  /**
   * Driver hook: the transport reached `next`. The rules every driver shares live here: leaving
   * `connected` marks every channel unconfirmed, and `connecting` after a lost connection is
   * reported as `reconnecting` (unless `exact`). Returns the status actually reported.
   */
  protected transition(next: ConnectionStatus, exact = false): ConnectionStatus {
    const previous = this.state.status;
    if (next === 'connected') this.lost = false;
    else if (previous === 'connected' && !this.closed) this.lost = true;
    if (this.lost && next === 'connecting' && !exact) next = 'reconnecting';
    if (previous === 'connected' && next !== 'connected') for (const channel of this.channels.values()) channel.markDisconnected();
    this.state.set(next);
    return next;
  }

  /** Driver hook: report a connection-level error. */
  protected reportError(error: ConnectionError): void {
    for (const listener of [...this.errorListeners]) listener(error);
  }

  private channelFor(kind: 'public' | 'private' | 'encrypted' | 'presence', prefix: string, name: string, method: string): Channel {
    assertName('channel', name, method);
    const fullName = prefix + name;
    let channel = this.channels.get(fullName);
    if (!channel) {
      channel = this.createChannel(kind, fullName, method);
      this.channels.set(fullName, channel);
      channel.subscribe();
    }
    return channel;
  }
}
