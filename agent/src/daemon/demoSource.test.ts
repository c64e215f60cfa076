import express from 'express';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { demoRouter } from '../server/demoRoutes.ts';
import { demoSource } from './demoSource.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

describe('demo source hold', () => {
  it('advances one step per poll, and repeats the current step while held', async () => {
    const source = demoSource(1);
    const steps: number[] = [];
    const poll = async () => (await source.poll(NOW), steps.push(source.demo.state().step));
    await poll();
    await poll();
    expect(source.demo.setHeld(true)).toEqual({ held: true, step: 1 });
    await poll();
    await poll();
    source.demo.setHeld(false);
    await poll();
    expect(steps).toEqual([0, 1, 1, 1, 2]);
  });

  it('a held source shows the same estate every poll', async () => {
    const source = demoSource(3, 0, true);
    const a = await source.poll(NOW);
    const b = await source.poll(NOW);
    expect(JSON.stringify(b.snapshot)).toBe(JSON.stringify(a.snapshot));
    expect(source.demo.state()).toEqual({ held: true, step: 0 });
  });
});

describe('GET/POST /api/demo', () => {
  async function serve(router: express.Router) {
    const app = express();
    app.use('/api', express.json(), router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    return { base, close: () => new Promise((r) => server.close(r)) };
  }
  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('holds and releases the demo timeline', async () => {
    const source = demoSource(1);
    const { base, close } = await serve(demoRouter(source.demo));
    try {
      expect(await (await fetch(`${base}/demo`)).json()).toEqual({ held: false, step: 0 });
      const held = await post(`${base}/demo/hold`, { held: true });
      expect(held.status).toBe(200);
      expect(((await held.json()) as { held: boolean }).held).toBe(true);
      const bad = await post(`${base}/demo/hold`, { held: 'yes' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/held/);
    } finally {
      await close();
    }
  });

  it('answers 404 when the daemon does not serve the demo', async () => {
    const { base, close } = await serve(demoRouter(undefined));
    try {
      expect((await fetch(`${base}/demo`)).status).toBe(404);
      expect((await post(`${base}/demo/hold`, { held: true })).status).toBe(404);
    } finally {
      await close();
    }
  });
});
