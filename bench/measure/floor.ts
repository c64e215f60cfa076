// The fewest API calls a poll of this estate can make, computed here from the estate itself (not by the live
// source), from the APIs' documented limits: ECS ListClusters/ListServices/ListTasks 100 per page,
// DescribeClusters/Tasks/ContainerInstances 100 ids, DescribeServices 10; ELBv2 PageSize 400 and exactly one
// target group per DescribeTargetHealth; EC2 MaxResults 1000 (route tables 100) with VPC-id filters of up to
// 200 values (EC2 documents no cap; 200 is the common practical limit). Recently stopped tasks cost one
// ListTasks(desiredStatus=STOPPED) page per cluster: without it no stopped reason is ever seen.
import type { SnapshotData } from '@porthole/shared';

export interface Tiers {
  hot: boolean;
  warm: boolean;
  cold: boolean;
  /** Task definitions are immutable by ARN: only the first poll describes them. */
  firstPoll: boolean;
}

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
const batches = (n: number, size: number) => Math.ceil(n / size);
const FILTER_VALUES = 200;
const EC2_VPC_KINDS: Array<[keyof SnapshotData, number]> = [
  ['Vpcs', 1000],
  ['Subnets', 1000],
  ['SecurityGroups', 1000],
  ['NetworkAcls', 1000],
  ['RouteTables', 100],
  ['NetworkInterfaces', 1000],
  ['InternetGateways', 1000],
  ['NatGateways', 1000],
  ['VpcEndpoints', 1000],
];

export function floorOf(d: SnapshotData, t: Tiers): number {
  let calls = 0;
  const clusters = d.clusters ?? [];
  if (t.warm) {
    calls += 2 * pages(clusters.length, 100); // ListClusters + DescribeClusters
    const lbs = d.LoadBalancers ?? [];
    calls += pages(lbs.length, 400) + pages((d.TargetGroups ?? []).length, 400);
    for (const lb of lbs) {
      const listeners = (d.Listeners ?? []).filter((l) => l.LoadBalancerArn === lb.LoadBalancerArn);
      calls += pages(listeners.length, 400);
      for (const l of listeners.filter((x) => x.Protocol === 'HTTP' || x.Protocol === 'HTTPS')) {
        const prefix = `${l.ListenerArn.replace(':listener/', ':listener-rule/')}/`;
        calls += pages((d.Rules ?? []).filter((r) => r.RuleArn.startsWith(prefix)).length, 400);
      }
    }
  }
  if (t.hot) {
    for (const c of clusters) {
      const services = (d.services ?? []).filter((s) => s.clusterArn === c.clusterArn).length;
      const tasks = (d.tasks ?? []).filter((x) => x.clusterArn === c.clusterArn);
      const running = tasks.filter((x) => x.desiredStatus !== 'STOPPED').length;
      const instances = new Set(
        tasks.flatMap((x) => (x.containerInstanceArn ? [x.containerInstanceArn] : [])),
      ).size;
      calls += pages(services, 100) + batches(services, 10);
      calls += pages(running, 100) + 1 + batches(tasks.length, 100) + batches(instances, 100);
    }
    calls += (d.TargetGroups ?? []).length;
    if (t.firstPoll) calls += new Set((d.services ?? []).map((s) => s.taskDefinition)).size;
  }
  if (t.cold) {
    const instances = (d.Reservations ?? []).flatMap((r) => r.Instances).length;
    calls += batches(instances, FILTER_VALUES);
    const vpcs = new Set((d.Vpcs ?? []).map((v) => v.VpcId));
    for (const [kind, size] of EC2_VPC_KINDS) {
      const n = ((d[kind] ?? []) as unknown[]).length;
      // One request per batch of VPC ids (each batch at least one page); spread evenly over the batches.
      const nBatches = Math.max(1, batches(vpcs.size, FILTER_VALUES));
      calls += nBatches * pages(Math.ceil(n / nBatches), size);
    }
  }
  return calls;
}
