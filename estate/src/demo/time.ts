// Fixed instants of the demo story, printed as AWS CLI v2 prints timestamps (ISO 8601, +00:00 offset;
// ECS and ELB keep microseconds, EC2 whole seconds). Never the clock: the estate must be reproducible.

const INCIDENT_BASE_MS = Date.parse('2025-03-14T09:10:00Z');

/** ECS/ELB style: `2025-03-14T09:10:05.123000+00:00`. */
export function cliTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/** EC2 style: `2025-03-10T08:02:17+00:00`. */
export function ec2Time(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** An instant `seconds` after the incidents begin (scenario events, stopped tasks). */
export function incidentTime(seconds: number): string {
  return cliTime(INCIDENT_BASE_MS + Math.round(seconds * 1000));
}

export const TIMES = {
  vpcCreated: ec2Time(Date.parse('2024-11-04T09:51:40Z')),
  natCreated: ec2Time(Date.parse('2024-11-04T09:58:02Z')),
  lbCreated: cliTime(Date.parse('2024-11-04T10:12:31.540Z')),
  serviceCreated: cliTime(Date.parse('2024-11-04T11:20:09.332Z')),
  instanceLaunch: ec2Time(Date.parse('2025-03-10T08:02:17Z')),
  bastionLaunch: ec2Time(Date.parse('2024-11-05T16:40:03Z')),
  agentRegistered: cliTime(Date.parse('2025-03-10T08:03:49.207Z')),
  taskDefRegistered: cliTime(Date.parse('2025-03-12T13:58:44.871Z')),
  deploymentCreated: cliTime(Date.parse('2025-03-12T14:20:51.604Z')),
  taskCreated: cliTime(Date.parse('2025-03-12T14:21:05.118Z')),
  taskPullStarted: cliTime(Date.parse('2025-03-12T14:21:09.440Z')),
  taskPullStopped: cliTime(Date.parse('2025-03-12T14:21:31.052Z')),
  taskStarted: cliTime(Date.parse('2025-03-12T14:21:41.902Z')),
  deploymentCompleted: cliTime(Date.parse('2025-03-12T14:26:13.771Z')),
  steadyState: cliTime(Date.parse('2025-03-14T08:44:12.556Z')),
} as const;
