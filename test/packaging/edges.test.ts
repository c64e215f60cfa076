// The architecture's edges are enforced by lint (eslint.config.js): a file that crosses one fails
// `npm run lint`. Each case lints a one-line probe as if it lived at that path.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

const CROSSINGS: Array<[file: string, code: string, why: RegExp]> = [
  [
    'core/src/model/probe.ts',
    "import { x } from '../../../agent/src/daemon/types.ts';\nexport { x };\n",
    /shell/,
  ],
  [
    'core/src/net/probe.ts',
    "import { readFile } from 'node:fs/promises';\nexport { readFile };\n",
    /Node built-ins/,
  ],
  ['core/src/rules/probe.ts', "import path from 'path';\nexport { path };\n", /Node built-ins/],
  ['core/src/engine/probe.ts', "import Database from 'better-sqlite3';\nexport { Database };\n", /I\/O/],
  [
    'core/src/engine/probe.ts',
    "import { EC2Client } from '@aws-sdk/client-ec2';\nexport { EC2Client };\n",
    /AWS SDK/,
  ],
  ['core/src/engine/probe.ts', 'export const at = Date.now() + Number(process.env.X);\n', /Node globals/],
  ['core/src/engine/probe.ts', 'export const t = setTimeout(() => undefined, 1);\n', /pure/],
  [
    'agent/src/daemon/probe.ts',
    "import { ECSClient } from '@aws-sdk/client-ecs';\nexport { ECSClient };\n",
    /AWS SDK/,
  ],
  ['agent/src/server/probe.ts', "import { io } from 'socket.io-client';\nexport { io };\n", /socket\.io/],
  ['web/src/lib/probe.ts', "import { io } from 'socket.io-client';\nexport { io };\n", /socket\.io/],
  [
    'web/src/lib/probe.ts',
    "import { RULES } from '@porthole/core/rules/registry.js';\nexport { RULES };\n",
    /core/,
  ],
  [
    'web/src/lib/probe.ts',
    "import { x } from '../../../agent/src/daemon/types.ts';\nexport { x };\n",
    /shell/,
  ],
  ['web/src/lib/probe.ts', 'export const home = process.env.HOME;\n', /Node globals/],
  [
    'shared/src/probe.ts',
    "import { RULES } from '@porthole/core/rules/registry.js';\nexport { RULES };\n",
    /core/,
  ],
  ['shared/src/probe.ts', 'export const w = window.innerWidth;\n', /Browser globals/],
  [
    'estate/src/demo/probe.ts',
    "import { x } from '../../../agent/src/daemon/types.ts';\nexport { x };\n",
    /shell/,
  ],
  [
    'estate/src/demo/probe.ts',
    "import { RULES } from '@porthole/core/rules/registry.js';\nexport { RULES };\n",
    /core/,
  ],
  [
    'estate/src/probe.ts',
    "import { EC2Client } from '@aws-sdk/client-ec2';\nexport { EC2Client };\n",
    /AWS SDK/,
  ],
  ['estate/src/probe.ts', "import { writeFile } from 'node:fs/promises';\nexport { writeFile };\n", /Node/],
  // Inside the core: model → net → analysis → rules → engine, and the timeline reads the model only.
  ['core/src/model/probe.ts', "import { x } from '../net/cidr.ts';\nexport { x };\n", /model may not import/],
  [
    'core/src/net/paths/probe.ts',
    "import { RULES } from '../../rules/registry.ts';\nexport { RULES };\n",
    /net may not import/,
  ],
  [
    'core/src/analysis/probe.ts',
    "import { RULES } from '../rules/registry.ts';\nexport { RULES };\n",
    /analysis may not import/,
  ],
  [
    'core/src/rules/catalog/probe.ts',
    "import { analyzeModel } from '../../engine/analyze.ts';\nexport { analyzeModel };\n",
    /rules may not import/,
  ],
  [
    'core/src/engine/probe.ts',
    "import { advanceFindings } from '../timeline/lifecycle.ts';\nexport { advanceFindings };\n",
    /engine may not import/,
  ],
  [
    'core/src/timeline/diff/probe.ts',
    "import { RULES } from '../../rules/registry.ts';\nexport { RULES };\n",
    /timeline may not import/,
  ],
];

const ALLOWED: Array<[file: string, code: string]> = [
  [
    'agent/src/sources/aws/probe.ts',
    "import { EC2Client } from '@aws-sdk/client-ec2';\nexport { EC2Client };\n",
  ],
  ['web/src/lib/socket.ts', "import { io } from 'socket.io-client';\nexport { io };\n"],
  [
    'agent/src/daemon/probe.ts',
    "import { RULES } from '@porthole/core/rules/registry.js';\nexport { RULES };\n",
  ],
  ['core/src/net/probe.ts', "import { cidrContains } from './cidr.ts';\nexport { cidrContains };\n"],
  [
    'core/src/engine/probe.ts',
    "import { loadBalancedMapping } from '../model/ecsPorts.ts';\nexport { loadBalancedMapping };\n",
  ],
  [
    'core/src/rules/catalog/probe.ts',
    "import { servicePlacements } from '../../analysis/ecsPlacement.ts';\nexport { servicePlacements };\n",
  ],
  [
    'core/src/timeline/probe.ts',
    "import type { Finding } from '@porthole/shared';\nexport type { Finding };\n",
  ],
  ['shared/src/probe.ts', "import { parse } from '@aws-sdk/util-arn-parser';\nexport { parse };\n"],
  ['estate/src/demo/probe.ts', "import { pushAll } from '@porthole/shared';\nexport { pushAll };\n"],
  [
    'agent/src/daemon/probe.ts',
    "import { buildDemoEstate } from '@porthole/estate/demo/estate.js';\nexport { buildDemoEstate };\n",
  ],
];

describe('lint enforces the edges', () => {
  it.each(CROSSINGS)('%s: refuses %j', async (file, code, why) => {
    const messages = await restricted(file, code);
    expect(messages.length, messages.join('\n')).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(why);
  });

  it.each(ALLOWED)('%s: allows %j', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
