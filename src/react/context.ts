// Which Echo a component uses: the nearest <EchoProvider>'s, else the default one of
// configureEcho(). Hooks resolve it in effects only, so rendering (also on the server) never
// creates an instance or connects.

import { createContext, createElement, useContext, useEffect, useLayoutEffect, useState, type ReactElement, type ReactNode } from 'react';
import type { BroadcasterKey, EchoBase } from '../index';
import { defaultEchoVersion, echo, onDefaultEchoChange, peekDefaultEcho } from '../adapters/default-echo';
import type { AnyEcho, EchoInstance } from '../adapters/types';

const EchoContext = createContext<AnyEcho | null>(null);

/** Props of {@link EchoProvider}. */
export interface EchoProviderProps {
  /** The instance the components below use (made with any entry point, or a FakeEcho in tests). */
  echo: EchoInstance;
  children?: ReactNode;
}

/**
 * Makes `echo` the instance of every hook below it, instead of the default one of
 * configureEcho(). Nest providers to use several instances (e.g. two servers). The provider
 * does not own the instance: disconnect it yourself when the application no longer needs it.
 *
 * @example
 * const echo = new Echo({ broadcaster: 'reverb', Pusher, key: 'app-key', wsHost: 'ws.example.com' });
 * createRoot(el).render(<EchoProvider echo={echo}><App /></EchoProvider>);
 */
export function EchoProvider({ echo: instance, children }: EchoProviderProps): ReactElement {
  return createElement(EchoContext.Provider, { value: instance }, children);
}

/** @internal How a hook reaches its Echo: `key` changes when the instance does. */
export interface EchoSource {
  get(): AnyEcho;
  peek(): AnyEcho | undefined;
  key: unknown;
}

/** @internal */
export function useEchoSource(): EchoSource {
  const provided = useContext(EchoContext);
  const [version, setVersion] = useState(defaultEchoVersion);
  useEffect(() => {
    if (provided) return undefined;
    const sync = () => setVersion(defaultEchoVersion());
    sync();
    return onDefaultEchoChange(sync);
  }, [provided]);
  return provided
    ? { get: () => provided, peek: () => provided, key: provided }
    : { get: echo as () => AnyEcho, peek: peekDefaultEcho, key: version };
}

/** The Echo instance of this component (creating the default one if needed). */
export function useEchoInstance<T extends BroadcasterKey = BroadcasterKey>(): EchoBase<T> {
  return useEchoSource().get() as unknown as EchoBase<T>;
}

/** @internal useLayoutEffect in the browser, useEffect on the server (no warning there). */
export const useIsomorphicLayoutEffect = typeof document !== 'undefined' ? useLayoutEffect : useEffect;
