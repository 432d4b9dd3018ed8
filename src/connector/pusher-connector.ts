// Pusher-protocol connector (pusher, reverb, ably): wraps pusher-js, authorizes channels through
// this instance's own HTTP handler, and maps pusher-js states onto the five Echo states.

import type { Channel } from '../channel/channel';
import { PusherChannel } from '../channel/pusher-channel';
import { PusherEncryptedPrivateChannel } from '../channel/pusher-encrypted-private-channel';
import { PusherPresenceChannel } from '../channel/pusher-presence-channel';
import { PusherPrivateChannel } from '../channel/pusher-private-channel';
import { ClientEventLimiter } from '../client-event-limiter';
import { ChannelAuthorizer } from '../channel-authorizer';
import { EchoError } from '../errors';
import { transportOptions, type EchoOptions } from '../options';
import type {
  AuthCallback,
  ChannelAuthorizationParams,
  PusherConstructor,
  PusherLike,
  UserAuthenticationParams,
} from '../transport/pusher-types';
import { backoff } from '../backoff';
import { RetryTimer } from '../retry-timer';
import { guardFrames } from '../transport/pusher-frame-guard';
import { assertPusherChannel } from '../validate';
import { Connector } from './connector';

export class PusherConnector extends Connector<
  PusherChannel,
  PusherPrivateChannel,
  PusherEncryptedPrivateChannel,
  PusherPresenceChannel
> {
  /** The pusher-js instance. */
  readonly pusher!: PusherLike;
  /** @internal Authorizes this connection's channels (unless pusher-js is given an authorizer of the application's). */
  readonly authorizer = new ChannelAuthorizer(this.options);
  /** pusher-js error objects already reported (it emits one twice when a close code ends the connection). */
  private readonly reportedErrors = new WeakSet<object>();
  /** @internal Client events of this connection: at most 10 per second. */
  readonly clientEvents = new ClientEventLimiter();
  /** True while the recovery timer restarts pusher-js (its intermediate states are not reported). */
  private restarting = false;
  /**
   * pusher-js alone waits up to ~15 s before retrying a server that refused a reconnect; while
   * reconnecting, this restarts its attempt on `reconnectDelays` so a returning server is found
   * within about two seconds.
   */
  private readonly recovery = new RetryTimer(this.options.reconnectDelays === false ? undefined : backoff(this.options.reconnectDelays ?? [1500, 2000]), () => {
    this.restarting = true;
    try {
      this.pusher.disconnect();
      this.pusher.connect();
    } finally {
      this.restarting = false;
    }
  });

  connect(): void {
    this.intend(true);
    if (this.pusher) {
      this.pusher.connect();
      return;
    }
    const pusher = this.createPusher();
    (this as { pusher: PusherLike }).pusher = pusher;
    guardFrames(pusher, (reason, frame) => this.malformed(reason, frame));
    pusher.connection.bind('state_change', this.onStateChange);
    pusher.connection.bind('connecting_in', this.onConnectingIn);
    pusher.connection.bind('error', this.onError);
    this.onStateChange({ current: pusher.connection.state });
  }

  disconnect(): void {
    this.intend(false);
    this.recovery.stop();
    this.pusher.disconnect();
  }

  socketId(): string | undefined {
    return this.pusher?.connection.socket_id || undefined;
  }

  /** Pusher user authentication: POSTs the socket id to `userAuthentication.endpoint`, then signs in. */
  signin(): void {
    this.pusher.signin();
  }

  override leaveChannel(fullName: string): void {
    this.authorizer.cancel(fullName);
    super.leaveChannel(fullName);
  }

  protected createChannel(kind: 'public' | 'private' | 'encrypted' | 'presence', fullName: string, method: string): Channel {
    assertPusherChannel(fullName, method);
    const Kind =
      kind === 'public'
        ? PusherChannel
        : kind === 'private'
          ? PusherPrivateChannel
          : kind === 'encrypted'
            ? PusherEncryptedPrivateChannel
            : PusherPresenceChannel;
    return new Kind(fullName, this);
  }

  private createPusher(): PusherLike {
    const { client, key, broadcaster } = this.options;
    if (client) {
      if (typeof (client as PusherLike).subscribe !== 'function') {
        throw EchoError.coded(
          'E5',
          __DEV__ ? 'options.client must be a pusher-js instance (new Pusher(key, options)) for the Pusher broadcasters.' : 'new Echo() options.client',
          client,
        );
      }
      return client as PusherLike;
    }
    const Pusher = (this.options.Pusher ?? (globalThis as { Pusher?: unknown }).Pusher) as PusherConstructor | undefined;
    if (typeof Pusher !== 'function') {
      throw EchoError.coded(
        'E4',
        __DEV__
          ? "pusher-js was not found. Install it (npm install pusher-js) and pass it as options.Pusher (import Pusher from 'pusher-js'), or load it with a <script> tag so window.Pusher exists."
          : 'new Echo() options.Pusher',
        Pusher,
      );
    }
    if (typeof key !== 'string' || !key) {
      throw EchoError.coded(
        'E6',
        __DEV__ ? `The '${String(broadcaster)}' broadcaster needs options.key, your app key; got ${JSON.stringify(key)}.` : 'new Echo() options.key',
        key,
      );
    }
    const options = transportOptions(this.options);
    if (options['cluster'] == null) {
      if (broadcaster === 'pusher' && !options['wsHost']) {
        throw EchoError.coded(
          'E7',
          __DEV__ ? "The 'pusher' broadcaster needs options.cluster (e.g. 'mt1') or, for a self-hosted server, options.wsHost." : 'new Echo() options.cluster',
          options['cluster'],
        );
      }
      options['cluster'] = '';
    }
    if (this.options['authorizer'] || options['channelAuthorization']) {
      options['authorizer'] = this.options['authorizer'];
      options['authEndpoint'] = this.options.authEndpoint;
      options['auth'] = this.options.auth;
    } else {
      options['channelAuthorization'] = { customHandler: this.authorizeChannel };
    }
    const user = this.options.userAuthentication as { customHandler?: unknown };
    options['userAuthentication'] = user.customHandler ? user : { customHandler: this.authenticateUser };
    return new Pusher(key, options);
  }

  private readonly authorizeChannel = (params: ChannelAuthorizationParams, callback: AuthCallback): void => {
    const name = params.channelName;
    const channel = this.channels.get(name) as PusherChannel | undefined;
    const rekey = channel instanceof PusherEncryptedPrivateChannel && channel.rekeyStarted() ? channel : undefined;
    let message = `Authorization of ${name} failed.`;
    void this.authorizer
      .channel(name, params.socketId, (error) => {
        message = error.error;
        (this.channels.get(name) as PusherChannel | undefined)?.authFailed(error);
      })
      .then((data) => {
        if (data === undefined) return; // cancelled: the channel was left
        // pusher-js is told the outcome once; on a failure the channel already has its typed error.
        const outcome: [Error | null, Record<string, unknown> | null] = data ? [null, data] : [new Error(message), null];
        if (rekey) rekey.afterRekey(!data, () => callback(...outcome));
        else callback(...outcome);
      });
  };

  private readonly authenticateUser = (params: UserAuthenticationParams, callback: AuthCallback): void => {
    let message = 'User authentication failed.';
    void this.authorizer
      .user(params.socketId, (error) => {
        message = error.error;
      })
      .then((data) => (data ? callback(null, data) : callback(new Error(message), null)));
  };

  private readonly onError = (raw: unknown): void => {
    const event = (raw ?? {}) as { type?: string; data?: { code?: unknown; message?: unknown }; error?: unknown };
    // pusher-js wraps a close code or a handshake's pusher:error as {type: 'WebSocketError', error:
    // {type: 'PusherError', data: {code}}}; after a close it has just emitted that same object unwrapped.
    const inner = event.type === 'WebSocketError' ? (event.error as typeof event | null | undefined) : undefined;
    const wrapped = inner?.type === 'PusherError' && typeof inner.data === 'object' && inner.data !== null;
    const pusherError = event.type === 'PusherError' ? event : wrapped ? inner : undefined;
    if (pusherError) {
      if (this.reportedErrors.has(pusherError)) return;
      this.reportedErrors.add(pusherError);
      const code = typeof pusherError.data?.code === 'number' ? pusherError.data.code : null;
      this.reportError({ type: 'PusherError', code, message: String(pusherError.data?.message ?? 'Pusher error') });
    } else {
      const error = event.error as { message?: unknown; type?: unknown } | undefined;
      this.reportError({ type: 'WebSocketError', code: null, message: String(error?.message ?? error?.type ?? 'WebSocket error') });
    }
  };

  /**
   * pusher-js announces a delayed attempt (1 s after a dropped connection, longer after a refusal)
   * while its own state still says `connected`: the connection is gone, so report it now.
   */
  private readonly onConnectingIn = (): void => {
    if (this.state.status === 'connected' && !this.closed) this.onStateChange({ current: 'connecting' });
  };

  private readonly onStateChange = ({ current }: { current: string }): void => {
    if (this.restarting) return;
    // initialized, connecting, unavailable: pusher-js keeps trying; disconnected without
    // disconnect(): it gave up (a 4000-4099 close code).
    const status = this.transition(
      current === 'connected' || current === 'failed' ? current : current === 'disconnected' ? (this.closed ? 'disconnected' : 'failed') : 'connecting',
    );
    if (status === 'reconnecting') this.recovery.start();
    else this.recovery.stop();
  };
}

/** The Pusher-protocol connector for `pusher`, `reverb` (cluster '') and `ably` (Pusher endpoint, cluster ''). */
export function pusherConnectorFor(options: EchoOptions): PusherConnector | undefined {
  switch (options.broadcaster) {
    case 'pusher':
      return new PusherConnector(options);
    case 'reverb':
      return new PusherConnector({ ...options, cluster: '' });
    case 'ably':
      return new PusherConnector({ ...options, cluster: '', broadcaster: 'pusher' });
    default:
      return undefined;
  }
}
