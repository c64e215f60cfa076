// Prints the rule catalog as a Markdown table for the README (npx tsx scripts/catalog.ts).
import { RULES } from '@porthole/core/rules/registry.js';

const rows = RULES.map((r) => `| \`${r.id}\` | ${r.summary} | ${r.doc} |`);
process.stdout.write(
  ['| rule | what it finds | AWS documentation followed |', '| --- | --- | --- |', ...rows].join('\n') + '\n',
);
