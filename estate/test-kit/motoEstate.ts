// A small ECS-behind-ALB estate built through the AWS APIs of a local AWS-protocol server (moto):
// VPC, two public subnets with an internet route, ALB and instance security groups, one container
// instance, an ALB with a listener and target group, an ECS cluster, task definition, service and task.
import {
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  AssociateRouteTableCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  StartTaskCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';

export const REGION = 'eu-west-1';
export const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
/** The host port the test says Docker picked for the task (moto assigns none). */
export const HOST_PORT = 32768;
export const CONTAINER_PORT = 8080;

export interface WireEstate {
  vpcId: string;
  albSg: string;
  instanceSg: string;
  instanceId: string;
  targetGroupArn: string;
  loadBalancerArn: string;
  dnsName: string;
  clusterArn: string;
  taskArn: string;
}

export async function buildWireEstate(
  endpoint: string,
  opts: { openDynamicPorts: boolean },
): Promise<WireEstate> {
  const config = { region: REGION, endpoint, credentials: CREDENTIALS };
  const ec2 = new EC2Client(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  const ecs = new ECSClient(config);
  try {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
    const subnets: string[] = [];
    for (const [i, az] of ['a', 'b'].entries()) {
      const s = await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: `10.20.${i}.0/24`,
          AvailabilityZone: `${REGION}${az}`,
        }),
      );
      subnets.push(s.Subnet!.SubnetId!);
    }
    const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    const rtb = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    await ec2.send(
      new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }),
    );
    for (const SubnetId of subnets)
      await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId }));

    const albSg = (
      await ec2.send(
        new CreateSecurityGroupCommand({ GroupName: 'web-alb', Description: 'web ALB', VpcId: vpcId }),
      )
    ).GroupId!;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: albSg,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const instanceSg = (
      await ec2.send(
        new CreateSecurityGroupCommand({ GroupName: 'ecs-hosts', Description: 'ECS hosts', VpcId: vpcId }),
      )
    ).GroupId!;
    // Open: the whole dynamic range from the ALB group. Closed: only the container port (the classic mistake).
    const [from, to] = opts.openDynamicPorts ? [32768, 65535] : [CONTAINER_PORT, CONTAINER_PORT];
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: instanceSg,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: from, ToPort: to, UserIdGroupPairs: [{ GroupId: albSg }] },
        ],
      }),
    );
    const image = (await ec2.send(new DescribeImagesCommand({}))).Images![0]!.ImageId!;
    const instanceId = (
      await ec2.send(
        new RunInstancesCommand({
          ImageId: image,
          MinCount: 1,
          MaxCount: 1,
          InstanceType: 't3.small',
          // A public IP: with the internet route, tasks on it can pull their image.
          NetworkInterfaces: [
            { DeviceIndex: 0, SubnetId: subnets[0], Groups: [instanceSg], AssociatePublicIpAddress: true },
          ],
        }),
      )
    ).Instances![0]!.InstanceId!;

    const lb = (
      await elb.send(
        new CreateLoadBalancerCommand({
          Name: 'web-alb',
          Subnets: subnets,
          SecurityGroups: [albSg],
          Scheme: 'internet-facing',
          Type: 'application',
        }),
      )
    ).LoadBalancers![0]!;
    const targetGroupArn = (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: 'web-tg',
          Protocol: 'HTTP',
          Port: 80,
          VpcId: vpcId,
          TargetType: 'instance',
          HealthCheckPath: '/health',
        }),
      )
    ).TargetGroups![0]!.TargetGroupArn!;
    await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn!,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
      }),
    );
    // ECS would register the task's host port; moto does not, so the test does.
    await elb.send(
      new RegisterTargetsCommand({
        TargetGroupArn: targetGroupArn,
        Targets: [{ Id: instanceId, Port: HOST_PORT }],
      }),
    );

    const clusterArn = (await ecs.send(new CreateClusterCommand({ clusterName: 'prod' }))).cluster!
      .clusterArn!;
    const identity = JSON.stringify({ instanceId, region: REGION, availabilityZone: `${REGION}a` });
    const ci = (
      await ecs.send(
        new RegisterContainerInstanceCommand({ cluster: 'prod', instanceIdentityDocument: identity }),
      )
    ).containerInstance!.containerInstanceArn!;
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        networkMode: 'bridge',
        containerDefinitions: [
          {
            name: 'web',
            image: 'nginx:1.27',
            memory: 256,
            essential: true,
            portMappings: [{ containerPort: CONTAINER_PORT, hostPort: 0, protocol: 'tcp' }],
          },
        ],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'prod',
        serviceName: 'web',
        taskDefinition: 'web:1',
        desiredCount: 1,
        launchType: 'EC2',
        loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: CONTAINER_PORT }],
      }),
    );
    const task = await ecs.send(
      new StartTaskCommand({
        cluster: 'prod',
        taskDefinition: 'web:1',
        containerInstances: [ci],
        startedBy: 'ecs-svc/1',
        group: 'service:web',
      }),
    );
    return {
      vpcId,
      albSg,
      instanceSg,
      instanceId,
      targetGroupArn,
      loadBalancerArn: lb.LoadBalancerArn!,
      dnsName: lb.DNSName!,
      clusterArn,
      taskArn: task.tasks![0]!.taskArn!,
    };
  } finally {
    ec2.destroy();
    elb.destroy();
    ecs.destroy();
  }
}
