// Zod schemas for the ECS shapes Porthole reads (`aws ecs describe-* --output json`, camelCase).
import { z } from 'zod';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.optional().nullable();
/** The CLI prints timestamps as ISO strings by default, as epoch seconds with cli_timestamp_format=none. */
const timestamp = opt(z.union([str, z.number()]));
const KeyValue = z.looseObject({ name: opt(str), value: opt(str) });

export const ClusterSchema = z.looseObject({ clusterArn: str, clusterName: opt(str), status: opt(str) });
export type Cluster = z.infer<typeof ClusterSchema>;

export const ServiceSchema = z.looseObject({
  serviceArn: str,
  serviceName: str,
  clusterArn: opt(str),
  status: opt(str),
  desiredCount: opt(z.number()),
  runningCount: opt(z.number()),
  pendingCount: opt(z.number()),
  launchType: opt(str),
  taskDefinition: opt(str),
  healthCheckGracePeriodSeconds: opt(z.number()),
  loadBalancers: opt(
    z.array(
      z.looseObject({
        targetGroupArn: opt(str),
        loadBalancerName: opt(str),
        containerName: opt(str),
        containerPort: opt(z.number()),
      }),
    ),
  ),
  networkConfiguration: opt(
    z.looseObject({
      awsvpcConfiguration: opt(
        z.looseObject({
          subnets: opt(z.array(str)),
          securityGroups: opt(z.array(str)),
          assignPublicIp: opt(str),
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
        desiredCount: opt(z.number()),
        runningCount: opt(z.number()),
        failedTasks: opt(z.number()),
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
        bindIP: opt(str),
        containerPort: opt(z.number()),
        hostPort: opt(z.number()),
        protocol: opt(str),
      }),
    ),
  ),
  networkInterfaces: opt(
    z.array(z.looseObject({ attachmentId: opt(str), privateIpv4Address: opt(str), ipv6Address: opt(str) })),
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
      z.looseObject({ id: opt(str), type: opt(str), status: opt(str), details: opt(z.array(KeyValue)) }),
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
        containerPort: opt(z.number()),
        hostPort: opt(z.number()),
        protocol: opt(str),
        name: opt(str),
        containerPortRange: opt(str),
        hostPortRange: opt(str),
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
  revision: opt(z.number()),
  networkMode: opt(str),
  requiresCompatibilities: opt(z.array(str)),
  containerDefinitions: z.array(ContainerDefinitionSchema),
});
export type TaskDefinition = z.infer<typeof TaskDefinitionSchema>;
