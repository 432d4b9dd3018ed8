// The Echo facade without any built-in driver: resolves the connector through
// createConnector(), which the entry points override with the drivers they bundle, so a
// Pusher-only application carries no Socket.IO code.

import type { Channel } from './channel/channel';
import type { PresenceApi } from './channel/presence-api';
import type { NullChannel, NullEncryptedPrivateChannel, NullPresenceChannel, NullPrivateChannel } from './channel/null-channel';
import type { NativeChannel } from './channel/native-channel';
import type { NativeEncryptedPrivateChannel } from './channel/native-encrypted-private-channel';
import type { NativePresenceChannel } from './channel/native-presence-channel';
import type { NativePrivateChannel } from './channel/native-private-channel';
import type { PusherChannel } from './channel/pusher-channel';
import type { PusherEncryptedPrivateChannel } from './channel/pusher-encrypted-private-channel';
import type { PusherPresenceChannel } from './channel/pusher-presence-channel';
import type { PusherPrivateChannel } from './channel/pusher-private-channel';
import type { SocketIoChannel } from './channel/socketio-channel';
import type { SocketIoPresenceChannel } from './channel/socketio-presence-channel';
import type { SocketIoPrivateChannel } from './channel/socketio-private-channel';
import type { ChannelRefs } from './channel-refs';
import type { ConnectionChangeListener, ConnectionStatus } from './connection-state';
import { SOCKET_ID_HEADER } from './constants';
import { Connector } from './connector/connector';
import type { NativeConnector } from './connector/native-connector';
import type { NullConnector } from './connector/null-connector';
import type { PusherConnector } from './connector/pusher-connector';
import type { SocketIoConnector } from './connector/socketio-connector';
import { EchoError, type ConnectionErrorListener } from './errors';
import { installInterceptors } from './interceptors';
import { assertOrigins, fetchWithSocketId, socketIdFor, urlOf } from './socket-id';
import type { AxiosLike, EchoOptions } from './options';
import type { HeadersSource, Listener, PresenceMemberInfo, TokenSource } from './types';
import type { EventPayload } from './types';

/** A private channel of any driver. */
export interface PrivateChannel extends Channel {
  whisper(event: string, data: unknown): this;
}

/** A presence channel of any driver. */
export interface PresenceChannel<U = PresenceMemberInfo> extends PrivateChannel, PresenceApi<U> {}

/** The minimum a connector class given as `broadcaster` must provide. */
export interface ConnectorLike {
  channel(name: string): Channel;
  privateChannel(name: string): Channel;
  presenceChannel(name: string): Channel;
  encryptedPrivateChannel?(name: string): Channel;
  leave(name: string): void;
  leaveChannel(name: string): void;
  leaveAllChannels?(): void;
  socketId(): string | undefined;
  connect?(): void;
  disconnect(): void;
  connectionStatus?(): ConnectionStatus;
  onConnectionChange?(listener: ConnectionChangeListener): () => void;
  onConnectionError?(listener: ConnectionErrorListener): () => void;
  signin?(): void;
}

interface DriverTypes<C, P extends Channel, R extends Channel, E, S extends Channel> {
  connector: C;
  public: P;
  private: R;
  encrypted: E;
  presence: S;
}

type PusherJsTypes = DriverTypes<PusherConnector, PusherChannel, PusherPrivateChannel, PusherEncryptedPrivateChannel, PusherPresenceChannel>;
type NativeTypes = DriverTypes<NativeConnector, NativeChannel, NativePrivateChannel, NativeEncryptedPrivateChannel, NativePresenceChannel>;
/** pusher, reverb, ably in the main entry: the built-in client's classes, or pusher-js's when the application gives pusher-js. */
type PusherTypes = DriverTypes<
  PusherConnector | NativeConnector,
  PusherChannel | NativeChannel,
  PusherPrivateChannel | NativePrivateChannel,
  PusherEncryptedPrivateChannel | NativeEncryptedPrivateChannel,
  PusherPresenceChannel | NativePresenceChannel
>;

/** Driver name → connector and channel classes; `custom` is a connector class of your own. */
export interface Broadcaster {
  pusher: PusherTypes;
  reverb: PusherTypes;
  ably: PusherTypes;
  'socket.io': DriverTypes<SocketIoConnector, SocketIoChannel, SocketIoPrivateChannel, never, SocketIoPresenceChannel>;
  null: DriverTypes<NullConnector, NullChannel, NullPrivateChannel, NullEncryptedPrivateChannel, NullPresenceChannel>;
  custom: DriverTypes<ConnectorLike, Channel, PrivateChannel, PrivateChannel, PresenceChannel>;
}

/** A driver name of {@link Broadcaster}, or `custom` for a connector class of your own. */
export type BroadcasterKey = keyof Broadcaster;

/** Driver name → connector and channel types, as one entry point types them. */
export type BroadcasterMap = { [K in BroadcasterKey]: DriverTypes<ConnectorLike, Channel, Channel, unknown, Channel> };

/** The types of `royalcms-echo/pusher`: pusher, reverb and ably always run on pusher-js. */
export interface PusherJsBroadcaster extends Omit<Broadcaster, 'pusher' | 'reverb' | 'ably'> {
  pusher: PusherJsTypes;
  reverb: PusherJsTypes;
  ably: PusherJsTypes;
}

/** The types of `royalcms-echo/native`: pusher, reverb and ably always run on the built-in client. */
export interface NativeBroadcaster extends Omit<Broadcaster, 'pusher' | 'reverb' | 'ably'> {
  pusher: NativeTypes;
  reverb: NativeTypes;
  ably: NativeTypes;
}

/** Options for `new Echo()`; `broadcaster` picks the driver types. */
export type EchoConfig<T extends BroadcasterKey> = EchoOptions & {
  broadcaster: Exclude<T, 'custom'> | (new (options: EchoOptions) => ConnectorLike);
};

/** Header changes applied to every later authorization, without reconnecting. */
export interface AuthUpdate {
  headers?: HeadersSource;
  bearerToken?: TokenSource;
  csrfToken?: TokenSource;
}

/**
 * The Echo API (channels, connection status, socket id, authorization headers), whatever the driver.
 * Each entry point's `Echo` extends it with the drivers that entry contains (`M`, its types of
 * them); use it as the type of "any Echo instance".
 */
export class EchoBase<T extends BroadcasterKey = 'custom', M extends BroadcasterMap = Broadcaster> {
  /** The options given to the constructor. */
  readonly options: EchoConfig<T>;
  /** The driver: a PusherConnector, SocketIoConnector, NullConnector or your own. */
  readonly connector: M[T]['connector'];
  private removeInterceptors?: () => void;
  /** @internal The reference counts of acquireChannel() (channel-refs.ts), created on first use. */
  channelRefs?: ChannelRefs;

  constructor(options: EchoConfig<T>) {
    if (!options || typeof options !== 'object') {
      throw EchoError.coded(
        'E1',
        __DEV__ ? `new Echo() needs an options object such as { broadcaster: 'pusher', key: '...' }, got ${String(options)}.` : 'new Echo()',
        options,
      );
    }
    assertOrigins(options.socketIdOrigins);
    this.options = options;
    const connector = this.createConnector(options);
    this.connector = connector as M[T]['connector'];
    if (connector instanceof Connector) connector.connect();
    if (!options.withoutInterceptors) this.registerInterceptors();
  }

  /** Builds the connector for `options.broadcaster`; entry points add their built-in drivers. */
  protected createConnector(options: EchoOptions, supported = 'a connector class'): ConnectorLike {
    const { broadcaster } = options;
    if (typeof broadcaster === 'function') return new (broadcaster as new (options: EchoOptions) => ConnectorLike)(options);
    throw EchoError.coded(
      'E3',
      __DEV__ ? `Broadcaster ${JSON.stringify(broadcaster) ?? String(broadcaster)} is not supported. Set options.broadcaster to ${supported}.` : 'new Echo() options.broadcaster',
      broadcaster,
    );
  }

  /** A public channel. */
  channel(name: string): M[T]['public'] {
    return this.connector.channel(name) as M[T]['public'];
  }

  /** A private channel (`private-<name>`), authorized through `authEndpoint`. */
  private(name: string): M[T]['private'] {
    return this.connector.privateChannel(name) as M[T]['private'];
  }

  /** An end-to-end encrypted private channel (`private-encrypted-<name>`, Pusher protocol only). */
  encryptedPrivate(name: string): M[T]['encrypted'] {
    const connector = this.connector as ConnectorLike;
    if (!connector.encryptedPrivateChannel) {
      throw EchoError.coded(
        'E14',
        __DEV__ ? `encryptedPrivate(${JSON.stringify(name)}): this broadcaster does not support encrypted private channels.` : 'encryptedPrivate()',
        name,
      );
    }
    return connector.encryptedPrivateChannel(name) as M[T]['encrypted'];
  }

  /** A presence channel (`presence-<name>`): here/joining/leaving plus events. */
  join(name: string): M[T]['presence'] {
    return this.connector.presenceChannel(name) as M[T]['presence'];
  }

  /** Shortcut for `channel(channel).listen(event, callback)`. */
  listen<E extends string>(channel: string, event: E, callback: Listener<EventPayload<E>>): M[T]['public'] {
    return this.channel(channel).listen(event, callback) as M[T]['public'];
  }

  /** Leave `name` in every variant (public, private, encrypted, presence) and drop its callbacks. */
  leave(name: string): void {
    this.connector.leave(name);
  }

  /** Leave one channel by its full name, e.g. `private-order.1`. */
  leaveChannel(fullName: string): void {
    this.connector.leaveChannel(fullName);
  }

  leaveAllChannels(): void {
    this.connector.leaveAllChannels?.();
  }

  /** The socket id of this connection, sent as `X-Socket-ID` for toOthers(); undefined while not connected. */
  socketId(): string | undefined {
    return this.connector.socketId();
  }

  /** Reconnect after disconnect(); channels are subscribed again. */
  connect(): void {
    this.connector.connect?.();
  }

  disconnect(): void {
    this.connector.disconnect();
  }

  connectionStatus(): ConnectionStatus {
    return this.connector.connectionStatus?.() ?? 'connected';
  }

  /** Called with (status, previous) on each transition, once each. Returns the unsubscribe function. */
  onConnectionChange(listener: ConnectionChangeListener): () => void {
    return this.connector.onConnectionChange?.(listener) ?? (() => {});
  }

  /**
   * Called with connection-level errors: `pusher:error` messages (with their protocol code),
   * WebSocket errors, Socket.IO connect errors. Returns the unsubscribe function.
   */
  onConnectionError(listener: ConnectionErrorListener): () => void {
    return this.connector.onConnectionError?.(listener) ?? (() => {});
  }

  /** Pusher user authentication (POST `userAuthentication.endpoint`). */
  signin(): void {
    const connector = this.connector as ConnectorLike;
    if (!connector.signin) {
      throw EchoError.coded('E18', __DEV__ ? 'signin() needs a Pusher-protocol broadcaster (pusher, reverb or ably).' : 'signin()', this.options.broadcaster);
    }
    connector.signin();
  }

  /** Change the authorization headers or tokens for every later authorization (token refresh). */
  setAuth(update: AuthUpdate): void {
    const options = (this.connector as { options?: EchoOptions }).options ?? this.options;
    if ('headers' in update) options.auth = { ...options.auth, headers: update.headers };
    if ('bearerToken' in update) options.bearerToken = update.bearerToken;
    if ('csrfToken' in update) options.csrfToken = update.csrfToken;
  }

  /**
   * Adds `X-Socket-ID` to axios (global `window.axios` and `options.axios`), jQuery, Turbo and
   * vue-resource requests to allowed origins. Called by the constructor unless `withoutInterceptors`.
   */
  registerInterceptors(): void {
    this.removeInterceptors?.();
    const instances = this.options.axios;
    this.removeInterceptors = installInterceptors(
      (url) => this.socketIdFor(url),
      instances ? ([] as AxiosLike[]).concat(instances) : [],
    );
  }

  /** Removes the request hooks installed by registerInterceptors(). */
  unregisterInterceptors(): void {
    this.removeInterceptors?.();
    this.removeInterceptors = undefined;
  }

  /** `{ 'X-Socket-ID': id }` for a request to `url` (same rules as the interceptors), or `{}`. */
  socketIdHeaders(url?: string): Record<string, string> {
    const socketId = this.socketIdFor(url);
    return socketId ? { [SOCKET_ID_HEADER]: socketId } : {};
  }

  /** `fetch()` that adds `X-Socket-ID` like the interceptors do, for toOthers() with fetch. */
  fetch(input: Parameters<typeof fetch>[0], init: Parameters<typeof fetch>[1] = {}): Promise<Response> {
    return fetchWithSocketId(this.socketIdFor(urlOf(input)), input, init);
  }

  private socketIdFor(url: string | undefined): string | undefined {
    return socketIdFor(this.socketId(), url, this.options.socketIdOrigins);
  }
}
