// ARN helpers. Formats: arn:partition:service:region:account:resource.

export function arnResource(arn: string): string {
  return arn.split(':').slice(5).join(':');
}

/** "arn:aws:ecs:eu-west-1:1111:cluster/prod" → "prod"; also accepts a bare name. */
export function clusterNameFromArn(arn: string | null | undefined): string {
  if (!arn) return 'default';
  if (!arn.startsWith('arn:')) return arn;
  const resource = arnResource(arn);
  return resource.startsWith('cluster/') ? resource.slice('cluster/'.length) : resource;
}

/** listener-rule/app/name/lb-id/listener-id/rule-id → listener/app/name/lb-id/listener-id */
export function listenerArnFromRuleArn(ruleArn: string): string | null {
  const match = /^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)listener-rule\/(.+)\/[^/]+$/.exec(ruleArn);
  return match ? `${match[1]}listener/${match[2]}` : null;
}

/** A target-group ARN's short name: …:targetgroup/web-tg/0123 → web-tg */
export function targetGroupNameFromArn(arn: string): string {
  const match = /targetgroup\/([^/]+)\//.exec(arn);
  return match?.[1] ?? arn;
}

/** ELB node ENI description: "ELB app/web-alb/50dc6c495c0c9188" → "app/web-alb/50dc6c495c0c9188" */
export function loadBalancerIdFromArn(arn: string): string | null {
  const match = /:loadbalancer\/(.+)$/.exec(arn);
  return match?.[1] ?? null;
}
