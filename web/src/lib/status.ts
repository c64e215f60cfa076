// How a service or hop state looks: colour token, icon shape and word. Never colour alone (colour-blind safe).
import type { ServiceStatus, Severity, Verdict } from '@porthole/shared';

/** Most urgent first: down, degraded, unknown (unknown is not healthy), healthy. */
export const STATUS_ORDER: readonly ServiceStatus[] = ['down', 'degraded', 'unknown', 'healthy'];

export function statusRank(status: ServiceStatus): number {
  const i = STATUS_ORDER.indexOf(status);
  return i === -1 ? STATUS_ORDER.length : i;
}

export interface StatusLook {
  /** CSS token suffix: `var(--st-<tone>)`. */
  tone: 'bad' | 'warn' | 'unknown' | 'good';
  /** Icon shape name understood by StatusIcon. */
  icon: 'cross' | 'triangle' | 'question' | 'check';
  word: string;
}

const SERVICE_LOOK: Record<ServiceStatus, StatusLook> = {
  down: { tone: 'bad', icon: 'cross', word: 'Down' },
  degraded: { tone: 'warn', icon: 'triangle', word: 'Degraded' },
  unknown: { tone: 'unknown', icon: 'question', word: 'Unknown' },
  healthy: { tone: 'good', icon: 'check', word: 'Healthy' },
};

export function serviceLook(status: ServiceStatus): StatusLook {
  return SERVICE_LOOK[status] ?? SERVICE_LOOK.unknown;
}

const VERDICT_LOOK: Record<Verdict, StatusLook> = {
  allow: { tone: 'good', icon: 'check', word: 'Allow' },
  deny: { tone: 'bad', icon: 'cross', word: 'Deny' },
  unknown: { tone: 'unknown', icon: 'question', word: 'Unknown' },
};

export function verdictLook(verdict: Verdict): StatusLook {
  return VERDICT_LOOK[verdict] ?? VERDICT_LOOK.unknown;
}

const SEVERITY_LOOK: Record<Severity, StatusLook> = {
  critical: { tone: 'bad', icon: 'cross', word: 'Critical' },
  warning: { tone: 'warn', icon: 'triangle', word: 'Warning' },
  info: { tone: 'unknown', icon: 'question', word: 'Info' },
};

export function severityLook(severity: Severity): StatusLook {
  return SEVERITY_LOOK[severity] ?? SEVERITY_LOOK.info;
}

export function severityRank(severity: Severity): number {
  return severity === 'critical' ? 0 : severity === 'warning' ? 1 : 2;
}

/** Target health state (ELBv2 TargetHealth.State) → look. Draining/initial are transitions, not failures. */
export function targetStateLook(state: string): StatusLook {
  if (state === 'healthy') return { tone: 'good', icon: 'check', word: 'healthy' };
  if (state === 'unhealthy' || state === 'unhealthy.draining')
    return { tone: 'bad', icon: 'cross', word: state };
  if (state === 'initial' || state === 'draining') return { tone: 'warn', icon: 'triangle', word: state };
  return { tone: 'unknown', icon: 'question', word: state || 'unknown' };
}
