// The body each sink expects, for one alert group: Slack incoming webhook, PagerDuty Events API v2 (one
// alert per group: dedup_key = group key), Alertmanager webhook JSON (one message with every alert of the
// group, groupKey, commonLabels, commonAnnotations).
import { createHash } from 'node:crypto';
import type { FindingRecord } from '@porthole/shared';
import type { SinkConfig } from './config.ts';
import { leadOf, worstSeverity } from './groups.ts';
import { affectedServices, serviceList, titleWithoutService } from './titles.ts';

export type AlertAction = 'trigger' | 'repeat' | 'resolve';

export interface AlertGroup {
  /** Stable across the group's life: the PagerDuty dedup_key and the Alertmanager group label. */
  key: string;
  /** The findings this sink's message holds (routed to it), never empty. */
  members: FindingRecord[];
}

export interface AlertContext {
  action: AlertAction;
  /** The dashboard link base (alerts.externalUrl), or null. */
  externalUrl: string | null;
  now: string;
  /** A trigger for a group that already fired: findings joined it since the last message. */
  update?: boolean;
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

export function groupServices(members: readonly FindingRecord[]): string[] {
  return [...new Set(members.flatMap(affectedServices))];
}

/**
 * "prod/web, prod/api and prod/admin: route 0.0.0.0/0 → nat-… missing (+2 related findings)": every
 * affected service once, the lead finding's title without its own service prefix, never "-: …".
 */
export function groupSummary(members: readonly FindingRecord[]): string {
  const lead = leadOf(members);
  const title = titleWithoutService(lead);
  const named = groupServices(members).filter((s) => !title.includes(s));
  const more =
    members.length > 1 ? ` (+${members.length - 1} related finding${members.length > 2 ? 's' : ''})` : '';
  return `${named.length > 0 ? `${serviceList(named)}: ` : ''}${title}${more}`;
}

function slack(group: AlertGroup, ctx: AlertContext): unknown {
  const lead = leadOf(group.members);
  const link = findingLink(lead, ctx.externalUrl);
  const summary = groupSummary(group.members);
  if (ctx.action === 'resolve') {
    const text = `:white_check_mark: Resolved: ${summary}${link ? `\n<${link}|Open in Porthole>` : ''}`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const severity = worstSeverity(group.members);
  const icon =
    severity === 'critical' ? ':red_circle:' : severity === 'warning' ? ':warning:' : ':information_source:';
  const prefix =
    ctx.action === 'repeat'
      ? `Still firing since ${lead.firstSeen}`
      : `${severity.toUpperCase()}${ctx.update ? ', more affected' : ''}`;
  const services = groupServices(group.members);
  const lines = [
    `${icon} *[${prefix}]* *${summary}*`,
    ...(services.length > 0 ? [`*Affects:* ${services.join(', ')}`] : []),
    lead.explanation,
    `*Fix:* ${lead.fix.summary}`,
    ...(lead.likelyCause ? [`*Likely cause:* ${lead.likelyCause}`] : []),
    ...(group.members.length > 1
      ? group.members.map((m) => {
          const l = findingLink(m, ctx.externalUrl);
          return `• ${l ? `<${l}|${m.title}>` : m.title}`;
        })
      : []),
    ...(link ? [`<${link}|Open in Porthole>`] : []),
  ];
  const text = lines.join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }] };
}

function pagerDuty(group: AlertGroup, ctx: AlertContext, routingKey: string): unknown {
  // dedup_key = group key: a trigger, its updates and repeats, and the resolve land on one PagerDuty alert.
  const dedupKey = group.key.slice(0, 255);
  if (ctx.action === 'resolve')
    return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey };
  const lead = leadOf(group.members);
  const link = findingLink(lead, ctx.externalUrl);
  const services = groupServices(group.members);
  const links = group.members
    .map((m) => ({ href: findingLink(m, ctx.externalUrl), text: m.title.slice(0, 200) }))
    .filter((l): l is { href: string; text: string } => l.href !== null)
    .slice(0, 10);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: groupSummary(group.members).slice(0, 1024),
      source: services[0] ?? lead.resources[0] ?? 'porthole',
      severity: worstSeverity(group.members),
      timestamp: lead.firstSeen,
      component: lead.resources[0] ?? undefined,
      group: services.length > 0 ? services.join(', ') : undefined,
      class: lead.rule,
      custom_details: {
        affected_services: services,
        explanation: lead.explanation,
        fix: lead.fix.summary,
        aws_cli: lead.fix.awsCli,
        likely_cause: lead.likelyCause,
        resources: lead.resources,
        evidence: lead.evidence.map((e) => `${e.component}: ${e.detail}`),
        findings: group.members.map((m) => ({ id: m.id, severity: m.severity, title: m.title })),
      },
    },
    client: 'Porthole',
    ...(link
      ? { client_url: link, links: [{ href: link, text: 'Open in Porthole' }, ...links.slice(0, 9)] }
      : {}),
  };
}

/** Labels and annotations present with the same value in every alert (Alertmanager's common*). */
function common(maps: Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = maps;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((m) => m[k] === v)));
}

function alertmanager(group: AlertGroup, ctx: AlertContext, receiver: string): unknown {
  const status = ctx.action === 'resolve' ? 'resolved' : 'firing';
  const alerts = group.members.map((f) => {
    const [cluster] = (f.service ?? '').split('/');
    const labels: Record<string, string> = {
      alertname: f.rule,
      severity: f.severity,
      finding_id: f.id,
      group: group.key,
      ...(f.service ? { service: f.service, cluster: cluster! } : {}),
      ...(f.account ? { account: f.account } : {}),
      ...(f.region ? { region: f.region } : {}),
      source: 'porthole',
    };
    const annotations: Record<string, string> = {
      summary: f.title,
      description: f.explanation,
      fix: f.fix.summary,
      ...(f.likelyCause ? { likely_cause: f.likelyCause } : {}),
      affected_services: affectedServices(f).join(', '),
    };
    return {
      status,
      labels,
      annotations,
      startsAt: f.firstSeen,
      endsAt: status === 'resolved' ? (f.resolvedAt ?? ctx.now) : ZERO_TIME,
      generatorURL: findingLink(f, ctx.externalUrl) ?? '',
      fingerprint: fingerprint(f.id),
    };
  });
  const groupLabels = { group: group.key };
  return {
    version: '4',
    // Alertmanager's form: the route's matchers, then the group labels.
    groupKey: `{}:{group=${JSON.stringify(group.key)}}`,
    truncatedAlerts: 0,
    status,
    receiver,
    groupLabels,
    commonLabels: common(alerts.map((a) => a.labels)),
    commonAnnotations: common(alerts.map((a) => a.annotations)),
    externalURL: ctx.externalUrl ?? '',
    alerts,
  };
}

export function payloadFor(sink: SinkConfig, group: AlertGroup, ctx: AlertContext): unknown {
  switch (sink.type) {
    case 'slack':
      return slack(group, ctx);
    case 'pagerduty':
      return pagerDuty(group, ctx, sink.routingKey);
    case 'webhook':
      return alertmanager(group, ctx, sink.name);
  }
}
