// Small builders for the web unit tests (a test kit: never imported by the app, never bundled).
import type { FindingRecord, ServiceStatus, ServiceVerdict, TimelineEvent } from '@porthole/shared';

export function sv(name: string, status: ServiceStatus, healthy = 1, total = 1, why = ''): ServiceVerdict {
  const [cluster = '', service = ''] = name.split('/');
  return {
    name,
    cluster,
    service,
    arn: `arn:aws:ecs:eu-west-1:1:service/${name}`,
    account: null,
    region: null,
    status,
    desiredCount: total,
    runningCount: total,
    targetCounts: {},
    targetsTotal: total,
    targetsHealthy: healthy,
    topFinding: null,
    why,
    findingIds: [],
  };
}

export function ev(
  id: number,
  at: string,
  service: string | null,
  type: TimelineEvent['type'] = 'target-health',
) {
  return {
    id,
    at,
    type,
    service,
    resources: [],
    message: `event ${id}`,
    likelyCause: null,
  } satisfies TimelineEvent;
}

export function finding(id: string, service: string | null): FindingRecord {
  return {
    id,
    rule: 'sg-blocks-dynamic-ports',
    severity: 'critical',
    title: 't',
    explanation: 'e',
    resources: [],
    service,
    services: service ? [service] : [],
    confidence: 'confirmed',
    missing: [],
    targets: [],
    evidence: [],
    fix: { summary: 's', awsCli: [], terraform: '' },
    account: null,
    region: null,
    status: 'open',
    firstSeen: '2025-01-01T00:00:00Z',
    lastSeen: '2025-01-01T00:00:00Z',
    resolvedAt: null,
    likelyCause: null,
  };
}
