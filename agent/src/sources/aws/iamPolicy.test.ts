// docs/iam-policy.json is exactly what the code needs: every command it sends is allowed, nothing
// else is, and everything allowed is read-only (Describe/List/Get).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLiveAwsConfig } from './config.ts';
import { ACCOUNT, buildEstate, REGION } from '@porthole/estate/test-kit/awsEstate.js';
import { installFakeAws, testTargets } from '@porthole/estate/test-kit/fakeAws.js';
import { LiveSource } from './tiers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const POLICY_FILE = path.resolve(here, '../../../../docs/iam-policy.json');
const SERVICE_OF_PACKAGE: Record<string, string> = {
  '@aws-sdk/client-ecs': 'ecs',
  '@aws-sdk/client-elastic-load-balancing-v2': 'elasticloadbalancing',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-sts': 'sts',
};
/**
 * Not in the read-only policy: GetCallerIdentity needs no permission (STS API reference), and
 * AssumeRole is granted to the identity that runs Porthole in its own account (docs/live-aws.md).
 */
const EXEMPT = new Set(['sts:GetCallerIdentity', 'sts:AssumeRole']);

interface Policy {
  Version: string;
  Statement: { Effect: string; Action: string | string[]; Resource: string }[];
}

async function policyActions(): Promise<{ policy: Policy; actions: string[] }> {
  const policy = JSON.parse(await readFile(POLICY_FILE, 'utf8')) as Policy;
  const actions = policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
  return { policy, actions };
}

/** Every `new XCommand(` in the source files, as the IAM action of its client package. */
async function commandsInSource(): Promise<string[]> {
  const found = new Set<string>();
  for (const file of await readdir(here)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.startsWith('test')) continue;
    const text = await readFile(path.join(here, file), 'utf8');
    const serviceOf = new Map<string, string>();
    for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/[^']+)'/g)) {
      const service = SERVICE_OF_PACKAGE[m[2]!];
      for (const name of m[1]!.split(',').map((n) => n.trim())) if (service) serviceOf.set(name, service);
    }
    for (const m of text.matchAll(/new (\w+Command)\(/g)) {
      const service = serviceOf.get(m[1]!);
      expect(service, `${file}: ${m[1]} is not imported from a known @aws-sdk client`).toBeDefined();
      found.add(`${service}:${m[1]!.replace(/Command$/, '')}`);
    }
  }
  return [...found].sort();
}

let aws: ReturnType<typeof installFakeAws> | undefined;
afterEach(() => aws?.restore());

describe('docs/iam-policy.json', () => {
  it('is a valid policy document that allows only Describe/List/Get actions, no wildcard', async () => {
    const { policy, actions } = await policyActions();
    expect(policy.Version).toBe('2012-10-17');
    for (const s of policy.Statement) expect(s.Effect).toBe('Allow');
    for (const action of actions)
      expect(action).toMatch(/^(ecs|elasticloadbalancing|ec2):(Describe|List|Get)[A-Za-z]+$/);
    expect(new Set(actions).size).toBe(actions.length);
  });

  it('allows every command the code sends, and nothing it does not send', async () => {
    const { actions } = await policyActions();
    const used = (await commandsInSource()).filter((a) => !EXEMPT.has(a));
    expect(used.length).toBeGreaterThan(20);
    expect([...actions].sort()).toEqual(used);
  });

  it('covers every action counted in a full poll and a VPC refresh', async () => {
    const { actions } = await policyActions();
    const estate = buildEstate();
    aws = installFakeAws({ [`${ACCOUNT}/${REGION}`]: estate });
    const source = new LiveSource({
      config: parseLiveAwsConfig({ regions: [REGION] }),
      targets: testTargets([{ account: ACCOUNT, region: REGION }]),
    });
    const seen = new Set(Object.keys((await source.poll(new Date(0))).calls.byAction));
    estate.LoadBalancerTargetHealth![0]!.TargetHealthDescriptions[0]!.TargetHealth.State = 'healthy';
    for (const action of Object.keys((await source.poll(new Date(60_000))).calls.byAction)) seen.add(action);
    for (const action of seen) expect(actions).toContain(action);
    expect([...seen].sort()).toEqual([...actions].sort());
  });
});
