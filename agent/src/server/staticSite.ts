// The dashboard: web/dist served statically (hash routing, so only index.html is needed at /), or a
// small page saying it is not built.
import express, { type Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_WEB_DIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../web/dist',
);

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Porthole</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>Porthole is running</h1>
<p>The dashboard is not built yet (no <code>web/dist</code>). The daemon and its API are up:</p>
<ul><li><a href="api/overview">/api/overview</a> — services, open findings, data freshness</li>
<li><a href="api/events">/api/events</a> — the timeline</li>
<li><a href="metrics">/metrics</a> — Prometheus metrics</li></ul>
<p>Build the dashboard with the web workspace's build script, then reload.</p></body></html>`;

export function staticSite(webDist: string): Router {
  const router = express.Router();
  if (existsSync(path.join(webDist, 'index.html'))) {
    router.use(express.static(webDist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheIndex }));
  } else {
    router.get('/', (_req, res) => void res.type('html').send(NOT_BUILT));
  }
  return router;
}

function noCacheIndex(res: express.Response, file: string): void {
  // index.html names the hashed bundles: always revalidate it so an upgrade shows at once.
  if (file.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
}
