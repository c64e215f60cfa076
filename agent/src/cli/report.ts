// Human-readable reports, grouped by service, coloured only on a TTY (picocolors honours NO_COLOR/FORCE_COLOR).
import pc from 'picocolors';
import type { Finding, PathResult, ScanResult, ServiceStatus } from '@porthole/shared';

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
  if (f.fix.terraform) lines.push(...f.fix.terraform.split('\n').map((l) => `      ${pc.dim(l)}`));
  for (const alt of f.fix.alternatives ?? []) {
    lines.push(`    ${pc.dim(`Only ${alt.when}:`)} ${alt.summary}`);
    lines.push(...alt.awsCli.map((c) => `      $ ${pc.cyan(c)}`));
    if (alt.terraform) lines.push(...alt.terraform.split('\n').map((l) => `      ${pc.dim(l)}`));
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
    out.push(...gaps.map((g) => `  ? ${g}`), '');
  }
  for (const svc of result.services) {
    out.push(
      `${STATUS_STYLE[svc.status](svc.status.toUpperCase())} ${pc.bold(svc.name)}  ` +
        `${svc.targetsHealthy}/${svc.targetsTotal} targets healthy · ${svc.runningCount ?? '?'}/${svc.desiredCount ?? '?'} tasks`,
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
    `${result.services.length} service(s), ${result.findings.length} finding(s), ${critical} critical.`,
  );
  return `${out.join('\n')}\n`;
}

export function renderPath(result: PathResult): string {
  const verdictStyle = { allow: pc.green('allow'), deny: pc.red('DENY '), unknown: pc.magenta('unkn ') };
  const out = [
    `${result.reachable ? pc.green('REACHABLE') : result.verdict === 'unknown' ? pc.magenta('UNKNOWN') : pc.red('BLOCKED')}: ${result.summary}`,
    '',
    ...result.hops.map(
      (h) =>
        `  ${verdictStyle[h.verdict]} ${pc.dim(h.leg === 'reply' ? '↩' : '→')} ${pc.bold(h.kind)} ${h.component}  ${pc.dim(h.detail)}`,
    ),
    ...(result.answer?.notes ?? []).map((n) => `  ${pc.yellow('note')} ${n}`),
    ...(result.answer?.couldApply ?? []).map(
      (c) => `  ${pc.magenta('?')} rule ${c.priority} would apply with ${c.needs}: ${c.rule}`,
    ),
    '',
  ];
  for (const leg of result.legs ?? []) {
    out.push(`${pc.bold('Following the redirect')}: ${leg.summary}`, '');
    for (const h of leg.hops)
      out.push(
        `  ${verdictStyle[h.verdict]} ${pc.dim(h.leg === 'reply' ? '↩' : '→')} ${pc.bold(h.kind)} ${h.component}  ${pc.dim(h.detail)}`,
      );
    out.push('');
  }
  for (const f of result.findings) out.push(renderFinding(f), '');
  return `${out.join('\n')}\n`;
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
