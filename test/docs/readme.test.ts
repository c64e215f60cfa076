// The README's rule catalog is the public list of diagnoses: it must match the registry exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '@porthole/core/rules/registry.js';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('lists every registered rule with its summary and AWS doc', () => {
    const rows = readme
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    for (const rule of RULES) {
      const row = rows.find((cells) => cells[1] === `\`${rule.id}\``);
      expect(row, rule.id).toEqual(['', `\`${rule.id}\``, rule.summary, rule.doc, '']);
    }
  });

  it('shows the two commands a new user needs', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
