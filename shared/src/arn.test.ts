// The ARN module against the shapes in the AWS docs (ECS Developer Guide "Amazon Resource Names (ARNs)
// and IDs", old and long formats; ELB API reference examples) and against the hand-written splits it
// replaced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountOfRoleArn,
  arnResource,
  arnScope,
  arnShortName,
  buildArn,
  clusterNameFromArn,
  containerInstanceCluster,
  listenerArnFromRuleArn,
  loadBalancerIdFromArn,
  parseArn,
  shortArnResource,
  targetGroupNameFromArn,
  taskDefinitionFamily,
} from './arn.ts';

// The behaviour before this module (model/arn.ts, daemon/view.ts, diff/words.ts, web/src/lib/hops.ts, …).
const old = {
  resource: (arn: string) => arn.split(':').slice(5).join(':'),
  scope: (arn: string) => ({ region: arn.split(':')[3], account: arn.split(':')[4] }),
  shortName: (s: string) => {
    const slash = s.split('/');
    return slash.length > 1 ? slash.slice(-1)[0]! : (s.split(':').slice(-1)[0] ?? s);
  },
  family: (arn: string) => arn.split('/').pop()?.split(':')[0],
  listenerOfRule: (ruleArn: string) => {
    const match = /^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)listener-rule\/(.+)\/[^/]+$/.exec(ruleArn);
    return match ? `${match[1]}listener/${match[2]}` : null;
  },
  tgName: (arn: string) => /targetgroup\/([^/]+)\//.exec(arn)?.[1] ?? arn,
  lbId: (arn: string) => /:loadbalancer\/(.+)$/.exec(arn)?.[1] ?? null,
  shortComponent: (component: string) => {
    if (!component.startsWith('arn:')) return component;
    const resource = component.split(':').slice(5).join(':');
    const parts = resource.split('/');
    if (parts[0] === 'targetgroup') return parts.slice(0, 2).join('/');
    return parts.length <= 3 ? resource : parts.slice(0, 3).join('/');
  },
  containerInstanceCluster: (arn: string) => {
    const parts = arn.split(':').slice(5).join(':').split('/');
    return parts.length === 3 ? parts[1]! : null;
  },
};

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/);
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const head = fc.record({
  partition: fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'),
  region: fc.constantFrom('eu-west-1', 'us-east-1', 'cn-north-1', 'us-gov-west-1'),
  accountId: fc.stringMatching(/^\d{12}$/),
});
const ecsResource = fc.oneof(
  name.map((c) => `cluster/${c}`),
  name.map((s) => `service/${s}`), // old format
  fc.tuple(name, name).map(([c, s]) => `service/${c}/${s}`), // long format
  hex(32).map((t) => `task/${t}`),
  fc.tuple(name, hex(32)).map(([c, t]) => `task/${c}/${t}`),
  hex(32).map((i) => `container-instance/${i}`),
  fc.tuple(name, hex(32)).map(([c, i]) => `container-instance/${c}/${i}`),
  fc.tuple(name, fc.integer({ min: 1, max: 9999 })).map(([f, r]) => `task-definition/${f}:${r}`),
);
const elbResource = fc.oneof(
  fc.tuple(fc.constantFrom('app', 'net'), name, hex(16)).map(([t, n, id]) => `loadbalancer/${t}/${n}/${id}`),
  fc.tuple(name, hex(16)).map(([n, id]) => `targetgroup/${n}/${id}`),
  fc
    .tuple(fc.constantFrom('app', 'net'), name, hex(16), hex(16))
    .map(([t, n, a, b]) => `listener/${t}/${n}/${a}/${b}`),
  fc.tuple(name, hex(16), hex(16), hex(16)).map(([n, a, b, c]) => `listener-rule/app/${n}/${a}/${b}/${c}`),
);
const ecsArn = fc
  .record({ head, resource: ecsResource })
  .map(({ head: h, resource }) => ({ ...h, service: 'ecs', resource }));
const elbArn = fc
  .record({ head, resource: elbResource })
  .map(({ head: h, resource }) => ({ ...h, service: 'elasticloadbalancing', resource }));
const anyArn = fc.oneof(ecsArn, elbArn);

describe('ARNs', () => {
  it('parse(build(x)) is x', () => {
    fc.assert(
      fc.property(anyArn, (arn) => {
        expect(parseArn(buildArn(arn))).toEqual(arn);
      }),
    );
  });

  it('agrees with the hand-written splits it replaced, on ECS and ELB ARNs', () => {
    fc.assert(
      fc.property(anyArn, (parts) => {
        const arn = buildArn(parts);
        expect(arnResource(arn)).toBe(old.resource(arn));
        expect(arnScope(arn)).toEqual(old.scope(arn));
        expect(arnShortName(arn)).toBe(old.shortName(arn));
        expect(shortArnResource(arn)).toBe(old.shortComponent(arn));
        expect(targetGroupNameFromArn(arn)).toBe(old.tgName(arn));
        expect(loadBalancerIdFromArn(arn)).toBe(old.lbId(arn));
        expect(listenerArnFromRuleArn(arn)).toBe(old.listenerOfRule(arn));
        if (parts.resource.startsWith('task-definition/'))
          expect(taskDefinitionFamily(arn)).toBe(old.family(arn));
        if (parts.resource.startsWith('container-instance/'))
          expect(containerInstanceCluster(arn)).toBe(old.containerInstanceCluster(arn));
      }),
    );
  });

  it('reads the documented examples', () => {
    const rule =
      'arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/my-load-balancer/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';
    expect(listenerArnFromRuleArn(rule)).toBe(
      'arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/f2f7dc8efc522ab2',
    );
    const tg = 'arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067';
    expect(targetGroupNameFromArn(tg)).toBe('my-targets');
    expect(shortArnResource(tg)).toBe('targetgroup/my-targets');
    const lb =
      'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/my-load-balancer/50dc6c495c0c9188';
    expect(loadBalancerIdFromArn(lb)).toBe('app/my-load-balancer/50dc6c495c0c9188');
    expect(clusterNameFromArn('arn:aws:ecs:us-east-1:012345678910:cluster/default')).toBe('default');
    expect(clusterNameFromArn('prod')).toBe('prod');
    expect(clusterNameFromArn(null)).toBe('default');
    expect(containerInstanceCluster('arn:aws:ecs:us-east-1:012345678910:container-instance/prod/0a1b')).toBe(
      'prod',
    );
    expect(containerInstanceCluster('arn:aws:ecs:us-east-1:012345678910:container-instance/0a1b')).toBeNull();
    expect(arnShortName('arn:aws:ecs:us-east-1:012345678910:task/prod/0f1e2d')).toBe('0f1e2d');
    expect(arnShortName('arn:aws:ecs:us-east-1:012345678910:task-definition/web:3')).toBe('web:3');
    expect(taskDefinitionFamily('arn:aws:ecs:us-east-1:012345678910:task-definition/web:3')).toBe('web');
    expect(taskDefinitionFamily('web:3')).toBe('web');
    expect(arnScope('arn:aws:iam::123456789012:role/porthole')).toEqual({
      account: '123456789012',
      region: '',
    });
  });

  it('names the account of an IAM role ARN only', () => {
    expect(accountOfRoleArn('arn:aws:iam::123456789012:role/porthole')).toBe('123456789012');
    expect(accountOfRoleArn('arn:aws-cn:iam::123456789012:role/path/porthole')).toBe('123456789012');
    expect(accountOfRoleArn('arn:aws:iam::role/x')).toBeNull();
    expect(accountOfRoleArn('arn:aws:iam::123456789012:user/x')).toBeNull();
    expect(accountOfRoleArn('porthole')).toBeNull();
  });

  it('treats ids and names as what they are, not as ARNs', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,4}-[0-9a-f]{1,17}$/), (id) => {
        expect(parseArn(id)).toBeNull();
        expect(arnResource(id)).toBe('');
        expect(arnShortName(id)).toBe(old.shortName(id));
        expect(shortArnResource(id)).toBe(id);
      }),
    );
  });
});
