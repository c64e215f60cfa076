// Small, realistic AWS CLI outputs for the snapshot reader's tests (shapes as `aws … --output json` prints).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';
export const SECRET = 's3cr3t-Hunter2-do-not-leak';

export function securityGroups(groupId = 'sg-0a1b2c3d4e5f60001', ownerId: string | null = ACCOUNT) {
  return {
    SecurityGroups: [
      {
        Description: 'web ALB',
        GroupName: 'web-alb',
        IpPermissions: [
          {
            FromPort: 443,
            IpProtocol: 'tcp',
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [],
            PrefixListIds: [],
            ToPort: 443,
            UserIdGroupPairs: [],
          },
        ],
        ...(ownerId ? { OwnerId: ownerId } : {}),
        GroupId: groupId,
        IpPermissionsEgress: [
          {
            IpProtocol: '-1',
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [],
            PrefixListIds: [],
            UserIdGroupPairs: [],
          },
        ],
        VpcId: 'vpc-0123456789abcdef0',
      },
    ],
  };
}

export function subnets(subnetId = 'subnet-0aaa1111bbbb22220') {
  return {
    Subnets: [
      {
        AvailabilityZone: 'us-east-1a',
        AvailabilityZoneId: 'use1-az1',
        AvailableIpAddressCount: 250,
        CidrBlock: '10.0.1.0/24',
        DefaultForAz: false,
        MapPublicIpOnLaunch: false,
        State: 'available',
        SubnetId: subnetId,
        VpcId: 'vpc-0123456789abcdef0',
      },
    ],
  };
}

export const lbArn = (region = 'us-east-1', account = ACCOUNT) =>
  `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/app/web/50dc6c495c0c9188`;
export const tgArn = (region = 'us-east-1', account = ACCOUNT) =>
  `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/web/73e2d6bc24d8a067`;
export const listenerArn = (port: number, region = 'us-east-1') =>
  `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc52${port}`;

export function listener(port: number, withLoadBalancerArn = true) {
  return {
    ListenerArn: listenerArn(port),
    ...(withLoadBalancerArn ? { LoadBalancerArn: lbArn() } : {}),
    Port: port,
    Protocol: port === 443 ? 'HTTPS' : 'HTTP',
    DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn() }],
  };
}

export function targetHealth() {
  return {
    LoadBalancerTargetHealth: [
      {
        TargetGroupArn: tgArn(),
        TargetHealthDescriptions: [
          {
            Target: { Id: 'i-0f76fade435676abc', Port: 32768 },
            HealthCheckPort: '32768',
            TargetHealth: {
              State: 'unhealthy',
              Reason: 'Target.Timeout',
              Description: 'Request timed out',
            },
          },
        ],
      },
    ],
  };
}

/** `aws ecs describe-task-definition --include TAGS`, with a plain-text secret in the environment. */
export function describeTaskDefinition(region = 'us-east-1') {
  return {
    taskDefinition: {
      taskDefinitionArn: `arn:aws:ecs:${region}:${ACCOUNT}:task-definition/web:7`,
      containerDefinitions: [
        {
          name: 'web',
          image: `${ACCOUNT}.dkr.ecr.${region}.amazonaws.com/web:1.4.2`,
          cpu: 0,
          portMappings: [{ containerPort: 8080, hostPort: 0, protocol: 'tcp' }],
          essential: true,
          environment: [
            { name: 'PORT', value: '8080' },
            { name: 'DB_PASSWORD', value: SECRET },
          ],
          repositoryCredentials: {
            credentialsParameter: `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:reg`,
          },
          mountPoints: [],
          volumesFrom: [],
        },
      ],
      family: 'web',
      networkMode: 'bridge',
      revision: 7,
      status: 'ACTIVE',
      requiresCompatibilities: ['EC2'],
    },
    tags: [{ key: 'team', value: 'payments' }],
  };
}

export async function makeTmpDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'porthole-snap-'));
}

/** Writes files under `root`; string contents are written verbatim, anything else as indented JSON. */
export async function writeTree(root: string, files: Record<string, unknown>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, typeof content === 'string' ? content : JSON.stringify(content, null, 4));
  }
}
