// `porthole explain URL` and `porthole reach`: print the hop-by-hop path and every blocker. Exit 0 reachable, 1 not.
import { buildModel } from '../model/build.ts';
import { explainUrl, parseUrl } from '../engine/explain.ts';
import { requestFromUrl } from '../engine/httpRequest.ts';
import { PathInputError } from '../engine/errors.ts';
import { reachPath } from '../engine/reach.ts';
import { readSnapshotFolder } from '../sources/snapshot/index.ts';
import { UsageError, reportFatal } from './errors.ts';
import { renderPath } from './report.ts';
import type { PathResult } from '@porthole/shared';

function print(result: PathResult, json: boolean | undefined): number {
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : renderPath(result));
  return result.reachable ? 0 : 1;
}

/** `--client-ports 32768-60999`: a port range inside 1-65535, low to high. */
function parseClientPorts(raw: string | undefined): { from: number; to: number } | null {
  if (raw === undefined) return null;
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(raw.trim());
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (!match || from < 1 || to > 65535 || from > to)
    throw new UsageError(`--client-ports "${raw}": expected a range like 32768-60999 (1-65535, low-high)`);
  return { from, to };
}

function asUsage(error: unknown): unknown {
  return error instanceof PathInputError ? new UsageError(error.message) : error;
}

export async function runExplain(
  url: string,
  opts: { snapshot: string; from?: string; method?: string; header?: string[]; json?: boolean },
): Promise<number> {
  try {
    const request = {
      ...(opts.method !== undefined ? { method: opts.method } : {}),
      ...(opts.header !== undefined ? { headers: opts.header } : {}),
    };
    // Bad --method / --header fail before the snapshot is read.
    requestFromUrl(parseUrl(url), request);
    const model = buildModel(await readSnapshotFolder(opts.snapshot));
    return print(explainUrl(model, url, opts.from, new Date(), request), opts.json);
  } catch (error) {
    return reportFatal(asUsage(error));
  }
}

export async function runReach(opts: {
  snapshot: string;
  from: string;
  to: string;
  port: string;
  protocol: string;
  clientPorts?: string;
  json?: boolean;
}): Promise<number> {
  try {
    const port = Number(opts.port);
    if (!/^\d+$/.test(opts.port) || port > 65535)
      throw new UsageError(`--port "${opts.port}": expected a number 0-65535`);
    const model = buildModel(await readSnapshotFolder(opts.snapshot));
    const protocol = opts.protocol === 'udp' ? 'udp' : 'tcp';
    const clientPorts = parseClientPorts(opts.clientPorts);
    return print(
      reachPath(model, { from: opts.from, to: opts.to, port, protocol, clientPorts }, new Date()),
      opts.json,
    );
  } catch (error) {
    return reportFatal(asUsage(error));
  }
}
