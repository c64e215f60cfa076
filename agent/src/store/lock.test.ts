import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from './errors.ts';
import { LOCK_FILE, lockDataDir } from './lock.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

describe('data dir lock', () => {
  it('lets one holder in, refuses a second with the pid, and frees the dir on release', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    const content = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(content.pid).toBe(process.pid);
    expect(() => lockDataDir(dir)).toThrow(StoreError);
    expect(() => lockDataDir(dir)).toThrow(
      new RegExp(`data dir ${dir} is in use by pid ${process.pid} \\(since .*\\): stop that daemon`),
    );
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir).release();
  });

  it('takes over a lock whose process has died (kill -9 leaves it behind)', () => {
    const dir = tempDir();
    const pid = deadPid();
    writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid, host: 'x', nonce: 'old', startedAt: '2026-01-01T00:00:00.000Z' }),
    );
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock carrying our own pid that this process does not hold (a restarted container)', () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, host: 'x', nonce: 'previous', startedAt: 'then' }),
    );
    lockDataDir(dir).release();
  });

  it('takes over a half-written or garbage lock file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), '{"pid":');
    lockDataDir(dir).release();
  });

  it('refuses a lock held by another live process', () => {
    const dir = tempDir();
    // The parent process of this test (vitest's main process) is alive and is a node process.
    writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.ppid, host: 'x', nonce: 'n', startedAt: 'then' }),
    );
    expect(() => lockDataDir(dir)).toThrow(`is in use by pid ${process.ppid} on x`);
  });

  it('says when the data dir cannot hold a lock file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-a-dir');
    writeFileSync(file, '');
    expect(() => lockDataDir(file)).toThrow(/data dir .*not-a-dir: cannot create it/);
  });
});
