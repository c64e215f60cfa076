// GitHub workflow-command annotations: one line per finding that the runner parses back exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotation, toGithubAnnotations } from './github.ts';
import { findingArb, scanResultArb } from '../../../test-kit/findingArbitrary.ts';

/**
 * Reference parser, after the Actions runner's ActionCommand (`::name k=v,k=v::data`): properties
 * are split on ',' then on the first '=', and each escape is undone with %25 last.
 */
function parseCommand(line: string): { command: string; props: Record<string, string>; data: string } {
  const m = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string, property: boolean) => {
    let out = s.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
    if (property) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
    return out.replace(/%25/g, '%');
  };
  const props: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    props[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), true);
  }
  return { command: m[1]!, props, data: unescape(m[3]!, false) };
}

const COMMAND = { critical: 'error', warning: 'warning', info: 'notice' } as const;

describe('annotation', () => {
  it('is one line that the runner reads back as the same title and message', () => {
    fc.assert(
      fc.property(findingArb, (f) => {
        const line = annotation(f);
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseCommand(line);
        expect(parsed.command).toBe(COMMAND[f.severity]);
        expect(Object.keys(parsed.props)).toEqual(['title']);
        expect(parsed.props.title).toBe(`${f.title} (${f.rule})`);
        expect(parsed.data.startsWith(`${f.explanation}\nFix: ${f.fix.summary}`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('escapes as GitHub documents: %25, %0D, %0A in data; also %3A and %2C in properties', () => {
    const line = annotation({
      id: 'x',
      rule: 'nacl-blocks',
      severity: 'critical',
      title: '100%: a, b',
      explanation: 'line 1\r\nline 2 50%',
      resources: [],
      service: null,
      services: [],
      confidence: 'confirmed',
      missing: [],
      targets: [],
      evidence: [],
      fix: { summary: 'open it', awsCli: [], terraform: '' },
      account: null,
      region: null,
    });
    expect(line).toBe(
      '::error title=100%25%3A a%2C b (nacl-blocks)::line 1%0D%0Aline 2 50%25%0AFix: open it',
    );
  });
});

describe('toGithubAnnotations', () => {
  it('prints one command per finding and per warning, then a plain summary line', () => {
    fc.assert(
      fc.property(scanResultArb, (result) => {
        const lines = toGithubAnnotations(result).trimEnd().split('\n');
        expect(lines).toHaveLength(result.findings.length + result.warnings.length + 1);
        const commands = lines.slice(0, -1).map(parseCommand);
        expect(commands.slice(result.findings.length).map((c) => c.data)).toEqual(result.warnings);
        expect(lines.at(-1)).toMatch(/^porthole: \d+ critical, \d+ warning, \d+ info finding/);
      }),
      { numRuns: 100 },
    );
  });
});
