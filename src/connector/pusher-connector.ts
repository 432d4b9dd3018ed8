// Pusher-protocol connector (pusher, reverb, ably): wraps pusher-js, authorizes channels through
// this instance's own HTTP handler, and maps pusher-js states onto the five Echo states.

import { authHeaders } from '../auth-headers';
import type { Channel } from '../channel/channel';
import { PusherChannel } from '../channel/pusher-channel';
import { PusherEncryptedPrivateChannel } from '../channel/pusher-encrypted-private-channel';
import { PusherPresenceChannel } from '../channel/pusher-presence-channel';
import { PusherPrivateChannel } from '../channel/pusher-private-channel';
import type { ConnectionStatus } from '../connection-state';
import { EchoError, type SubscriptionError } from '../errors';
import { authorize } from '../http-auth';
import { transportOptions, type EchoOptions } from '../options';
import type {
  AuthCallback,
  ChannelAuthorizationParams,
  PusherConstructor,
  PusherLike,
  UserAuthenticationParams,
} from '../transport/pusher-types';
import { assertPusherChannel } from '../validate';
import { Connector } from './connector';

export class PusherConnector extends Connector<
  PusherChannel,
  PusherPrivateChannel,
  PusherEncryptedPrivateChannel,
  PusherPresenceChannel
> {
  /** The pusher-js instance. */
  pusher!: PusherLike;
  private readonly authErrors = new Map<string, SubscriptionError>();
  private disconnecting = false;
  /** True after an unexpected drop, until connected again. */
  private lost = false;

  connect(): void {
    this.disconnecting = false;
    this.lost = false;
    if (this.pusher) {
      this.pusher.connect();
      return;
    }
    this.pusher = this.createPusher();
    this.pusher.connection.bind('state_change', this.onStateChange);
    this.onStateChange({ current: this.pusher.connection.state });
  }

  disconnect(): void {
    this.disconnecting = true;
    this.lost = false;
    this.pusher.disconnect();
  }

  socketId(): string | undefined {
    return this.pusher?.connection.socket_id || undefined;
  }

  /** Pusher user authentication: POSTs the socket id to `userAuthentication.endpoint`, then signs in. */
  signin(): void {
    this.pusher.signin();
  }

  /** @internal The typed error the authorizer recorded for `channel`, once. */
  takeAuthError(channel: string): SubscriptionError | undefined {
    const error = this.authErrors.get(channel);
    this.authErrors.delete(channel);
    return error;
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
        throw new EchoError('options.client must be a pusher-js instance (new Pusher(key, options)) for the Pusher broadcasters.');
      }
      return client as PusherLike;
    }
    const Pusher = (this.options.Pusher ?? (globalThis as { Pusher?: unknown }).Pusher) as PusherConstructor | undefined;
    if (typeof Pusher !== 'function') {
      throw new EchoError(
        "pusher-js was not found. Install it (npm install pusher-js) and pass it as options.Pusher (import Pusher from 'pusher-js'), or load it with a <script> tag so window.Pusher exists.",
      );
    }
    if (typeof key !== 'string' || !key) {
      throw new EchoError(`The '${String(broadcaster)}' broadcaster needs options.key, your app key; got ${JSON.stringify(key)}.`);
    }
    const options = transportOptions(this.options);
    if (options['cluster'] == null) {
      if (broadcaster === 'pusher' && !options['wsHost']) {
        throw new EchoError("The 'pusher' broadcaster needs options.cluster (e.g. 'mt1') or, for a self-hosted server, options.wsHost.");
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
    void this.requestAuth(params.channelName, 'channel', this.options.authEndpoint, {
      ...this.options.auth.params,
      socket_id: params.socketId,
      channel_name: params.channelName,
    }).then(([error, data]) => callback(error, data));
  };

  private readonly authenticateUser = (params: UserAuthenticationParams, callback: AuthCallback): void => {
    void this.requestAuth('user', 'user', this.options.userAuthentication.endpoint, { socket_id: params.socketId }).then(([error, data]) =>
      callback(error, data),
    );
  };

  private async requestAuth(
    channel: string,
    kind: 'channel' | 'user',
    endpoint: string,
    params: Record<string, string>,
  ): Promise<[Error | null, Record<string, unknown> | null]> {
    let result;
    try {
      result = await authorize({
        endpoint,
        channel,
        params,
        headers: await authHeaders(this.options, kind),
        timeout: this.options.authTimeout,
        retries: this.options.authRetries,
      });
    } catch (cause) {
      result = { ok: false as const, error: { type: 'AuthError' as const, channel, status: null, reason: 'network' as const, error: String(cause) } };
    }
    if (result.ok) return [null, result.data];
    this.authErrors.set(channel, result.error);
    return [new Error(result.error.error), null];
  }

  private readonly onStateChange = ({ current }: { current: string }): void => {
    const previous = this.state.status;
    let next: ConnectionStatus;
    switch (current) {
      case 'connected':
        next = 'connected';
        this.lost = false;
        break;
      case 'failed':
        next = 'failed';
        break;
      case 'disconnected':
        next = this.disconnecting ? 'disconnected' : 'failed';
        break;
      default:
        // initialized, connecting, unavailable: pusher-js keeps trying.
        if (previous === 'connected') this.lost = true;
        next = this.lost ? 'reconnecting' : 'connecting';
    }
    if (previous === 'connected' && next !== 'connected') for (const channel of this.channels.values()) channel.markDisconnected();
    this.state.set(next);
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
