// The default Echo of configureEcho() / echo(): the adapters' one module-level slot, kept for
// Laravel Echo API parity. Components below an <EchoProvider> (React) or in an app with the
// EchoPlugin / provideEcho() (Vue) use the provided instance instead, so an application can use
// several instances and never needs this slot.

import { Echo, EchoBase, EchoError, type BroadcasterKey, type EchoConfig } from '../index';
import type { AnyEcho, EchoInstance } from './types';

/**
 * The default slot. `create` (set by configureEcho) builds the instance on first use, so
 * importing a hook never pulls in the all-drivers `Echo` class unless configureEcho is used.
 */
const slot: {
  create?: () => AnyEcho;
  instance?: AnyEcho;
  version: number;
  readonly listeners: Set<() => void>;
} = { version: 0, listeners: new Set() };

/**
 * Configure the default Echo used by every hook/composable that has no provider above it.
 * Pass the options of `new Echo()` (pusher-js as `Pusher`, socket.io-client's `io` as `client`:
 * no transport is imported for you), or a ready instance (e.g. from `royalcms-echo/pusher`, or a
 * `FakeEcho` in tests). Configuring again disconnects the previous default instance, and
 * mounted hooks move to the new one.
 */
export function configureEcho<T extends BroadcasterKey>(config: EchoConfig<T> | EchoInstance): void {
  if (!config || typeof config !== 'object') {
    throw EchoError.coded('E19', __DEV__ ? `configureEcho() needs the options of new Echo() or an Echo instance, got ${String(config)}.` : 'configureEcho()', config);
  }
  const previous = slot.instance;
  slot.instance = undefined;
  slot.create = undefined;
  if (config instanceof EchoBase) slot.instance = config;
  else slot.create = () => new Echo(config as EchoConfig<T>);
  slot.version++;
  for (const listener of [...slot.listeners]) listener();
  if (previous && previous !== slot.instance) {
    previous.leaveAllChannels();
    previous.disconnect();
  }
}

/** The default Echo instance, created on first use from configureEcho()'s options. */
export function echo<T extends BroadcasterKey = BroadcasterKey>(): EchoBase<T> {
  if (!slot.instance) {
    if (!slot.create) {
      throw EchoError.coded(
        'E20',
        __DEV__
          ? 'Echo has not been configured. Call configureEcho({ broadcaster: ... }) before using the hooks, ' +
              'or provide an instance (React: <EchoProvider echo={echo}>, Vue: app.use(EchoPlugin, echo)).'
          : 'echo()',
      );
    }
    slot.instance = slot.create();
  }
  return slot.instance as unknown as EchoBase<T>;
}

/** True once configureEcho() was called. */
export function echoIsConfigured(): boolean {
  return Boolean(slot.instance || slot.create);
}

/** @internal The default instance if it exists already (never creates it). */
export const peekDefaultEcho = (): AnyEcho | undefined => slot.instance;

/** @internal Bumped by each configureEcho(). */
export const defaultEchoVersion = (): number => slot.version;

/** @internal Called after each configureEcho(); returns the unsubscribe function. */
export function onDefaultEchoChange(listener: () => void): () => void {
  slot.listeners.add(listener);
  return () => {
    slot.listeners.delete(listener);
  };
}
