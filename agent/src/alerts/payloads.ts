// The body each sink expects: Slack incoming webhook, PagerDuty Events API v2, Alertmanager webhook JSON.
import { createHash } from 'node:crypto';
import type { FindingRecord } from '@porthole/shared';
import type { SinkConfig } from './config.ts';

export type AlertAction = 'trigger' | 'repeat' | 'resolve';

export interface AlertContext {
  action: AlertAction;
  /** The dashboard link base (alerts.externalUrl), or null. */
  externalUrl: string | null;
  now: string;
}

/** Alertmanager's "zero" time: what endsAt holds while an alert fires. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export function findingLink(finding: FindingRecord, externalUrl: string | null): string | null {
  return externalUrl
    ? `${externalUrl.replace(/\/$/, '')}/#/findings/${encodeURIComponent(finding.id)}`
    : null;
}

export function fingerprint(findingId: string): string {
  return createHash('sha256').update(findingId).digest('hex').slice(0, 16);
}

function slack(finding: FindingRecord, ctx: AlertContext): unknown {
  const link = findingLink(finding, ctx.externalUrl);
  const where = finding.service ? ` — ${finding.service}` : '';
  if (ctx.action === 'resolve') {
    const text = `:white_check_mark: Resolved${where}: ${finding.title}`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const icon =
    finding.severity === 'critical'
      ? ':red_circle:'
      : finding.severity === 'warning'
        ? ':warning:'
        : ':information_source:';
  const prefix =
    ctx.action === 'repeat' ? `Still firing since ${finding.firstSeen}` : finding.severity.toUpperCase();
  const lines = [
    `${icon} *[${prefix}]*${where}: *${finding.title}*`,
    finding.explanation,
    `*Fix:* ${finding.fix.summary}`,
    ...(finding.likelyCause ? [`*Likely cause:* ${finding.likelyCause}`] : []),
    ...(link ? [`<${link}|Open in Porthole>`] : []),
  ];
  const text = lines.join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }] };
}

function pagerDuty(finding: FindingRecord, ctx: AlertContext, routingKey: string): unknown {
  // dedup_key = finding id, so a trigger, its repeats and its resolve land on one PagerDuty alert.
  if (ctx.action === 'resolve')
    return { routing_key: routingKey, event_action: 'resolve', dedup_key: finding.id };
  const link = findingLink(finding, ctx.externalUrl);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: finding.id,
    payload: {
      summary: `${finding.service ? `${finding.service}: ` : ''}${finding.title}`.slice(0, 1024),
      source: finding.service ?? finding.resources[0] ?? 'porthole',
      severity: finding.severity,
      timestamp: finding.firstSeen,
      component: finding.resources[0] ?? undefined,
      group: finding.service ?? undefined,
      class: finding.rule,
      custom_details: {
        explanation: finding.explanation,
        fix: finding.fix.summary,
        aws_cli: finding.fix.awsCli,
        likely_cause: finding.likelyCause,
        resources: finding.resources,
        evidence: finding.evidence.map((e) => `${e.component}: ${e.detail}`),
      },
    },
    client: 'Porthole',
    ...(link ? { client_url: link, links: [{ href: link, text: 'Open in Porthole' }] } : {}),
  };
}

function alertmanager(finding: FindingRecord, ctx: AlertContext, receiver: string): unknown {
  const status = ctx.action === 'resolve' ? 'resolved' : 'firing';
  const [cluster] = (finding.service ?? '').split('/');
  const labels: Record<string, string> = {
    alertname: finding.rule,
    severity: finding.severity,
    finding_id: finding.id,
    ...(finding.service ? { service: finding.service, cluster: cluster! } : {}),
    ...(finding.account ? { account: finding.account } : {}),
    ...(finding.region ? { region: finding.region } : {}),
    source: 'porthole',
  };
  const annotations: Record<string, string> = {
    summary: finding.title,
    description: finding.explanation,
    fix: finding.fix.summary,
    ...(finding.likelyCause ? { likely_cause: finding.likelyCause } : {}),
  };
  const link = findingLink(finding, ctx.externalUrl) ?? '';
  return {
    version: '4',
    groupKey: `{}:{finding_id="${finding.id}"}`,
    truncatedAlerts: 0,
    status,
    receiver,
    groupLabels: { finding_id: finding.id },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: ctx.externalUrl ?? '',
    alerts: [
      {
        status,
        labels,
        annotations,
        startsAt: finding.firstSeen,
        endsAt: status === 'resolved' ? (finding.resolvedAt ?? ctx.now) : ZERO_TIME,
        generatorURL: link,
        fingerprint: fingerprint(finding.id),
      },
    ],
  };
}

export function payloadFor(sink: SinkConfig, finding: FindingRecord, ctx: AlertContext): unknown {
  switch (sink.type) {
    case 'slack':
      return slack(finding, ctx);
    case 'pagerduty':
      return pagerDuty(finding, ctx, sink.routingKey);
    case 'webhook':
      return alertmanager(finding, ctx, sink.name);
  }
}
