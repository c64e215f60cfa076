// Timeouts and unreachable endpoints on a real wire: real SDK clients against local HTTP servers that
// answer late, never answer, or are not there at all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { ScopeApi } from './api.ts';
import { CallCounter } from './callCounter.ts';
import { callerAccount, clientsFor } from './clients.ts';
import { DEFAULT_CONCURRENCY, parseLiveAwsConfig } from './config.ts';
import { BucketLimiter } from './limiter.ts';
import { LiveSource } from './tiers.ts';

const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';
const credentials = async () => ({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' });
const SUBNETS_XML =
  '<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r1</requestId><subnetSet/></DescribeSubnetsResponse>';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port where nothing listens: bound, then closed. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}`;
}

function apiAt(url: string, requestTimeoutMs: number) {
  const endpoints = { ec2: url, ecs: url, elasticloadbalancing: url };
  const clients = clientsFor(REGION, credentials, requestTimeoutMs, endpoints);
  const counter = new CallCounter();
  const api = new ScopeApi(ACCOUNT, REGION, clients, new BucketLimiter(DEFAULT_CONCURRENCY), counter);
  return {
    api,
    counter,
    close: () => Object.values(clients).forEach((c) => (c as { destroy(): void }).destroy()),
  };
}

describe('the per-request timeout holds', () => {
  it('an answer later than requestTimeoutMs fails as a timeout, after the SDK retried it', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests++;
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/xml' }).end(SUBNETS_XML), 1500);
    });
    const { api, counter, close } = apiAt(url, 200);
    try {
      await expect(api.ec2(new DescribeSubnetsCommand({}))).rejects.toThrow(
        'Timeout: ec2:DescribeSubnets after 3 attempts',
      );
      expect(requests).toBe(3);
      expect(counter.take().failures).toEqual({ 'ec2:DescribeSubnets': 1 });
    } finally {
      close();
    }
  });

  it('the same answer within the timeout succeeds', async () => {
    const url = await serve((_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/xml' }).end(SUBNETS_XML), 50);
    });
    const { api, close } = apiAt(url, 10_000);
    try {
      expect((await api.ec2(new DescribeSubnetsCommand({}))).Subnets).toEqual([]);
    } finally {
      close();
    }
  });
});

describe('the per-poll deadline holds', () => {
  it('an endpoint that never answers ends the poll at the deadline, every kind stale with the action named', async () => {
    const url = await serve(() => undefined); // accepts, never answers
    const config = parseLiveAwsConfig({
      regions: [REGION],
      requestTimeoutMs: 120_000,
      pollTimeoutSeconds: 1,
      endpoint: url,
    });
    const clients = clientsFor(REGION, credentials, config.requestTimeoutMs, {
      ec2: url,
      ecs: url,
      elasticloadbalancing: url,
    });
    const source = new LiveSource({
      config,
      targets: async () => [{ account: ACCOUNT, region: REGION, clients }],
    });
    try {
      const { snapshot, calls } = await source.poll(new Date('2026-11-24T10:00:00Z'));
      const stale = snapshot.partitions[0]!.stale ?? {};
      expect(stale.LoadBalancers?.error).toBe(
        'Timeout: elasticloadbalancing:DescribeLoadBalancers (poll deadline 1 s passed)',
      );
      expect(stale.clusters?.error).toBe('Timeout: ecs:ListClusters (poll deadline 1 s passed)');
      expect(Object.entries(stale).filter(([, m]) => m!.fetchedAt !== null)).toEqual([]);
      expect(snapshot.partitions[0]!.fetchedAt).toEqual({});
      expect(calls.total).toBeGreaterThan(0);
      expect(Object.values(calls.failures).reduce((a, b) => a + b, 0)).toBe(calls.total);
    } finally {
      source.close();
    }
  });
});

describe('unreachable endpoints are reported as such', () => {
  it('a refused connection names the endpoint, not the credentials', async () => {
    const url = await closedPort();
    const { api, close } = apiAt(url, 2000);
    try {
      await expect(api.ec2(new DescribeSubnetsCommand({}))).rejects.toThrow(
        /^Unreachable: ec2:DescribeSubnets: connect ECONNREFUSED 127\.0\.0\.1:\d+ after 3 attempts$/,
      );
    } finally {
      close();
    }
  });

  it('sts:GetCallerIdentity against a refused endpoint is "AWS endpoint unreachable"', async () => {
    const url = await closedPort();
    const error = await callerAccount(credentials, REGION, undefined, { endpoint: url }).catch(
      (e: Error) => e,
    );
    expect(String((error as Error).message)).toMatch(
      /^AWS endpoint unreachable: Unreachable: sts:GetCallerIdentity: connect ECONNREFUSED/,
    );
  });

  it('a reset connection is unreachable too', async () => {
    const url = await serve((req) => req.socket.destroy());
    const { api, close } = apiAt(url, 2000);
    try {
      await expect(api.ec2(new DescribeSubnetsCommand({}))).rejects.toThrow(
        /^Unreachable: ec2:DescribeSubnets: .*(socket hang up|ECONNRESET).* after 3 attempts$/,
      );
    } finally {
      close();
    }
  });
});
