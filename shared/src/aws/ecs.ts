// Zod schemas for the ECS shapes Porthole reads (`aws ecs describe-* --output json`, camelCase).
import { z } from 'zod';
import { Count, IpAddress, Ipv4Address, Ipv6Address, ListeningPort, Port, intIn, oneOf } from './values.ts';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.optional().nullable();
/** The CLI prints timestamps as ISO strings by default, as epoch seconds with cli_timestamp_format=none. */
const timestamp = opt(z.union([str, z.number()]));
const KeyValue = z.looseObject({ name: opt(str), value: opt(str) });
/** PortMapping / NetworkBinding protocol (ECS API reference, TransportProtocol). */
const transport = oneOf(['tcp', 'udp']);
/** "8000-8010": first < last, both 1-65535 (ECS API reference, PortMapping containerPortRange). */
const PortRange = z.string().superRefine((text, ctx) => {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(text);
  const [from, to] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(from >= 1 && to <= 65535 && from < to))
    ctx.addIssue({
      code: 'custom',
      message: 'not a port range like 8000-8010 (1-65535, first < last)',
      input: text,
    });
});
/** Task attachment details: the ENI's private address is computed with, so it must be an address. */
const AttachmentDetail = KeyValue.superRefine((kv, ctx) => {
  if (kv.name === 'privateIPv4Address' && kv.value != null && !Ipv4Address.safeParse(kv.value).success)
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'not an IPv4 address', input: kv.value });
});

export const ClusterSchema = z.looseObject({ clusterArn: str, clusterName: opt(str), status: opt(str) });
export type Cluster = z.infer<typeof ClusterSchema>;

export const ServiceSchema = z.looseObject({
  serviceArn: str,
  serviceName: str,
  clusterArn: opt(str),
  status: opt(str),
  desiredCount: opt(Count),
  runningCount: opt(Count),
  pendingCount: opt(Count),
  launchType: opt(str),
  taskDefinition: opt(str),
  healthCheckGracePeriodSeconds: opt(intIn(0, 2147483647)),
  loadBalancers: opt(
    z.array(
      z.looseObject({
        targetGroupArn: opt(str),
        loadBalancerName: opt(str),
        containerName: opt(str),
        containerPort: opt(ListeningPort),
      }),
    ),
  ),
  networkConfiguration: opt(
    z.looseObject({
      awsvpcConfiguration: opt(
        z.looseObject({
          subnets: opt(z.array(str)),
          securityGroups: opt(z.array(str)),
          assignPublicIp: opt(oneOf(['ENABLED', 'DISABLED'])),
        }),
      ),
    }),
  ),
  deployments: opt(
    z.array(
      z.looseObject({
        id: opt(str),
        status: opt(str),
        taskDefinition: opt(str),
        desiredCount: opt(Count),
        runningCount: opt(Count),
        pendingCount: opt(Count),
        failedTasks: opt(Count),
        rolloutState: opt(str),
        rolloutStateReason: opt(str),
        createdAt: timestamp,
        updatedAt: timestamp,
      }),
    ),
  ),
  events: opt(z.array(z.looseObject({ id: opt(str), createdAt: timestamp, message: str }))),
  createdAt: timestamp,
});
export type Service = z.infer<typeof ServiceSchema>;

export const TaskContainerSchema = z.looseObject({
  name: opt(str),
  image: opt(str),
  lastStatus: opt(str),
  exitCode: opt(z.number()),
  reason: opt(str),
  healthStatus: opt(str),
  networkBindings: opt(
    z.array(
      z.looseObject({
        bindIP: opt(IpAddress),
        containerPort: opt(Port),
        hostPort: opt(Port),
        protocol: opt(transport),
      }),
    ),
  ),
  networkInterfaces: opt(
    z.array(
      z.looseObject({
        attachmentId: opt(str),
        privateIpv4Address: opt(Ipv4Address),
        ipv6Address: opt(Ipv6Address),
      }),
    ),
  ),
});

export const TaskSchema = z.looseObject({
  taskArn: str,
  clusterArn: opt(str),
  taskDefinitionArn: opt(str),
  containerInstanceArn: opt(str),
  group: opt(str),
  lastStatus: opt(str),
  desiredStatus: opt(str),
  launchType: opt(str),
  availabilityZone: opt(str),
  healthStatus: opt(str),
  containers: opt(z.array(TaskContainerSchema)),
  attachments: opt(
    z.array(
      z.looseObject({
        id: opt(str),
        type: opt(str),
        status: opt(str),
        details: opt(z.array(AttachmentDetail)),
      }),
    ),
  ),
  overrides: opt(z.looseObject({})),
  createdAt: timestamp,
  startedAt: timestamp,
  stoppingAt: timestamp,
  stoppedAt: timestamp,
  stoppedReason: opt(str),
  stopCode: opt(str),
});
export type Task = z.infer<typeof TaskSchema>;

export const ContainerInstanceSchema = z.looseObject({
  containerInstanceArn: str,
  ec2InstanceId: opt(str),
  status: opt(str),
  agentConnected: opt(z.boolean()),
  attributes: opt(z.array(KeyValue)),
});
export type ContainerInstance = z.infer<typeof ContainerInstanceSchema>;

export const ContainerDefinitionSchema = z.looseObject({
  name: str,
  image: opt(str),
  essential: opt(z.boolean()),
  portMappings: opt(
    z.array(
      z.looseObject({
        containerPort: opt(ListeningPort),
        // 0 or omitted in bridge mode: a dynamic host port (ECS API reference, PortMapping).
        hostPort: opt(Port),
        protocol: opt(transport),
        name: opt(str),
        containerPortRange: opt(PortRange),
        hostPortRange: opt(PortRange),
      }),
    ),
  ),
  environment: opt(z.array(KeyValue)),
  secrets: opt(z.array(z.looseObject({ name: opt(str), valueFrom: opt(str) }))),
});
export type ContainerDefinition = z.infer<typeof ContainerDefinitionSchema>;

export const TaskDefinitionSchema = z.looseObject({
  taskDefinitionArn: str,
  family: opt(str),
  revision: opt(intIn(1, Number.MAX_SAFE_INTEGER)),
  // ECS API reference, RegisterTaskDefinition: closed (the host port and target semantics follow it).
  networkMode: opt(oneOf(['bridge', 'host', 'awsvpc', 'none'])),
  requiresCompatibilities: opt(z.array(str)),
  containerDefinitions: z.array(ContainerDefinitionSchema),
});
export type TaskDefinition = z.infer<typeof TaskDefinitionSchema>;
