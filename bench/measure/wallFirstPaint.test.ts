import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wallFirstPaint } from './wallFirstPaint.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'porthole-wall-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const opts = { url: 'http://127.0.0.1:1', services: 2000 };
const moduleWith = (name: string, body: string) => {
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, body);
  return file;
};

describe('wallFirstPaintMs', () => {
  it('is null with a note while the measurement module is absent', async () => {
    expect(await wallFirstPaint(opts, path.join(dir, 'absent.ts'))).toEqual({
      ms: null,
      note: expect.stringContaining('not present'),
    });
  });

  it("is the module's milliseconds, given the daemon URL and service count", async () => {
    const file = moduleWith(
      'ok',
      'export const measureWallFirstPaint = async (o) => ({ ms: o.services / 4 + 0.04 });',
    );
    expect(await wallFirstPaint(opts, file)).toEqual({ ms: 500, note: null });
  });

  it("takes the web work's measureWallPaint and its { wallFirstPaintMs } result too", async () => {
    const file = moduleWith(
      'web',
      'export const measureWallPaint = async (o) => ({ wallFirstPaintMs: o.url.length, servicesFirstPaintMs: 1 });',
    );
    expect(await wallFirstPaint(opts, file)).toEqual({ ms: opts.url.length, note: null });
  });

  it('is null with the reason when the measurement fails or returns no number', async () => {
    const fails = moduleWith(
      'fails',
      'export const measureWallFirstPaint = async () => { throw new Error("no browser"); };',
    );
    expect(await wallFirstPaint(opts, fails)).toEqual({ ms: null, note: 'wallFirstPaintMs: no browser' });
    const odd = moduleWith('odd', 'export const measureWallFirstPaint = async () => "fast";');
    expect((await wallFirstPaint(opts, odd)).ms).toBeNull();
  });
});
