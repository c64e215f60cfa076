// The deploy/ecs JSON files, their ${PLACEHOLDER}s (filled with envsubst) and example values for tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ECS_DIR = join(import.meta.dirname, '..', '..', 'deploy', 'ecs');

/** Realistic values in the shapes AWS returns, for the placeholders deploy/README.md lists. */
export const EXAMPLE_VALUES: Record<string, string> = {
  ACCOUNT_ID: '111111111111',
  REGION: 'eu-west-1',
  IMAGE: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/porthole:0.1.0',
  TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:porthole/token-AbCdEf',
  STORE_URL_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:porthole/store-url-GhIjKl',
  EFS_FILE_SYSTEM_ID: 'fs-0123456789abcdef0',
  EFS_ACCESS_POINT_ID: 'fsap-0123456789abcdef0',
  CLUSTER: 'ops',
  PRIVATE_SUBNET_A: 'subnet-0a1b2c3d4e5f60718',
  PRIVATE_SUBNET_B: 'subnet-0f1e2d3c4b5a69788',
  TASK_SECURITY_GROUP: 'sg-0123456789abcdef0',
  TARGET_GROUP_ARN:
    'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/porthole/73e2d6bc24d8a067',
  VPC_ID: 'vpc-0123456789abcdef0',
  ALB_SECURITY_GROUP: 'sg-0fedcba9876543210',
  LOAD_BALANCER_ARN:
    'arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/porthole/50dc6c495c0c9188',
};

export function readEcsFile(name: string): string {
  return readFileSync(join(ECS_DIR, name), 'utf8');
}

export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

/** What `envsubst` does with these files. */
export function substitute(text: string, values = EXAMPLE_VALUES): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no example value for \${${name}}`);
    return value;
  });
}

export function loadEcsJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(substitute(readEcsFile(name))) as T;
}

/** Request parameters of RegisterTaskDefinition, as the ECS API reference lists them. */
export const REGISTER_TASK_DEFINITION_FIELDS = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'tags',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
];

/** Request parameters of CreateService, as the ECS API reference lists them. */
export const CREATE_SERVICE_FIELDS = [
  'cluster',
  'serviceName',
  'taskDefinition',
  'availabilityZoneRebalancing',
  'loadBalancers',
  'serviceRegistries',
  'desiredCount',
  'clientToken',
  'launchType',
  'capacityProviderStrategy',
  'platformVersion',
  'role',
  'deploymentConfiguration',
  'placementConstraints',
  'placementStrategy',
  'networkConfiguration',
  'healthCheckGracePeriodSeconds',
  'schedulingStrategy',
  'deploymentController',
  'tags',
  'enableECSManagedTags',
  'propagateTags',
  'enableExecuteCommand',
  'serviceConnectConfiguration',
  'volumeConfigurations',
  'vpcLatticeConfigurations',
];
