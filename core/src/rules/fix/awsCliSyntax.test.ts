// Every AWS CLI command Porthole prints is valid AWS CLI v2 syntax: parsed as argv, a known subcommand, only
// options from the reference list (awsCliReference.ts), values where needed, the required options present.
import { describe, expect, it } from 'vitest';
import { awsCliProblems, shellWords } from './awsCliSyntax.ts';
import { AWS_CLI_COMMANDS } from './awsCliReference.ts';
import { fixCorpus } from '../../../test-kit/fixCorpus.ts';

const commands = [
  ...new Set(
    fixCorpus().flatMap((c) =>
      c.findings.flatMap((f) => [f.fix, ...(f.fix.alternatives ?? [])].flatMap((fix) => fix.awsCli)),
    ),
  ),
];

describe('the argv parser', () => {
  it('splits like sh: quotes group, backslashes escape', () => {
    expect(shellWords(`aws ec2 x --ip-permissions 'A=[{B="c d"}]' --command "ss -ltnp" a\\ b`)).toEqual([
      'aws',
      'ec2',
      'x',
      '--ip-permissions',
      'A=[{B="c d"}]',
      '--command',
      'ss -ltnp',
      'a b',
    ]);
  });

  it('rejects what a shell would not pass through: redirections, globs, unterminated quotes', () => {
    expect(() => shellWords('aws ec2 x --vpc-id <vpc-id>')).toThrow(/metacharacter </);
    expect(() => shellWords('aws ec2 x --values /admin/*')).toThrow(/metacharacter \*/);
    expect(() => shellWords(`aws ec2 x 'open`)).toThrow(/unterminated/);
  });
});

describe('the reference check', () => {
  it('flags unknown subcommands, unknown options, missing values and missing required options', () => {
    expect(awsCliProblems('aws ec2 open-the-gates')).toEqual([
      'unknown subcommand "ec2 open-the-gates" (not in the reference list)',
    ]);
    expect(awsCliProblems('aws elbv2 create-listener --load-balancer-arn a --prot HTTP')).toEqual([
      'elbv2 create-listener has no option --prot',
      'elbv2 create-listener requires --default-actions',
    ]);
    expect(
      awsCliProblems('aws ec2 create-network-acl-entry --network-acl-id a --rule-number --protocol tcp'),
    ).toEqual([
      '--rule-number needs a value',
      'ec2 create-network-acl-entry requires --rule-action',
      'ec2 create-network-acl-entry requires --egress|--ingress',
    ]);
    expect(
      awsCliProblems('aws ec2 modify-instance-attribute --instance-id i-1 --no-source-dest-check yes'),
    ).toEqual(['unexpected positional argument "yes"']);
  });

  it('accepts a script step: a shell comment, or saving the output to a file', () => {
    expect(awsCliProblems('# edit taskdef.json: hostPort 8081 → 0')).toEqual([]);
    expect(
      awsCliProblems(
        'aws ecs describe-task-definition --task-definition web --query taskDefinition > taskdef.json',
      ),
    ).toEqual([]);
    expect(
      awsCliProblems('aws ecs describe-task-definition --task-definition web > /etc/x; rm -rf /'),
    ).not.toEqual([]);
  });

  it('lists only kebab-case options, each command once', () => {
    for (const [name, spec] of Object.entries(AWS_CLI_COMMANDS)) {
      expect(name).toMatch(/^(ec2|elbv2|ecs) [a-z-]+$/);
      for (const o of [...spec.options, ...(spec.switches ?? [])]) expect(o).toMatch(/^--[a-z0-9-]+$/);
    }
  });
});

describe('every printed AWS CLI command', () => {
  it('has commands to check', () => expect(commands.length).toBeGreaterThan(20));

  it.each(commands.map((c) => [c.slice(0, 90), c] as const))('%s', (_short, command) => {
    expect(awsCliProblems(command)).toEqual([]);
  });
});
