// A local HTTP proxy in front of the AWS-protocol server (moto). It plays the parts moto does not:
// - the ECS agent and ELB health checker: DescribeTasks answers gain the host port Docker picked and
//   RUNNING, DescribeServices the running count, DescribeTargetHealth the states the test sets;
// - a fault injector: per service/action, the error each protocol really sends (EC2 query XML, ELBv2
//   awsQuery XML, ECS JSON 1.1), a hang, a reset connection, or a 500.
// It counts every request it sees per "service:Action" (each SDK attempt is one request).
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorResponse } from './errorBodies.ts';

export type Service = 'ec2' | 'elasticloadbalancing' | 'ecs' | 'sts';
export type FaultKind = 'throttle' | 'deny' | 'hang' | 'reset' | 'server-error';

export interface Fault {
  service: Service;
  /** The API action ("DescribeSubnets"), or "*" for every action of the service. */
  action: string;
  kind: FaultKind;
  /** How many requests to fault before answering normally again (default: all). */
  times?: number;
}

export interface TargetHealthRewrite {
  State: string;
  Reason?: string;
  Description?: string;
}

/** Which service and action a signed request is for: the SigV4 credential scope, then the protocol. */
function identify(req: IncomingMessage, body: string): { service: Service; action: string } {
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([a-z0-9-]+)\/aws4_request/.exec(
    req.headers.authorization ?? '',
  );
  const service = (scope?.[1] ?? 'unknown') as Service;
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return { service, action: target.split('.').pop() ?? '' };
  return { service, action: new URLSearchParams(body).get('Action') ?? '' };
}

export interface AgentState {
  /** "instanceId:port" → the health the ELB health checker would report. */
  health: Map<string, TargetHealthRewrite>;
  /** task ARN → the host port Docker picked for each container port. */
  bindings: Map<string, Array<{ containerName: string; containerPort: number; hostPort: number }>>;
}

export class WireProxy {
  readonly faults: Fault[] = [];
  readonly requests = new Map<string, number>();
  readonly agent: AgentState = { health: new Map(), bindings: new Map() };
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly upstream: URL;
  url = '';

  constructor(upstream: string) {
    this.upstream = new URL(upstream);
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server?.close(r));
  }

  count(key: string): number {
    return this.requests.get(key) ?? 0;
  }

  resetCounts(): void {
    this.requests.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const { service, action } = identify(req, body);
    const key = `${service}:${action}`;
    this.requests.set(key, this.count(key) + 1);
    const fault = this.faults.find(
      (f) => f.service === service && (f.action === action || f.action === '*') && (f.times ?? 1) > 0,
    );
    if (fault) {
      if (fault.times !== undefined) fault.times--;
      if (fault.kind === 'hang') return; // never answers; the socket is destroyed at stop()
      if (fault.kind === 'reset') return void req.socket.destroy();
      const e = errorResponse(service, action, fault.kind);
      res.writeHead(e.status, e.headers).end(e.body);
      return;
    }
    const upstream = await this.forward(req, body);
    const rewritten = this.rewrite(service, action, upstream.body);
    const headers: Record<string, string> = {
      ...upstream.headers,
      'content-length': String(Buffer.byteLength(rewritten)),
    };
    delete headers['transfer-encoding'];
    res.writeHead(upstream.status, headers).end(rewritten);
  }

  private forward(req: IncomingMessage, body: string) {
    return new Promise<{ status: number; headers: Record<string, string>; body: string }>(
      (resolve, reject) => {
        const out = request(
          {
            host: this.upstream.hostname,
            port: this.upstream.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          async (up) => {
            const chunks: Buffer[] = [];
            for await (const c of up) chunks.push(c as Buffer);
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(up.headers)) if (typeof v === 'string') headers[k] = v;
            resolve({ status: up.statusCode ?? 502, headers, body: Buffer.concat(chunks).toString('utf8') });
          },
        );
        out.on('error', reject);
        out.end(body);
      },
    );
  }

  /** The ECS agent's and the ELB health checker's part, which moto does not play. */
  private rewrite(service: Service, action: string, body: string): string {
    if (service === 'ecs' && action === 'DescribeTasks') {
      const out = JSON.parse(body) as { tasks?: Array<Record<string, unknown>> };
      for (const task of out.tasks ?? []) {
        const bindings = this.agent.bindings.get(String(task.taskArn));
        if (!bindings) continue;
        task.lastStatus = 'RUNNING';
        task.desiredStatus = 'RUNNING';
        for (const c of (task.containers as Array<Record<string, unknown>>) ?? []) {
          c.lastStatus = 'RUNNING';
          c.networkBindings = bindings
            .filter((b) => b.containerName === c.name)
            .map((b) => ({
              bindIP: '0.0.0.0',
              containerPort: b.containerPort,
              hostPort: b.hostPort,
              protocol: 'tcp',
            }));
        }
      }
      return JSON.stringify(out);
    }
    if (service === 'ecs' && action === 'DescribeServices') {
      const out = JSON.parse(body) as { services?: Array<Record<string, unknown>> };
      const running = this.agent.bindings.size;
      for (const s of out.services ?? []) {
        s.runningCount = running;
        s.pendingCount = 0;
        for (const d of (s.deployments as Array<Record<string, unknown>>) ?? []) {
          d.runningCount = running;
          d.pendingCount = 0;
          d.rolloutState = 'COMPLETED';
        }
      }
      return JSON.stringify(out);
    }
    if (service === 'elasticloadbalancing' && action === 'DescribeTargetHealth') {
      // <member><Target><Id>i-…</Id><Port>32768</Port></Target>…<TargetHealth><State>healthy</State></TargetHealth></member>
      return body.replace(/<member>([\s\S]*?)<\/member>/g, (member, inner: string) => {
        const id = /<Id>([^<]+)<\/Id>/.exec(inner)?.[1];
        const port = /<Port>(\d+)<\/Port>/.exec(inner)?.[1];
        const health = id ? this.agent.health.get(`${id}:${port}`) : undefined;
        if (!health || !/<TargetHealth>/.test(inner)) return member;
        const parts = [`<State>${health.State}</State>`];
        if (health.Reason) parts.push(`<Reason>${health.Reason}</Reason>`);
        if (health.Description) parts.push(`<Description>${health.Description}</Description>`);
        return member.replace(
          /<TargetHealth>[\s\S]*?<\/TargetHealth>/,
          `<TargetHealth>${parts.join('')}</TargetHealth>`,
        );
      });
    }
    return body;
  }
}
