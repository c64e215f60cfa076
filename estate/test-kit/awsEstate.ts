// A generated estate for the live source's tests, as the AWS CLI prints it (ISO timestamps):
// one cluster of bridge-mode services behind one ALB, whose instance security group only allows
// port 80 from the ALB, so every target on a dynamic host port times out.
import type { SnapshotData } from '@porthole/shared';
import { network } from './awsNetwork.ts';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';
export const SECRET = 'hunter2-live-secret';

export interface EstateOptions {
  account?: string;
  region?: string;
  services?: number;
  tasksPerService?: number;
  stoppedTasks?: number;
  containerInstances?: number;
  /** Target groups not used by any service (to make DescribeTargetGroups page). */
  extraTargetGroups?: number;
  /** Extra route tables in the VPC (DescribeRouteTables pages at 100). */
  extraRouteTables?: number;
  /** Health state of every target. */
  targetState?: string;
}

const T0 = '2026-11-24T09:00:00.000Z';
const arn = (service: string, region: string, account: string, resource: string) =>
  `arn:aws:${service}:${region}:${account}:${resource}`;

export function buildEstate(opts: EstateOptions = {}): SnapshotData {
  const account = opts.account ?? ACCOUNT;
  const region = opts.region ?? REGION;
  const nServices = opts.services ?? 2;
  const perService = opts.tasksPerService ?? 2;
  const nInstances = opts.containerInstances ?? 2;
  const ecs = (r: string) => arn('ecs', region, account, r);
  const elb = (r: string) => arn('elasticloadbalancing', region, account, r);
  const vpc = 'vpc-0a00000000000001';
  const cluster = ecs('cluster/prod');
  const albArn = elb('loadbalancer/app/web-alb/50dc6c495c0c9188');
  const listenerArn = elb('listener/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2');
  const pub = ['subnet-0a00000000000a01', 'subnet-0a00000000000b01'];
  const priv = ['subnet-0a00000000000a10', 'subnet-0a00000000000b10'];
  const az = (i: number) => `${region}${i % 2 === 0 ? 'a' : 'b'}`;
  const instanceId = (i: number) => `i-0${String(i).padStart(16, '0')}`;
  const ciArn = (i: number) => ecs(`container-instance/prod/${String(i).padStart(32, 'c')}`);
  const tgArn = (name: string) => elb(`targetgroup/${name}/${'0123456789abcdef'}`);

  const services = [];
  const tasks = [];
  const taskDefinitions = [];
  const targetGroups = [];
  const health = [];
  for (let s = 0; s < nServices; s++) {
    const name = `svc-${s}`;
    const td = ecs(`task-definition/${name}:1`);
    const tg = tgArn(`tg-${s}`);
    taskDefinitions.push({
      taskDefinitionArn: td,
      family: name,
      revision: 1,
      networkMode: 'bridge',
      requiresCompatibilities: ['EC2'],
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:1.27',
          essential: true,
          portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
          environment: [{ name: 'DB_PASSWORD', value: SECRET }],
        },
      ],
      registeredAt: T0,
    });
    services.push({
      serviceArn: ecs(`service/prod/${name}`),
      serviceName: name,
      clusterArn: cluster,
      status: 'ACTIVE',
      desiredCount: perService,
      runningCount: perService,
      pendingCount: 0,
      launchType: 'EC2',
      taskDefinition: td,
      healthCheckGracePeriodSeconds: 60,
      loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 80 }],
      deployments: [
        {
          id: `ecs-svc/${s}`,
          status: 'PRIMARY',
          taskDefinition: td,
          desiredCount: perService,
          runningCount: perService,
          rolloutState: 'COMPLETED',
          createdAt: T0,
          updatedAt: T0,
        },
      ],
      events: [{ id: `ev-${s}`, createdAt: T0, message: `(service ${name}) has reached a steady state.` }],
      createdAt: T0,
    });
    const descriptions = [];
    for (let k = 0; k < perService; k++) {
      const n = s * perService + k;
      const host = n % nInstances;
      const hostPort = 32768 + n;
      tasks.push({
        taskArn: ecs(`task/prod/${String(n).padStart(32, 'a')}`),
        clusterArn: cluster,
        taskDefinitionArn: td,
        containerInstanceArn: ciArn(host),
        group: `service:${name}`,
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        launchType: 'EC2',
        availabilityZone: az(host),
        containers: [
          {
            name: 'web',
            lastStatus: 'RUNNING',
            networkBindings: [{ bindIP: '0.0.0.0', containerPort: 80, hostPort, protocol: 'tcp' }],
          },
        ],
        overrides: { containerOverrides: [{ name: 'web', environment: [{ name: 'TOKEN', value: SECRET }] }] },
        createdAt: T0,
        startedAt: T0,
      });
      descriptions.push({
        Target: { Id: instanceId(host), Port: hostPort, AvailabilityZone: az(host) },
        HealthCheckPort: String(hostPort),
        TargetHealth: {
          State: opts.targetState ?? 'unhealthy',
          Reason: 'Target.Timeout',
          Description: 'Request timed out',
        },
      });
    }
    targetGroups.push(targetGroupItem(tg, `tg-${s}`, vpc, [albArn]));
    health.push({ TargetGroupArn: tg, TargetHealthDescriptions: descriptions });
  }
  for (let x = 0; x < (opts.stoppedTasks ?? 1); x++) {
    tasks.push({
      taskArn: ecs(`task/prod/${String(x).padStart(32, 'f')}`),
      clusterArn: cluster,
      taskDefinitionArn: taskDefinitions[0]?.taskDefinitionArn ?? ecs('task-definition/none:1'),
      group: 'service:svc-0',
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      launchType: 'EC2',
      containers: [{ name: 'web', lastStatus: 'STOPPED', exitCode: 1, reason: 'Essential container exited' }],
      createdAt: T0,
      stoppedAt: T0,
      stoppedReason: 'Essential container in task exited',
      stopCode: 'EssentialContainerExited',
    });
  }
  for (let x = 0; x < (opts.extraTargetGroups ?? 0); x++) {
    const tg = tgArn(`spare-${x}`);
    targetGroups.push(targetGroupItem(tg, `spare-${x}`, vpc, []));
    health.push({ TargetGroupArn: tg, TargetHealthDescriptions: [] });
  }

  const instances = Array.from({ length: nInstances }, (_, i) => ({
    InstanceId: instanceId(i),
    SubnetId: priv[i % 2],
    VpcId: vpc,
    PrivateIpAddress: `10.0.${10 + (i % 2)}.${10 + i}`,
    SourceDestCheck: true,
    State: { Name: 'running', Code: 16 },
    Placement: { AvailabilityZone: az(i) },
    SecurityGroups: [{ GroupId: 'sg-0a0000000000inst', GroupName: 'ecs-instances' }],
    LaunchTime: T0,
  }));
  const instanceEnis = instances.map((inst, i) => ({
    NetworkInterfaceId: `eni-0${String(i).padStart(16, '1')}`,
    SubnetId: inst.SubnetId,
    VpcId: vpc,
    AvailabilityZone: az(i),
    Description: '',
    InterfaceType: 'interface',
    Status: 'in-use',
    PrivateIpAddress: inst.PrivateIpAddress,
    Groups: [{ GroupId: 'sg-0a0000000000inst', GroupName: 'ecs-instances' }],
    Attachment: { InstanceId: inst.InstanceId, DeviceIndex: 0, Status: 'attached', AttachTime: T0 },
    PrivateIpAddresses: [{ PrivateIpAddress: inst.PrivateIpAddress, Primary: true }],
    SourceDestCheck: true,
    OwnerId: account,
  }));
  const albEnis = pub.map((subnet, i) => ({
    NetworkInterfaceId: `eni-0${String(i).padStart(16, '2')}`,
    SubnetId: subnet,
    VpcId: vpc,
    AvailabilityZone: az(i),
    Description: 'ELB app/web-alb/50dc6c495c0c9188',
    InterfaceType: 'interface',
    RequesterManaged: true,
    Status: 'in-use',
    PrivateIpAddress: `10.0.${i}.20`,
    Groups: [{ GroupId: 'sg-0a00000000000alb', GroupName: 'web-alb' }],
    PrivateIpAddresses: [{ PrivateIpAddress: `10.0.${i}.20`, Primary: true }],
    OwnerId: account,
  }));

  return {
    clusters: [{ clusterArn: cluster, clusterName: 'prod', status: 'ACTIVE' }],
    services,
    tasks,
    containerInstances: instances.map((inst, i) => ({
      containerInstanceArn: ciArn(i),
      ec2InstanceId: inst.InstanceId,
      status: 'ACTIVE',
      agentConnected: true,
      registeredAt: T0,
    })),
    taskDefinitions,
    LoadBalancers: [
      {
        LoadBalancerArn: albArn,
        LoadBalancerName: 'web-alb',
        DNSName: `web-alb-1234567890.${region}.elb.amazonaws.com`,
        Scheme: 'internet-facing',
        VpcId: vpc,
        Type: 'application',
        State: { Code: 'active' },
        IpAddressType: 'ipv4',
        SecurityGroups: ['sg-0a00000000000alb'],
        AvailabilityZones: pub.map((SubnetId, i) => ({
          ZoneName: az(i),
          SubnetId,
          LoadBalancerAddresses: [],
        })),
        CreatedTime: T0,
      },
    ],
    Listeners: [
      {
        ListenerArn: listenerArn,
        LoadBalancerArn: albArn,
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn('tg-0'), Order: 1 }],
      },
    ],
    Rules: [
      {
        RuleArn: elb('listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/0000000000000001'),
        Priority: '10',
        Conditions: [
          { Field: 'path-pattern', Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } },
        ],
        Actions: [{ Type: 'forward', TargetGroupArn: tgArn(nServices > 1 ? 'tg-1' : 'tg-0'), Order: 1 }],
        IsDefault: false,
      },
      {
        RuleArn: elb('listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/0000000000000000'),
        Priority: 'default',
        Conditions: [],
        Actions: [{ Type: 'forward', TargetGroupArn: tgArn('tg-0'), Order: 1 }],
        IsDefault: true,
      },
    ],
    TargetGroups: targetGroups,
    LoadBalancerTargetHealth: health,
    ...network(account, region, vpc, pub, priv, opts.extraRouteTables ?? 0),
    Reservations: [{ ReservationId: 'r-0a00000000000001', OwnerId: account, Instances: instances }],
    NetworkInterfaces: [...instanceEnis, ...albEnis],
  };
}

function targetGroupItem(arn: string, name: string, vpc: string, lbs: string[]) {
  return {
    TargetGroupArn: arn,
    TargetGroupName: name,
    Protocol: 'HTTP',
    Port: 80,
    VpcId: vpc,
    HealthCheckProtocol: 'HTTP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: '/health',
    Matcher: { HttpCode: '200' },
    LoadBalancerArns: lbs,
    TargetType: 'instance',
  };
}
