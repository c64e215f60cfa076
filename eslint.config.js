import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

// Import groups for the architecture's edges (no-restricted-imports patterns, gitignore syntax).
const SHELL_IMPORTS = [
  {
    group: ['@porthole/agent', '@porthole/agent/*', '**/agent/src/**', '**/agent/bin/**'],
    message: 'The shell (agent/) depends on the core and shared, never the reverse.',
  },
];
const CORE_IMPORTS = [
  {
    group: ['@porthole/core', '@porthole/core/*', '**/core/src/**'],
    message: 'shared and web import nothing of the core: contracts live in @porthole/shared.',
  },
];
// The estate kit builds AWS shapes from plain ids: it stands beside the core (tests feed one to the other),
// so it imports neither the core nor the shell, only @porthole/shared.
const ESTATE_CORE_IMPORTS = [
  {
    group: ['@porthole/core', '@porthole/core/*', '**/core/src/**'],
    message: 'The estate kit builds AWS shapes from plain ids: it imports nothing of the core.',
  },
];
const CORE_SELF_IMPORT = [
  {
    group: ['@porthole/core', '@porthole/core/*'],
    message: 'Inside the core, import relatively: the package name is for the shell.',
  },
];
const NODE_IMPORTS = [
  {
    group: ['node:*'],
    message: 'Pure code: no Node built-ins (I/O belongs to the shell: sources, store, server, daemon, cli).',
  },
  {
    group: [
      'better-sqlite3',
      'pg',
      'express',
      'express-*',
      'socket.io',
      'pino',
      'pino-*',
      'prom-client',
      'commander',
    ],
    message: 'Pure code: no I/O libraries.',
  },
];
// Bare built-in names ("fs", "path"): exact names, since a pattern "net" would also match "../net/x.ts".
const NODE_BUILTIN_PATHS = builtinModules
  .filter((m) => !m.startsWith('_'))
  .map((name) => ({ name, message: 'Pure code: no Node built-ins (use node: imports in the shell only).' }));
const AWS_SDK_IMPORTS = [
  { group: ['@aws-sdk/*', '@smithy/*'], message: 'Only agent/src/sources/aws talks to the AWS SDK.' },
];
const AWS_SDK_IMPORTS_BUT_ARN = [
  {
    group: ['@aws-sdk/*', '!@aws-sdk/util-arn-parser', '@smithy/*'],
    message: 'shared may use the SDK ARN parser only; only agent/src/sources/aws talks to the AWS SDK.',
  },
];
const SOCKET_CLIENT = [
  { group: ['socket.io-client'], message: 'Only web/src/lib/socket.ts talks to socket.io.' },
];
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global'].map(
  (name) => ({
    name,
    message: 'Node globals only in the shell (agent/, bench/, scripts/).',
  }),
);
const BROWSER_GLOBALS = ['window', 'document', 'localStorage', 'navigator', 'location'].map((name) => ({
  name,
  message: 'Browser globals only in web/.',
}));
// The core takes `now` and never schedules or logs: time and timers belong to the daemon.
const CLOCK_AND_TIMERS = ['setTimeout', 'setInterval', 'setImmediate', 'console', 'fetch'].map((name) => ({
  name,
  message: 'The core is pure: no timers, no console, no network (take `now`; the shell does I/O).',
}));

// Inside the core the flow is one way too: model → net → analysis → rules → engine; the timeline reads
// findings and the model, nothing that computes them. Each layer may import only the layers before it.
const CORE_LAYERS = ['model', 'net', 'analysis', 'rules', 'engine'];
const LATER_LAYERS = {
  ...Object.fromEntries(CORE_LAYERS.map((layer, i) => [layer, [...CORE_LAYERS.slice(i + 1), 'timeline']])),
  timeline: ['net', 'analysis', 'rules', 'engine'],
};
const CORE_BASE_IMPORTS = [...SHELL_IMPORTS, ...CORE_SELF_IMPORT, ...NODE_IMPORTS, ...AWS_SDK_IMPORTS];
const coreLayerBlock = ([layer, later]) => ({
  files: [`core/src/${layer}/**/*.ts`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: NODE_BUILTIN_PATHS,
        patterns: [
          ...CORE_BASE_IMPORTS,
          {
            group: later.flatMap((l) => [`../${l}/**`, `**/../${l}/**`]),
            message: `core/src/${layer} may not import ${later.join(', ')}: inside the core the flow is model → net → analysis → rules → engine (docs/ARCHITECTURE.md).`,
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: [
      'agent/src/**/*.ts',
      'shared/src/**/*.ts',
      'estate/src/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
      'web/src/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      // Spreading an array into call arguments throws RangeError past ~100,000 elements: use
      // pushAll / maxOf / minOf from @porthole/shared (snapshots hold arrays of any length).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement',
          message:
            'No spread into push/unshift/splice (RangeError on long arrays): use pushAll() from @porthole/shared.',
        },
        {
          selector:
            "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message:
            'No spread into Math.max/min (RangeError on long arrays): use maxOf()/minOf() from @porthole/shared.',
        },
        {
          selector: "CallExpression[callee.property.name='fromCharCode'] > SpreadElement",
          message: 'No spread into String.fromCharCode (RangeError on long arrays): convert in chunks.',
        },
      ],
    },
  },
  // The edges (docs/ARCHITECTURE.md): the flow is one way, sources → … → web, and these rules keep it so.
  // Tests and test kits may reach across (they build estates through the shell's parsers).
  {
    files: ['core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTIN_PATHS,
          patterns: CORE_BASE_IMPORTS,
        },
      ],
      'no-restricted-globals': ['error', ...NODE_GLOBALS, ...BROWSER_GLOBALS, ...CLOCK_AND_TIMERS],
    },
  },
  ...Object.entries(LATER_LAYERS).map(coreLayerBlock),
  {
    files: ['estate/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTIN_PATHS,
          patterns: [...SHELL_IMPORTS, ...ESTATE_CORE_IMPORTS, ...NODE_IMPORTS, ...AWS_SDK_IMPORTS],
        },
      ],
      'no-restricted-globals': ['error', ...NODE_GLOBALS, ...BROWSER_GLOBALS],
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTIN_PATHS,
          patterns: [...SHELL_IMPORTS, ...CORE_IMPORTS, ...NODE_IMPORTS, ...AWS_SDK_IMPORTS_BUT_ARN],
        },
      ],
      'no-restricted-globals': ['error', ...NODE_GLOBALS, ...BROWSER_GLOBALS],
    },
  },
  {
    files: ['agent/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'agent/src/sources/aws/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...AWS_SDK_IMPORTS, ...SOCKET_CLIENT] }] },
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.svelte'],
    ignores: ['**/*.test.ts', 'web/src/lib/socket.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...SHELL_IMPORTS,
            ...CORE_IMPORTS,
            ...NODE_IMPORTS,
            ...AWS_SDK_IMPORTS,
            ...SOCKET_CLIENT,
          ],
        },
      ],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    files: ['web/src/lib/socket.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTIN_PATHS,
          patterns: [...SHELL_IMPORTS, ...CORE_IMPORTS, ...NODE_IMPORTS, ...AWS_SDK_IMPORTS],
        },
      ],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
);
