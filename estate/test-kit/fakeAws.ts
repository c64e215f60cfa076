// A fake AWS for the live source's tests, on aws-sdk-client-mock: answers each command from an
// estate (per account/region), honouring the real limits (page sizes, batch sizes, filters) so a
// collector that breaks one fails loudly. Timestamps come back as Date objects, as from the SDK.
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { SnapshotData } from '@porthole/shared';
import { mockClient } from 'aws-sdk-client-mock';
import { clientsFor, type ScanTarget } from '../../agent/src/sources/aws/clients.ts';
import { installEc2 } from './fakeEc2.ts';

export type Obj = Record<string, unknown>;
type GetClient = () => {
  config: { region: () => Promise<string>; credentials: () => Promise<{ accessKeyId: string }> };
};

export function awsError(name: string, message = name, attempts?: number): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: attempts ? { attempts } : {},
  });
}

/** ISO strings → Date, deep: what the SDK hands back for timestamp fields. */
function sdkShape<T>(value: T): T {
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value))
    return new Date(value) as T;
  if (Array.isArray(value)) return value.map(sdkShape) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sdkShape(v)])) as T;
  }
  return value;
}

export function page<T>(
  items: T[],
  token: string | undefined,
  size: number | undefined,
  max: number,
  dflt: number,
) {
  if (size !== undefined && (size < 1 || size > max))
    throw awsError('InvalidParameterException', `page size ${size} not in 1..${max}`);
  const start = token ? Number(token) : 0;
  const n = size ?? dflt;
  return {
    items: items.slice(start, start + n),
    next: start + n < items.length ? String(start + n) : undefined,
  };
}

function batch(ids: unknown, max: number, what: string): string[] {
  const list = (ids ?? []) as string[];
  if (list.length === 0 || list.length > max)
    throw awsError('InvalidParameterException', `${what}: ${list.length} ids, 1..${max} allowed`);
  return list;
}

/** Account of a client: its access key is "AKIA<account>" in these tests. */
export const accessKeyFor = (account: string) => `AKIA${account}`;

export function installFakeAws(estates: Record<string, SnapshotData>) {
  const ecs = mockClient(ECSClient);
  const elb = mockClient(ElasticLoadBalancingV2Client);
  const ec2 = mockClient(EC2Client);
  const sts = mockClient(STSClient);
  // getClient() is the client of the latest send: read it before the first await.
  const scopeOf = async (getClient: GetClient): Promise<SnapshotData> => {
    const client = getClient();
    const region = await client.config.region();
    const { accessKeyId } = await client.config.credentials();
    const key = `${accessKeyId.replace(/^AKIA/, '')}/${region}`;
    const data = estates[key];
    if (!data) throw awsError('UnrecognizedClientException', `no estate for ${key}`);
    return data;
  };
  const on = <I>(
    stub: { on: (c: never) => { callsFake: (fn: (input: I, g: GetClient) => unknown) => unknown } },
    command: unknown,
    fn: (input: I, d: SnapshotData) => unknown,
  ) =>
    stub
      .on(command as never)
      .callsFake(async (input: I, g: GetClient) => sdkShape(fn(input, await scopeOf(g))));

  // ECS (ListServices defaults to 10 per page: a collector that forgets maxResults pays for it).
  on<Obj>(ecs, ListClustersCommand, (i, d) => {
    const p = page(
      (d.clusters ?? []).map((c) => c.clusterArn),
      i.nextToken as string,
      i.maxResults as number,
      100,
      100,
    );
    return { clusterArns: p.items, nextToken: p.next };
  });
  on<Obj>(ecs, DescribeClustersCommand, (i, d) => {
    const ids = batch(i.clusters, 100, 'DescribeClusters');
    return { clusters: (d.clusters ?? []).filter((c) => ids.includes(c.clusterArn)), failures: [] };
  });
  on<Obj>(ecs, ListServicesCommand, (i, d) => {
    const arns = (d.services ?? []).filter((s) => s.clusterArn === i.cluster).map((s) => s.serviceArn);
    const p = page(arns, i.nextToken as string, i.maxResults as number, 100, 10);
    return { serviceArns: p.items, nextToken: p.next };
  });
  on<Obj>(ecs, DescribeServicesCommand, (i, d) => {
    const ids = batch(i.services, 10, 'DescribeServices');
    return { services: (d.services ?? []).filter((s) => ids.includes(s.serviceArn)), failures: [] };
  });
  on<Obj>(ecs, ListTasksCommand, (i, d) => {
    const wanted = (i.desiredStatus as string | undefined) ?? 'RUNNING';
    const arns = (d.tasks ?? [])
      .filter((t) => t.clusterArn === i.cluster && t.desiredStatus === wanted)
      .map((t) => t.taskArn);
    const p = page(arns, i.nextToken as string, i.maxResults as number, 100, 100);
    return { taskArns: p.items, nextToken: p.next };
  });
  on<Obj>(ecs, DescribeTasksCommand, (i, d) => {
    const ids = batch(i.tasks, 100, 'DescribeTasks');
    return { tasks: (d.tasks ?? []).filter((t) => ids.includes(t.taskArn)), failures: [] };
  });
  on<Obj>(ecs, DescribeContainerInstancesCommand, (i, d) => {
    const ids = batch(i.containerInstances, 100, 'DescribeContainerInstances');
    return {
      containerInstances: (d.containerInstances ?? []).filter((c) => ids.includes(c.containerInstanceArn)),
      failures: [],
    };
  });
  on<Obj>(ecs, DescribeTaskDefinitionCommand, (i, d) => {
    const td = (d.taskDefinitions ?? []).find((t) => t.taskDefinitionArn === i.taskDefinition);
    if (!td) throw awsError('ClientException', 'Unable to describe task definition.');
    return { taskDefinition: td, tags: [] };
  });

  // ELBv2
  const elbPage = (items: unknown[], i: Obj) => {
    const p = page(items, i.Marker as string, i.PageSize as number, 400, 400);
    return { items: p.items, NextMarker: p.next };
  };
  on<Obj>(elb, DescribeLoadBalancersCommand, (i, d) => {
    const p = elbPage(d.LoadBalancers ?? [], i);
    return { LoadBalancers: p.items, NextMarker: p.NextMarker };
  });
  on<Obj>(elb, DescribeTargetGroupsCommand, (i, d) => {
    const p = elbPage(d.TargetGroups ?? [], i);
    return { TargetGroups: p.items, NextMarker: p.NextMarker };
  });
  on<Obj>(elb, DescribeListenersCommand, (i, d) => {
    if (!i.LoadBalancerArn) throw awsError('ValidationError', 'LoadBalancerArn required');
    const p = elbPage(
      (d.Listeners ?? []).filter((l) => l.LoadBalancerArn === i.LoadBalancerArn),
      i,
    );
    return { Listeners: p.items, NextMarker: p.NextMarker };
  });
  on<Obj>(elb, DescribeRulesCommand, (i, d) => {
    const listener = String(i.ListenerArn).replace(':listener/', ':listener-rule/');
    const p = elbPage(
      (d.Rules ?? []).filter((r) => r.RuleArn.startsWith(`${listener}/`)),
      i,
    );
    return { Rules: p.items, NextMarker: p.NextMarker };
  });
  on<Obj>(elb, DescribeTargetHealthCommand, (i, d) => {
    const group = (d.LoadBalancerTargetHealth ?? []).find((h) => h.TargetGroupArn === i.TargetGroupArn);
    if (!group) throw awsError('TargetGroupNotFound', `${String(i.TargetGroupArn)} not found`);
    return { TargetHealthDescriptions: group.TargetHealthDescriptions };
  });

  installEc2(on, ec2);
  sts.on(GetCallerIdentityCommand).callsFake(async (_i: Obj, g: GetClient) => {
    const { accessKeyId } = await g().config.credentials();
    const account = accessKeyId.replace(/^AKIA/, '');
    return { Account: account, Arn: `arn:aws:iam::${account}:user/tester`, UserId: 'AIDATESTER' };
  });
  sts.on(AssumeRoleCommand).callsFake((i: Obj) => ({
    Credentials: {
      AccessKeyId: accessKeyFor(String(i.RoleArn).split(':')[4] ?? ''),
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(Date.now() + 3600_000),
    },
  }));
  const restore = () => [ecs, elb, ec2, sts].forEach((m) => m.restore());
  return { ecs, elb, ec2, sts, restore };
}

/** Real SDK clients (their send is mocked) with static credentials naming the account. */
export function testTargets(scopes: { account: string; region: string }[]): () => Promise<ScanTarget[]> {
  return async () =>
    scopes.map(({ account, region }) => {
      const credentials = async () => ({ accessKeyId: accessKeyFor(account), secretAccessKey: 'secret' });
      return { account, region, clients: clientsFor(region, credentials, 5000) };
    });
}
