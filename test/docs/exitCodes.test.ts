// The README's exit-code table is the CI-gate contract: it must be exactly the code's table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_CODE_TABLE, exitCodeMarkdown } from '../../agent/src/cli/exitCodes.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README exit codes', () => {
  it('holds the table generated from the exit-code constants, between its markers', () => {
    const block = /<!-- exit-codes:start[^\n]*-->\n\n([\s\S]*?)\n\n<!-- exit-codes:end -->/.exec(readme)?.[1];
    expect(block, 'README exit-codes block').toBeDefined();
    // Prettier may pad the columns; compare cell by cell.
    const cells = (table: string) =>
      table
        .split('\n')
        .filter((l) => !/^\|[\s-|]+\|$/.test(l))
        .map((l) =>
          l
            .split('|')
            .slice(1, -1)
            .map((c) => c.trim()),
        );
    expect(cells(block!)).toEqual(cells(exitCodeMarkdown()));
  });

  it('documents every code the CLI can return, once', () => {
    expect(EXIT_CODE_TABLE.map((r) => r.code).sort((a, b) => a - b)).toEqual(
      Object.values(EXIT).sort((a, b) => a - b),
    );
  });
});
