// The fixture folders under test/fixtures/, as pure data: writeFixtures.ts writes them, and a test checks
// the committed files still equal what the builder produces.
import type { EstateDocuments } from '../src/demo/documents.ts';
import { removeKind } from '../src/demo/documents.ts';
import { buildDemoEstate } from '../src/demo/estate.ts';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../src/demo/ids.ts';
import { applyScenario } from '../src/demo/scenarios.ts';
import { SCENARIOS } from '../src/demo/scenarioNames.ts';

export interface FixtureSet {
  /** Folder name under test/fixtures/. */
  name: string;
  story: string;
  docs: EstateDocuments;
}

export const SECOND_ACCOUNT = '444455556666';
export const SECOND_REGION = 'us-east-1';

export function fixtureSets(): FixtureSet[] {
  const healthy = buildDemoEstate();
  return [
    {
      name: 'healthy',
      story: 'The demo estate with every target healthy: web-alb, orders-internal, clusters prod and ops.',
      docs: healthy,
    },
    ...SCENARIOS.map((s) => ({ name: s.name, story: s.description, docs: applyScenario(healthy, s.name) })),
    {
      name: 'multi-region',
      story: `The healthy estate in ${DEFAULT_ACCOUNT}/${DEFAULT_REGION} and a copy with other ids in ${SECOND_ACCOUNT}/${SECOND_REGION}.`,
      docs: [...healthy, ...buildDemoEstate({ account: SECOND_ACCOUNT, region: SECOND_REGION })],
    },
    {
      name: 'missing-target-health',
      story:
        'The healthy estate without describe-target-health: checks that need target health must answer unknown.',
      docs: removeKind(healthy, 'LoadBalancerTargetHealth'),
    },
  ];
}

/** The text a fixture file holds: pretty-printed JSON, 2-space indent, final newline. */
export function fixtureText(json: unknown): string {
  return JSON.stringify(json, null, 2) + '\n';
}
