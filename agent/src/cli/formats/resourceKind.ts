// What kind of AWS resource a finding's resource string names: an ARN, an EC2 id or an IP address.

const EC2_ID_PREFIXES: [prefix: string, kind: string][] = [
  ['sg-', 'security-group'],
  ['acl-', 'network-acl'],
  ['subnet-', 'subnet'],
  ['rtb-', 'route-table'],
  ['i-', 'instance'],
  ['eni-', 'network-interface'],
  ['vpc-', 'vpc'],
  ['vpce-', 'vpc-endpoint'],
  ['igw-', 'internet-gateway'],
  ['eigw-', 'egress-only-internet-gateway'],
  ['nat-', 'nat-gateway'],
  ['pl-', 'prefix-list'],
  ['tgw-', 'transit-gateway'],
  ['pcx-', 'vpc-peering-connection'],
  ['vgw-', 'vpn-gateway'],
];

/** ARN resource part `type/…` (or `type:…`) → kind, for the services Porthole reads. */
const ARN_RESOURCE_TYPES: Record<string, string> = {
  'elasticloadbalancing:loadbalancer': 'load-balancer',
  'elasticloadbalancing:targetgroup': 'target-group',
  'elasticloadbalancing:listener': 'listener',
  'elasticloadbalancing:listener-rule': 'listener-rule',
  'ecs:service': 'ecs-service',
  'ecs:cluster': 'ecs-cluster',
  'ecs:task': 'ecs-task',
  'ecs:task-definition': 'ecs-task-definition',
  'ecs:container-instance': 'ecs-container-instance',
};

export interface ResourceName {
  /** Short name: the id, or the ARN's resource part. */
  name: string;
  /** The string as the finding has it (ARN, id or address). */
  fullyQualifiedName: string;
  kind: string;
}

export function describeResource(resource: string): ResourceName {
  const arn = /^arn:[^:]+:([^:]+):[^:]*:[^:]*:(.+)$/.exec(resource);
  if (arn) {
    const [, service, rest] = arn as unknown as [string, string, string];
    const type = rest.split(/[/:]/)[0]!;
    const kind = ARN_RESOURCE_TYPES[`${service}:${type}`] ?? `${service}-${type}`;
    return { name: rest, fullyQualifiedName: resource, kind };
  }
  const ec2 = EC2_ID_PREFIXES.find(([prefix]) => resource.startsWith(prefix));
  if (ec2) return { name: resource, fullyQualifiedName: resource, kind: ec2[1] };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(resource) || /^[0-9a-f:]+:[0-9a-f:]*$/i.test(resource)) {
    return { name: resource, fullyQualifiedName: resource, kind: 'ip-address' };
  }
  return { name: resource, fullyQualifiedName: resource, kind: 'resource' };
}
