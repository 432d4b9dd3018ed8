// The connection status and socket id of the component's Echo, as state that follows every
// connection change.

import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '../index';
import type { AnyEcho } from '../adapters/types';
import { useEchoSource } from './context';

/** Calls `read(echo)` now and after every connection change, as state. */
function useConnectionValue<V>(read: (echo: AnyEcho) => V, initial: V): V {
  const source = useEchoSource();
  const [value, setValue] = useState<V>(() => {
    const instance = source.peek();
    return instance ? read(instance) : initial;
  });
  useEffect(() => {
    const instance = source.get();
    const sync = () => setValue(read(instance));
    sync();
    return instance.onConnectionChange(sync);
    // `read` is one of the two module-level readers below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source.key]);
  return value;
}

const readStatus = (echo: AnyEcho) => echo.connectionStatus();
const readSocketId = (echo: AnyEcho) => echo.socketId();

/** `connecting`, `connected`, `reconnecting`, `disconnected` or `failed`, re-rendering on each change. */
export function useConnectionStatus(): ConnectionStatus {
  return useConnectionValue<ConnectionStatus>(readStatus, 'connecting');
}

/** This connection's socket id (for `X-Socket-ID`), undefined while not connected. */
export function useSocketId(): string | undefined {
  return useConnectionValue<string | undefined>(readSocketId, undefined);
}
