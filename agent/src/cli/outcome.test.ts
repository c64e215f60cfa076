// The precedence of exit codes, on hand-made results: a failed read beats everything, a proven
// critical finding beats a per-service gap, and any gap beats "0".
import { describe, expect, it } from 'vitest';
import type { Finding, ScanResult, ServiceVerdict, Snapshot } from '@porthole/shared';
import { EXIT } from './exitCodes.ts';
import { scanOutcome } from './outcome.ts';

const scope = { account: '111122223333', region: 'eu-west-1' };
const snapshot = (stale = false): Snapshot => ({
  partitions: [
    {
      ...scope,
      data: { services: [] },
      ...(stale ? { stale: { tasks: { error: 'AccessDenied: ecs:DescribeTasks', fetchedAt: null } } } : {}),
    },
  ],
  warnings: [],
});
const service = (status: ServiceVerdict['status']) =>
  ({ name: 'prod/web', ...scope, status, why: 'Unknown: tasks missing.' }) as ServiceVerdict;
const finding = (severity: Finding['severity'], rule = 'sg-blocks-target-port') =>
  ({ severity, rule }) as Finding;
const result = (services: ServiceVerdict[], findings: Finding[]): ScanResult => ({
  schemaVersion: 1,
  services,
  findings,
  targets: [],
  warnings: [],
});

describe('scanOutcome', () => {
  it('0 only when nothing is critical and nothing is unknown', () => {
    expect(scanOutcome(snapshot(), result([service('healthy')], []), false)).toEqual({
      code: EXIT.ok,
      undecided: [],
    });
  });

  it('a failed read is 3 even beside a critical finding, and is listed', () => {
    const o = scanOutcome(snapshot(true), result([service('down')], [finding('critical')]), false);
    expect(o.code).toBe(EXIT.undecided);
    expect(o.undecided).toEqual([
      `stale: ${scope.account}/${scope.region} tasks: AccessDenied: ecs:DescribeTasks`,
    ]);
  });

  it('a critical finding beats an unknown service: 1, the gap still listed', () => {
    const o = scanOutcome(snapshot(), result([service('unknown')], [finding('critical')]), false);
    expect(o.code).toBe(EXIT.critical);
    expect(o.undecided).toEqual(['unknown: prod/web: tasks missing.']);
  });

  it('an unknown service or a data-missing finding alone is 3', () => {
    expect(scanOutcome(snapshot(), result([service('unknown')], []), false).code).toBe(EXIT.undecided);
    expect(
      scanOutcome(snapshot(), result([service('healthy')], [finding('warning', 'data-missing')]), false).code,
    ).toBe(EXIT.undecided);
  });

  it('no services data read at all is 3, not "0 services, exit 0"', () => {
    const empty: Snapshot = { partitions: [{ ...scope, data: { SecurityGroups: [] } }], warnings: [] };
    expect(scanOutcome(empty, result([], []), false).code).toBe(EXIT.undecided);
  });
});
