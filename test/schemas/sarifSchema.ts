// The official SARIF 2.1.0 schema (test/schemas/README.md) compiled with ajv 6 in draft-04 mode.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);

export function sarifValidator(): (log: unknown) => string[] {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'sarif-schema-2.1.0.json'), 'utf8'));
  // Draft-04 uses `id` (not `$id`) and needs its meta-schema added explicitly in ajv 6.
  const ajv = new Ajv({ schemaId: 'id', meta: false, allErrors: true, format: 'full' });
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  const validate = ajv.compile(schema);
  return (log) => {
    if (validate(log)) return [];
    return (validate.errors ?? []).map((e) => `${e.dataPath || '/'} ${e.message ?? ''}`);
  };
}
