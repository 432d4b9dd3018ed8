// A retry timer driven by a back-off schedule: calls `attempt` after schedule(0), schedule(1), …
// until stopped. Without a schedule it never fires.

import type { Backoff } from './backoff';

export class RetryTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tries = 0;

  constructor(
    private readonly schedule: Backoff | undefined,
    private readonly attempt: () => void,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer === undefined && this.schedule) this.next();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.tries = 0;
  }

  private next(): void {
    const delay = this.schedule!(this.tries);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.tries++;
      this.attempt();
      // attempt() may have stopped the timer (tries back at 0) or started it again.
      if (this.timer === undefined && this.tries > 0) this.next();
    }, delay);
  }
}
