// The exit codes of scan, scan --live, explain and reach: a contract CI gates rely on. The README's
// table is generated from EXIT_CODE_TABLE and a test keeps the two identical.
export const EXIT = {
  /** No critical finding and every kind of data a verdict needs was read (explain/reach: reachable). */
  ok: 0,
  critical: 1,
  badInput: 2,
  undecided: 3,
  /** sysexits.h EX_SOFTWARE: an internal error, a bug in Porthole. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODE_TABLE: ReadonlyArray<{ code: ExitCode; meaning: string }> = [
  {
    code: EXIT.ok,
    meaning:
      'no critical finding and every kind of data a verdict needs was read (`explain`/`reach`: the path is reachable)',
  },
  { code: EXIT.critical, meaning: 'critical findings (`explain`/`reach`: the path is blocked)' },
  {
    code: EXIT.badInput,
    meaning:
      'bad input or usage: a malformed snapshot file (its path, JSON path and value are printed), a bad flag, a URL that is not http(s), an unknown host or service',
  },
  {
    code: EXIT.undecided,
    meaning:
      'could not decide: data a verdict needs is missing, stale, denied or unreachable, each gap printed on stderr (`explain`/`reach`: a hop could not be judged). A failed read (stale, denied, unreachable) exits 3 even beside critical findings; a gap in one service lets a critical finding elsewhere exit 1',
  },
  {
    code: EXIT.internal,
    meaning: 'internal error (a bug): one line names what failed; `--debug` adds the stack trace',
  },
];

/** The README table, exactly as the README must hold it. */
export function exitCodeMarkdown(): string {
  const rows = EXIT_CODE_TABLE.map((r) => `| ${r.code} | ${r.meaning} |`);
  return ['| exit code | meaning |', '| --- | --- |', ...rows].join('\n');
}
