// Logs a repeating condition when it changes, not on every cycle: a full disk or a broken snapshot file
// would otherwise print the same line each poll (hundreds a minute at short intervals).

interface Ongoing {
  line: string;
  since: string;
  repeats: number;
}

export class ChangeLog {
  private readonly ongoing = new Map<string, Ongoing>();

  constructor(
    /** A new condition is a warning; its summary and recovery are information. */
    private readonly log: (line: string, level: 'warn' | 'info') => void,
    private readonly now: () => Date,
  ) {}

  /** Logs `line` unless it is what `channel` said last; identical repeats are only counted. */
  note(channel: string, line: string): void {
    const current = this.ongoing.get(channel);
    if (current?.line === line) {
      current.repeats++;
      return;
    }
    if (current) this.summarize(current);
    this.ongoing.set(channel, { line, since: this.now().toISOString(), repeats: 0 });
    this.log(line, 'warn');
  }

  /** The condition is over: says how often it repeated, and `recovered` if given. */
  clear(channel: string, recovered?: (ongoing: { line: string; count: number }) => string): void {
    const current = this.ongoing.get(channel);
    if (!current) return;
    this.ongoing.delete(channel);
    this.summarize(current);
    if (recovered) this.log(recovered({ line: current.line, count: current.repeats + 1 }), 'info');
  }

  /** How many times the channel's current line occurred (0 when the channel is clear). */
  count(channel: string): number {
    const current = this.ongoing.get(channel);
    return current ? current.repeats + 1 : 0;
  }

  private summarize(o: Ongoing): void {
    if (o.repeats === 0) return;
    this.log(
      `(the previous message repeated ${o.repeats} more time${o.repeats === 1 ? '' : 's'} since ${o.since}: ${o.line.slice(0, 120)})`,
      'info',
    );
  }
}
