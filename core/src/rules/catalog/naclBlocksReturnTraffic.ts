// nacl-blocks-return-traffic: NACLs are stateless; the target subnet's NACL outbound or the ALB subnets' NACL
// inbound denies the reply to the ALB's ephemeral ports 1024–65535. VPC guide, "Ephemeral ports".
import { makeNaclFindings } from '../support/naclFindings.ts';
import type { Rule } from '../types.ts';

export const naclBlocksReturnTraffic: Rule = {
  id: 'nacl-blocks-return-traffic',
  summary:
    'A subnet NACL denies the replies from the targets to the ALB on ports 1024–65535 (NACLs are stateless)',
  doc: 'VPC guide, "Network ACLs" and "Ephemeral ports"; ALB guide, "Network ACLs for your load balancer"',
  evaluate(model, ctx) {
    return makeNaclFindings(model, ctx, 'nacl-blocks-return-traffic', 'reply');
  },
};
