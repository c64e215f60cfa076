// Undocumented values in lists AWS extends (reason codes, target states, protocols): kept, and one
// warning per value naming the file and JSON path, so the user sees what Porthole could not interpret.
import { OPEN_ENUM_FIELDS, type OpenEnumField, type SnapshotKind } from '@porthole/shared';
import { formatJsonPath } from './errors.ts';

type Path = Array<string | number>;

const BY_KIND = new Map<SnapshotKind, OpenEnumField[]>();
for (const field of OPEN_ENUM_FIELDS) BY_KIND.set(field.kind, [...(BY_KIND.get(field.kind) ?? []), field]);

export function reportUnknownValues(
  file: string,
  kind: SnapshotKind,
  item: unknown,
  at: Path,
  warnings: string[],
): void {
  for (const field of BY_KIND.get(kind) ?? []) {
    walk(item, field.path, 0, at, (value, path) => {
      if (typeof value !== 'string' || field.known.includes(value)) return;
      warnings.push(
        `${file}: ${formatJsonPath(path)}: ${JSON.stringify(value)} is not a value the AWS API reference ` +
          `documents (${field.known.join(', ')}); kept, and ${field.effect}`,
      );
    });
  }
}

function walk(
  value: unknown,
  path: ReadonlyArray<string>,
  depth: number,
  at: Path,
  visit: (value: unknown, path: Path) => void,
): void {
  if (depth === path.length) {
    if (value !== undefined && value !== null) visit(value, at);
    return;
  }
  const key = path[depth]!;
  if (key === '*') {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, path, depth + 1, [...at, i], visit));
    return;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    walk((value as Record<string, unknown>)[key], path, depth + 1, [...at, key], visit);
  }
}
