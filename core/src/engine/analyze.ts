// The engine's entry points: snapshot → model → findings, target root causes and service verdicts.
import type { ScanResult, Snapshot } from '@porthole/shared';
import { buildModel } from '../model/build.ts';
import type { EstateModel } from '../model/types.ts';
import { createRuleContext } from '../rules/support/context.ts';
import { RULES } from '../rules/registry.ts';
import { SERVICE_INPUTS_RULE } from './inputGaps.ts';
import { runRules } from './runRules.ts';
import { serviceVerdicts, targetVerdicts } from './verdicts.ts';

export interface Analysis {
  model: EstateModel;
  result: ScanResult;
}

/** The analysis is a pure function of the model: no clock (freshness is judged where verdicts are served). */
export function analyzeModel(model: EstateModel): ScanResult {
  const ctx = createRuleContext(model);
  const findings = runRules(model, ctx, [...RULES, SERVICE_INPUTS_RULE]);
  const targets = targetVerdicts(model, findings);
  const services = serviceVerdicts(model, findings, targets);
  return { schemaVersion: 1, findings, targets, services, warnings: [...model.warnings] };
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
