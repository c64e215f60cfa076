// The daemon as deployed runs the compiled JavaScript (Dockerfile, agent/bin/porthole.js), not the sources
// through tsx: tsx and the sources' transforms cost each thread of the daemon memory of their own (two threads:
// the event loop's and the analysis worker's). The daemon phase runs the compiled agent when its build is
// fresh, building it first when it is not, so daemonRssMb is the deployed daemon's.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as SchemaTypes from '../../agent/src/daemon/config/schema.ts';
import type * as DaemonTypes from '../../agent/src/daemon/daemon.ts';
import type * as LoggerTypes from '../../agent/src/log/logger.ts';
import type * as SnapshotTypes from '../../agent/src/sources/snapshot/index.ts';

type SchemaModule = typeof SchemaTypes;
type DaemonModule = typeof DaemonTypes;
type LoggerModule = typeof LoggerTypes;
type SnapshotModule = typeof SnapshotTypes;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What the daemon loads, in build order (the agent's build reads the others' dist). */
const PACKAGES = ['shared', 'core', 'estate', 'agent'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when every package's dist exists and is newer than every file of its src. */
export function compiledAgentFresh(): boolean {
  return PACKAGES.every((p) => {
    const dist = path.join(ROOT, p, 'dist');
    return existsSync(dist) && newestMtime(dist) >= newestMtime(path.join(ROOT, p, 'src'));
  });
}

/** Builds the packages the daemon loads (`npm run build` without the dashboard), ~30 s. */
export function buildAgent(): void {
  execFileSync('npm', ['run', '-s', 'build', ...PACKAGES.flatMap((p) => ['-w', p])], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The agent's modules the bench daemon needs, from dist (compiled) or from the sources (under tsx). */
export async function agentModules(compiled: boolean) {
  const from = (src: string) =>
    compiled
      ? new URL(`../../agent/dist/${src}.js`, import.meta.url).href
      : new URL(`../../agent/src/${src}.ts`, import.meta.url).href;
  const [schema, daemon, logger, snapshot] = (await Promise.all([
    import(from('daemon/config/schema')),
    import(from('daemon/daemon')),
    import(from('log/logger')),
    import(from('sources/snapshot/index')),
  ])) as [SchemaModule, DaemonModule, LoggerModule, SnapshotModule];
  return {
    DaemonConfigSchema: schema.DaemonConfigSchema,
    startDaemon: daemon.startDaemon,
    silentLogger: logger.silentLogger,
    readSnapshotFolder: snapshot.readSnapshotFolder,
  };
}
