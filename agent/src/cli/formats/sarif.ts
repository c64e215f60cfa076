// `porthole scan --format sarif`: the scan as a SARIF 2.1.0 log (OASIS standard), one result per
// finding, for code hosts that show static-analysis results on pull requests (GitHub code scanning).
import { createRequire } from 'node:module';
import type { Finding, ScanResult, Severity } from '@porthole/shared';
import { describeResource } from './resourceKind.ts';
import { allRuleHelp } from './ruleHelp.ts';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const { version: PORTHOLE_VERSION } = createRequire(import.meta.url)('../../../package.json') as {
  version: string;
};

/** SARIF result.level (error, warning, note); critical findings fail the gate, so they are errors. */
export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  warning: 'warning',
  info: 'note',
};

export interface SarifOptions {
  /**
   * The artifact every result is located in: the snapshot folder (relative to the working directory,
   * `/`-separated), or `aws/<account>/<region>` for a live scan. Code hosts need a physical location
   * on each result (GitHub rejects results without one); the AWS resource is the logical location.
   */
  artifactUri: (finding: Finding) => string;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [SarifRun];
}

interface SarifRun {
  tool: { driver: Record<string, unknown> & { rules: Record<string, unknown>[] } };
  invocations: Record<string, unknown>[];
  results: Record<string, unknown>[];
}

function logicalLocation(resource: string): Record<string, string> {
  const r = describeResource(resource);
  return { name: r.name, fullyQualifiedName: r.fullyQualifiedName, kind: r.kind };
}

/** A finding without resources is still about its service ("cluster/name") when it has one. */
function serviceLocation(service: string): Record<string, string> {
  return { name: service, fullyQualifiedName: service, kind: 'ecs-service' };
}

function messageText(f: Finding): string {
  const cli = f.fix.awsCli.length > 0 ? `\n\n${f.fix.awsCli.join('\n')}` : '';
  return `${f.title}. ${f.explanation}\n\nFix: ${f.fix.summary}${cli}`;
}

function toResult(f: Finding, ruleIndex: number, opts: SarifOptions): Record<string, unknown> {
  const [blocking, ...involved] = f.resources;
  const physicalLocation = { artifactLocation: { uri: opts.artifactUri(f) } };
  const location = (logical: Record<string, string> | null, id: number) => ({
    id,
    physicalLocation,
    ...(logical !== null ? { logicalLocations: [logical] } : {}),
  });
  const primary =
    blocking !== undefined
      ? logicalLocation(blocking)
      : f.service !== null
        ? serviceLocation(f.service)
        : null;
  return {
    ruleId: f.rule,
    ruleIndex,
    level: SARIF_LEVEL[f.severity],
    message: { text: messageText(f) },
    locations: [location(primary, 0)],
    ...(involved.length > 0
      ? { relatedLocations: involved.map((r, i) => location(logicalLocation(r), i + 1)) }
      : {}),
    // Finding ids are stable across polls for the same problem: code hosts match alerts with them.
    partialFingerprints: { 'portholeFindingId/v1': f.id },
    properties: {
      severity: f.severity,
      service: f.service,
      account: f.account,
      region: f.region,
      resources: f.resources,
      evidence: f.evidence,
      fix: f.fix,
    },
  };
}

export function toSarif(result: ScanResult, opts: SarifOptions): SarifLog {
  const rules = allRuleHelp();
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Porthole',
            version: PORTHOLE_VERSION,
            semanticVersion: PORTHOLE_VERSION,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              ...(r.doc !== null
                ? { fullDescription: { text: `${r.summary}. AWS documentation: ${r.doc}` } }
                : {}),
              ...(r.helpUri !== null ? { helpUri: r.helpUri } : {}),
            })),
          },
        },
        // What the scan could not read (warnings) travels with the log: unknown is not healthy.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.warnings.map((w) => ({
              level: 'warning',
              message: { text: w },
            })),
          },
        ],
        results: result.findings.map((f) => toResult(f, indexOf.get(f.rule)!, opts)),
      },
    ],
  };
}
