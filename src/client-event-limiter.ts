// Pusher allows at most 10 client events per second per connection and 10 KB per event. Policy:
// whispers over the rate wait in a queue (first in, first out) and go out as the window allows;
// a payload over 10 KB, or a queue already holding 100 whispers, is refused with an EchoError.
// The window is 1.1 s, not 1 s: servers count in fixed one-second windows that start when the first
// event arrives, so ten events sent exactly one second after the previous ten can land, after a
// little network jitter, in the same server window and all be rejected (pusher:error 4301).

import { EchoError } from './errors';

/** Client events (whispers) a connection may send per second on the Pusher protocol. */
export const CLIENT_EVENTS_PER_SECOND = 10;
/** The largest whisper payload, in bytes of JSON (UTF-8); a larger one throws EchoError E16. */
export const CLIENT_EVENT_MAX_BYTES = 10 * 1024;
export const CLIENT_EVENT_MAX_QUEUE = 100;
/** At most CLIENT_EVENTS_PER_SECOND client events in any window this long (ms): one second plus room for jitter. */
export const CLIENT_EVENT_WINDOW_MS = 1100;

const encoder = typeof TextEncoder === 'function' ? new TextEncoder() : undefined;

/** Throws when `data` serializes to more than 10 KB (UTF-8). */
export function assertClientEventSize(event: string, data: unknown): void {
  const json = JSON.stringify(data) ?? '';
  const bytes = encoder ? encoder.encode(json).length : json.length;
  if (bytes > CLIENT_EVENT_MAX_BYTES) {
    throw EchoError.coded(
      'E16',
      __DEV__
        ? `whisper(${JSON.stringify(event)}): the payload is ${bytes} bytes as JSON; client events allow at most ${CLIENT_EVENT_MAX_BYTES} bytes. Send large data through your server instead.`
        : 'whisper() bytes',
      bytes,
    );
  }
}

/**
 * The whisper rate limit of one Pusher-protocol connection: at most `perSecond` client events in any
 * 1.1 s window; the rest wait in a first-in-first-out queue and go out as the window allows (a
 * whisper when 100 already wait throws EchoError E17).
 */
export class ClientEventLimiter {
  private readonly sent: number[] = [];
  private readonly queue: Array<{ channel: string; send: () => void }> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly perSecond = CLIENT_EVENTS_PER_SECOND,
    private readonly now: () => number = Date.now,
    private readonly windowMs = CLIENT_EVENT_WINDOW_MS,
  ) {}

  /** Number of whispers waiting for the rate window. */
  get queued(): number {
    return this.queue.length;
  }

  /** Runs `send` now if the rate allows, or queues it. */
  submit(channel: string, event: string, send: () => void): void {
    if (this.queue.length === 0 && this.admit()) {
      send();
      return;
    }
    if (this.queue.length >= CLIENT_EVENT_MAX_QUEUE) {
      throw EchoError.coded(
        'E17',
        __DEV__
          ? `whisper(${JSON.stringify(event)}): ${CLIENT_EVENT_MAX_QUEUE} whispers are already waiting; the server accepts ${this.perSecond} client events per second per connection. Whisper less often (e.g. throttle typing notifications).`
          : 'whisper()',
        event,
      );
    }
    this.queue.push({ channel, send });
    this.drainLater();
  }

  /** Forget the queued whispers of `channel` (it was left). */
  clear(channel: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]?.channel === channel) this.queue.splice(i, 1);
  }

  private admit(): boolean {
    const now = this.now();
    while (this.sent.length > 0 && now - (this.sent[0] as number) >= this.windowMs) this.sent.shift();
    if (this.sent.length >= this.perSecond) return false;
    this.sent.push(now);
    return true;
  }

  private drainLater(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.windowMs - (this.now() - (this.sent[0] ?? this.now())));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      while (this.queue.length > 0 && this.admit()) this.queue.shift()?.send();
      if (this.queue.length > 0) this.drainLater();
    }, wait);
  }
}
