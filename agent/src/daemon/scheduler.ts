// Runs the poll loop every interval (measured start to start), never two cycles at once.
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly intervalMs: () => number,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(async () => {
      const started = Date.now();
      try {
        await this.run();
      } catch (err) {
        this.onError(err);
      }
      if (this.running) this.schedule(Math.max(0, this.intervalMs() - (Date.now() - started)));
    }, delayMs);
  }
}
