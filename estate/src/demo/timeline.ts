// The daemon's scripted demo: the seed stories happen one after another, each followed by its fix, and the
// whole script repeats forever. The seed shuffles the order and the gaps (mulberry32), nothing else.
import type { EstateDocuments } from './documents.ts';
import { buildDemoEstate } from './estate.ts';
import type { DemoScopeOptions } from './ids.ts';
import { applyScenarios } from './scenarios.ts';
import type { ScenarioName } from './scenarioNames.ts';

export interface TimelineEntry {
  /** First poll cycle (0-based, within one period) at which this state holds. */
  atCycle: number;
  /** Stories in force from this cycle on; empty = healthy. */
  scenarios: ScenarioName[];
  note: string;
}

/** Tiny seeded PRNG (mulberry32): the same seed always gives the same sequence in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Incident {
  scenarios: ScenarioName[];
  note: string;
  fix: string;
}

// The flagship story always comes first; the seed shuffles the others.
const FIRST: Incident = {
  scenarios: ['dynamic-ports-blocked'],
  note: 'Deploy of web replaced the instance SG rule with tcp 8081 only; bridge tasks listen on 32768+',
  fix: 'Fixed: instance SG admits tcp 32768-65535 from the ALB SG again',
};

const OTHERS: Incident[] = [
  {
    scenarios: ['nacl-return-blocked'],
    note: 'A NACL change denies replies from the private subnets to the ALB (rule 90)',
    fix: 'Fixed: NACL rule 90 removed',
  },
  {
    scenarios: ['nat-route-removed'],
    note: 'Route cleanup deleted 0.0.0.0/0 → NAT from the private route table; api cannot scale out',
    fix: 'Fixed: default route to the NAT gateway restored',
  },
  {
    scenarios: ['health-check-404'],
    note: 'web-tg health check path changed to /healthz, which the app does not serve',
    fix: 'Fixed: health check path back to /health',
  },
  {
    scenarios: ['az-disabled'],
    note: 'web-alb was re-created in one subnet only; targets in the second AZ get no traffic',
    fix: 'Fixed: second subnet enabled on web-alb',
  },
  {
    scenarios: ['alb-egress-restricted'],
    note: "Hardening left web-alb's SG with egress tcp 443 only",
    fix: "Fixed: web-alb's SG egress allows the targets again",
  },
  {
    scenarios: ['api-task-sg-wrong-port'],
    note: "api tasks' SG now allows port 80, but the container listens on 8080",
    fix: "Fixed: api tasks' SG allows 8080 from the ALB",
  },
  {
    scenarios: ['app-not-listening'],
    note: 'A new web image binds 127.0.0.1; the network is open but nothing answers',
    fix: 'Fixed: web binds 0.0.0.0 again',
  },
  {
    scenarios: ['target-group-orphaned'],
    note: 'The /admin/* listener rule was deleted; admin-tg is orphaned',
    fix: 'Fixed: /admin/* rule restored',
  },
  {
    scenarios: ['grace-too-short'],
    note: "web's health-check grace period set to 0; slow-starting tasks are killed",
    fix: 'Fixed: grace period back to 60 s',
  },
  {
    scenarios: ['nat-instance-source-dest-check'],
    note: 'NAT gateway swapped for a NAT instance with source/destination check still on',
    fix: 'Fixed: NAT gateway back in the private route table',
  },
  {
    scenarios: ['alb-sg-reference-bastion'],
    note: "web-alb's port 80 restricted to the bastion SG; the bastion arrives from its public IP",
    fix: "Fixed: web-alb's SG admits port 80 from anywhere again",
  },
  {
    scenarios: ['overly-open-instance-sg', 'health-check-404'],
    note: 'Debugging a 404 health check, someone opened the instance SG to the world',
    fix: 'Fixed: health check path and instance SG both restored',
  },
];

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Script {
  entries: TimelineEntry[];
  length: number;
}

function script(seed: number): Script {
  const random = mulberry32(seed);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const entries: TimelineEntry[] = [{ atCycle: 0, scenarios: [], note: 'Healthy estate' }];
  let cycle = between(2, 3);
  for (const incident of [FIRST, ...shuffled(OTHERS, random)]) {
    entries.push({ atCycle: cycle, scenarios: [...incident.scenarios], note: incident.note });
    cycle += between(2, 4);
    entries.push({ atCycle: cycle, scenarios: [], note: incident.fix });
    cycle += between(1, 3);
  }
  return { entries, length: cycle };
}

/** One period of the scripted timeline for `seed`, in cycle order (cycle 0 is always healthy). */
export function demoTimeline(seed: number): TimelineEntry[] {
  return script(seed).entries;
}

/** Cycles in one period; cycle `length` is cycle 0 again. */
export function timelineLength(seed: number): number {
  return script(seed).length;
}

/** The timeline entry in force at `cycle` (any integer; the script repeats). */
export function timelineEntryAt(seed: number, cycle: number): TimelineEntry {
  const { entries, length } = script(seed);
  const within = ((Math.floor(cycle) % length) + length) % length;
  let current = entries[0]!;
  for (const entry of entries) if (entry.atCycle <= within) current = entry;
  return current;
}

/** The demo estate as it is at `cycle` of the timeline for `seed`. */
export function estateAtCycle(seed: number, cycle: number, opts: DemoScopeOptions = {}): EstateDocuments {
  return applyScenarios(buildDemoEstate(opts), timelineEntryAt(seed, cycle).scenarios);
}
