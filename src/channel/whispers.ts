// Client events (whispers) on Pusher-protocol channels, for both clients (pusher-js and the
// built-in one): sent at once when subscribed and the rate allows, else queued until the
// subscription succeeds; the queue lives in channel-extras so idle channels carry nothing.

import { assertClientEventSize, CLIENT_EVENT_MAX_QUEUE, type ClientEventLimiter } from '../client-event-limiter';
import { CLIENT_EVENT_PREFIX } from '../constants';
import { EchoError } from '../errors';
import { assertName } from '../validate';
import { extrasOf, peekExtras } from './channel-extras';

/** What a channel gives the whisper logic. */
export interface WhisperTarget {
  readonly name: string;
  /** The subscription stands now. */
  readonly whisperReady: boolean;
  readonly clientEvents: ClientEventLimiter;
  /** Puts `client-<event>` on the wire. */
  sendClientEvent(event: string, data: unknown): void;
  /** A whisper waits for the subscription: the channel must watch for its success. */
  whisperQueued(): void;
}

export function whisper(target: WhisperTarget, event: string, data: unknown): void {
  assertName('event', event, 'whisper');
  assertClientEventSize(event, data);
  if (target.whisperReady) send(target, event, data);
  else if ((peekExtras(target)?.whispers?.length ?? 0) < CLIENT_EVENT_MAX_QUEUE) queue(target, event, data);
  else {
    throw EchoError.coded(
      'E17',
      __DEV__ ? `whisper(${JSON.stringify(event)}): ${target.name} is not subscribed yet and ${CLIENT_EVENT_MAX_QUEUE} whispers already wait for it.` : 'whisper()',
      event,
    );
  }
}

/** The subscription succeeded: send what waited, in order. */
export function flushWhispers(target: WhisperTarget): void {
  const extras = peekExtras(target);
  const pending = extras?.whispers ?? [];
  if (extras) extras.whispers = undefined;
  for (const [event, data] of pending) {
    try {
      send(target, event, data);
    } catch {
      // The connection's queue is full: the rest of these whispers are dropped, not thrown at the transport.
      break;
    }
  }
}

function send(target: WhisperTarget, event: string, data: unknown): void {
  target.clientEvents.submit(target.name, event, () => {
    if (target.whisperReady) target.sendClientEvent(CLIENT_EVENT_PREFIX + event, data);
    else queue(target, event, data);
  });
}

function queue(target: WhisperTarget, event: string, data: unknown): void {
  (extrasOf(target).whispers ??= []).push([event, data]);
  target.whisperQueued();
}
