// action.yml: a composite action whose scripts call real CLI flags, take inputs only through env (no
// `${{ }}` inside scripts: GitHub's script-injection guidance), and gate the job on the scan's exit code.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sarifValidator } from './schemas/sarifSchema.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const action = parse(text) as Action;
const steps = action.runs.steps;
const step = (name: string) => steps.find((s) => s.name === name)!;

async function bash(script: string, env: Record<string, string>, cwd = ROOT) {
  try {
    const { stdout, stderr } = await run('bash', ['-e', '-c', script], {
      cwd,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('action.yml', () => {
  it('is a composite action whose run steps all name their shell', () => {
    expect(action.name).toBe('Porthole scan');
    expect(action.runs.using).toBe('composite');
    for (const s of steps.filter((x) => x.run)) expect(s.shell, s.name).toBe('bash');
    expect(steps.map((s) => s.uses).filter(Boolean)).toEqual([
      'actions/setup-node@v4',
      'github/codeql-action/upload-sarif@v3',
    ]);
  });

  it('passes inputs to scripts through env only, and uses every input it declares', () => {
    for (const s of steps.filter((x) => x.run)) expect(s.run, s.name).not.toContain('${{');
    const used = new Set([...text.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]!));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).not.toBe('');
  });

  it('calls only commands and flags the CLI has', async () => {
    const calls = steps
      .flatMap((s) => (s.run ?? '').split('\n'))
      .map((l) => /(?:porthole\.js"|"\$bin") (\w+)(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(calls.map((m) => m[1])).toEqual(['capture', 'scan', 'scan']);
    const helps = new Map<string, string>();
    for (const [, command, rest] of calls) {
      if (!helps.has(command!)) {
        const out = await run(process.execPath, ['agent/bin/porthole.js', command!, '--help'], { cwd: ROOT });
        helps.set(command!, out.stdout);
      }
      const help = helps.get(command!)!;
      for (const flag of rest!.match(/--[a-z][a-z-]*/g) ?? [])
        expect(help, `${command} ${flag}`).toContain(flag);
      for (const format of rest!.match(/--format (\w+)/g) ?? []) {
        expect(help).toContain(format.split(' ')[1]!);
      }
    }
  });

  it('uploads the SARIF file the scan wrote, to code scanning', () => {
    const upload = step('Upload SARIF to code scanning');
    expect(upload.with).toEqual({
      sarif_file: '${{ inputs.sarif-file }}',
      category: '${{ inputs.category }}',
    });
    expect(upload.if).toContain("steps.scan.outputs.sarif-written == 'true'");
  });
});

describe('the Scan and Gate steps, run as the runner would', () => {
  async function scan(env: Record<string, string>) {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-action-'));
    const output = join(dir, 'github-output');
    const sarif = join(dir, 'porthole.sarif');
    const r = await bash(step('Scan').run!, {
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: output,
      PORTHOLE_SARIF: sarif,
      PORTHOLE_LIVE: 'false',
      PORTHOLE_SNAPSHOT: '',
      ...env,
    });
    const outputs = Object.fromEntries(
      (await readFile(output, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    return { ...r, outputs, sarif };
  }
  const gate = (exit: string, failOn = 'critical') =>
    bash(step('Gate').run!, { PORTHOLE_EXIT: exit, PORTHOLE_FAIL_ON: failOn });

  it('a snapshot with critical findings: annotations, a valid SARIF log, exit-code 1', async () => {
    const r = await scan({ PORTHOLE_SNAPSHOT: 'test/fixtures/dynamic-ports-blocked' });
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-written': 'true' });
    expect(r.stdout.match(/^::error title=/gm)).toHaveLength(2);
    const log = JSON.parse(await readFile(r.sarif, 'utf8'));
    expect(sarifValidator()(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(2);
  });

  it('neither snapshot nor live: an error annotation and exit-code 2', async () => {
    const r = await scan({});
    expect(r.stdout).toContain('::error title=Porthole::set the snapshot input, or live: true');
    expect(r.outputs).toEqual({ 'exit-code': '2' });
  });

  it('fails the job on critical findings unless fail-on is never; bad input always fails', async () => {
    expect((await gate('0')).code).toBe(0);
    expect((await gate('1')).code).toBe(1);
    expect((await gate('1', 'never')).code).toBe(0);
    expect((await gate('2', 'never')).code).toBe(2);
    expect((await gate('', 'critical')).code).toBe(2);
    const bad = await gate('0', 'sometimes');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('fail-on must be critical or never');
  });
});
