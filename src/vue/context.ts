// Which Echo a composable uses: the one provided by the EchoPlugin or provideEcho(), else the
// default one of configureEcho(). Also the reactive-input and lifetime helpers every composable
// shares.

import {
  getCurrentInstance,
  getCurrentScope,
  inject,
  onScopeDispose,
  provide,
  shallowRef,
  unref,
  watch,
  type App,
  type InjectionKey,
  type Ref,
  type WatchSource,
} from 'vue';
import type { BroadcasterKey, EchoBase } from '../index';
import { defaultEchoVersion, echo, onDefaultEchoChange, peekDefaultEcho } from '../adapters/default-echo';
import type { AnyEcho, EchoInstance } from '../adapters/types';

/** A value, a ref (or computed) of it, or a getter returning it. */
export type MaybeRefOrGetter<T> = T | Ref<T> | (() => T);

/** @internal */
export const read = <T>(value: MaybeRefOrGetter<T>): T => (typeof value === 'function' ? (value as () => T)() : unref(value));

/** The injection key of the provided Echo instance. */
export const echoKey: InjectionKey<EchoInstance> = Symbol('royalcms-echo');

/**
 * Vue plugin: `app.use(EchoPlugin, echo)` makes `echo` the instance of every composable in
 * the app instead of the default one of configureEcho(). The app does not own the instance:
 * disconnect it yourself when it is no longer needed.
 */
export const EchoPlugin = {
  install(app: App, instance: EchoInstance): void {
    app.provide(echoKey, instance);
  },
};

/** In a component's setup(): make `echo` the instance of the composables of this component and its descendants. */
export function provideEcho(instance: EchoInstance): void {
  provide(echoKey, instance);
}

/** A component rendered on the server (no window): it is never unmounted there, so it must not subscribe. */
const serverRendering = (): boolean => getCurrentInstance() !== null && typeof window === 'undefined';

/** @internal How a composable reaches its Echo: `key` changes when the instance does. */
export interface EchoSource {
  get(): AnyEcho;
  peek(): AnyEcho | undefined;
  key: WatchSource<unknown>;
}

/** @internal */
export function useEchoSource(): EchoSource {
  const provided = getCurrentInstance() ? inject(echoKey, null) : null;
  if (provided) return { get: () => provided, peek: () => provided, key: () => provided };
  const version = shallowRef(defaultEchoVersion());
  if (getCurrentScope() && !serverRendering()) onScopeDispose(onDefaultEchoChange(() => (version.value = defaultEchoVersion())));
  return { get: echo as () => AnyEcho, peek: peekDefaultEcho, key: version };
}

/** The Echo instance of this component (creating the default one if needed). */
export function useEchoInstance<T extends BroadcasterKey = BroadcasterKey>(): EchoBase<T> {
  return useEchoSource().get() as unknown as EchoBase<T>;
}

/**
 * @internal Runs `effect` now and whenever `sources` change, with its cleanup before each re-run
 * and when the component (or effect scope) ends. In a component rendered on the server (no
 * window) it does nothing: server rendering never subscribes.
 */
export function whileActive(sources: Array<WatchSource<unknown>>, effect: (values: unknown[]) => () => void): void {
  if (serverRendering()) return;
  const stop = watch(
    sources,
    (values, _previous, onCleanup) => {
      onCleanup(effect(values));
    },
    { immediate: true },
  );
  if (getCurrentScope()) onScopeDispose(stop);
}
