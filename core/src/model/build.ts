// Snapshot → EstateModel. Pure: the same snapshot always gives the same model.
import { scopeKey, type Snapshot, type SnapshotKind, type TaskDefinition, pushAll } from '@porthole/shared';
import { addEcs } from './buildEcs.ts';
import { addElb } from './buildElb.ts';
import { addNetwork } from './buildNetwork.ts';
import { ScopedIndex } from './scopedIndex.ts';
import type { EstateModel } from './types.ts';

export function emptyModel(): EstateModel {
  return {
    scopes: new Map(),
    vpcs: new ScopedIndex(),
    subnets: new ScopedIndex(),
    securityGroups: new ScopedIndex(),
    networkAcls: new ScopedIndex(),
    naclBySubnet: new ScopedIndex(),
    routeTables: new ScopedIndex(),
    internetGateways: new ScopedIndex(),
    natGateways: new ScopedIndex(),
    vpcEndpoints: new ScopedIndex(),
    prefixLists: new ScopedIndex(),
    instances: new ScopedIndex(),
    networkInterfaces: new ScopedIndex(),
    eniByPrivateIp: new ScopedIndex(),
    enisBySecurityGroup: new ScopedIndex(),
    loadBalancers: new Map(),
    targetGroups: new Map(),
    services: new Map(),
    tasks: new Map(),
    containerInstances: new Map(),
    warnings: [],
  };
}

export function buildModel(snapshot: Snapshot): EstateModel {
  const model = emptyModel();
  pushAll(model.warnings, snapshot.warnings);
  for (const part of snapshot.partitions) {
    const key = scopeKey(part);
    const status = model.scopes.get(key) ?? {
      account: part.account,
      region: part.region,
      present: new Set<SnapshotKind>(),
      stale: new Map(),
    };
    for (const kind of Object.keys(part.data) as SnapshotKind[]) {
      if (part.data[kind] !== undefined) status.present.add(kind);
    }
    for (const [kind, mark] of Object.entries(part.stale ?? {})) {
      if (mark) status.stale.set(kind as SnapshotKind, mark);
    }
    model.scopes.set(key, status);
  }
  // Order matters: ELB nodes look up ENIs, ECS joins target groups and container instances.
  for (const part of snapshot.partitions) addNetwork(model, part);
  for (const part of snapshot.partitions) addElb(model, part);
  const taskDefs = new Map<string, TaskDefinition>();
  for (const part of snapshot.partitions) {
    for (const td of part.data.taskDefinitions ?? []) taskDefs.set(td.taskDefinitionArn, td);
  }
  for (const part of snapshot.partitions) {
    for (const ci of part.data.containerInstances ?? []) {
      model.containerInstances.set(ci.containerInstanceArn, ci.ec2InstanceId ?? null);
    }
  }
  for (const part of snapshot.partitions) addEcs(model, part, taskDefs);
  return model;
}
