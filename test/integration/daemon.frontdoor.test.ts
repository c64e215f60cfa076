// An ALB nobody can reach, on a real daemon: the services behind it are down on /api/services, the overview,
// the socket and the drill-down, and the ALB-level finding (service: null) lists them and shows in each drill-down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OverviewSchema,
  ServiceDetailSchema,
  ServiceVerdictSchema,
  type Overview,
  type ServiceVerdict,
} from '@porthole/shared';
import { frontDoorSource } from './helpers/frontDoorSource.ts';
import { nextEvent, startTestDaemon, type TestDaemon } from './helpers/daemon.ts';

const BEHIND = ['prod/admin', 'prod/api', 'prod/web'];

let t: TestDaemon;
beforeAll(async () => {
  t = await startTestDaemon({ source: frontDoorSource() });
  await t.step();
});
afterAll(() => t.stop());

describe('ALB-level finding on the daemon', () => {
  it('takes the services behind the ALB down on the API, the overview and the socket', async () => {
    const socket = t.socket();
    await nextEvent<Overview>(socket, 'overview');
    const updated: ServiceVerdict[] = [];
    socket.on('service:updated', (s) => updated.push(s));
    await t.step();
    const services = ServiceVerdictSchema.array().parse(await (await t.get('/api/services')).json());
    const status = Object.fromEntries(services.map((s) => [s.name, s.status]));
    for (const name of BEHIND) expect(status[name]).toBe('down');
    expect(status['ops/orders']).toBe('healthy');
    const overview = OverviewSchema.parse(await (await t.get('/api/overview')).json());
    expect(overview.counts.services.down).toBe(3);
    const finding = overview.openFindings.find((f) => f.rule === 'alb-sg-blocks-listener')!;
    expect(finding.service).toBeNull();
    expect(finding.services).toEqual(BEHIND);
    const end = Date.now() + 5000;
    while (updated.filter((s) => s.status === 'down').length < 3 && Date.now() < end)
      await new Promise((r) => setTimeout(r, 10));
    expect(new Set(updated.filter((s) => s.status === 'down').map((s) => s.name))).toEqual(new Set(BEHIND));
  });

  it("shows the ALB finding in each affected service's drill-down", async () => {
    for (const name of BEHIND) {
      const detail = ServiceDetailSchema.parse(await (await t.get(`/api/services/${name}`)).json());
      expect(detail.service.status).toBe('down');
      expect(detail.findings.map((f) => f.rule)).toContain('alb-sg-blocks-listener');
    }
    const orders = ServiceDetailSchema.parse(await (await t.get('/api/services/ops/orders')).json());
    expect(orders.findings.map((f) => f.rule)).not.toContain('alb-sg-blocks-listener');
  });
});
