// The built-in demo estate: documents, failure scenarios and the scripted timeline.
export { buildDemoEstate, DEMO_FILES, type EstateDocument, type EstateDocuments } from './estate.ts';
export {
  applyScenario,
  applyScenarios,
  describeScenario,
  isScenarioName,
  removeKind,
  SCENARIO_NAMES,
  SCENARIOS,
  type ScenarioName,
} from './scenarios.ts';
export {
  demoTimeline,
  estateAtCycle,
  timelineEntryAt,
  timelineLength,
  type TimelineEntry,
} from './timeline.ts';
export { demoIds } from './ids.ts';
