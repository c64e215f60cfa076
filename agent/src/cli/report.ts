// Human-readable reports, grouped by service, coloured only on a TTY (picocolors honours NO_COLOR/FORCE_COLOR).
import { pushAll } from '@porthole/shared';
import pc from 'picocolors';
import {
  plural,
  type Finding,
  type Hop,
  type PathResult,
  type ScanResult,
  type ServiceStatus,
} from '@porthole/shared';

const STATUS_STYLE: Record<ServiceStatus, (s: string) => string> = {
  healthy: (s) => pc.green(`✔ ${s}`),
  degraded: (s) => pc.yellow(`▲ ${s}`),
  down: (s) => pc.red(`✖ ${s}`),
  unknown: (s) => pc.magenta(`? ${s}`),
};

const SEVERITY_STYLE = {
  critical: (s: string) => pc.bold(pc.red(s)),
  warning: (s: string) => pc.yellow(s),
  info: (s: string) => pc.cyan(s),
};

export function renderFinding(f: Finding): string {
  const lines = [
    `  ${SEVERITY_STYLE[f.severity](f.severity.toUpperCase())} ${pc.bold(f.title)}  ${pc.dim(`[${f.rule}] ${f.confidence}`)}`,
    ...wrap(f.explanation, 4),
    ...(f.missing.length > 0
      ? [`    ${pc.dim('Could change the conclusion:')} ${f.missing.join('; ')}`]
      : []),
    ...(f.service === null && f.services.length > 0
      ? [`    ${pc.dim('Affects:')} ${f.services.join(', ')}`]
      : []),
    `    ${pc.dim('Evidence:')}`,
    ...f.evidence.map((e) => `      • ${e.detail}`),
    `    ${pc.dim('Fix:')} ${f.fix.summary}`,
    ...f.fix.awsCli.map((c) => `      $ ${pc.cyan(c)}`),
  ];
  if (f.fix.terraform)
    pushAll(
      lines,
      f.fix.terraform.split('\n').map((l) => `      ${pc.dim(l)}`),
    );
  for (const alt of f.fix.alternatives ?? []) {
    lines.push(`    ${pc.dim(`Only ${alt.when}:`)} ${alt.summary}`);
    pushAll(
      lines,
      alt.awsCli.map((c) => `      $ ${pc.cyan(c)}`),
    );
    if (alt.terraform)
      pushAll(
        lines,
        alt.terraform.split('\n').map((l) => `      ${pc.dim(l)}`),
      );
  }
  if (f.account || f.region)
    lines.push(`    ${pc.dim(`account ${f.account ?? '?'} · region ${f.region ?? '?'}`)}`);
  return lines.join('\n');
}

/** The data Porthole could not read or decide with, once each: listed before anything else. */
export function dataGapLines(result: ScanResult): string[] {
  const lines = result.findings
    .filter((f) => f.rule === 'data-missing')
    .flatMap((f) => f.missing)
    .concat(
      result.services.filter((s) => s.status === 'unknown').map((s) => s.why.replace(/^Unknown: |\.$/g, '')),
    );
  return [...new Set(lines)];
}

export function renderScan(result: ScanResult): string {
  const out: string[] = [];
  const gaps = dataGapLines(result);
  if (gaps.length > 0) {
    out.push(pc.bold(pc.magenta('Could not read or decide (verdicts that need it are unknown):')));
    pushAll(
      out,
      gaps.map((g) => `  ? ${g}`),
    );
    out.push('');
  }
  for (const svc of result.services) {
    out.push(
      `${STATUS_STYLE[svc.status](svc.status.toUpperCase())} ${pc.bold(svc.name)}  ` +
        `${svc.targetsTotal > 0 ? `${svc.targetsHealthy}/${svc.targetsTotal} targets healthy` : 'no load balancer'} · ${svc.runningCount ?? '?'}/${svc.desiredCount ?? '?'} tasks`,
    );
    out.push(`  ${svc.why}`);
    const findings = result.findings.filter((f) => f.service === svc.name);
    const shared = result.findings.filter(
      (f) =>
        f.service === null &&
        f.services.includes(svc.name) &&
        f.account === svc.account &&
        f.region === svc.region &&
        f.title !== svc.why,
    );
    for (const f of shared) out.push(`  ${pc.dim('also:')} ${f.title} ${pc.dim(`[${f.rule}]`)}`);
    for (const f of findings) out.push(renderFinding(f), '');
    const causes = result.targets.filter((t) => t.service === svc.name && t.state !== 'healthy');
    for (const t of causes) {
      out.push(
        `  ${pc.dim('target')} ${t.id}${t.port !== null ? `:${t.port}` : ''} ${t.state}${t.reason ? ` / ${t.reason}` : ''}` +
          ` → root cause: ${t.rootCause ?? 'unexplained'}`,
      );
    }
    out.push('');
  }
  const estate = result.findings.filter((f) => f.service === null);
  if (estate.length > 0) {
    out.push(pc.bold('Load balancers and network'));
    for (const f of estate) out.push(renderFinding(f), '');
  }
  for (const w of result.warnings) out.push(pc.yellow(`warning: ${w}`));
  const critical = result.findings.filter((f) => f.severity === 'critical').length;
  out.push(
    `${plural(result.services.length, 'service')}, ${plural(result.findings.length, 'finding')}, ${critical} critical.`,
  );
  return `${out.join('\n')}\n`;
}

export function renderPath(result: PathResult): string {
  const out = [
    `${result.reachable ? pc.green('REACHABLE') : result.verdict === 'unknown' ? pc.magenta('UNKNOWN') : pc.red('BLOCKED')}: ${result.summary}`,
    '',
  ];
  // The request path in order, then the reply path: never a reply hop before the request reaches its end.
  pushAll(out, hopLines(result.hops));
  const notes = [
    ...(result.answer?.notes ?? []).map((n) => `  ${pc.yellow('note')} ${n}`),
    ...(result.answer?.couldApply ?? []).map(
      (c) => `  ${pc.magenta('?')} rule ${c.priority} would apply with ${c.needs}: ${c.rule}`,
    ),
  ];
  if (notes.length > 0) pushAll(out, [...notes, '']);
  for (const leg of result.legs ?? []) {
    pushAll(out, [`${pc.bold('Following the redirect')}: ${leg.summary}`, '', ...hopLines(leg.hops)]);
  }
  for (const f of result.findings) out.push(renderFinding(f), '');
  return `${out.join('\n')}\n`;
}

const VERDICT_STYLE = { allow: pc.green('allow'), deny: pc.red('DENY '), unknown: pc.magenta('unkn ') };

/** "Request path:" then its hops in order, then "Reply path:" and the reply hops. */
function hopLines(hops: readonly Hop[]): string[] {
  // A target group that "denies" because no target is healthy is the consequence of a blocker, not one.
  const blocked = hops.some((h) => h.verdict === 'deny' && h.kind !== 'target-group');
  const consequence = (h: Hop) => blocked && h.verdict === 'deny' && h.kind === 'target-group';
  const line = (h: Hop) =>
    `  ${consequence(h) ? pc.yellow('deny ') : VERDICT_STYLE[h.verdict]} ${pc.dim(h.leg === 'reply' ? '↩' : '→')} ` +
    `${pc.bold(h.kind)} ${h.component}  ${pc.dim(consequence(h) ? `a consequence of the blocker, not the cause: ${h.detail}` : h.detail)}`;
  const out: string[] = [];
  for (const [leg, title] of [
    ['request', 'Request path'],
    ['reply', 'Reply path'],
  ] as const) {
    const list = hops.filter((h) => h.leg === leg);
    if (list.length > 0) pushAll(out, [pc.dim(`${title}:`), ...list.map(line), '']);
  }
  return out;
}

function wrap(text: string, indent: number, width = 100): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line.length + w.length + 1 > width - indent && line) {
      lines.push(' '.repeat(indent) + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(' '.repeat(indent) + line);
  return lines;
}
