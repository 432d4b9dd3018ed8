// The connection status and socket id of the component's Echo, as refs that follow every
// connection change.

import { shallowRef, type Ref } from 'vue';
import type { ConnectionStatus } from '../index';
import type { AnyEcho } from '../adapters/types';
import { useEchoSource, whileActive } from './context';

function useConnectionValue<V>(readValue: (echo: AnyEcho) => V, initial: V): Ref<V> {
  const source = useEchoSource();
  const peeked = source.peek();
  const value = shallowRef(peeked ? readValue(peeked) : initial) as Ref<V>;
  whileActive([source.key], () => {
    const instance = source.get();
    const sync = () => (value.value = readValue(instance));
    sync();
    return instance.onConnectionChange(sync);
  });
  return value;
}

/** `connecting`, `connected`, `reconnecting`, `disconnected` or `failed`, following each change. */
export function useConnectionStatus(): Ref<ConnectionStatus> {
  return useConnectionValue<ConnectionStatus>((echo) => echo.connectionStatus(), 'connecting');
}

/** This connection's socket id (for `X-Socket-ID`), undefined while not connected. */
export function useSocketId(): Ref<string | undefined> {
  return useConnectionValue<string | undefined>((echo) => echo.socketId(), undefined);
}
