export * from './ruleIds.ts';
export * from './finding.ts';
export * from './snapshot.ts';
export * from './events.ts';
export * from './words.ts';
export * from './demo.ts';
export * from './albAnswer.ts';
