// Every document the demo produces parses with the zod schemas Porthole reads snapshots with.
import { KIND_SCHEMAS } from '@porthole/shared';
import { describe, expect, it } from 'vitest';
import type { EstateDocuments } from './documents.ts';
import { fixtureSets } from '../../test-kit/fixtures.ts';

// Keys the CLI prints beside the data (ECS `failures`, describe-task-definition `tags`).
const SIDE_KEYS = new Set(['failures', 'tags']);

function schemaProblems(docs: EstateDocuments): string[] {
  const problems: string[] = [];
  for (const doc of docs) {
    for (const [key, value] of Object.entries(doc.json)) {
      if (SIDE_KEYS.has(key)) continue;
      const kind = key === 'taskDefinition' ? 'taskDefinitions' : key;
      if (!Object.hasOwn(KIND_SCHEMAS, kind)) {
        problems.push(`${doc.file}: unknown top-level key ${key}`);
        continue;
      }
      const schema = KIND_SCHEMAS[kind as keyof typeof KIND_SCHEMAS];
      const list = key === 'taskDefinition' ? [value] : value;
      if (!Array.isArray(list)) {
        problems.push(`${doc.file}: ${key} is not an array`);
        continue;
      }
      list.forEach((item, i) => {
        const result = schema.safeParse(item);
        if (!result.success) problems.push(`${doc.file}: ${key}[${i}] ${result.error.message}`);
      });
    }
  }
  return problems;
}

describe('demo documents against the shared schemas', () => {
  for (const set of fixtureSets()) {
    it(`${set.name} parses`, () => {
      expect(set.docs.length).toBeGreaterThan(0);
      expect(schemaProblems(set.docs)).toEqual([]);
    });
  }

  it('the check itself rejects a malformed item', () => {
    const bad: EstateDocuments = [{ file: 'x.json', json: { SecurityGroups: [{ GroupName: 'no id' }] } }];
    expect(schemaProblems(bad)).toHaveLength(1);
  });
});
