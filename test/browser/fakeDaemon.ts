// A stand-in for the daemon: serves web/dist plus the REST + socket.io contract from shared/src/events.ts,
// with scripted changes. Used for UI work and for states the real demo cannot produce on demand (2,000 services).
import express from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import type {
  ClientToServerEvents,
  FindingRecord,
  Overview,
  PathResult,
  ServerToClientEvents,
  ServiceVerdict,
  TimelineEvent,
} from '@porthole/shared';
import {
  blockingFinding,
  brokenVerdict,
  detailFor,
  freshness,
  initialServices,
  pathHops,
  verdict,
} from './fakeEstate.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface FakeOptions {
  pollIntervalSeconds?: number;
  /** Extra healthy services, to exercise the virtualised list and wall paging. */
  extraServices?: number;
}

export class FakeDaemon {
  services = new Map<string, ServiceVerdict>();
  findings = new Map<string, FindingRecord>();
  events: TimelineEvent[] = [];
  lastCycleAt: string | null = new Date().toISOString();
  private http: HttpServer | null = null;
  private io: Server<ClientToServerEvents, ServerToClientEvents> | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private nextId = 1;
  readonly poll: number;

  constructor(opts: FakeOptions = {}) {
    this.poll = opts.pollIntervalSeconds ?? 2;
    for (const s of initialServices()) this.services.set(s.name, s);
    for (let i = 0; i < (opts.extraServices ?? 0); i++) {
      const s = verdict(`bulk-${i % 7}`, `svc-${String(i).padStart(4, '0')}`, 2, 2);
      this.services.set(s.name, s);
    }
    this.addEvent('deployment', 'prod/orders', 'Deployment ecs-svc/123 completed', null);
  }

  overview(): Overview {
    const services = [...this.services.values()];
    const count = (key: string) => services.filter((s) => s.status === key).length;
    return {
      source: 'demo (fake daemon)',
      services,
      openFindings: [...this.findings.values()],
      freshness: freshness(this.lastCycleAt, this.poll),
      counts: {
        services: {
          healthy: count('healthy'),
          degraded: count('degraded'),
          down: count('down'),
          unknown: count('unknown'),
        },
        findings: { critical: this.findings.size },
      },
    };
  }

  private addEvent(
    type: TimelineEvent['type'],
    service: string | null,
    message: string,
    cause: string | null,
  ) {
    const e: TimelineEvent = {
      id: this.nextId++,
      at: new Date().toISOString(),
      type,
      service,
      resources: [],
      message,
      likelyCause: cause,
    };
    this.events.push(e);
    this.io?.emit('event:new', e);
    return e;
  }

  /** The scripted breakage: an SG rule removed, the service's targets go unhealthy. */
  breakService(name: string): void {
    const base = this.services.get(name);
    if (!base) throw new Error(`no service ${name}`);
    const now = new Date().toISOString();
    const f = blockingFinding(name, now);
    this.addEvent(
      'security-group-rule-removed',
      name,
      'sg-0b1ockedc0ffee: removed inbound tcp 32768-65535 from sg-0a1b2c3d4e5f',
      null,
    );
    const broken = brokenVerdict(base, f);
    this.services.set(name, broken);
    this.findings.set(f.id, f);
    this.io?.emit('service:updated', broken);
    this.io?.emit('finding:opened', f);
    this.addEvent('finding-opened', name, f.title, f.likelyCause);
  }

  private explain(url: string): PathResult {
    const port = Number(new URL(url).port || 80);
    if (port !== 80) {
      return {
        reachable: false,
        verdict: 'blocked',
        summary: `No listener on port ${port}: demo-alb only listens on 80. Use http://…:80/ (the container's port ${port} is not exposed by the load balancer).`,
        hops: [
          {
            component: 'demo-alb',
            kind: 'listener',
            direction: 'forward',
            leg: 'request',
            verdict: 'deny',
            detail: `no listener on :${port}`,
          },
        ],
        findings: [],
      };
    }
    const blocked = [...this.services.values()].some((s) => s.status === 'down');
    const hops = pathHops(blocked);
    return {
      reachable: !blocked,
      verdict: blocked ? 'blocked' : 'reachable',
      summary: blocked ? 'Blocked at sg-0b1ockedc0ffee.' : 'Reachable.',
      hops,
      findings: [],
    };
  }

  async start(port = 0): Promise<string> {
    const app = express();
    app.use(express.json());
    app.get('/api/overview', (_q, r) => void r.json(this.overview()));
    app.get('/api/services', (_q, r) => void r.json([...this.services.values()]));
    app.get('/api/services/:cluster/:service', (q, r) => {
      const s = this.services.get(`${q.params.cluster}/${q.params.service}`);
      if (!s) return void r.status(404).json({ error: 'no such service' });
      r.json(detailFor(s, [...this.findings.values()], this.events));
    });
    app.get('/api/findings', (_q, r) => void r.json([...this.findings.values()]));
    app.get('/api/events', (_q, r) => void r.json(this.events));
    app.post('/api/explain', (q, r) => void r.json(this.explain(String(q.body?.url ?? ''))));
    app.post('/api/reach', (_q, r) => void r.json(this.explain('http://x:80/')));
    app.use(express.static(WEB_DIST));
    this.http = createServer(app);
    this.io = new Server(this.http, { serveClient: false });
    this.io.on('connection', (socket) => {
      socket.emit('overview', this.overview());
      socket.on('overview:get', (ack) => ack(this.overview()));
    });
    this.timer = setInterval(() => {
      this.lastCycleAt = new Date().toISOString();
      this.io?.emit('data:freshness', freshness(this.lastCycleAt, this.poll));
    }, this.poll * 1000);
    await new Promise<void>((resolve) => this.http!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.io?.disconnectSockets(true);
    await new Promise<void>((resolve) => (this.io ? this.io.close(() => resolve()) : resolve()));
    this.io = null;
    this.http = null;
  }
}
