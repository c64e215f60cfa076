// `porthole scan --format github`: one workflow command per finding (`::error title=…::message`),
// which GitHub Actions turns into annotations on the run and the pull request.
import type { Finding, ScanResult, Severity } from '@porthole/shared';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  warning: 'warning',
  info: 'notice',
};

/** Command data (the message): %, CR and LF are escaped, as in @actions/core's `escapeData`. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Command properties (title=…): additionally `:` and `,`, which delimit properties (`escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(f: Finding): string {
  const title = `${f.title} (${f.rule})`;
  const where = f.resources.length > 0 ? `\nResources: ${f.resources.join(', ')}` : '';
  const message = `${f.explanation}\nFix: ${f.fix.summary}${where}`;
  return `::${COMMAND[f.severity]} title=${escapeProperty(title)}::${escapeData(message)}`;
}

export function toGithubAnnotations(result: ScanResult): string {
  const lines = result.findings.map(annotation);
  // What could not be read is shown too: a green job must not hide that a check was not run.
  const incomplete = escapeProperty('Porthole could not read everything');
  for (const w of result.warnings) lines.push(`::warning title=${incomplete}::${escapeData(w)}`);
  const count = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  lines.push(
    `porthole: ${count('critical')} critical, ${count('warning')} warning, ${count('info')} info ` +
      `finding${result.findings.length === 1 ? '' : 's'} across ${result.services.length} ` +
      `service${result.services.length === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}
