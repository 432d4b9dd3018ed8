// Guards for programmer input: throw at the call that received the bad value.

import { EchoError } from './errors';

const PUSHER_CHANNEL = /^[A-Za-z0-9_\-=@,.;]+$/;
export const PUSHER_MAX_CHANNEL_LENGTH = 164;

const describe = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value;

export function assertName(kind: 'channel' | 'event', value: unknown, method: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || /\s/.test(value)) {
    throw EchoError.coded(
      'E9',
      __DEV__
        ? `${method}() needs a non-empty ${kind} name without spaces, got ${describe(value)}.` +
            (kind === 'channel' ? ' Pass the name without its prefix, e.g. Echo.private(`order.${id}`).' : '')
        : `${method}()`,
      value,
    );
  }
}

/** Pusher's rule: at most 164 characters of A-Z a-z 0-9 _ - = @ , . ; (prefix included). */
export function assertPusherChannel(fullName: string, method: string): void {
  if (fullName.length > PUSHER_MAX_CHANNEL_LENGTH || !PUSHER_CHANNEL.test(fullName)) {
    throw EchoError.coded(
      'E10',
      __DEV__
        ? `${method}(): ${JSON.stringify(fullName)} is not a valid Pusher channel name. ` +
            `Use at most ${PUSHER_MAX_CHANNEL_LENGTH} characters (prefix included) of A-Z a-z 0-9 _ - = @ , . ;`
        : `${method}()`,
      fullName,
    );
  }
  // pusher-js keeps channels in a plain object: a public channel named like an Object.prototype
  // member (`__proto__`, `constructor`, ...) would corrupt that table for every channel.
  if (fullName in Object.prototype) {
    throw EchoError.coded(
      'E11',
      __DEV__
        ? `${method}(): ${JSON.stringify(fullName)} is the name of a JavaScript object property and cannot be used as a public Pusher channel name. Rename the channel (e.g. ${JSON.stringify(fullName.replace(/_/g, '') + '-channel')}).`
        : `${method}()`,
      fullName,
    );
  }
}

export function assertCallback(value: unknown, method: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') {
    throw EchoError.coded('E12', __DEV__ ? `${method}() needs a callback function, got ${describe(value)}.` : `${method}()`, value);
  }
}
