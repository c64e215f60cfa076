import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run the TypeScript sources: @porthole/shared resolves to shared/src through this export condition
// (its default is the compiled dist, for the built agent and the packages). NODE_OPTIONS carries it to the
// test workers and to every process the tests spawn (tsx CLIs, daemons).
const SOURCE_CONDITION = '@porthole/source';
const conditionFlag = `--conditions=${SOURCE_CONDITION}`;
if (!(process.env.NODE_OPTIONS ?? '').includes(conditionFlag)) {
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, conditionFlag].filter(Boolean).join(' ');
}

export default defineConfig({
  // vitest's own server conditions (Vite's without "module", whose dist-es builds Node cannot load) plus ours.
  ssr: {
    resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions.filter((c) => c !== 'module')] },
  },
  test: {
    include: [
      'shared/src/**/*.test.ts',
      'core/src/**/*.test.ts',
      'estate/**/*.test.ts',
      'agent/src/**/*.test.ts',
      'web/src/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
