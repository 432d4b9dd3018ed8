// The slice of pusher-js this SDK uses, typed structurally so pusher-js stays an optional peer
// (a Socket.IO user type-checks without it installed).

export type PusherCallback = (data: unknown, metadata?: unknown) => void;

export interface PusherChannelLike {
  name: string;
  subscribed: boolean;
  bind(event: string, callback: PusherCallback, context?: unknown): unknown;
  unbind(event?: string | null, callback?: PusherCallback | null, context?: unknown): unknown;
  bind_global(callback: (event: string, data: unknown) => void): unknown;
  unbind_global(callback?: (event: string, data: unknown) => void): unknown;
  unbind_all(): unknown;
  trigger(event: string, data: unknown): boolean;
}

export interface PusherPresenceMembersLike {
  members: Record<string, unknown>;
  count: number;
  me: { id: string; info: unknown } | null;
  each(callback: (member: { id: string; info: unknown }) => void): void;
}

export interface PusherConnectionLike {
  state: string;
  socket_id?: string;
  bind(event: string, callback: (data: never) => void): unknown;
  unbind(event?: string, callback?: (data: never) => void): unknown;
}

export interface PusherLike {
  connection: PusherConnectionLike;
  subscribe(channel: string): PusherChannelLike;
  unsubscribe(channel: string): void;
  channel(name: string): PusherChannelLike | undefined;
  connect(): void;
  disconnect(): void;
  signin(): void;
  bind(event: string, callback: (data: never) => void): unknown;
}

export type PusherConstructor = new (key: string, options: Record<string, unknown>) => PusherLike;

export interface ChannelAuthorizationParams {
  socketId: string;
  channelName: string;
}

export interface UserAuthenticationParams {
  socketId: string;
}

export type AuthCallback = (error: Error | null, data: Record<string, unknown> | null) => void;
