// The data dir as a process sees it: one daemon per data dir (a second exits 2 naming the first's pid),
// and a damaged database stops `porthole serve` with exit 2, the file and the way out — never a hang or a
// stack trace.
import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoEstate } from '@porthole/estate/demo/estate.js';
import { Store } from '../../agent/src/store/store.ts';
import { spawnServe, writeEstateFolder, type Child } from './helpers/child.ts';

const root = mkdtempSync(path.join(tmpdir(), 'porthole-store-proc-'));
const snapshot = path.join(root, 'snapshot');
writeEstateFolder(snapshot, buildDemoEstate());
const children: Child[] = [];
afterAll(() => {
  children.forEach((c) => c.proc.kill('SIGKILL'));
  rmSync(root, { recursive: true, force: true });
});
const serve = (dataDir: string): Child => {
  const child = spawnServe(['--snapshot', snapshot, '--data-dir', dataDir, '--port', '0'], {
    PORTHOLE_TOKEN: '',
  });
  children.push(child);
  return child;
};

/** A data dir whose store a real daemon would have written, then damaged by `damage`. */
function damagedDir(name: string, damage: (file: string) => void): { dir: string; file: string } {
  const dir = path.join(root, name);
  const store = Store.open(dir);
  store.kv.set('diff.baseline', {});
  for (let i = 0; i < 200; i++)
    store.events.insert(
      {
        at: 'a',
        type: 'route-added',
        service: null,
        resources: [],
        message: 'x'.repeat(300),
        likelyCause: null,
      },
      null,
    );
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  const file = path.join(dir, 'porthole.db');
  damage(file);
  return { dir, file };
}

const noStackTrace = (output: string): void => {
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toContain('unexpected error');
};

describe('porthole serve and its data dir (process)', { timeout: 120_000 }, () => {
  it('a second daemon on the same data dir exits 2 naming the first one’s pid', async () => {
    const dataDir = path.join(root, 'shared');
    const first = serve(dataDir);
    await first.url;
    const second = serve(dataDir);
    expect((await second.exited).code).toBe(2);
    expect(second.output()).toContain(`data dir ${dataDir} is in use by pid ${first.proc.pid}`);
    noStackTrace(second.output());
    first.proc.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    // The lock went with the first daemon: the dir is free again.
    const third = serve(dataDir);
    await third.url;
    third.proc.kill('SIGTERM');
    const exit = await third.exited;
    expect({ ...exit, out: third.output() }).toMatchObject({ code: 0 });
  });

  it('exits 2 with the file and the move-aside command for damaged databases', async () => {
    const variants = [
      damagedDir('kv-json', (file) => {
        const db = new Database(file);
        db.prepare("UPDATE kv SET value = ? WHERE key = 'diff.baseline'").run('{"a":"\u0001"}');
        db.close();
      }),
      damagedDir('not-a-db', (file) => {
        writeFileSync(file, Buffer.alloc(4096, 0x41)); // no SQLite header left
      }),
      damagedDir('truncated', (file) => truncateSync(file, Math.floor(statSync(file).size / 3))),
    ];
    const runs = variants.map((v) => ({ ...v, child: serve(v.dir) }));
    for (const run of runs) {
      const exit = await run.child.exited;
      expect({ dir: run.dir, code: exit.code }).toEqual({ dir: run.dir, code: 2 });
      const out = run.child.output();
      expect(out).toContain(`the database ${run.file} is damaged`);
      expect(out).toMatch(new RegExp(`mv '${run.file}' '${run.file}\\.corrupt-\\d{4}-\\d\\d-\\d\\dT`));
      noStackTrace(out);
    }
  });
});
