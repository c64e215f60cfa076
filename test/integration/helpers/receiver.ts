// A real HTTP receiver on 127.0.0.1 (OS-chosen port) that records every request: Slack, PagerDuty and
// webhook sinks are tested against it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers in order (a status, or a status with headers); afterwards `fallback`. */
  script: Array<number | { status: number; headers: Record<string, string> }>;
  fallback: number;
  close(): Promise<void>;
}

export async function startReceiver(fallback = 200): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Partial<Receiver> = { received, script: [], fallback };
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body: data ? JSON.parse(data) : null });
      const next = receiver.script!.shift() ?? receiver.fallback!;
      const { status, headers } = typeof next === 'number' ? { status: next, headers: {} } : next;
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify({ status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver as Receiver;
}
