// HCL helpers for the deploy/terraform tests: parse with HashiCorp's own parser (hcl2json, compiled to
// wasm and shipped in the npm package), collect declarations and references, and check `terraform fmt`
// layout (two-space indent, aligned `=` in runs of one-line attributes, as hclwrite formats them).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

export type Hcl = Record<string, Record<string, unknown>>;

export interface TfDir {
  dir: string;
  files: Record<string, string>;
  parsed: Hcl[];
}

export async function readTfDir(dir: string): Promise<TfDir> {
  const names = readdirSync(dir).filter((f) => f.endsWith('.tf'));
  const files = Object.fromEntries(names.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const parsed = await Promise.all(names.map((f) => parse(f, files[f]!) as Promise<Hcl>));
  return { dir, files, parsed };
}

/** Top-level block names of one kind across the files: variable, output, module, locals keys. */
export function declared(
  tf: TfDir,
  kind: 'variable' | 'output' | 'module',
): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const p of tf.parsed) {
    for (const [name, blocks] of Object.entries(p[kind] ?? {}))
      out.set(name, (blocks as Record<string, unknown>[])[0]!);
  }
  return out;
}

export function declaredLocals(tf: TfDir): Set<string> {
  const names = new Set<string>();
  for (const p of tf.parsed) {
    for (const block of (p.locals ?? []) as unknown as Record<string, unknown>[]) {
      for (const k of Object.keys(block)) names.add(k);
    }
  }
  return names;
}

/** "type.name" for resources (kind resource) or data sources (kind data). */
export function declaredAddresses(tf: TfDir, kind: 'resource' | 'data'): Set<string> {
  const out = new Set<string>();
  for (const p of tf.parsed) {
    for (const [type, byName] of Object.entries(p[kind] ?? {})) {
      for (const name of Object.keys(byName as object)) out.add(`${type}.${name}`);
    }
  }
  return out;
}

/** The code without comment lines (the files keep comments on their own lines). */
function code(tf: TfDir): string {
  return Object.values(tf.files)
    .map((text) =>
      text
        .split('\n')
        .filter((l) => !/^\s*#/.test(l))
        .join('\n'),
    )
    .join('\n');
}

function matches(text: string, re: RegExp, group = 1): Set<string> {
  return new Set([...text.matchAll(re)].map((m) => m[group]!));
}

export function references(tf: TfDir) {
  const text = code(tf);
  return {
    variables: matches(text, /\bvar\.([A-Za-z_][\w-]*)/g),
    locals: matches(text, /\blocal\.([A-Za-z_][\w-]*)/g),
    modules: matches(text, /\bmodule\.([A-Za-z_][\w-]*)/g),
    moduleOutputs: matches(text, /\bmodule\.([A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)/g),
    data: matches(text, /\bdata\.([a-z][\w]*\.[A-Za-z_][\w-]*)/g),
    resources: matches(text, /(?<![\w.])(aws_[\w]+\.[A-Za-z_][\w-]*)/g),
  };
}

/** Brackets opened minus closed on a line, outside string literals and comments. */
function bracketChange(line: string): number {
  const bare = line.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/#.*$/, '');
  return (bare.match(/[[({]/g)?.length ?? 0) - (bare.match(/[\])}]/g)?.length ?? 0);
}

/**
 * Differences from `terraform fmt` layout: indentation of two spaces per open bracket, and within a
 * run of consecutive one-line `key = value` lines the `=` signs in one column, one space after the
 * longest key (hclwrite: a line that opens a multi-line value, a block, a comment or a blank line ends
 * the run). Also tabs, trailing spaces and the final newline.
 */
export function fmtProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith('\n') || text.endsWith('\n\n'))
    problems.push(`${file}: must end with exactly one newline`);
  const lines = text.endsWith('\n') ? text.split('\n').slice(0, -1) : text.split('\n');
  // hclwrite's formatIndent: a line with more opening than closing brackets adds one level (however
  // many it opens); closing lines pop what they close, and are indented after popping.
  const indents: number[] = [];
  let run: { line: number; keyEnd: number; eq: number }[] = [];
  const closeRun = () => {
    if (run.length > 0) {
      const want = Math.max(...run.map((r) => r.keyEnd)) + 1;
      for (const r of run) {
        if (r.eq !== want)
          problems.push(`${file}:${r.line}: "=" at column ${r.eq + 1}, terraform fmt puts it at ${want + 1}`);
      }
    }
    run = [];
  };
  lines.forEach((line, i) => {
    const n = i + 1;
    if (/\t/.test(line)) problems.push(`${file}:${n}: tab`);
    if (/\s$/.test(line)) problems.push(`${file}:${n}: trailing whitespace`);
    const change = bracketChange(line);
    const trimmed = line.trim();
    if (change < 0) {
      let closed = -change;
      while (closed > 0 && indents.length > 0) {
        const top = indents[indents.length - 1]!;
        if (closed >= top) {
          closed -= top;
          indents.pop();
        } else {
          indents[indents.length - 1] = top - closed;
          closed = 0;
        }
      }
    }
    const expected = trimmed === '' ? 0 : 2 * indents.length;
    if (change > 0) indents.push(change);
    const indent = line.length - line.trimStart().length;
    if (trimmed !== '' && indent !== expected)
      problems.push(`${file}:${n}: indent ${indent}, expected ${expected}`);
    const attr = /^(\s*)("[^"]*"|[A-Za-z_][\w-]*)(\s*)=(?!=)(\s*)/.exec(line);
    if (attr && change === 0 && !trimmed.startsWith('#')) {
      if (attr[4] !== ' ') problems.push(`${file}:${n}: one space after "="`);
      run.push({
        line: n,
        keyEnd: attr[1]!.length + attr[2]!.length,
        eq: attr[1]!.length + attr[2]!.length + attr[3]!.length,
      });
    } else {
      closeRun();
    }
  });
  closeRun();
  if (indents.length !== 0) problems.push(`${file}: unbalanced brackets`);
  return problems;
}
