export * from './ruleIds.ts';
export * from './finding.ts';
export * from './snapshot.ts';
export * from './events.ts';
export * from './albAnswer.ts';
