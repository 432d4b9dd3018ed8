// The built-in Pusher-protocol connector (pusher, reverb, ably without pusher-js): one
// PusherSocket on the platform WebSocket, frames routed to channels by name, every channel
// (re)subscribed, re-authorized, on each connect, and user sign-in.

import { ChannelAuthorizer } from '../channel-authorizer';
import type { Channel } from '../channel/channel';
import { NativeChannel } from '../channel/native-channel';
import { NativeEncryptedPrivateChannel, type NaclLike } from '../channel/native-encrypted-private-channel';
import { NativePresenceChannel } from '../channel/native-presence-channel';
import { NativePrivateChannel } from '../channel/native-private-channel';
import { ClientEventLimiter } from '../client-event-limiter';
import { backoff, type Backoff } from '../backoff';
import { EchoError } from '../errors';
import type { EchoOptions } from '../options';
import type { Frame } from '../transport/pusher/frame';
import { PusherSocket, type WebSocketConstructor } from '../transport/pusher/pusher-socket';
import { pusherUrl, usesTls } from '../transport/pusher/url';
import { assertPusherChannel } from '../validate';
import { Connector } from './connector';

/**
 * Default pause before reconnection attempt n: quick for the first ~30 s, the span of a server
 * restart (a returning server is found within a second: 600 ms, at most 750 with the jitter), then
 * backing off to 10 s; each up to 25 % longer at random.
 */
export const RECONNECT_DELAYS: Backoff = backoff([250, 500, ...Array<number>(48).fill(600), 2000, 5000, 10000], 0.25);

export class NativeConnector extends Connector<NativeChannel, NativePrivateChannel, NativeEncryptedPrivateChannel, NativePresenceChannel> {
  /** @internal Authorizes private, presence and encrypted channels, and sign-in. */
  readonly authorizer = new ChannelAuthorizer(this.options);
  /** @internal Client events of this connection: at most 10 per second. */
  readonly clientEvents = new ClientEventLimiter();
  private socket: PusherSocket | undefined;
  private signinWanted = false;

  /** @internal The secretbox implementation of encrypted channels (`options.nacl`). */
  get nacl(): NaclLike {
    return this.options['nacl'] as NaclLike;
  }

  connect(): void {
    this.socket ??= this.createSocket();
    // Already connected or reconnecting: nothing to do (reporting 'connecting' here would leave a
    // live connection marked as lost, its channels unconfirmed, until the next reconnect).
    if (this.socket.active) return;
    this.intend(true);
    this.transition('connecting');
    this.socket.connect();
  }

  disconnect(): void {
    this.intend(false);
    this.authorizer.cancelAll();
    this.socket?.disconnect();
  }

  socketId(): string | undefined {
    return this.socket?.socketId;
  }

  /** @internal Sends one frame; false when not connected. */
  send(event: string, data: unknown, channel?: string): boolean {
    return this.socket?.send(event, data, channel) ?? false;
  }

  /** Pusher user authentication: POSTs the socket id to `userAuthentication.endpoint`, then signs in (again after each reconnect). */
  signin(): void {
    this.signinWanted = true;
    const socketId = this.socketId();
    if (!socketId) return; // signed in once connected
    void this.authorizer
      .user(socketId, (error) => {
        // A request for an earlier connection has been replaced by the sign-in of the new one.
        if (!error.retrying && this.socketId() === socketId) this.reportError({ type: 'PusherError', code: null, message: error.error });
      })
      .then((data) => {
        if (data && this.socketId() === socketId) this.send('pusher:signin', { auth: data['auth'], user_data: data['user_data'] });
      });
  }

  override leaveChannel(fullName: string): void {
    this.authorizer.cancel(fullName);
    super.leaveChannel(fullName);
  }

  protected createChannel(kind: 'public' | 'private' | 'encrypted' | 'presence', fullName: string, method: string): Channel {
    assertPusherChannel(fullName, method);
    if (kind === 'encrypted') {
      const nacl = this.options['nacl'] as Partial<NaclLike> | undefined;
      if (typeof nacl?.secretbox?.open !== 'function') {
        throw EchoError.coded(
          'E22',
          __DEV__
            ? `${method}(${JSON.stringify(fullName)}): encrypted channels need a secretbox implementation. Add it with import { nacl } from 'royalcms-echo/encrypted' and new Echo({ ..., nacl }) (tweetnacl works too).`
            : `${method}() options.nacl`,
          fullName,
        );
      }
      return new NativeEncryptedPrivateChannel(fullName, this);
    }
    const Kind = kind === 'public' ? NativeChannel : kind === 'private' ? NativePrivateChannel : NativePresenceChannel;
    return new Kind(fullName, this);
  }

  private createSocket(): PusherSocket {
    const options = this.options;
    const { key, broadcaster } = options;
    if (typeof key !== 'string' || !key) {
      throw EchoError.coded(
        'E6',
        __DEV__ ? `The '${String(broadcaster)}' broadcaster needs options.key, your app key; got ${JSON.stringify(key)}.` : 'new Echo() options.key',
        key,
      );
    }
    if (!options.cluster && !options.wsHost) {
      throw EchoError.coded(
        'E7',
        __DEV__
          ? `The '${String(broadcaster)}' broadcaster needs options.wsHost (your server's host) or, for Pusher Channels, options.cluster (e.g. 'mt1').`
          : 'new Echo() options.cluster',
        options.cluster,
      );
    }
    const WebSocket = (options['WebSocket'] ?? (globalThis as { WebSocket?: unknown }).WebSocket) as WebSocketConstructor | undefined;
    if (typeof WebSocket !== 'function') {
      throw EchoError.coded(
        'E21',
        __DEV__
          ? "No WebSocket implementation: this platform has no global WebSocket (Node before 22). Pass one as options.WebSocket (import WebSocket from 'ws')."
          : 'new Echo() options.WebSocket',
        WebSocket,
      );
    }
    const transports = options.enabledTransports;
    if (Array.isArray(transports) && !transports.some((name) => name === 'ws' || name === 'wss')) {
      throw EchoError.coded(
        'E23',
        __DEV__
          ? `options.enabledTransports ${JSON.stringify(transports)}: the built-in client speaks WebSocket only. Add 'ws', or pass pusher-js as options.Pusher for its HTTP fallbacks.`
          : 'new Echo() options.enabledTransports',
        transports,
      );
    }
    const delays = options.reconnectDelays;
    return new PusherSocket(
      {
        url: (tls) => pusherUrl({ key, cluster: options.cluster, wsHost: options.wsHost, wsPort: options.wsPort, wssPort: options.wssPort, wsPath: options['wsPath'] as string | undefined }, tls),
        tls: usesTls(options.forceTLS),
        WebSocket,
        activityTimeout: positive(options['activityTimeout'], 120_000),
        pongTimeout: positive(options['pongTimeout'], 30_000),
        connectTimeout: 10_000,
        reconnect: delays === false ? undefined : delays ? backoff(delays, 0.25) : RECONNECT_DELAYS,
      },
      {
        connected: this.onConnected,
        frame: this.onFrame,
        down: (status) => this.transition(status),
        error: (error) => this.reportError(error),
        malformed: (reason, sample) => this.malformed(reason, sample),
      },
    );
  }

  private readonly onConnected = (): void => {
    // The one place every channel is subscribed again (and re-authorized for the new socket id),
    // before 'connected' is reported: a channel that a connection listener joins then subscribes
    // itself and must not be subscribed twice, and one it leaves is unsubscribed after.
    for (const channel of this.channels.values()) channel.subscribe();
    this.transition('connected');
    if (this.signinWanted) this.signin();
  };

  private readonly onFrame = (frame: Frame): void => {
    if (frame.channel !== undefined) (this.channels.get(frame.channel) as NativeChannel | undefined)?.receive(frame);
  };
}

const positive = (value: unknown, fallback: number): number => (typeof value === 'number' && value > 0 ? value : fallback);

/** The built-in connector for the Pusher-protocol broadcasters: `pusher`, `reverb` and `ably` (its Pusher endpoint). */
export function nativeConnectorFor(options: EchoOptions): NativeConnector | undefined {
  const { broadcaster } = options;
  return broadcaster === 'pusher' || broadcaster === 'reverb' || broadcaster === 'ably' ? new NativeConnector(options) : undefined;
}
