// Public callback and payload types shared by channels and connectors.

/**
 * Declare your application's events here (module augmentation) to get typed payloads:
 *
 * @example
 * declare module 'royalcms-echo' {
 *   interface BroadcastEvents {
 *     ShippingStatusUpdated: { update: { order_id: number; status: string } };
 *     '.server.created': { id: number };
 *   }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface BroadcastEvents {}

/** Payload type of `event`: from {@link BroadcastEvents} when declared there, otherwise `unknown`. */
export type EventPayload<E extends string> = E extends keyof BroadcastEvents ? BroadcastEvents[E] : unknown;

/**
 * A listener. Declared as a method so that a callback annotated with a narrower payload type,
 * such as `(e: OrderShipped) => void`, is accepted for an undeclared (`unknown`) payload.
 */
export type Listener<P> = { bivarianceHack(payload: P): void }['bivarianceHack'];

/** Callback of `listenToAll()`: the event name as `listen()` would accept it, and the payload. */
export type AnyEventListener = (event: string, payload: unknown) => void;

/** What `notification()` callbacks receive: the notification's data plus its id and type. */
export interface BroadcastNotification {
  id: string;
  type: string;
  [key: string]: unknown;
}

/** Default shape of a presence member's info (what the channel authorization callback returned). */
export type PresenceMemberInfo = Record<string, unknown>;

/** Header values sent with authorization requests. */
export type HeaderMap = Record<string, string>;

/** Headers as a value or as a function called at each authorization (may be async). */
export type HeadersSource = HeaderMap | (() => HeaderMap | Promise<HeaderMap>);

/** A token as a value or as a function called at each authorization (may be async). */
export type TokenSource = string | null | undefined | (() => string | null | undefined | Promise<string | null | undefined>);
