// Helpers of the HA tests: a local alert receiver (Alertmanager webhook JSON), the demo estate in four
// account/region shards, and lease reads.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';

export const SCOPES = [
  { account: '111122223333', region: 'eu-west-1' },
  { account: '111122223333', region: 'us-east-1' },
  { account: '444455556666', region: 'eu-west-1' },
  { account: '444455556666', region: 'us-east-1' },
];

interface WebhookAlert {
  status: string;
  fingerprint: string;
  startsAt: string;
}
export interface WebhookBody {
  groupKey: string;
  status: 'firing' | 'resolved';
  alerts: WebhookAlert[];
}

/** One notification's identity: group, firing/resolved, and each alert's episode (fingerprint + start). */
export const notificationKey = (b: WebhookBody): string =>
  `${b.groupKey}|${b.status}|${b.alerts
    .map((a) => `${a.fingerprint}@${a.startsAt}`)
    .sort()
    .join(',')}`;

export interface Receiver {
  url: string;
  received: WebhookBody[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: WebhookBody[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as WebhookBody);
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function liveOwners(client: pg.Client): Promise<Map<string, string>> {
  const { rows } = await client.query<{ shard: string; owner: string }>(
    'SELECT shard, owner FROM leases WHERE expires_at > now() AND owner IS NOT NULL',
  );
  return new Map(rows.map((r) => [r.shard, r.owner]));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
