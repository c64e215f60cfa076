// The machine a run happened on, for the report (BENCHMARKS.md quotes it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the run started (other work on the machine skews timings). */
  loadAverage: number[];
  /** The commit measured (the engine changes often: figures belong to a commit). */
  commit: string;
}

export function machine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: keep os.cpus()'s name
  }
  return {
    cores: os.availableParallelism(),
    cpu,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    commit: gitCommit(),
  };
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'agent', 'shared'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} (with uncommitted agent/shared changes)` : head;
  } catch {
    return 'unknown';
  }
}
