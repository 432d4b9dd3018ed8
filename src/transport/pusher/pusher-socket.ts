// One Pusher-protocol connection over the platform WebSocket: the handshake, keep-alive
// (activity timeout, ping/pong), close codes, reconnection on a back-off schedule, and the
// browser's online/offline and visibility signals. Channel frames go up untouched.

import type { Backoff } from '../../backoff';
import type { ConnectionError } from '../../errors';
import { closeAction, type CloseAction } from './close-action';
import { decodeFrame, encodeFrame, type Frame } from './frame';

/** The part of the WebSocket API the client uses (the browser's, or the `ws` package in Node). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code?: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface SocketEvents {
  /** The handshake completed: the connection is up with this socket id. */
  connected(socketId: string): void;
  /** A frame for the layers above: channel events, subscription results, sign-in. */
  frame(frame: Frame): void;
  /** The connection is down: trying again (`connecting`), given up (`failed`) or closed by disconnect(). */
  down(status: 'connecting' | 'failed' | 'disconnected'): void;
  error(error: ConnectionError): void;
  malformed(reason: string, sample: unknown): void;
}

export interface SocketSettings {
  /** The server URL, over TLS or not. */
  url(tls: boolean): string;
  tls: boolean;
  WebSocket: WebSocketConstructor;
  /** Inbound silence (ms) before a ping; the server's `activity_timeout` lowers it. */
  activityTimeout: number;
  /** Wait (ms) for any answer to a ping before the connection counts as lost. */
  pongTimeout: number;
  /** Wait (ms) for the handshake before an attempt counts as failed. */
  connectTimeout: number;
  /** Delay before reconnection attempt n; undefined: never reconnect by itself. */
  reconnect: Backoff | undefined;
}

type Timer = ReturnType<typeof setTimeout>;

interface PageSignals {
  addEventListener?(type: string, listener: () => void): void;
  removeEventListener?(type: string, listener: () => void): void;
  navigator?: { onLine?: boolean };
  document?: { visibilityState?: string };
}

const page = globalThis as PageSignals;
const offline = () => page.navigator?.onLine === false;

export class PusherSocket {
  private ws: WebSocketLike | undefined;
  private id: string | undefined;
  private tls: boolean;
  private wanted = false;
  private attempts = 0;
  private activityTimeout: number;
  /** One timer at a time: the reconnect wait, the handshake deadline, the activity check or the pong deadline. */
  private timer: Timer | undefined;
  private waiting = false;

  constructor(
    private readonly settings: SocketSettings,
    private readonly events: SocketEvents,
  ) {
    this.tls = settings.tls;
    this.activityTimeout = settings.activityTimeout;
  }

  /** The socket id while connected. */
  get socketId(): string | undefined {
    return this.id;
  }

  /** Between connect() and disconnect() or a refusal: connected, or on its way there. */
  get active(): boolean {
    return this.wanted;
  }

  connect(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.watchPage(true);
    this.open();
  }

  disconnect(): void {
    if (!this.wanted) return;
    this.wanted = false;
    this.watchPage(false);
    this.drop(1000);
    this.attempts = 0;
    this.events.down('disconnected');
  }

  /** Sends one frame; false when not connected. */
  send(event: string, data: unknown, channel?: string): boolean {
    if (!this.id || !this.ws) return false;
    this.ws.send(encodeFrame(event, data, channel));
    return true;
  }

  private open(): void {
    this.stopTimer();
    this.waiting = false;
    if (offline()) return this.wait(); // the `online` signal opens it
    let ws: WebSocketLike;
    try {
      ws = new this.settings.WebSocket(this.settings.url(this.tls));
    } catch (cause) {
      this.events.error({ type: 'WebSocketError', code: null, message: String(cause instanceof Error ? cause.message : cause) });
      return this.lost('reconnect');
    }
    this.ws = ws;
    ws.onmessage = (event) => this.receive(event.data);
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      const code = event?.code ?? 1006;
      if (code >= 4000) this.events.error({ type: 'PusherError', code, message: event?.reason || `Closed with code ${code}` });
      this.lost(closeAction(code));
    };
    ws.onerror = () => {
      if (this.ws === ws && !this.id) this.events.error({ type: 'WebSocketError', code: null, message: 'WebSocket error' });
    };
    this.setTimer(this.settings.connectTimeout, () => this.drop(4201, 'reconnect'));
  }

  private receive(text: unknown): void {
    const frame = decodeFrame(text);
    if (typeof frame === 'string') return this.events.malformed(frame, text);
    if (this.id) this.setTimer(this.activityTimeout, this.ping);
    switch (frame.event) {
      case 'pusher:connection_established':
        return this.established(frame.data);
      case 'pusher:ping':
        this.send('pusher:pong', {});
        return;
      case 'pusher:pong':
        return;
      case 'pusher:error':
        return this.serverError(frame.data);
      default:
        if (this.id) this.events.frame(frame);
    }
  }

  private established(data: unknown): void {
    const { socket_id: socketId, activity_timeout: seconds } = (data ?? {}) as { socket_id?: unknown; activity_timeout?: unknown };
    if (typeof socketId !== 'string' || !socketId) return this.events.malformed('handshake without a socket id', data);
    this.id = socketId;
    this.attempts = 0;
    this.activityTimeout =
      typeof seconds === 'number' && seconds > 0 ? Math.min(this.settings.activityTimeout, seconds * 1000) : this.settings.activityTimeout;
    this.setTimer(this.activityTimeout, this.ping);
    this.events.connected(socketId);
  }

  /** `pusher:error` frames: reported; before the handshake a 4000-4099 code refuses the connection, as a close would. */
  private serverError(data: unknown): void {
    const { code, message } = (data ?? {}) as { code?: unknown; message?: unknown };
    const numeric = typeof code === 'number' ? code : null;
    this.events.error({ type: 'PusherError', code: numeric, message: String(message ?? 'Pusher error') });
    if (!this.id && numeric !== null && numeric >= 4000 && numeric < 4300) this.drop(numeric, closeAction(numeric));
  }

  private readonly ping = (): void => {
    this.send('pusher:ping', {});
    this.setTimer(this.settings.pongTimeout, () => this.drop(4201, 'retry'));
  };

  /** Closes the current WebSocket; with `then`, handles the loss as that close action. */
  private drop(code: number, then?: CloseAction): void {
    const ws = this.ws;
    this.ws = undefined;
    this.stopTimer();
    if (ws) {
      ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(code >= 4000 && code < 5000 ? code : 1000);
      } catch {
        // Already closing.
      }
    }
    this.id = undefined;
    if (then) this.lost(then);
  }

  private lost(action: CloseAction): void {
    this.id = undefined;
    this.stopTimer();
    if (!this.wanted) return;
    if (action === 'refused' || !this.settings.reconnect) {
      this.wanted = false;
      this.watchPage(false);
      this.events.down('failed');
      return;
    }
    this.events.down('connecting');
    if (action === 'tls') this.tls = true;
    const delay = this.settings.reconnect(this.attempts++);
    // At once for 4200-4299 and 4000, but only the first time: a server closing every attempt
    // with such a code gets the usual schedule.
    if ((action === 'retry' || action === 'tls') && this.attempts === 1) this.open();
    else this.wait(action === 'backoff' ? Math.max(1000, delay) : delay);
  }

  /** Waits before the next attempt; without a delay, until the page says it is online again. */
  private wait(delay?: number): void {
    this.waiting = true;
    if (delay !== undefined) this.setTimer(delay, () => this.open());
  }

  private setTimer(ms: number, run: () => void): void {
    this.stopTimer();
    this.timer = setTimeout(run, ms);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private watchPage(on: boolean): void {
    const method = on ? page.addEventListener : page.removeEventListener;
    if (typeof method !== 'function') return;
    method.call(page, 'online', this.onOnline);
    method.call(page, 'offline', this.onOffline);
    method.call(page, 'visibilitychange', this.onVisible);
  }

  /** Back online, or the page visible again, while waiting to reconnect: try now. */
  private readonly onOnline = (): void => {
    if (this.wanted && this.waiting) this.open();
  };

  private readonly onVisible = (): void => {
    if (page.document?.visibilityState === 'visible') this.onOnline();
  };

  /**
   * The browser lost the network: the socket is as good as gone. The next attempt follows the
   * schedule and, while navigator.onLine is false, waits for `online`; an `offline` event the
   * browser does not back with navigator.onLine (it happens) must not leave the client waiting forever.
   */
  private readonly onOffline = (): void => {
    if (this.wanted) this.drop(1000, 'reconnect');
  };
}
