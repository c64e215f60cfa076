import { describe, expect, it } from 'vitest';
import { overlyOpenDynamicPorts, tooOpen } from './overlyOpenDynamicPorts.ts';
import type { IpPermission } from '@porthole/shared';
import {
  find,
  healthy,
  ids,
  run,
  scenario,
  unknownsFor,
  without,
  type Json,
} from '../../../test-kit/ruleTestKit.ts';

const RULE = 'overly-open-dynamic-ports';
const world = (p: IpPermission): IpPermission => ({ ...p, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });

describe('tooOpen', () => {
  it('flags all traffic, 1,000+ ports and any port in the dynamic range, open to the world', () => {
    expect(tooOpen('sg-1', world({ IpProtocol: '-1' }))[0]!.why).toBe('all traffic');
    expect(tooOpen('sg-1', world({ IpProtocol: 'tcp', FromPort: 1000, ToPort: 1999 }))[0]!.why).toBe(
      '1000 ports',
    );
    expect(tooOpen('sg-1', world({ IpProtocol: 'udp', FromPort: 40000, ToPort: 40000 }))[0]!.why).toBe(
      'ports in the dynamic host-port range',
    );
    expect(
      tooOpen('sg-1', {
        IpProtocol: 'tcp',
        FromPort: 0,
        ToPort: 65535,
        Ipv6Ranges: [{ CidrIpv6: '::/0' }],
      })[0]!.cidr,
    ).toBe('::/0');
  });

  it('leaves narrow rules, non-world sources and ICMP alone', () => {
    expect(tooOpen('sg-1', world({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }))).toEqual([]);
    expect(tooOpen('sg-1', world({ IpProtocol: 'tcp', FromPort: 1000, ToPort: 1998 }))).toEqual([]);
    expect(tooOpen('sg-1', { IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/16' }] })).toEqual([]);
    expect(tooOpen('sg-1', world({ IpProtocol: 'icmp', FromPort: -1, ToPort: -1 }))).toEqual([]);
  });
});

describe('overly-open-dynamic-ports', () => {
  it('fires on the overly open instance SG for each bridge service, proposing the ALB SG as source', () => {
    const findings = run(overlyOpenDynamicPorts, scenario('overly-open-instance-sg'));
    expect(findings.map((f) => f.service).sort()).toEqual(['prod/admin', 'prod/web']);
    const web = findings.find((f) => f.service === 'prod/web')!;
    expect(web.rule).toBe(RULE);
    expect(web.severity).toBe('warning');
    expect(web.resources[0]).toBe(ids.sgs.ecsInstances);
    expect(web.id).toBe(`${RULE}:${ids.sgs.ecsInstances}:prod/web`);
    expect(web.evidence[0]!.detail).toBe(
      `${ids.sgs.ecsInstances} ingress tcp 0-65535 from 0.0.0.0/0 (65536 ports)`,
    );
    expect(web.fix.awsCli).toEqual([
      `aws ec2 authorize-security-group-ingress --group-id ${ids.sgs.ecsInstances} --region ${ids.region} --ip-permissions ` +
        `'IpProtocol=tcp,FromPort=32768,ToPort=65535,UserIdGroupPairs=[{GroupId=${ids.sgs.alb},Description="web-alb dynamic host ports"}]'`,
      `aws ec2 revoke-security-group-ingress --group-id ${ids.sgs.ecsInstances} --region ${ids.region} --ip-permissions ` +
        `'IpProtocol=tcp,FromPort=0,ToPort=65535,IpRanges=[{CidrIp=0.0.0.0/0}]'`,
    ]);
    expect(web.fix.terraform).toContain(`referenced_security_group_id = "${ids.sgs.alb}"`);
  });

  it('stays silent on the healthy estate', () => {
    expect(run(overlyOpenDynamicPorts, healthy())).toEqual([]);
  });

  it('answers unknown when security groups are missing', () => {
    const findings = run(
      overlyOpenDynamicPorts,
      without(scenario('overly-open-instance-sg'), 'SecurityGroups'),
    );
    expect(findings.filter((f) => f.rule === RULE)).toEqual([]);
    const unknown = unknownsFor(findings, RULE);
    expect(unknown.map((f) => f.service)).toContain('prod/web');
    expect(unknown[0]!.evidence[0]!.detail).toContain('SecurityGroups missing');
  });

  it("answers unknown when the container instances' groups cannot be resolved", () => {
    const docs = without(scenario('overly-open-instance-sg'), 'Reservations', 'NetworkInterfaces');
    const findings = run(overlyOpenDynamicPorts, docs);
    expect(findings.filter((f) => f.rule === RULE)).toEqual([]);
    expect(
      unknownsFor(findings, RULE)
        .map((f) => f.service)
        .sort(),
    ).toEqual(['prod/admin', 'prod/web']);
  });

  it('checks awsvpc task SGs too, proposing the target port from the ALB SG', () => {
    const docs = healthy();
    const sg = find(docs, 'SecurityGroups', (g) => g.GroupId === ids.sgs.apiTasks);
    (sg.IpPermissions as Json[]).push({ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] });
    const [api, ...rest] = run(overlyOpenDynamicPorts, docs);
    expect(rest).toEqual([]);
    expect(api!.service).toBe('prod/api');
    expect(api!.title).toContain('task security group');
    expect(api!.fix.awsCli[0]).toContain(
      `FromPort=8080,ToPort=8080,UserIdGroupPairs=[{GroupId=${ids.sgs.alb}`,
    );
    expect(api!.fix.awsCli[1]).toBe(
      `aws ec2 revoke-security-group-ingress --group-id ${ids.sgs.apiTasks} --region ${ids.region} --ip-permissions ` +
        `'IpProtocol=-1,Ipv6Ranges=[{CidrIpv6=::/0}]'`,
    );
  });
});
