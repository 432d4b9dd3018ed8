// Protocol strings shared by the connectors and channels: one place, no magic strings elsewhere.

export const PRIVATE_PREFIX = 'private-';
export const ENCRYPTED_PREFIX = 'private-encrypted-';
export const PRESENCE_PREFIX = 'presence-';
export const CLIENT_EVENT_PREFIX = 'client-';

export const DEFAULT_NAMESPACE = 'App.Events';
export const DEFAULT_AUTH_ENDPOINT = '/broadcasting/auth';
export const DEFAULT_USER_AUTH_ENDPOINT = '/broadcasting/user-auth';
/** The request header that carries the socket id, so the server can leave this client out (`toOthers()`). */
export const SOCKET_ID_HEADER = 'X-Socket-ID';

/** Event class Royalcms 6+ (an alias of Laravel's) broadcasts for notifications. */
export const NOTIFICATION_EVENT = 'Illuminate\\Notifications\\Events\\BroadcastNotificationCreated';
/** Event class of the legacy Royalcms 5 broadcasting component. */
export const LEGACY_NOTIFICATION_EVENT = 'Royalcms\\Component\\Notifications\\Events\\BroadcastNotificationCreated';

/** Pusher protocol version spoken by the built-in client. */
export const PUSHER_PROTOCOL = 7;
/**
 * The `client=js&version=` the built-in client announces: the pusher-js release whose wire
 * behaviour it follows, so servers that key behaviour on the client version treat both alike.
 */
export const PUSHER_CLIENT_VERSION = '8.6.0';

export const PUSHER_SUBSCRIPTION_SUCCEEDED = 'pusher:subscription_succeeded';
export const PUSHER_SUBSCRIPTION_ERROR = 'pusher:subscription_error';
export const PUSHER_MEMBER_ADDED = 'pusher:member_added';
export const PUSHER_MEMBER_REMOVED = 'pusher:member_removed';
/** pusher-js protocol events (`pusher:…`, `pusher_internal:…`), never application events. */
export const PUSHER_PROTOCOL_EVENT = /^pusher(_internal)?:/;

export const SIO_SUBSCRIBE = 'subscribe';
export const SIO_UNSUBSCRIBE = 'unsubscribe';
export const SIO_CLIENT_EVENT = 'client event';
export const SIO_SUBSCRIPTION_ERROR = 'subscription_error';
export const SIO_PRESENCE_SUBSCRIBED = 'presence:subscribed';
export const SIO_PRESENCE_JOINING = 'presence:joining';
export const SIO_PRESENCE_LEAVING = 'presence:leaving';

/** Events laravel-echo-server's protocol uses itself, never application events. */
export const SIO_INTERNAL_EVENTS: readonly string[] = [SIO_SUBSCRIPTION_ERROR, SIO_PRESENCE_SUBSCRIBED, SIO_PRESENCE_JOINING, SIO_PRESENCE_LEAVING];
