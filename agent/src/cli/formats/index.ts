// The output choice of `porthole scan`: the grouped text report, JSON, SARIF or GitHub annotations.
import path from 'node:path';
import type { Finding, ScanResult } from '@porthole/shared';
import { UsageError } from '../errors.ts';
import { renderScan } from '../report.ts';
import { toGithubAnnotations } from './github.ts';
import { toSarif } from './sarif.ts';

export const SCAN_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** `--json` is kept as the short form of `--format json`; asking for two formats is bad usage. */
export function chooseScanFormat(opts: { json?: boolean; format?: string }): ScanFormat {
  const format = opts.format ?? (opts.json ? 'json' : 'text');
  if (!(SCAN_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${SCAN_FORMATS.join(', ')}, got "${format}"`);
  }
  if (opts.json && format !== 'json') {
    throw new UsageError(`--json and --format ${format} ask for two outputs: use one`);
  }
  return format as ScanFormat;
}

/** Where SARIF results are located: the snapshot folder as a repository-relative path, or the scope. */
export function sarifArtifactUri(snapshot: string | undefined): (f: Finding) => string {
  if (snapshot !== undefined) {
    const rel = path
      .relative(process.cwd(), path.resolve(snapshot))
      .split(path.sep)
      .map(encodeURIComponent)
      .join('/');
    const uri = `${rel === '' ? '.' : rel}/`;
    return () => uri;
  }
  return (f) => `aws/${f.account ?? 'unknown-account'}/${f.region ?? 'unknown-region'}`;
}

export function renderScanOutput(result: ScanResult, format: ScanFormat, snapshot?: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(result, { artifactUri: sarifArtifactUri(snapshot) }), null, 2)}\n`;
    case 'github':
      return toGithubAnnotations(result);
    case 'text':
      return renderScan(result);
  }
}
