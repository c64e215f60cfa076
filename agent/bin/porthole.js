#!/usr/bin/env node
// The installed `porthole` command: runs the compiled agent (dist/, built by `npm run build`). No TypeScript
// loader at runtime; from a checkout, `npm run porthole -- …` runs the sources through tsx instead.
const entry = new URL('../dist/cli/main.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry.pathname)) {
    console.error('porthole: the agent is not built (no agent/dist). Run `npm run build` first.');
    process.exit(70);
  }
  throw error;
}
