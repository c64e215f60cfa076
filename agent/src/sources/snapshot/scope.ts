// Which account and region a snapshot file describes: from its path, else from ARNs or OwnerId inside it,
// else (once every file is read) from the only known scope.
import { plural, scopeKey, type SnapshotScope } from '@porthole/shared';

export const ACCOUNT_ID = /^\d{12}$/;
// Commercial, GovCloud (us-gov-west-1), China (cn-northwest-1) and ISO (us-isob-east-1) region names.
export const REGION_NAME =
  /^[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;

/** Batfish layout `[aws_configs/][accounts/<account>/][<region>/]file.json`: the deepest match wins. */
export function scopeFromPath(filePath: string): SnapshotScope {
  const dirs = filePath.split(/[\\/]+/).slice(0, -1); // the file name itself never names a scope
  let account: string | null = null;
  let region: string | null = null;
  dirs.forEach((segment, i) => {
    if (REGION_NAME.test(segment)) region = segment;
    if (i > 0 && dirs[i - 1] === 'accounts' && ACCOUNT_ID.test(segment)) account = segment;
  });
  return { account, region };
}

// arn:partition:service:region:account:resource (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)
const ARN = /arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):(\d*):/g;
const OWNER_ID = /"OwnerId":"(\d{12})"/;

/** The first region and account named by an ARN in the document; OwnerId as a last resort for the account. */
export function scopeFromContent(json: unknown): SnapshotScope {
  const text = JSON.stringify(json) ?? '';
  let account: string | null = null;
  let region: string | null = null;
  for (const match of text.matchAll(ARN)) {
    const [, arnRegion = '', arnAccount = ''] = match;
    if (region === null && REGION_NAME.test(arnRegion)) region = arnRegion;
    if (account === null && ACCOUNT_ID.test(arnAccount)) account = arnAccount;
    if (region !== null && account !== null) break;
  }
  account ??= OWNER_ID.exec(text)?.[1] ?? null;
  return { account, region };
}

/** Path first, then content, field by field. */
export function detectScope(filePath: string, json: unknown): SnapshotScope {
  const fromPath = scopeFromPath(filePath);
  if (fromPath.account !== null && fromPath.region !== null) return fromPath;
  const fromContent = scopeFromContent(json);
  return { account: fromPath.account ?? fromContent.account, region: fromPath.region ?? fromContent.region };
}

function isComplete(scope: SnapshotScope): boolean {
  return scope.account !== null && scope.region !== null;
}

function fits(partial: SnapshotScope, full: SnapshotScope): boolean {
  return (
    (partial.account === null || partial.account === full.account) &&
    (partial.region === null || partial.region === full.region)
  );
}

/**
 * Completes the scopes that are still partly unknown: a file takes the only complete scope that fits what
 * is known of it. Otherwise it keeps its unknowns (its own partition) and a warning says why.
 */
export function resolveScopes(
  files: ReadonlyArray<{ file: string; scope: SnapshotScope }>,
  warnings: string[],
): SnapshotScope[] {
  const known = new Map<string, SnapshotScope>();
  for (const { scope } of files) if (isComplete(scope)) known.set(scopeKey(scope), scope);
  const unresolved = new Map<string, { scope: SnapshotScope; files: string[]; candidates: number }>();
  const resolved = files.map(({ file, scope }) => {
    if (isComplete(scope)) return scope;
    const candidates = [...known.values()].filter((full) => fits(scope, full));
    if (candidates.length === 1 && candidates[0]) return candidates[0];
    const key = scopeKey(scope);
    const group = unresolved.get(key) ?? { scope, files: [], candidates: candidates.length };
    group.files.push(file);
    unresolved.set(key, group);
    return scope;
  });
  for (const { scope, files: groupFiles, candidates } of unresolved.values()) {
    warnings.push(unresolvedWarning(scope, groupFiles, candidates));
  }
  return resolved;
}

function unresolvedWarning(scope: SnapshotScope, files: string[], candidates: number): string {
  const missing = [scope.account === null ? 'account' : null, scope.region === null ? 'region' : null]
    .filter(Boolean)
    .join(' and ');
  const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? ` and ${files.length - 5} more` : '');
  const why =
    candidates === 0
      ? 'no other file has a known account and region'
      : `${candidates} known account/region scopes would fit`;
  return (
    `Could not tell the ${missing} of ${plural(files.length, 'file')} (${shown}): no accounts/<id>/ or <region>/ folder, ` +
    `ARN or OwnerId says, and ${why}; their data is kept apart with an unknown ${missing} (${scopeKey(scope)}).`
  );
}
