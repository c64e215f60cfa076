// The one error type the snapshot reader throws for bad input; the CLI maps it to exit code 2.
import type { z } from 'zod';

export class SnapshotInputError extends Error {
  override readonly name = 'SnapshotInputError';
  /** The file (or folder) at fault, as the caller named it. */
  readonly file: string;
  /** JSON path inside the file (`$.SecurityGroups[0].FromPort`), or null when the problem is not inside a document. */
  readonly jsonPath: string | null;
  /** 1-based position of a JSON syntax error, when known. */
  readonly line?: number;
  readonly column?: number;

  constructor(opts: {
    file: string;
    jsonPath?: string | null;
    detail: string;
    line?: number;
    column?: number;
  }) {
    const where = opts.line !== undefined ? `${opts.file}:${opts.line}:${opts.column ?? 1}` : opts.file;
    super(opts.jsonPath ? `${where}: ${opts.jsonPath}: ${opts.detail}` : `${where}: ${opts.detail}`);
    this.file = opts.file;
    this.jsonPath = opts.jsonPath ?? null;
    if (opts.line !== undefined) this.line = opts.line;
    if (opts.column !== undefined) this.column = opts.column;
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['SecurityGroups', 0, 'FromPort']` → `$.SecurityGroups[0].FromPort`. */
export function formatJsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && IDENTIFIER.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** A zod issue as a short sentence. Never quotes the input value (it may be a secret). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    // A union of scalars (e.g. timestamp: string | number): list what would have been accepted.
    const alternatives = issue.errors.map((errs) => errs[0]).filter((e) => e?.code === 'invalid_type');
    if (alternatives.length === issue.errors.length && alternatives.length > 0) {
      const expected = alternatives.map((e) => (e as z.core.$ZodIssueInvalidType).expected).join(' or ');
      return `expected ${expected}, ${receivedPart(alternatives[0]?.message)}`;
    }
  }
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  return issue.message.replace(/^Invalid (input|option): /, '');
}

function receivedPart(message: string | undefined): string {
  return /received \w+/.exec(message ?? '')?.[0] ?? 'received a different type';
}

// Issues raised by value checks (ranges, formats, lists) concern fields Porthole computes with
// (addresses, ports, protocols, states), never secrets, so the value is quoted to make the fix obvious.
const VALUE_ISSUES = new Set([
  'custom',
  'invalid_union',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'not_multiple_of',
]);

/** The offending scalar as JSON text (`"10.0.0.0/33"`, `70000`), or null when it is not to be quoted. */
export function quotedValue(issue: z.core.$ZodIssue, root: unknown): string | null {
  if (!VALUE_ISSUES.has(issue.code)) return null;
  // A union of types (timestamp: string | number) failing on type alone is a type error: not quoted.
  if (issue.code === 'invalid_union' && issue.errors.every((errs) => errs[0]?.code === 'invalid_type'))
    return null;
  let value: unknown = root;
  for (const key of issue.path) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<PropertyKey, unknown>)[key as PropertyKey];
  }
  if (value === undefined) return null;
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return typeof value === 'number' || typeof value === 'boolean' || value === null ? String(value) : null;
}
