// A recorder for Echo instances on the built-in Pusher client in Node: a `ws` WebSocket class that
// keeps every frame sent and received, and the callbacks of the channels it watches.
import WebSocket from 'ws';

export interface NativeEntry {
  type: 'event' | 'subscribed' | 'error';
  channel: string;
  name?: string;
  data?: any;
}

type Filter = Partial<Pick<NativeEntry, 'type' | 'channel' | 'name'>>;

/** The part of a channel the recorder binds to (any driver's channel has it). */
interface Watchable {
  readonly name: string;
  subscribed(callback: () => void): unknown;
  error(callback: (error: any) => void): unknown;
  listen(event: string, callback: (data: any) => void): unknown;
}

export class NativeRecorder {
  readonly entries: NativeEntry[] = [];
  /** Frames the server sent, as text. */
  readonly frames: string[] = [];
  /** Frames the client sent, as text. */
  readonly sent: string[] = [];
  private waiters: Array<() => void> = [];

  /** Pass as the `WebSocket` option: the `ws` class, recording both directions. */
  readonly WebSocket = ((recorder: NativeRecorder) =>
    class RecordingWebSocket extends WebSocket {
      constructor(url: string) {
        super(url);
        this.on('message', (data) => recorder.frames.push(String(data)));
      }

      override send(data: string): void {
        recorder.sent.push(String(data));
        super.send(data);
      }
    })(this);

  /** Records `channel`'s subscribed(), error() and `events`; returns its full name. */
  watch(channel: Watchable, events: string[]): string {
    const full = channel.name;
    channel.subscribed(() => this.record({ type: 'subscribed', channel: full }));
    channel.error((error) => this.record({ type: 'error', channel: full, data: error }));
    for (const event of events) channel.listen(event, (data) => this.record({ type: 'event', channel: full, name: event, data }));
    return full;
  }

  find(filter: Filter): NativeEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.type === undefined || e.type === filter.type) &&
        (filter.channel === undefined || e.channel === filter.channel) &&
        (filter.name === undefined || e.name === filter.name),
    );
  }

  /** Waits for exactly `count` matching entries; fails as soon as there are more, or after `timeout` ms. */
  count(filter: Filter, count: number, timeout = 10_000): Promise<NativeEntry[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out after ${timeout} ms waiting for ${count} × ${JSON.stringify(filter)}; got ${JSON.stringify(this.entries)}`));
      }, timeout);
      const check = () => {
        const found = this.find(filter);
        if (found.length > count) {
          clearTimeout(timer);
          reject(new Error(`expected ${count} × ${JSON.stringify(filter)}, got ${found.length}: ${JSON.stringify(found)}`));
        } else if (found.length === count) {
          clearTimeout(timer);
          resolve(found);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  private record(entry: NativeEntry): void {
    this.entries.push(entry);
    for (const wake of this.waiters.splice(0)) wake();
  }
}
