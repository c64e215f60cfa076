// Fix text, AWS CLI and Terraform state the same ports and peers, for every rule's fixes on every demo story,
// the front-door breakages, the wrong-port explain and generic reach blockers; no fix opens 0.0.0.0/0.
import { describe, expect, it } from 'vitest';
import type { Fix } from '@porthole/shared';
import { RULES } from '../registry.ts';
import { fixCorpus } from '../../../test-kit/fixCorpus.ts';
import { WORLD_CIDRS, alreadyAdmits, safeCidr } from './safeSource.ts';

const corpus = fixCorpus();
const fixes = corpus.flatMap((c) =>
  c.findings.flatMap((f) =>
    [f.fix, ...(f.fix.alternatives ?? [])].map((fix) => ({
      where: `${c.name} / ${f.id}`,
      rule: f.rule,
      fix,
    })),
  ),
);

const range = (from: string, to: string) => (from === to ? from : `${from}-${to}`);
/** The range as a whole token: "80" must not match inside "8080" or "80-90". */
const exactly = (r: string) => new RegExp(`(^|[^\\d-])${r}($|[^\\d-])`);
const text = (fix: Fix) => fix.summary.replace(/–/g, '-');

/** Terraform resource blocks of the fix: `resource "type" "name" { … }`. */
function blocks(tf: string): Array<{ type: string; body: string }> {
  return tf
    .split(/^resource /m)
    .slice(1)
    .map((b) => ({ type: /^"([^"]+)"/.exec(b)?.[1] ?? '', body: b }));
}
const attr = (body: string, key: string) => new RegExp(`\\b${key}\\s*=\\s*"?([^"\\n]+)"?`).exec(body)?.[1];

describe('fix corpus', () => {
  it('holds a finding of every registered rule', () => {
    const seen = new Set(corpus.flatMap((c) => c.findings.map((f) => f.rule)));
    for (const rule of RULES) expect(seen, rule.id).toContain(rule.id);
  });

  it('covers every rule that proposes a change, with commands to check', () => {
    const rules = new Set(fixes.filter((f) => f.fix.awsCli.length > 0).map((f) => f.rule));
    for (const rule of [
      'sg-blocks-dynamic-ports',
      'sg-blocks-target-port',
      'alb-sg-egress-blocks-targets',
      'nacl-blocks-return-traffic',
      'alb-sg-blocks-listener',
      'nacl-blocks-listener',
      'private-subnet-no-egress',
      'nat-instance-source-dest-check',
      'overly-open-dynamic-ports',
      'health-check-mismatch',
      'sg-blocks-ingress',
      'sg-blocks-health-check-port',
      'nacl-blocks-target-traffic',
      'public-subnet-no-igw',
      'static-host-port-conflict',
      'data-missing',
    ])
      expect(rules, rule).toContain(rule);
  });
});

describe('security-group fixes', () => {
  const sg = fixes.flatMap(({ where, fix }) =>
    fix.awsCli
      .filter((c) => /authorize-security-group-(ingress|egress)/.test(c))
      .map((cli) => ({ where, fix, cli })),
  );

  it.each(sg.map((s) => [s.where, s] as const))('%s: text, CLI and Terraform agree', (_w, { fix, cli }) => {
    const m =
      /--group-id (\S+).*IpProtocol=(\w+|-1),FromPort=(\d+),ToPort=(\d+),(?:UserIdGroupPairs=\[\{GroupId=([\w-]+)|IpRanges=\[\{CidrIp=([^,}]+)|Ipv6Ranges=\[\{CidrIpv6=([^,}]+))/.exec(
        cli,
      );
    expect(m, cli).not.toBeNull();
    const [, group, , from, to, peerGroup, cidr, cidr6] = m!;
    const peer = peerGroup ?? cidr ?? cidr6!;
    expect(text(fix), 'summary names the range').toMatch(exactly(range(from!, to!)));
    expect(text(fix), 'summary names the peer').toContain(peer);
    const direction = cli.includes('-ingress') ? 'ingress' : 'egress';
    const tf = blocks(fix.terraform).filter((b) => b.type === `aws_vpc_security_group_${direction}_rule`);
    expect(
      tf.some(
        (b) =>
          attr(b.body, 'security_group_id') === group &&
          attr(b.body, 'from_port') === from &&
          attr(b.body, 'to_port') === to &&
          (attr(b.body, 'referenced_security_group_id') ??
            attr(b.body, 'cidr_ipv4') ??
            attr(b.body, 'cidr_ipv6')) === peer,
      ),
      `Terraform has ${direction} ${group} ${from}-${to} ${peer}:\n${fix.terraform}`,
    ).toBe(true);
  });

  it('never opens 0.0.0.0/0 or ::/0 (CLI or Terraform)', () => {
    for (const { where, cli, fix } of sg) {
      for (const world of WORLD_CIDRS) {
        expect(cli, where).not.toContain(`=${world}`);
        expect(fix.terraform, where).not.toContain(`"${world}"`);
      }
    }
  });
});

describe('network ACL fixes', () => {
  const nacl = fixes.flatMap(({ where, fix }) =>
    fix.awsCli
      .filter((c) => /(create|replace)-network-acl-entry/.test(c))
      .map((cli) => ({ where, fix, cli })),
  );

  it.each(nacl.map((n) => [n.where, n] as const))('%s: text, CLI and Terraform agree', (_w, { fix, cli }) => {
    const acl = /--network-acl-id (\S+)/.exec(cli)![1]!;
    const rule = /--rule-number (\d+)/.exec(cli)![1]!;
    const [, from, to] = /--port-range From=(\d+),To=(\d+)/.exec(cli)!;
    const cidr = /--cidr-block (\S+)/.exec(cli)![1]!;
    const egress = cli.includes('--egress');
    expect(text(fix)).toMatch(exactly(range(from!, to!)));
    expect(text(fix)).toContain(cidr);
    expect(text(fix)).toContain(egress ? 'outbound' : 'inbound');
    const tf = blocks(fix.terraform).find((b) => b.type === 'aws_network_acl_rule');
    expect(tf, fix.terraform).toBeDefined();
    expect(attr(tf!.body, 'network_acl_id')).toBe(acl);
    expect(attr(tf!.body, 'rule_number')).toBe(rule);
    expect(attr(tf!.body, 'egress')).toBe(String(egress));
    expect([attr(tf!.body, 'from_port'), attr(tf!.body, 'to_port')]).toEqual([from, to]);
    expect(attr(tf!.body, 'cidr_block')).toBe(cidr);
  });
});

describe('route fixes', () => {
  const routes = fixes.flatMap(({ where, fix }) =>
    fix.awsCli.filter((c) => /ec2 (create|replace)-route /.test(c)).map((cli) => ({ where, fix, cli })),
  );

  it.each(routes.map((r) => [r.where, r] as const))(
    '%s: text, CLI and Terraform agree',
    (_w, { fix, cli }) => {
      const dest = /--destination-cidr-block (\S+)/.exec(cli)![1]!;
      const target =
        /--(?:nat-gateway-id|gateway-id|instance-id|network-interface-id|vpc-peering-connection-id|transit-gateway-id) (\S+)/.exec(
          cli,
        )![1]!;
      expect(text(fix)).toContain(dest);
      expect(fix.terraform).toContain(`"${dest}"`);
      expect(fix.terraform).toContain(target);
      if (!/^[A-Z_]+$/.test(target)) expect(text(fix)).toContain(target);
    },
  );
});

describe('the 0.0.0.0/0 guard', () => {
  const group = {
    GroupId: 'sg-1',
    IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  };
  it('keeps the whole internet only when the same group already admits it on the same ports', () => {
    expect(alreadyAdmits(group, 'ingress', 'tcp', { from: 443, to: 443 }, '0.0.0.0/0')).toBe(true);
    expect(safeCidr(group, 'ingress', 'tcp', { from: 443, to: 443 }, '0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(safeCidr(group, 'ingress', 'tcp', { from: 80, to: 80 }, '0.0.0.0/0')).toBe('CLIENT_CIDR');
    expect(safeCidr(group, 'egress', 'tcp', { from: 443, to: 443 }, '0.0.0.0/0')).toBe('CLIENT_CIDR');
    expect(safeCidr(group, 'ingress', 'tcp', { from: 80, to: 80 }, '203.0.113.7/32')).toBe('203.0.113.7/32');
  });
});
