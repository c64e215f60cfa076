// deploy/terraform: every file parses with HashiCorp's HCL parser, every reference is declared, module
// calls match the modules' variables, the policy is docs/iam-policy.json, and files are fmt-clean.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEcsJson } from './ecsFiles.ts';
import {
  declared,
  declaredAddresses,
  declaredLocals,
  fmtProblems,
  readTfDir,
  references,
  type TfDir,
} from './hcl.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TF = join(ROOT, 'deploy', 'terraform');
const DIRS = [
  'modules/read-only-role',
  'modules/cross-account-role',
  'modules/github-ci-role',
  'modules/ecs-service',
  'examples/ecs',
  'examples/ecs-ha',
];
const POLICY = readFileSync(join(ROOT, 'docs', 'iam-policy.json'), 'utf8');
const CALL_META = new Set(['source', 'providers', 'depends_on', 'count', 'for_each', 'version']);

const dirs = new Map<string, TfDir>();
beforeAll(async () => {
  for (const d of DIRS) dirs.set(d, await readTfDir(join(TF, d)));
});
const tf = (d: string) => dirs.get(d)!;

it('covers every folder of deploy/terraform that holds .tf files', () => {
  const found: string[] = [];
  const walk = (rel: string) => {
    const entries = readdirSync(join(TF, rel), { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name.endsWith('.tf'))) found.push(rel);
    for (const e of entries) if (e.isDirectory()) walk(rel ? `${rel}/${e.name}` : e.name);
  };
  walk('');
  expect(found.sort()).toEqual([...DIRS].sort());
});

it('the parser rejects broken HCL (the parse check is not vacuous)', async () => {
  await expect(parse('bad.tf', 'variable "x" {\n  type =\n}\n')).rejects.toThrow(/Invalid expression/);
});

describe.each(DIRS)('%s', (d) => {
  it('declares every variable, local, module, data source and resource it references', () => {
    const t = tf(d);
    const refs = references(t);
    expect([...refs.variables].filter((v) => !declared(t, 'variable').has(v))).toEqual([]);
    expect([...refs.locals].filter((v) => !declaredLocals(t).has(v))).toEqual([]);
    expect([...refs.modules].filter((v) => !declared(t, 'module').has(v))).toEqual([]);
    expect([...refs.data].filter((v) => !declaredAddresses(t, 'data').has(v))).toEqual([]);
    expect([...refs.resources].filter((v) => !declaredAddresses(t, 'resource').has(v))).toEqual([]);
  });

  it('uses every variable it declares, and describes each', () => {
    const t = tf(d);
    const used = references(t).variables;
    for (const [name, block] of declared(t, 'variable')) {
      expect(used, `variable ${name}`).toContain(name);
      expect(block.description, `variable ${name}`).toEqual(expect.any(String));
    }
  });

  it('calls local modules with their variables only, and every required one', async () => {
    const t = tf(d);
    for (const [name, call] of declared(t, 'module')) {
      const target = await readTfDir(resolve(t.dir, String(call.source)));
      const vars = declared(target, 'variable');
      const args = Object.keys(call).filter((k) => !CALL_META.has(k));
      expect(
        args.filter((a) => !vars.has(a)),
        `module ${name}`,
      ).toEqual([]);
      const required = [...vars].filter(([, v]) => !('default' in v)).map(([k]) => k);
      expect(
        required.filter((r) => !args.includes(r)),
        `module ${name}`,
      ).toEqual([]);
      const outputs = declared(target, 'output');
      for (const ref of references(t).moduleOutputs) {
        const [mod, out] = ref.split('.') as [string, string];
        if (mod === name) expect(outputs.has(out), `module.${ref}`).toBe(true);
      }
    }
  });

  it('is laid out as terraform fmt writes it', () => {
    const t = tf(d);
    expect(Object.entries(t.files).flatMap(([f, text]) => fmtProblems(`${d}/${f}`, text))).toEqual([]);
  });
});

describe('the read-only policy', () => {
  it('is shipped by exactly the role modules', () => {
    expect(DIRS.filter((d) => existsSync(join(TF, d, 'iam-policy.json')))).toEqual([
      'modules/read-only-role',
      'modules/cross-account-role',
      'modules/github-ci-role',
    ]);
  });

  it.each(['modules/read-only-role', 'modules/cross-account-role', 'modules/github-ci-role'])(
    '%s ships docs/iam-policy.json verbatim and uses it',
    (d) => {
      expect(readFileSync(join(TF, d, 'iam-policy.json'), 'utf8')).toBe(POLICY);
      const resources = tf(d).parsed.find((p) => p.resource)!.resource as Record<
        string,
        Record<string, { policy: string }[]>
      >;
      expect(resources.aws_iam_policy!.read![0]!.policy).toBe('${file("${path.module}/iam-policy.json")}');
    },
  );
});

describe('the cross-account role', () => {
  it('trusts Porthole’s role and, when external_id is set, requires it as sts:ExternalId', () => {
    const data = tf('modules/cross-account-role').parsed.find((p) => p.data)!.data as Record<
      string,
      Record<string, unknown[]>
    >;
    const statement = (data.aws_iam_policy_document!.trust![0] as { statement: Record<string, unknown>[] })
      .statement[0]!;
    expect(statement.actions).toEqual(['sts:AssumeRole']);
    expect(statement.principals).toEqual([{ type: 'AWS', identifiers: ['${var.porthole_role_arn}'] }]);
    const dynamic = (statement.dynamic as { condition: { for_each: string; content: unknown[] }[] })
      .condition[0]!;
    expect(dynamic.for_each).toBe('${var.external_id == null ? [] : [var.external_id]}');
    expect(dynamic.content).toEqual([
      { test: 'StringEquals', variable: 'sts:ExternalId', values: ['${condition.value}'] },
    ]);
  });
});

describe('the GitHub CI role', () => {
  it('trusts only GitHub OIDC tokens for sts.amazonaws.com from the listed repositories', () => {
    const data = tf('modules/github-ci-role').parsed.find((p) => p.data)!.data as Record<
      string,
      Record<string, { statement: Record<string, unknown>[] }[]>
    >;
    const statement = data.aws_iam_policy_document!.trust![0]!.statement[0]!;
    expect(statement.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(statement.principals).toEqual([{ type: 'Federated', identifiers: ['${var.oidc_provider_arn}'] }]);
    expect(statement.condition).toEqual([
      {
        test: 'StringEquals',
        variable: 'token.actions.githubusercontent.com:aud',
        values: ['sts.amazonaws.com'],
      },
      {
        test: 'StringLike',
        variable: 'token.actions.githubusercontent.com:sub',
        values: '${[for repo in var.repositories : "repo:${repo}:${var.subject_filter}"]}',
      },
    ]);
  });
});

describe('the ECS service module matches deploy/ecs', () => {
  const service = () => tf('modules/ecs-service').files['service.tf']!;
  const main = () => tf('modules/ecs-service').files['main.tf']!;
  const td = loadEcsJson<{
    containerDefinitions: {
      environment: { name: string }[];
      secrets: { name: string }[];
      healthCheck: { command: string[] };
    }[];
  }>('task-definition.json');
  const c = td.containerDefinitions[0]!;

  it('sets the same environment and secret names (PORTHOLE_TOKEN, and for HA PORTHOLE_STORE_URL, only as secrets)', () => {
    const names = (text: string, block: RegExp) =>
      [...(block.exec(text)?.[1] ?? '').matchAll(/name = "([A-Z_]+)"/g)].map((m) => m[1]);
    expect(names(service(), /environment = \[([\s\S]*?)\n\s*\]/)).toEqual(c.environment.map((e) => e.name));
    expect(service()).toMatch(/secrets\s+= local\.container_secrets\n/);
    const ha = loadEcsJson<typeof td>('task-definition.ha.json').containerDefinitions[0]!;
    expect(names(main(), /container_secrets = concat\(([\s\S]*?)\n\s*\)/)).toEqual(
      ha.secrets.map((s) => s.name),
    );
    // The store URL is added only in the HA mode, from the secret, never to the environment.
    expect(main()).toMatch(
      /local\.ha \? \[\{ name = "PORTHOLE_STORE_URL", valueFrom = local\.store_secret_arn \}\] : \[\]/,
    );
    expect(ha.environment.map((e) => e.name)).toEqual(c.environment.map((e) => e.name));
  });

  it('uses the same /readyz health-check command, one task at a time, and the /readyz target group', () => {
    const hclCommand = /healthCheck = \{\s*command\s+= (\[.*\])\n/.exec(service())?.[1];
    expect(JSON.parse(hclCommand ?? 'null')).toEqual(c.healthCheck.command);
    expect(service()).toMatch(/deployment_maximum_percent\s+= local\.ha \? 200 : 100\n/);
    expect(service()).toMatch(/deployment_minimum_healthy_percent\s+= local\.ha \? 50 : 0\n/);
    expect(service()).toMatch(/desired_count\s+= var\.daemon_count\n/);
    expect(tf('modules/ecs-service').files['alb.tf']).toMatch(/path\s+= "\/readyz"/);
    expect(existsSync(join(TF, 'modules', 'ecs-service', 'efs.tf'))).toBe(true);
  });
});

describe('the ECS service module, HA variant (daemon_count > 1 on PostgreSQL)', () => {
  type Blocks = Record<string, Record<string, Record<string, unknown>[]>>;
  const resources = (): Blocks =>
    Object.assign({}, ...tf('modules/ecs-service').parsed.map((p) => p.resource ?? {})) as Blocks;
  const one = (type: string, name: string) => resources()[type]![name]![0]!;

  it('opens the database to the task on 5432 only, security group to security group', () => {
    const egress = one('aws_vpc_security_group_egress_rule', 'task_to_store');
    const ingress = one('aws_vpc_security_group_ingress_rule', 'store_from_task');
    for (const rule of [egress, ingress])
      expect(rule).toMatchObject({ ip_protocol: 'tcp', from_port: 5432, to_port: 5432 });
    expect(egress).toMatchObject({
      security_group_id: '${aws_security_group.task.id}',
      referenced_security_group_id: '${local.store_sg_id}',
    });
    expect(ingress).toMatchObject({
      security_group_id: '${local.store_sg_id}',
      referenced_security_group_id: '${aws_security_group.task.id}',
    });
    const byCidr = Object.values(resources()).flatMap((byName) =>
      Object.values(byName).flatMap((b) => b.filter((r) => r.from_port === 5432 && 'cidr_ipv4' in r)),
    );
    expect(byCidr).toEqual([]);
  });

  it('makes a private, encrypted, Multi-AZ database whose URL reaches the task only as a secret', () => {
    expect(one('aws_db_instance', 'store')).toMatchObject({
      engine: 'postgres',
      publicly_accessible: false,
      storage_encrypted: true,
      multi_az: true,
      port: 5432,
    });
    const url = String(one('aws_secretsmanager_secret_version', 'store_url').secret_string);
    expect(url).toMatch(/^postgres:\/\/porthole:\$\{random_password\.store\[0\]\.result\}@/);
    // The execution role reads the store secret with the token; the environment never holds the URL.
    expect(tf('modules/ecs-service').files['iam.tf']).toMatch(
      /resources = compact\(\[var\.token_secret_arn, local\.store_secret_arn\]\)/,
    );
    expect(tf('modules/ecs-service').files['service.tf']).not.toMatch(/PORTHOLE_STORE_URL/);
  });

  it('refuses several daemons without a store, two stores, or HA on EFS', () => {
    const service = one('aws_ecs_service', 'this') as {
      lifecycle: { precondition: { condition: string }[] }[];
    };
    expect(service.lifecycle[0]!.precondition.map((p) => p.condition)).toEqual([
      '${var.daemon_count == 1 || local.ha}',
      '${!(var.create_database && var.store_url_secret_arn != null)}',
      '${!(local.ha && local.use_efs)}',
    ]);
    expect(one('aws_ecs_service', 'this').desired_count).toBe('${var.daemon_count}');
  });
});

describe('fmtProblems (the layout check itself)', () => {
  const ok = [
    'resource "aws_lb" "x" {',
    '  name     = "a"',
    '  internal = true',
    '  tags = {',
    '    app = "porthole"',
    '  }',
    '',
    '  x = jsonencode([',
    '    { a = 1 },',
    '  ])',
    '}',
    '',
  ].join('\n');

  it('accepts what terraform fmt writes (a line opening a multi-line value is not aligned)', () => {
    expect(fmtProblems('ok.tf', ok)).toEqual([]);
  });

  it('reports a misaligned "=", a wrong indent, a tab and a missing final newline', () => {
    expect(fmtProblems('a.tf', ok.replace('  internal = true', '  internal  = true'))).toEqual([
      'a.tf:3: "=" at column 13, terraform fmt puts it at 12',
    ]);
    expect(fmtProblems('b.tf', ok.replace('    app =', '   app ='))).toEqual([
      'b.tf:5: indent 3, expected 4',
    ]);
    expect(fmtProblems('c.tf', ok.replace('  name ', '\tname '))).toContain('c.tf:2: tab');
    expect(fmtProblems('d.tf', ok.trimEnd())).toEqual(['d.tf: must end with exactly one newline']);
  });
});
