// Target and service verdicts after a scoped update: recomputed for what the closure holds or a changed
// finding names, the earlier verdict objects kept for every other target group and service (a verdict reads
// its service, its target groups' targets, the findings naming it and the findings closing its listeners:
// outside the closure none of those changed unless a finding of the delta names them).
import type { Finding, ScanResult, ServiceVerdict, TargetVerdict } from '@porthole/shared';
import type { EstateModel } from '../model/types.ts';
import type { Closure } from './closure.ts';
import { couplingOf } from './closureIndex.ts';
import type { FindingsDelta } from './findingsDelta.ts';
import { serviceVerdicts, targetVerdicts } from './verdicts.ts';

export function scopedVerdicts(
  before: { model: EstateModel; result: ScanResult },
  model: EstateModel,
  findings: Finding[],
  closure: Closure,
  delta: FindingsDelta,
): Pick<ScanResult, 'targets' | 'services'> {
  const models = [before.model, model];
  const groups = new Set(closure.targetGroups);
  const services = new Set(closure.services);
  const previous = new Map(before.result.findings.map((f) => [f.id, f]));
  const touched = [...delta.opened, ...delta.changed, ...delta.resolved];
  for (const f of delta.changed) touched.push(previous.get(f.id)!);
  for (const f of touched) {
    const sk = `${f.account ?? '?'}/${f.region ?? '?'}`;
    for (const name of [...f.services, ...(f.service ? [f.service] : [])]) services.add(`${sk}/${name}`);
    for (const t of f.targets) groups.add(t.targetGroupArn);
    // A front-door finding closes (or opens) listeners: every group behind its load balancer.
    for (const r of f.resources)
      for (const m of models)
        if (m.loadBalancers.has(r))
          couplingOf(m)
            .lbGroups.get(r)
            ?.forEach((g) => groups.add(g));
  }
  for (const arn of groups)
    for (const m of models) m.targetGroups.get(arn)?.services.forEach((s) => services.add(s));

  const oldTargets = new Map<string, TargetVerdict[]>();
  for (const t of before.result.targets) {
    const list = oldTargets.get(t.targetGroupArn);
    if (list) list.push(t);
    else oldTargets.set(t.targetGroupArn, [t]);
  }
  const targets = targetVerdicts(model, findings, (tg) =>
    groups.has(tg.arn) ? undefined : (oldTargets.get(tg.arn) ?? []),
  );
  const oldServices = new Map<string, ServiceVerdict>(
    before.result.services.map((v) => [`${v.account}|${v.region}|${v.name}`, v]),
  );
  return {
    targets,
    services: serviceVerdicts(model, findings, targets, (svc) =>
      services.has(svc.id)
        ? undefined
        : oldServices.get(`${svc.scope.account}|${svc.scope.region}|${svc.key}`),
    ),
  };
}
