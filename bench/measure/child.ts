// Each measurement runs in its own Node process, so its peak RSS is its own (not the generator's or another
// phase's). A child prints progress on stderr and one JSON line, its result, last on stdout.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildOptions {
  /** Extra Node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /** Kill the child after this long (the benchmark must end even if a phase hangs). */
  timeoutMs: number;
  onProgress?: (line: string) => void;
  /**
   * How the child's TypeScript runs: through tsx (default), or by Node itself (type stripping and
   * transforms) for a child that runs compiled modules and must not carry tsx's cost (compiledAgent.ts).
   */
  loader?: 'tsx' | 'node';
}

const LOADER_FLAGS = {
  tsx: ['--import', 'tsx'],
  node: ['--experimental-transform-types', '--disable-warning=ExperimentalWarning'],
};

export function scriptPath(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
}

export function runChild<T>(script: string, args: string[], opts: ChildOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(opts.nodeFlags ?? []), ...LOADER_FLAGS[opts.loader ?? 'tsx'], script, ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        // The AWS SDK (live source, daemon) warns at every start that its future versions will need Node 22.
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const lines = stderr.split('\n');
      stderr = lines.pop() ?? '';
      for (const line of lines) opts.onProgress?.(line);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop();
      if (code === 0 && last) return resolve(JSON.parse(last) as T);
      reject(
        new Error(
          `${script} ${args.join(' ')} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || stdout.trim().slice(-500)}`,
        ),
      );
    });
  });
}

/** For children: report a result as the last stdout line. */
export function emit(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** For children: progress on stderr (the parent shows it unless --json). */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function peakRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes (getrusage ru_maxrss on Linux).
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function ms(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}
