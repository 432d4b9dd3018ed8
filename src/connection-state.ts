// The connection state machine: one current status, one transition function, each change
// reported exactly once to every subscriber.

/** The five states every connector reports. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';

/** Called with the new and the previous status on every change (see `Echo.onConnectionChange()`). */
export type ConnectionChangeListener = (status: ConnectionStatus, previous: ConnectionStatus) => void;

/** A connector's connection status and its subscribers; each change is reported once to each. */
export class ConnectionState {
  private current: ConnectionStatus;
  private readonly listeners = new Set<ConnectionChangeListener>();

  constructor(initial: ConnectionStatus = 'connecting') {
    this.current = initial;
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  /** @internal Moves to `next`; returns false (and reports nothing) when already there. Connectors call it through transition(). */
  set(next: ConnectionStatus): boolean {
    const previous = this.current;
    if (previous === next) return false;
    this.current = next;
    for (const listener of [...this.listeners]) listener(next, previous);
    return true;
  }

  subscribe(listener: ConnectionChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
