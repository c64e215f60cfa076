// nacl-blocks-listener fires when the NACL of an ALB node's subnet drops clients on a listener port, or the
// replies to their ephemeral ports. NACLs are stateless (VPC guide, "Network ACLs"): the request in and the
// reply out are each decided by the entries in ascending rule number, the first match wins and the `*` rule
// (32767) denies what nothing matched. ALB guide, "Network ACLs for your load balancer".
import { describe, expect, it } from 'vitest';
import { naclBlocksListener } from './naclBlocksListener.ts';
import { healthy, ids, run, unknownsFor, without } from '../../../test-kit/ruleTestKit.ts';
import { addNaclEntries, naclEntry, setNaclEntries } from '../../../test-kit/networkEdits.ts';

const RULE = 'nacl-blocks-listener';
const web = ids.loadBalancers.web;
const publicAcl = ids.nacls.default;
const webSubnets = web.subnets.map((key) => ids.subnets[key].id);

describe(RULE, () => {
  it('fires when an inbound deny numbered before the allow matches the listener port', () => {
    const docs = healthy();
    addNaclEntries(
      docs,
      publicAcl,
      naclEntry({ rule: 50, direction: 'inbound', action: 'deny', cidr: '0.0.0.0/0', ports: [80, 80] }),
    );
    const findings = run(naclBlocksListener, docs);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.rule).toBe(RULE);
    expect(f!.title).toContain('clients cannot reach :80');
    expect(f!.title).toContain(`NACL ${publicAcl} inbound`);
    // One NACL on both ALB subnets is one finding naming both node subnets.
    expect(f!.resources[0]).toBe(publicAcl);
    expect(f!.resources).toEqual(expect.arrayContaining([web.arn, web.listener80Arn, ...webSubnets]));
    expect(f!.evidence.map((e) => e.detail).join(' ')).toContain('50');
    // The fix replaces the deny entry that matched first.
    expect(f!.fix.awsCli.join('\n')).toContain(`--network-acl-id ${publicAcl}`);
    expect(f!.fix.awsCli.join('\n')).toContain('--rule-number 50');
  });

  it('fires on the reply leg: an outbound deny of the ephemeral ports drops the answers (stateless)', () => {
    const docs = healthy();
    addNaclEntries(
      docs,
      publicAcl,
      naclEntry({ rule: 60, direction: 'outbound', action: 'deny', cidr: '0.0.0.0/0', ports: [1024, 65535] }),
    );
    const findings = run(naclBlocksListener, docs);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.title).toContain('replies cannot reach clients');
    expect(findings[0]!.title).toContain('outbound');
  });

  it('fires when only the `*` rule is left inbound: nothing matched, so it is denied', () => {
    const docs = healthy();
    setNaclEntries(
      docs,
      publicAcl,
      naclEntry({ rule: 100, direction: 'outbound', action: 'allow', cidr: '0.0.0.0/0' }),
    );
    const findings = run(naclBlocksListener, docs);
    expect(findings.map((f) => f.title)).toEqual([expect.stringContaining('clients cannot reach :80')]);
    expect(findings[0]!.evidence.map((e) => e.detail)).toEqual([expect.stringContaining('#* inbound deny')]);
    // The `*` entry cannot be replaced: the fix creates an allow for the listener port ahead of it.
    const cli = findings[0]!.fix.awsCli.join('\n');
    expect(cli).toContain('create-network-acl-entry');
    expect(cli).toContain('--ingress --protocol tcp --port-range From=80,To=80');
    expect(cli).toContain('--rule-action allow');
    expect(cli).not.toContain('--rule-number 32767');
  });

  describe('near misses that must not fire', () => {
    it('the same deny numbered after the allow-all: the first match (100) already allowed it', () => {
      const docs = healthy();
      addNaclEntries(
        docs,
        publicAcl,
        naclEntry({ rule: 200, direction: 'inbound', action: 'deny', cidr: '0.0.0.0/0', ports: [80, 80] }),
      );
      expect(run(naclBlocksListener, docs)).toEqual([]);
    });

    it('a deny of another port (22) before the allow', () => {
      const docs = healthy();
      addNaclEntries(
        docs,
        publicAcl,
        naclEntry({ rule: 50, direction: 'inbound', action: 'deny', cidr: '0.0.0.0/0', ports: [22, 22] }),
      );
      expect(run(naclBlocksListener, docs)).toEqual([]);
    });

    it('an outbound deny of port 80 only: replies go to the clients’ ephemeral ports, not to 80', () => {
      const docs = healthy();
      addNaclEntries(
        docs,
        publicAcl,
        naclEntry({ rule: 50, direction: 'outbound', action: 'deny', cidr: '0.0.0.0/0', ports: [80, 80] }),
      );
      expect(run(naclBlocksListener, docs)).toEqual([]);
    });

    it('only explicit allows before the `*` rule, in both directions', () => {
      const docs = healthy();
      setNaclEntries(
        docs,
        publicAcl,
        naclEntry({ rule: 100, direction: 'inbound', action: 'allow', cidr: '0.0.0.0/0', ports: [80, 80] }),
        naclEntry({
          rule: 110,
          direction: 'inbound',
          action: 'allow',
          cidr: '0.0.0.0/0',
          ports: [1024, 65535],
        }),
        naclEntry({
          rule: 100,
          direction: 'outbound',
          action: 'allow',
          cidr: '0.0.0.0/0',
          ports: [1024, 65535],
        }),
        naclEntry({ rule: 110, direction: 'outbound', action: 'allow', cidr: ids.vpcCidr }),
      );
      expect(run(naclBlocksListener, docs)).toEqual([]);
    });
  });

  it('is unknown, not silent, when the NACLs were not captured', () => {
    const findings = run(naclBlocksListener, without(healthy(), 'NetworkAcls'));
    expect(unknownsFor(findings, RULE).length).toBeGreaterThan(0);
    expect(findings.every((f) => f.rule === 'data-missing')).toBe(true);
  });
});
