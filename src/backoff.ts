// Back-off schedules: the delay before the n-th retry. Every retry in the SDK (authorization,
// Socket.IO re-subscription, reconnection) takes one, so tests can inject their own.

/** Milliseconds to wait before retry number `attempt` (0 = the first retry). */
export type Backoff = (attempt: number) => number;

/**
 * `delays[attempt]` (the last delay repeats), each lengthened at random by up to `jitter` of
 * itself (0.25 = 0-25 % longer), so clients dropped together do not return together.
 */
export const backoff =
  (delays: readonly number[], jitter = 0, random: () => number = Math.random): Backoff =>
  (attempt) => {
    const base = delays[Math.min(attempt, delays.length - 1)] ?? 0;
    return jitter > 0 ? Math.round(base * (1 + jitter * random())) : base;
  };

/**
 * Default pause before retry n of a transient authorization failure, on every driver: about 1 s,
 * then about 3 s (each up to 25 % longer at random).
 */
export const AUTH_RETRY_DELAYS: Backoff = backoff([1000, 3000], 0.25);
