// `porthole explain URL` and `porthole reach`: print the hop-by-hop path and every blocker.
// Exit 0 reachable, 1 blocked, 3 undecided (a hop could not be judged), 2 bad input; see exitCodes.ts.
import type { PathResult } from '@porthole/shared';
import { buildModel } from '@porthole/core/model/build.js';
import type { EstateModel } from '@porthole/core/model/types.js';
import { findLoadBalancer, resolveCaller } from '@porthole/core/engine/endpoints.js';
import { explainUrl } from '@porthole/core/engine/explain.js';
import { parseUrl, requestFromUrl } from '@porthole/core/engine/httpRequest.js';
import { PathInputError } from '@porthole/core/engine/errors.js';
import { reachPath } from '@porthole/core/engine/reach.js';
import { readSnapshotFolder } from '../sources/snapshot/index.ts';
import { UsageError, reportFatal, step } from './errors.ts';
import { EXIT } from './exitCodes.ts';
import { renderPath } from './report.ts';

export function pathExitCode(result: PathResult): number {
  if (result.reachable) return EXIT.ok;
  return result.verdict === 'unknown' ? EXIT.undecided : EXIT.critical;
}

async function print(result: PathResult, json: boolean | undefined): Promise<number> {
  const text = await step('printing the path', () =>
    json ? `${JSON.stringify(result, null, 2)}\n` : renderPath(result),
  );
  process.stdout.write(text);
  return pathExitCode(result);
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

async function loadModel(dir: string): Promise<EstateModel> {
  const snapshot = await step(`reading the snapshot folder ${dir}`, () => readSnapshotFolder(dir));
  return step('building the model', () => buildModel(snapshot));
}

/** Only URLs whose host is a load balancer of the snapshot can be explained (the scheme is checked earlier). */
export function checkExplainUrl(model: EstateModel, raw: string, from: string | undefined): void {
  const url = parseUrl(raw);
  resolveCaller(model, from); // a bad --from is named before the host, as explainUrl does
  if (!findLoadBalancer(model, url.hostname)) {
    const known = [...model.loadBalancers.values()].map((l) => l.dnsName ?? l.name);
    throw new UsageError(
      `${url.hostname}: no load balancer with that DNS name in the snapshot (known: ${known.join(', ') || 'none'})`,
    );
  }
}

export async function runExplain(
  url: string,
  opts: {
    snapshot: string;
    from?: string;
    method?: string;
    header?: string[];
    clientPorts?: string;
    json?: boolean;
  },
): Promise<number> {
  try {
    const request = {
      ...(opts.method !== undefined ? { method: opts.method } : {}),
      ...(opts.header !== undefined ? { headers: opts.header } : {}),
      clientPorts: parseClientPorts(opts.clientPorts),
    };
    // Bad --method / --header / --client-ports fail before the snapshot is read.
    requestFromUrl(parseUrl(url), request);
    const model = await loadModel(opts.snapshot);
    checkExplainUrl(model, url, opts.from);
    const result = await step('explaining the URL', () => explainUrl(model, url, opts.from, request));
    return await print(result, opts.json);
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
    const model = await loadModel(opts.snapshot);
    const protocol = opts.protocol === 'udp' ? 'udp' : 'tcp';
    const clientPorts = parseClientPorts(opts.clientPorts);
    const result = await step('evaluating the path', () =>
      reachPath(model, { from: opts.from, to: opts.to, port, protocol, clientPorts }),
    );
    return await print(result, opts.json);
  } catch (error) {
    return reportFatal(asUsage(error));
  }
}
