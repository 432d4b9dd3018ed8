// A retry timer with an injectable schedule: calls `attempt` after delays[0], delays[1], …,
// repeating the last delay, until stopped.

export class RetryTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tries = 0;

  constructor(
    private readonly delays: readonly number[],
    private readonly attempt: () => void,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer === undefined && this.delays.length > 0) this.schedule();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.tries = 0;
  }

  private schedule(): void {
    const delay = this.delays[Math.min(this.tries, this.delays.length - 1)] as number;
    this.timer = setTimeout(() => {
      this.tries++;
      this.timer = undefined;
      this.attempt();
      if (this.timer === undefined && this.tries > 0) this.schedule();
    }, delay);
  }
}
