// Zod schemas for the ELBv2 shapes Porthole reads (`aws elbv2 describe-* --output json`).
import { z } from 'zod';
import { IpAddress, Ipv4Address, ListeningPort, PortString, intIn, oneOf } from './values.ts';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.optional().nullable();
/** A value of a list AWS extends over time (kept when undocumented, see openEnums.ts). */
const openEnum = z.string().regex(/^[a-z][a-z0-9.-]*$/, 'expected a lower-case AWS value');
/** An upper-case protocol value (HTTP, HTTPS, TCP…); AWS adds protocols, so the list is open. */
const upperEnum = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an upper-case protocol such as HTTP');
/** A registered target: an instance id, an IP address (target type ip) or an ARN (lambda, alb). */
const TargetId = z.union([z.string().regex(/^i-[0-9a-f]{8,17}$/), IpAddress, z.string().regex(/^arn:/)], {
  error: 'expected an instance id (i-…), an IP address or an ARN',
});

export const LoadBalancerSchema = z.looseObject({
  LoadBalancerArn: str,
  LoadBalancerName: opt(str),
  DNSName: opt(str),
  // ELB API reference, LoadBalancer: closed lists (the engine's answer depends on them).
  Scheme: opt(oneOf(['internet-facing', 'internal'])),
  VpcId: opt(str),
  Type: opt(oneOf(['application', 'network', 'gateway'])),
  State: opt(z.looseObject({ Code: opt(str), Reason: opt(str) })),
  IpAddressType: opt(openEnum),
  SecurityGroups: opt(z.array(str)),
  AvailabilityZones: opt(
    z.array(
      z.looseObject({
        ZoneName: opt(str),
        SubnetId: opt(str),
        LoadBalancerAddresses: opt(
          z.array(z.looseObject({ IpAddress: opt(Ipv4Address), PrivateIPv4Address: opt(Ipv4Address) })),
        ),
      }),
    ),
  ),
});
export type LoadBalancer = z.infer<typeof LoadBalancerSchema>;

export const ActionSchema = z.looseObject({
  Type: openEnum,
  Order: opt(intIn(1, 50000)),
  TargetGroupArn: opt(str),
  ForwardConfig: opt(
    z.looseObject({
      TargetGroups: opt(z.array(z.looseObject({ TargetGroupArn: str, Weight: opt(intIn(0, 999)) }))),
      TargetGroupStickinessConfig: opt(
        z.looseObject({ Enabled: opt(z.boolean()), DurationSeconds: opt(z.number()) }),
      ),
    }),
  ),
  RedirectConfig: opt(
    z.looseObject({
      Protocol: opt(str),
      Port: opt(str),
      Host: opt(str),
      Path: opt(str),
      Query: opt(str),
      StatusCode: opt(str),
    }),
  ),
  FixedResponseConfig: opt(z.looseObject({ StatusCode: opt(z.string().regex(/^[245]\d\d$/)) })),
  AuthenticateOidcConfig: opt(z.looseObject({ OnUnauthenticatedRequest: opt(str) })),
  AuthenticateCognitoConfig: opt(z.looseObject({ OnUnauthenticatedRequest: opt(str) })),
});
export type Action = z.infer<typeof ActionSchema>;

export const ListenerSchema = z.looseObject({
  ListenerArn: str,
  LoadBalancerArn: opt(str),
  Port: opt(ListeningPort),
  Protocol: opt(upperEnum),
  DefaultActions: opt(z.array(ActionSchema)),
});
export type Listener = z.infer<typeof ListenerSchema>;

const ValuesConfig = opt(z.looseObject({ Values: opt(z.array(str)) }));

export const RuleConditionSchema = z.looseObject({
  Field: opt(str),
  Values: opt(z.array(str)),
  HostHeaderConfig: ValuesConfig,
  PathPatternConfig: ValuesConfig,
  HttpRequestMethodConfig: ValuesConfig,
  HttpHeaderConfig: opt(z.looseObject({ HttpHeaderName: opt(str), Values: opt(z.array(str)) })),
  SourceIpConfig: ValuesConfig,
  QueryStringConfig: opt(
    z.looseObject({ Values: opt(z.array(z.looseObject({ Key: opt(str), Value: opt(str) }))) }),
  ),
});
export type RuleCondition = z.infer<typeof RuleConditionSchema>;

export const RuleSchema = z.looseObject({
  RuleArn: str,
  Priority: opt(z.string().regex(/^(default|[1-9]\d{0,4})$/, 'expected "default" or 1-50000')),
  Conditions: opt(z.array(RuleConditionSchema)),
  Actions: opt(z.array(ActionSchema)),
  IsDefault: opt(z.boolean()),
});
export type Rule = z.infer<typeof RuleSchema>;

export const TargetGroupSchema = z.looseObject({
  TargetGroupArn: str,
  TargetGroupName: opt(str),
  Protocol: opt(upperEnum),
  Port: opt(ListeningPort),
  VpcId: opt(str),
  HealthCheckProtocol: opt(upperEnum),
  HealthCheckPort: opt(z.union([z.literal('traffic-port'), PortString])),
  HealthCheckEnabled: opt(z.boolean()),
  // ELB API reference, CreateTargetGroup: interval 5-300 s, timeout 2-120 s, thresholds 2-10.
  HealthCheckIntervalSeconds: opt(intIn(5, 300)),
  HealthCheckTimeoutSeconds: opt(intIn(2, 120)),
  HealthyThresholdCount: opt(intIn(2, 10)),
  UnhealthyThresholdCount: opt(intIn(2, 10)),
  HealthCheckPath: opt(str),
  Matcher: opt(
    z.looseObject({
      HttpCode: opt(
        z
          .string()
          .regex(/^\d{1,3}(-\d{1,3})?(,\d{1,3}(-\d{1,3})?)*$/, 'expected codes like 200, 200,202 or 200-299'),
      ),
      GrpcCode: opt(str),
    }),
  ),
  LoadBalancerArns: opt(z.array(str)),
  TargetType: opt(oneOf(['instance', 'ip', 'lambda', 'alb'])),
});
export type TargetGroup = z.infer<typeof TargetGroupSchema>;

export const TargetHealthDescriptionSchema = z.looseObject({
  Target: z.looseObject({ Id: TargetId, Port: opt(ListeningPort), AvailabilityZone: opt(str) }),
  // AWS returns the port as a string; moto (and older captures) echo the group's "traffic-port".
  HealthCheckPort: opt(z.union([z.literal('traffic-port'), PortString])),
  // Open lists: AWS has added states and reason codes over time. An undocumented value is kept,
  // reported as a warning, and the target's service is unknown (see docs/snapshot-input.md).
  TargetHealth: z.looseObject({
    State: z.string().regex(/^[a-z]+(\.[a-z]+)*$/, 'expected a state such as healthy or unhealthy.draining'),
    Reason: opt(z.string().regex(/^[A-Za-z]+\.[A-Za-z]+$/, 'expected a reason code such as Target.Timeout')),
    Description: opt(str),
  }),
});
export type TargetHealthDescription = z.infer<typeof TargetHealthDescriptionSchema>;

/** Batfish's wrapper: one describe-target-health output per target group. */
export const TargetGroupHealthSchema = z.looseObject({
  TargetGroupArn: str,
  TargetHealthDescriptions: z.array(TargetHealthDescriptionSchema),
});
export type TargetGroupHealth = z.infer<typeof TargetGroupHealthSchema>;

export const TargetGroupAttributesSchema = z.looseObject({
  TargetGroupArn: str,
  Attributes: z.array(z.looseObject({ Key: str, Value: opt(str) })),
});
export type TargetGroupAttributes = z.infer<typeof TargetGroupAttributesSchema>;
