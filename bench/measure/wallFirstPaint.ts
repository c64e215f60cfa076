// `wallFirstPaintMs` comes from bench/measure/wallPaint.ts (the dashboard's own measurement, written with the
// web work): `measureWallFirstPaint` (or `measureWallPaint`, its name in the web work) called with
// `{ url, services }` against a running daemon, resolving to milliseconds or an object with a numeric
// `wallFirstPaintMs` or `ms`. Until that module is there, or when it fails (no
// browser on the machine), the figure is null and the note says why: a missing figure, never a made-up one.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { scriptPath } from './child.ts';

export interface WallPaintOptions {
  /** The daemon's base URL; it serves the built dashboard and has finished its cycles. */
  url: string;
  services: number;
}

export interface WallPaint {
  ms: number | null;
  note: string | null;
}

type Measure = (opts: WallPaintOptions) => Promise<unknown>;

export const WALL_PAINT_MODULE = scriptPath('./wallPaint.ts');

function millisecondsOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value && typeof value === 'object') {
    for (const key of ['wallFirstPaintMs', 'ms']) {
      const v = (value as Record<string, unknown>)[key];
      if (typeof v === 'number' && Number.isFinite(v)) return v;
    }
  }
  return null;
}

export async function wallFirstPaint(opts: WallPaintOptions, module = WALL_PAINT_MODULE): Promise<WallPaint> {
  if (!existsSync(module))
    return { ms: null, note: 'wallFirstPaintMs: bench/measure/wallPaint.ts not present' };
  try {
    const mod = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
    const measure = [mod.measureWallFirstPaint, mod.measureWallPaint].find((f) => typeof f === 'function');
    if (!measure)
      return { ms: null, note: 'wallFirstPaintMs: wallPaint.ts exports no measureWallFirstPaint' };
    const ms = millisecondsOf(await (measure as Measure)(opts));
    return ms === null
      ? { ms: null, note: 'wallFirstPaintMs: measureWallFirstPaint returned no milliseconds' }
      : { ms: Math.round(ms * 10) / 10, note: null };
  } catch (err) {
    return { ms: null, note: `wallFirstPaintMs: ${err instanceof Error ? err.message : String(err)}` };
  }
}
