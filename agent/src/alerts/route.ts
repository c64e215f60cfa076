// Which sinks get an alert: every route that matches (severity, service glob, rule). With no routes:
// Slack and webhooks get every finding, PagerDuty (which pages a person) only critical ones.
import type { FindingRecord } from '@porthole/shared';
import type { AlertsConfig, RouteConfig } from './config.ts';

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export function routeMatches(route: RouteConfig, finding: FindingRecord): boolean {
  if (route.severities && !route.severities.includes(finding.severity)) return false;
  if (route.rules && !route.rules.includes(finding.rule)) return false;
  if (route.services) {
    const service = finding.service;
    if (service === null || !route.services.some((p) => glob(p).test(service))) return false;
  }
  return true;
}

/** Sink names for a finding, in config order, without duplicates. */
export function sinksFor(finding: FindingRecord, config: AlertsConfig): string[] {
  if (config.routes.length === 0)
    return config.sinks
      .filter((s) => s.type !== 'pagerduty' || finding.severity === 'critical')
      .map((s) => s.name);
  const names = new Set<string>();
  for (const route of config.routes) {
    if (routeMatches(route, finding)) route.sinks.forEach((s) => names.add(s));
  }
  return config.sinks.map((s) => s.name).filter((n) => names.has(n));
}
