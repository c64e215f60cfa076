import { describe, expect, it } from 'vitest';
import {
  clustersOf,
  countByStatus,
  filterFromQuery,
  filterServices,
  filterToQuery,
  sortBySeverity,
  targetsText,
  countsText,
  reasonForms,
  whyText,
  EMPTY_FILTER,
} from './services.ts';
import { sv } from '../../test-kit/builders.ts';

const list = [
  sv('prod/web', 'healthy', 2, 2, 'All targets pass'),
  sv('prod/api', 'down', 0, 2, 'Security group blocks the ALB'),
  sv('stage/api', 'degraded', 1, 2, 'One target draining'),
  sv('prod/jobs', 'unknown', 0, 0, 'Target health data is stale'),
  sv('stage/web', 'degraded', 1, 4, 'Three targets fail'),
];

describe('filterServices', () => {
  it('returns everything for the empty filter', () => {
    expect(filterServices(list, EMPTY_FILTER)).toHaveLength(5);
  });

  it('matches every search term against name and why, case-insensitively', () => {
    expect(filterServices(list, { ...EMPTY_FILTER, query: 'API' }).map((s) => s.name)).toEqual([
      'prod/api',
      'stage/api',
    ]);
    expect(filterServices(list, { ...EMPTY_FILTER, query: 'api security' }).map((s) => s.name)).toEqual([
      'prod/api',
    ]);
  });

  it('filters by cluster and by any of several statuses', () => {
    expect(filterServices(list, { ...EMPTY_FILTER, cluster: 'stage' })).toHaveLength(2);
    const bad = filterServices(list, { ...EMPTY_FILTER, statuses: ['down', 'unknown'] });
    expect(bad.map((s) => s.name).sort()).toEqual(['prod/api', 'prod/jobs']);
  });
});

describe('sortBySeverity', () => {
  it('puts down first, then degraded by worst share of healthy targets, unknown before healthy', () => {
    expect(sortBySeverity(list).map((s) => s.name)).toEqual([
      'prod/api',
      'stage/web',
      'stage/api',
      'prod/jobs',
      'prod/web',
    ]);
  });

  it('does not mutate its input', () => {
    const copy = [...list];
    sortBySeverity(list);
    expect(list).toEqual(copy);
  });
});

describe('helpers', () => {
  it('lists clusters and counts statuses', () => {
    expect(clustersOf(list)).toEqual(['prod', 'stage']);
    expect(countByStatus(list)).toEqual({ down: 1, degraded: 2, unknown: 1, healthy: 1 });
  });

  it('words target counts, and task counts for services without targets', () => {
    expect(targetsText({ targetsHealthy: 1, targetsTotal: 3 })).toBe('1/3');
    expect(targetsText({ targetsHealthy: 0, targetsTotal: 0 })).toBe('no targets');
    const noLb = { targetsHealthy: 0, targetsTotal: 0, runningCount: 1, desiredCount: 2 };
    expect(countsText(noLb)).toBe('1/2 tasks');
    expect(countsText({ ...noLb, desiredCount: null })).toBe('no targets');
    expect(countsText({ ...noLb, targetsTotal: 4, targetsHealthy: 3 })).toBe('3/4');
  });

  it('drops the service name the daemon puts in front of the why', () => {
    expect(whyText({ name: 'prod/web', why: 'prod/web: instance SG blocks the ALB' })).toBe(
      'instance SG blocks the ALB',
    );
    // Resource names stay verbatim: never "Web-alb".
    expect(whyText({ name: 'prod/web', why: 'web-alb cannot reach prod/web on port 80: …' })).toMatch(
      /^web-alb /,
    );
    expect(whyText({ name: 'prod/web', why: 'All 4 targets healthy.' })).toBe('All 4 targets healthy.');
  });

  it('round-trips the filter through the URL query and drops unknown statuses', () => {
    const f = { query: 'api', cluster: 'prod', statuses: ['down', 'degraded'] as const };
    expect(filterFromQuery(filterToQuery({ ...f, statuses: [...f.statuses] }))).toEqual({
      ...f,
      statuses: ['down', 'degraded'],
    });
    expect(filterFromQuery({ status: 'down,bogus' }).statuses).toEqual(['down']);
    expect(filterToQuery(EMPTY_FILTER)).toEqual({});
  });
});

describe('reasonForms', () => {
  it('offers the cause alone after the whole sentence', () => {
    expect(reasonForms('ALB cannot reach the tasks: sg-0abc blocks the dynamic host ports')).toEqual([
      'ALB cannot reach the tasks: sg-0abc blocks the dynamic host ports',
      'sg-0abc blocks the dynamic host ports',
    ]);
  });

  it('keeps a sentence without a cause whole', () => {
    expect(reasonForms('All 2 targets healthy.')).toEqual(['All 2 targets healthy.']);
    expect(reasonForms('odd: ')).toEqual(['odd: ']);
  });
});
