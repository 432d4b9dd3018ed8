// Helpers of the kill -9 / restart tests: when the server answers again, a steady publisher of
// numbered events across a restart, and the measured figures for the benchmark report.
import fs from 'node:fs';
import path from 'node:path';
import { trigger, type Setup } from './env';

const RESULTS = path.resolve('.tmp/results/recovery.json');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** First moment (Date.now()) the server on `port` answers HTTP again, polled every 5 ms. */
export async function answersAgain(port: number, timeout = 30_000): Promise<number> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(250) });
      if (response.ok) return Date.now();
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  throw new Error(`127.0.0.1:${port} did not answer within ${timeout} ms`);
}

export interface Ticker {
  /** Stops publishing; resolves once the last request is done. Returns how many ticks were sent. */
  stop(): Promise<number>;
}

/**
 * Publishes `event` with data `{seq}` (1, 2, …) to all `channels` at once every `everyMs` until
 * stopped, so the first event a client gets after a restart tells when delivery works again.
 */
export function startTicker(setup: Setup, channels: string[], event: string, everyMs = 50): Ticker {
  let running = true;
  let seq = 0;
  let failure: unknown = null;
  const loop = (async () => {
    while (running) {
      seq++;
      await trigger(setup, { channels, event, data: { seq } });
      await sleep(everyMs);
    }
  })().catch((error) => {
    failure = error; // reported by stop(), not as an unhandled rejection
  });
  return {
    async stop() {
      running = false;
      await loop;
      if (failure) throw failure;
      return seq;
    },
  };
}

/** Adds one setup's figures to .tmp/results/recovery.json (read by `npm run bench`). */
export function saveRecovery(key: string, figures: Record<string, unknown>): void {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
  } catch {
    // first figure of this run
  }
  all[key] = figures;
  all['updated'] = new Date().toISOString();
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, JSON.stringify(all, null, 2) + '\n');
}
