// nacl-blocks-target-traffic: the ALB subnets' NACL outbound or the target subnet's NACL inbound denies
// ALB → target on the traffic or health-check port. ALB guide, "Network ACLs"; VPC guide, "Network ACLs".
import { makeNaclFindings } from '../support/naclFindings.ts';
import type { Rule } from '../types.ts';

export const naclBlocksTargetTraffic: Rule = {
  id: 'nacl-blocks-target-traffic',
  summary:
    "A subnet NACL denies the ALB's requests to the targets (ALB subnet outbound or target subnet inbound)",
  doc: 'ALB guide, "Network ACLs for your load balancer"; VPC guide, "Network ACLs"',
  evaluate(model, ctx) {
    return makeNaclFindings(model, ctx, 'nacl-blocks-target-traffic', 'request');
  },
};
