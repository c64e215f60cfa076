// Runs the daemon directly: `npx tsx agent/src/daemon/main.ts [--port N] [--host H] [--snapshot DIR]
// [--live] [--config FILE] [--data-dir DIR]`. The CLI's `porthole serve` does the same.
import { parseArgs } from 'node:util';
import { runServe } from './serve.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    snapshot: { type: 'string' },
    live: { type: 'boolean' },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  strict: true,
});

const port = values.port !== undefined ? Number(values.port) : undefined;
if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
  process.stderr.write(`porthole: --port "${values.port}": expected a number 0-65535\n`);
  process.exit(2);
}

await runServe({
  ...(port !== undefined ? { port } : {}),
  ...(values.host ? { host: values.host } : {}),
  ...(values.snapshot ? { snapshot: values.snapshot } : {}),
  ...(values.live ? { live: true } : {}),
  ...(values.config ? { config: values.config } : {}),
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
});
