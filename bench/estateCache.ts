// Generated estates live in bench/.estates/<size>-seed<seed>-v<generator version>/ (gitignored) and are reused
// while the generator version stays the same; a child process writes them so the parent stays small.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, MANIFEST_FILE, type Manifest } from './estate/generate.ts';
import type { SizeName } from './estate/sizes.ts';
import { runChild, scriptPath } from './measure/child.ts';

export const ESTATES_DIR = fileURLToPath(new URL('./.estates/', import.meta.url));

export function estateDir(size: SizeName, seed: number): string {
  return path.join(ESTATES_DIR, `${size}-seed${seed}-v${GENERATOR_VERSION}`);
}

export async function ensureEstate(
  size: SizeName,
  seed: number,
  fresh: boolean,
): Promise<{ dir: string; manifest: Manifest; generatedMs: number | null }> {
  const dir = estateDir(size, seed);
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (fresh || !existsSync(manifestPath)) {
    rmSync(dir, { recursive: true, force: true });
    const t0 = performance.now();
    await runChild(scriptPath('./generateChild.ts'), [dir, size, String(seed)], { timeoutMs: 15 * 60_000 });
    return { dir, manifest: readManifest(manifestPath), generatedMs: Math.round(performance.now() - t0) };
  }
  return { dir, manifest: readManifest(manifestPath), generatedMs: null };
}

function readManifest(file: string): Manifest {
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}
