// Zod schemas for the ELBv2 shapes Porthole reads (`aws elbv2 describe-* --output json`).
import { z } from 'zod';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.optional().nullable();

export const LoadBalancerSchema = z.looseObject({
  LoadBalancerArn: str,
  LoadBalancerName: opt(str),
  DNSName: opt(str),
  Scheme: opt(str),
  VpcId: opt(str),
  Type: opt(str),
  State: opt(z.looseObject({ Code: opt(str), Reason: opt(str) })),
  IpAddressType: opt(str),
  SecurityGroups: opt(z.array(str)),
  AvailabilityZones: opt(
    z.array(
      z.looseObject({
        ZoneName: opt(str),
        SubnetId: opt(str),
        LoadBalancerAddresses: opt(
          z.array(z.looseObject({ IpAddress: opt(str), PrivateIPv4Address: opt(str) })),
        ),
      }),
    ),
  ),
});
export type LoadBalancer = z.infer<typeof LoadBalancerSchema>;

export const ActionSchema = z.looseObject({
  Type: str,
  Order: opt(z.number()),
  TargetGroupArn: opt(str),
  ForwardConfig: opt(
    z.looseObject({
      TargetGroups: opt(z.array(z.looseObject({ TargetGroupArn: str, Weight: opt(z.number()) }))),
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
  FixedResponseConfig: opt(z.looseObject({ StatusCode: opt(str) })),
  AuthenticateOidcConfig: opt(z.looseObject({ OnUnauthenticatedRequest: opt(str) })),
  AuthenticateCognitoConfig: opt(z.looseObject({ OnUnauthenticatedRequest: opt(str) })),
});
export type Action = z.infer<typeof ActionSchema>;

export const ListenerSchema = z.looseObject({
  ListenerArn: str,
  LoadBalancerArn: opt(str),
  Port: opt(z.number().int()),
  Protocol: opt(str),
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
  Priority: opt(str),
  Conditions: opt(z.array(RuleConditionSchema)),
  Actions: opt(z.array(ActionSchema)),
  IsDefault: opt(z.boolean()),
});
export type Rule = z.infer<typeof RuleSchema>;

export const TargetGroupSchema = z.looseObject({
  TargetGroupArn: str,
  TargetGroupName: opt(str),
  Protocol: opt(str),
  Port: opt(z.number().int()),
  VpcId: opt(str),
  HealthCheckProtocol: opt(str),
  HealthCheckPort: opt(str),
  HealthCheckEnabled: opt(z.boolean()),
  HealthCheckIntervalSeconds: opt(z.number()),
  HealthCheckTimeoutSeconds: opt(z.number()),
  HealthyThresholdCount: opt(z.number()),
  UnhealthyThresholdCount: opt(z.number()),
  HealthCheckPath: opt(str),
  Matcher: opt(z.looseObject({ HttpCode: opt(str), GrpcCode: opt(str) })),
  LoadBalancerArns: opt(z.array(str)),
  TargetType: opt(str),
});
export type TargetGroup = z.infer<typeof TargetGroupSchema>;

export const TargetHealthDescriptionSchema = z.looseObject({
  Target: z.looseObject({ Id: str, Port: opt(z.number().int()), AvailabilityZone: opt(str) }),
  HealthCheckPort: opt(str),
  TargetHealth: z.looseObject({ State: str, Reason: opt(str), Description: opt(str) }),
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
