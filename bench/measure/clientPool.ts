// The dashboard clients of the fan-out measurement, spread over a few processes (a real dashboard is one
// browser each; one Node process parsing every copy would measure itself, not the daemon). Messages from the
// processes are queued as they arrive, so none is lost while the daemon is busy with a cycle.
import { fork, type ChildProcess } from 'node:child_process';
import { scriptPath } from './child.ts';

type FromClients =
  | { type: 'ready' }
  | { type: 'error'; error: string }
  | { type: 'cycle-done'; cycle: number; receipts: number[][] };

class Inbox {
  private readonly queue: FromClients[] = [];
  private waiter: ((m: FromClients) => void) | null = null;

  push(m: FromClients): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(m);
    } else this.queue.push(m);
  }

  take(timeoutMs: number): Promise<FromClients> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`clients silent for ${timeoutMs} ms`)), timeoutMs);
      this.waiter = (m) => {
        clearTimeout(timer);
        resolve(m);
      };
    });
  }
}

export interface Disconnect {
  type: 'disconnect';
  client: number;
  reason: string;
  at: number;
}

export class ClientPool {
  private readonly procs: Array<{ child: ChildProcess; inbox: Inbox }> = [];
  /** Clients the daemon dropped, in order. */
  readonly disconnects: Disconnect[] = [];

  constructor(url: string, clients: number, processes: number) {
    for (let p = 0; p < processes; p++) {
      const count = Math.floor(clients / processes) + (p < clients % processes ? 1 : 0);
      const child = fork(scriptPath('./fanoutClients.ts'), [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const inbox = new Inbox();
      child.on('message', (m: FromClients | Disconnect) => {
        if (m.type === 'disconnect') this.disconnects.push(m);
        else inbox.push(m);
      });
      child.send({ type: 'connect', url, count });
      this.procs.push({ child, inbox });
    }
  }

  private async expect<T extends FromClients['type']>(type: T, timeoutMs: number) {
    const all = await Promise.all(this.procs.map((p) => p.inbox.take(timeoutMs)));
    for (const m of all) {
      if (m.type === 'error') throw new Error(m.error);
      if (m.type !== type) throw new Error(`clients: expected ${type}, got ${m.type}`);
    }
    return all as Array<Extract<FromClients, { type: T }>>;
  }

  async ready(): Promise<void> {
    await this.expect('ready', 60_000);
  }

  /** Every client's receipt times of one cycle's broadcasts. */
  async cycleDone(timeoutMs = 300_000): Promise<number[][]> {
    return (await this.expect('cycle-done', timeoutMs)).flatMap((m) => m.receipts);
  }

  close(): void {
    for (const { child } of this.procs) child.send({ type: 'close' });
  }
}
