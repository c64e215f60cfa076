// Builds the dashboard into web/dist; the daemon serves that folder at `/` (hash routing, relative base).
import { defaultClientConditions, defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [svelte()],
  // Bundle @porthole/shared from its TypeScript source (no need to build shared/dist first).
  resolve: { conditions: ['@porthole/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One small app: a single JS chunk keeps the daemon's static serving trivial.
    chunkSizeWarningLimit: 300,
  },
  server: {
    // `npx vite --config web/vite.config.ts` for UI work against a running daemon on :7070.
    proxy: {
      '/api': 'http://127.0.0.1:7070',
      '/socket.io': { target: 'ws://127.0.0.1:7070', ws: true },
    },
  },
});
