// EstateDocuments: a snapshot folder in memory, one AWS CLI output per file in the Batfish layout
// `aws_configs/accounts/<account>/<region>/<name>.json`. Helpers to find items and drop kinds.

export interface EstateDocument {
  /** Relative path, `/`-separated. */
  file: string;
  json: Record<string, unknown>;
}
export type EstateDocuments = EstateDocument[];

export function partitionFolder(account: string, region: string): string {
  return `aws_configs/accounts/${account}/${region}`;
}

/** The account and region a document's path names, or null outside the Batfish account layout. */
export function scopeOfFile(file: string): { account: string; region: string } | null {
  const match = /(?:^|\/)accounts\/(\d{12})\/([a-z0-9-]+)\/[^/]+$/.exec(file);
  return match ? { account: match[1]!, region: match[2]! } : null;
}

/** Documents grouped by their folder (one group per account/region partition), in first-seen order. */
export function byPartition(docs: EstateDocuments): Map<string, EstateDocuments> {
  const groups = new Map<string, EstateDocuments>();
  for (const doc of docs) {
    const folder = doc.file.slice(0, doc.file.lastIndexOf('/'));
    const list = groups.get(folder) ?? [];
    list.push(doc);
    groups.set(folder, list);
  }
  return groups;
}

/**
 * Every item under `key`, as live references (mutating one mutates the document). `taskDefinition`
 * holds a single object; every other key an array.
 */
export function itemsOf<T = Record<string, unknown>>(docs: EstateDocuments, key: string): T[] {
  return docs.flatMap((doc) => {
    if (!Object.hasOwn(doc.json, key)) return [];
    const value = doc.json[key];
    return (Array.isArray(value) ? value : [value]) as T[];
  });
}

/** Keys the CLI prints beside the data; a document left with only these holds nothing. */
const EMPTY_BESIDE = new Set(['failures', 'tags', 'NextToken', 'nextToken']);

/**
 * The documents without top-level key `key` ("that data was not collected"). Pure: returns new
 * documents; files left with nothing but side keys are dropped.
 */
export function removeKind(docs: EstateDocuments, key: string): EstateDocuments {
  return docs.flatMap((doc) => {
    if (!Object.hasOwn(doc.json, key)) return [structuredClone(doc)];
    const json = structuredClone(doc.json);
    delete json[key];
    return Object.keys(json).some((k) => !EMPTY_BESIDE.has(k)) ? [{ file: doc.file, json }] : [];
  });
}

/** A deep copy (scenarios never touch their input). */
export function cloneDocuments(docs: EstateDocuments): EstateDocuments {
  return structuredClone(docs);
}
