// The rule contract: one rule, one file, one pure function `(model, ctx) => Finding[]`.
import type { Finding, RuleId } from '@porthole/shared';
import type { EstateModel } from '../model/types.ts';
import type { TargetContext } from './support/context.ts';

/** What explain/reach asked, for the rules that judge a specific request (e.g. a port with no listener). */
export interface Probe {
  loadBalancerArn: string;
  port: number;
  protocol: 'tcp' | 'udp';
}

export interface RuleContext {
  /** Every registered target with its ALB, service and evaluated paths (memoised, shared by all rules). */
  targets(): TargetContext[];
  probe: Probe | null;
}

export interface Rule {
  id: RuleId;
  /** One line for the README catalog. */
  summary: string;
  /** The AWS documentation the rule follows. */
  doc: string;
  evaluate(model: EstateModel, ctx: RuleContext): Finding[];
  /**
   * Diagnosis by elimination: its findings keep only the targets no other rule explains
   * (and disappear when none is left).
   */
  eliminative?: boolean;
}
