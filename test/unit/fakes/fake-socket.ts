// Hand-written stand-ins for socket.io-client Sockets and Managers, version 4 and version 2,
// as far as the SDK can observe them (src/transport/socketio-types.ts).
//
// v4 (FakeSocketV4): `onAny`/`offAny`; `active` false after disconnect(), a server-side
//   disconnect or a refused connect; `id` deleted on every disconnect; reconnect_* events only on
//   the Manager (`socket.io`).
// v2 (FakeSocketV2): no `onAny`, no `active`; incoming events go through the prototype method
//   `onevent(packet)` (which the SDK may wrap on the instance); `id` deleted on disconnect;
//   reconnect_* events on the Manager *and* the Socket (v2's `emitAll`).
//
// Test hooks (not in socket.io-client):
//   serverConnect(id)           the handshake completed (`connect`)
//   serverEmit(event, ...args)  the server sent an event (args are `(channel, data)` for Echo)
//   drop(reason)                the transport closed (`disconnect` with `reason`), will reconnect
//   serverDisconnect()          the server kicked the socket (`io server disconnect`)
//   connectError(message, active?)  a connect_error; v4 `active` says whether it will retry
//   reconnectAttempt(n) / reconnectFailed()   Manager events
//   emitted / emittedOf(event)  what the client emitted to the server

import type { SocketIoManagerLike, SocketIoSocketLike } from '../../../src/transport/socketio-types';

type Fn = (...args: unknown[]) => void;

class Emitter {
  private readonly handlers = new Map<string, Fn[]>();

  on(event: string, listener: (...args: never[]) => void): this {
    const list = this.handlers.get(event) ?? [];
    list.push(listener as Fn);
    this.handlers.set(event, list);
    return this;
  }

  off(event?: string, listener?: (...args: never[]) => void): this {
    if (event === undefined) this.handlers.clear();
    else if (!listener) this.handlers.delete(event);
    else {
      const list = this.handlers.get(event) ?? [];
      const index = list.indexOf(listener as Fn);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0) this.handlers.delete(event);
    }
    return this;
  }

  removeListener(event: string, listener: (...args: never[]) => void): this {
    return this.off(event, listener);
  }

  listenerCount(event: string): number {
    return this.handlers.get(event)?.length ?? 0;
  }

  listenedEvents(): string[] {
    return [...this.handlers.keys()];
  }

  /** Local dispatch (component-emitter's emit); the Socket's own emit() sends to the server. */
  fire(event: string, ...args: unknown[]): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(...args);
  }
}

export class FakeManager extends Emitter implements SocketIoManagerLike {
  constructor(readonly opts: Record<string, unknown>) {
    super();
  }
}

abstract class FakeSocketBase extends Emitter implements SocketIoSocketLike {
  id?: string;
  connected = false;
  readonly io: FakeManager;
  /** Everything the client emitted, in order: [event, ...args]. */
  readonly emitted: Array<[string, ...unknown[]]> = [];
  connectCalls = 0;
  disconnectCalls = 0;

  constructor(
    readonly host: string | undefined,
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.io = new FakeManager(options);
  }

  emit(event: string, ...args: unknown[]): this {
    this.emitted.push([event, ...args]);
    return this;
  }

  emittedOf(event: string): unknown[] {
    return this.emitted.filter(([name]) => name === event).map(([, first]) => first);
  }

  connect(): this {
    this.connectCalls++;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls++;
    if (this.connected) this.close('io client disconnect');
    return this;
  }

  serverConnect(id = 'sio-1'): void {
    this.id = id;
    this.connected = true;
    this.fire('connect');
  }

  drop(reason = 'transport close'): void {
    this.close(reason);
  }

  serverDisconnect(): void {
    this.close('io server disconnect');
  }

  connectError(message = 'xhr poll error'): void {
    this.fire('connect_error', new Error(message));
  }

  reconnectAttempt(attempt = 1): void {
    this.io.fire('reconnect_attempt', attempt);
  }

  reconnectFailed(): void {
    this.io.fire('reconnect_failed');
  }

  abstract serverEmit(event: string, ...args: unknown[]): void;

  protected close(reason: string): void {
    this.connected = false;
    delete this.id;
    this.fire('disconnect', reason);
  }
}

export class FakeSocketV4 extends FakeSocketBase {
  private isActive = true;
  private anyListeners: Fn[] = [];

  get active(): boolean {
    return this.isActive;
  }

  onAny(listener: (event: string, ...args: unknown[]) => void): this {
    this.anyListeners.push(listener as Fn);
    return this;
  }

  offAny(listener?: (event: string, ...args: unknown[]) => void): this {
    this.anyListeners = listener ? this.anyListeners.filter((l) => l !== listener) : [];
    return this;
  }

  get anyListenerCount(): number {
    return this.anyListeners.length;
  }

  override connect(): this {
    this.isActive = true;
    return super.connect();
  }

  override disconnect(): this {
    this.isActive = false;
    return super.disconnect();
  }

  override serverConnect(id = 'sio-1'): void {
    this.isActive = true;
    super.serverConnect(id);
  }

  override serverDisconnect(): void {
    this.isActive = false;
    super.serverDisconnect();
  }

  /** v4: `active` is false when the socket will not retry (e.g. refused by a server middleware). */
  connectErrorV4(message: string, willRetry: boolean): void {
    this.isActive = willRetry;
    this.connectError(message);
  }

  serverEmit(event: string, ...args: unknown[]): void {
    if (!this.connected) return;
    for (const listener of [...this.anyListeners]) listener(event, ...args);
    this.fire(event, ...args);
  }
}

export class FakeSocketV2 extends FakeSocketBase {
  /** socket.io-client 2: the packet handler the SDK may wrap to see every event. */
  onevent(packet: { type?: number; nsp?: string; data?: unknown[] }): void {
    const args = packet.data ?? [];
    if (this.connected && typeof args[0] === 'string') this.fire(args[0], ...args.slice(1));
  }

  serverEmit(event: string, ...args: unknown[]): void {
    this.onevent({ type: 2, nsp: '/', data: [event, ...args] });
  }

  /** v2 emits reconnect events on the Manager and on every Socket (emitAll). */
  override reconnectAttempt(attempt = 1): void {
    super.reconnectAttempt(attempt);
    this.fire('reconnect_attempt', attempt);
  }

  override reconnectFailed(): void {
    super.reconnectFailed();
    this.fire('reconnect_failed');
  }
}

export type FakeSocket = FakeSocketV4 | FakeSocketV2;

export interface FakeIo {
  (host: string | undefined, options: Record<string, unknown>): FakeSocket;
  /** Every socket created, with the arguments io() received. */
  readonly sockets: FakeSocket[];
}

/** An `io()` function creating v4 or v2 fakes. */
export function fakeIo(version: 'v4' | 'v2' = 'v4'): FakeIo {
  const sockets: FakeSocket[] = [];
  const io = (host: string | undefined, options: Record<string, unknown>) => {
    const socket = version === 'v4' ? new FakeSocketV4(host, options) : new FakeSocketV2(host, options);
    sockets.push(socket);
    return socket;
  };
  return Object.assign(io, { sockets });
}
