// The deployment and CI-gate examples in README.md and deploy/README.md stay copy-pasteable: the HCL
// parses and names only the module's variables (and all required ones), the workflow snippets use
// only the action's inputs, and the CLI examples' flags exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { placeholders, readEcsFile } from '../deploy/ecsFiles.ts';
import { declared, readTfDir } from '../deploy/hcl.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DOCS = ['README.md', 'deploy/README.md'];
const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
};

function blocks(doc: string, lang: string): string[] {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe.each(DOCS)('%s', (doc) => {
  it('HCL examples parse and call the ecs-service module with its variables', async () => {
    const hcl = blocks(doc, 'hcl');
    expect(hcl.length).toBeGreaterThan(0);
    const vars = declared(await readTfDir(join(ROOT, 'deploy/terraform/modules/ecs-service')), 'variable');
    for (const snippet of hcl) {
      const parsed = (await parseHcl('example.tf', snippet)) as {
        module: Record<string, Record<string, unknown>[]>;
      };
      const call = parsed.module.porthole![0]!;
      expect(String(call.source)).toMatch(/\/\/deploy\/terraform\/modules\/ecs-service$/);
      const args = Object.keys(call).filter((k) => k !== 'source');
      expect(args.filter((a) => !vars.has(a))).toEqual([]);
      const required = [...vars].filter(([, v]) => !('default' in v)).map(([k]) => k);
      expect(required.filter((r) => !args.includes(r))).toEqual([]);
    }
  });

  it('workflow examples use the action with its inputs only', () => {
    const yaml = blocks(doc, 'yaml').filter((b) => b.includes('OWNER/porthole'));
    expect(yaml.length).toBeGreaterThan(0);
    for (const snippet of yaml) {
      const steps = (parseYaml(snippet) as { steps: { uses?: string; with?: Record<string, unknown> }[] })
        .steps;
      const ours = steps.find((s) => s.uses?.startsWith('OWNER/porthole@'))!;
      expect(Object.keys(ours.with ?? {}).filter((k) => !(k in action.inputs))).toEqual([]);
    }
  });

  it('scan examples use only the formats the CLI has', () => {
    for (const snippet of blocks(doc, 'sh')) {
      for (const m of snippet.matchAll(/--format (\S+)/g))
        expect(['text', 'json', 'sarif', 'github']).toContain(m[1]);
    }
  });
});

describe('deploy/README.md AWS CLI steps', () => {
  const steps = blocks('deploy/README.md', 'sh').find((b) => b.includes('envsubst'))!;

  it('set every placeholder of each file they fill with envsubst, in order', () => {
    const files = [...steps.matchAll(/envsubst < deploy\/ecs\/(\S+)/g)].map((m) => m[1]!);
    expect(files).toEqual([
      'task-definition.json',
      'target-group.json',
      'load-balancer.json',
      'listener.json',
      'service.json',
    ]);
    for (const file of files) {
      const before = steps.slice(0, steps.indexOf(`envsubst < deploy/ecs/${file}`));
      const set = new Set([...before.matchAll(/\b([A-Z][A-Z0-9_]*)=/g)].map((m) => m[1]!));
      expect(
        placeholders(readEcsFile(file)).filter((p) => !set.has(p)),
        file,
      ).toEqual([]);
    }
  });
});
