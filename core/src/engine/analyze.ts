// The engine's entry points: snapshot → model → findings, target root causes and service verdicts.
import type { Finding, ScanResult, Snapshot } from '@porthole/shared';
import { buildModel } from '../model/build.ts';
import type { EstateModel } from '../model/types.ts';
import { createRuleContext } from '../rules/support/context.ts';
import { RULES } from '../rules/registry.ts';
import type { Rule } from '../rules/types.ts';
import { SERVICE_INPUTS_RULE } from './inputGaps.ts';
import { finishFindings, ruleFindings } from './runRules.ts';
import { serviceVerdicts, targetVerdicts } from './verdicts.ts';

export interface Analysis {
  model: EstateModel;
  result: ScanResult;
}

/** The analysis is a pure function of the model: no clock (freshness is judged where verdicts are served). */
export function analyzeModel(model: EstateModel): ScanResult {
  return analyzeModelRaw(model).result;
}

/** Every rule of the analysis, in precedence order. */
export const ANALYSIS_RULES: readonly Rule[] = [...RULES, SERVICE_INPUTS_RULE];

/** The analysis and what the rules returned before the post-steps (the incremental engine keeps both). */
export function analyzeModelRaw(model: EstateModel): { result: ScanResult; raw: Finding[][] } {
  const raw = ruleFindings(model, createRuleContext(model), ANALYSIS_RULES);
  const findings = finishFindings(model, raw.flat(), ANALYSIS_RULES);
  const targets = targetVerdicts(model, findings);
  const services = serviceVerdicts(model, findings, targets);
  return { result: { schemaVersion: 1, findings, targets, services, warnings: [...model.warnings] }, raw };
}

export function analyzeSnapshot(snapshot: Snapshot): Analysis {
  const model = buildModel(snapshot);
  return { model, result: analyzeModel(model) };
}

/** Narrow a scan to one "cluster/service": its findings, targets and verdict. */
export function filterByService(result: ScanResult, service: string): ScanResult {
  return {
    ...result,
    findings: result.findings.filter((f) => f.service === service || f.services.includes(service)),
    targets: result.targets.filter((t) => t.service === service),
    services: result.services.filter((s) => s.name === service),
  };
}
