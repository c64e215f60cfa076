// Who reaches the nodes at all (ELB API LoadBalancer.Scheme: internal nodes have private addresses
// only) and the listener protocol against the URL scheme (HTTP to HTTPS → 400; HTTPS to HTTP → no TLS).
import { describe, expect, it } from 'vitest';
import {
  addHttpsListener,
  closePort,
  denied,
  explain,
  healthy,
  ids,
  LISTENER_443,
  openToWorld,
  orders,
  reach,
  web,
  WEB_URL,
} from '../../test-kit/albTestKit.ts';

const ORDERS_URL = `http://${orders.dnsName}/`;

describe('internal load balancer', () => {
  // The orders ALB's SG admits 0.0.0.0/0 on :80 — still nothing on the internet reaches its nodes.
  const docs = healthy();
  openToWorld(docs, ids.sgs.ordersAlb, 80);

  it('is not reachable from the internet (no --from), blocked at the load balancer itself', () => {
    const r = explain(docs, ORDERS_URL);
    expect(r.reachable).toBe(false);
    expect(r.verdict).toBe('blocked');
    expect(denied(r)).toEqual([orders.arn]);
    expect(r.summary).toMatch(/internal/);
  });

  it('is not reachable from a public IP', () => {
    const r = explain(docs, ORDERS_URL, { from: '198.51.100.7' });
    expect(r.reachable).toBe(false);
    expect(denied(r)).toEqual([orders.arn]);
  });

  it('reach --from internet --to the internal ALB: not reachable', () => {
    const r = reach(docs, 'internet', orders.name, 80);
    expect(r.reachable).toBe(false);
    expect(denied(r)).toContain(orders.arn);
  });

  it('is reachable from an instance inside its VPC', () => {
    const r = explain(docs, ORDERS_URL, { from: ids.instances.ecsA.id });
    expect(denied(r)).toEqual([]);
    expect(r.reachable).toBe(true);
  });

  it('from a private address inside the VPC the SGs decide, not the scheme', () => {
    const r = explain(healthy(), ORDERS_URL, { from: '10.0.10.77' });
    expect(denied(r)).not.toContain(orders.arn);
  });
});

describe('internet-facing load balancer', () => {
  it('is reachable from the internet when its SG, NACL and IGW route allow it', () => {
    const r = explain(healthy(), `${WEB_URL}/`);
    expect(r.reachable).toBe(true);
  });

  it('is blocked by its security group, which the answer names', () => {
    const docs = healthy();
    closePort(docs, ids.sgs.alb, 80);
    const r = explain(docs, `${WEB_URL}/`, { from: '198.51.100.7' });
    expect(r.reachable).toBe(false);
    expect(denied(r)).toContain(ids.sgs.alb);
    expect(r.findings.some((f) => f.resources.includes(ids.sgs.alb))).toBe(true);
  });
});

describe('listener protocol vs URL scheme', () => {
  const docs = healthy();
  addHttpsListener(docs);

  it('plain HTTP to the HTTPS listener: the ALB answers 400, not a successful reach', () => {
    const r = explain(docs, `http://${web.dnsName}:443/`);
    expect(r.reachable).toBe(false);
    expect(r.answer?.status).toBe(400);
    expect(denied(r)).toEqual([LISTENER_443]);
  });

  it('HTTPS to the HTTP listener: the TLS handshake fails', () => {
    const r = explain(docs, `https://${web.dnsName}:80/`);
    expect(r.reachable).toBe(false);
    expect(denied(r)).toEqual([web.listener80Arn]);
  });

  it('https:// on 443 reaches, and the summary prints the real scheme, port, path and query', () => {
    const r = explain(docs, `https://${web.dnsName}/shop?item=7`);
    expect(r.reachable).toBe(true);
    expect(r.summary).toContain(`https://${web.dnsName}:443/shop?item=7`);
  });
});
