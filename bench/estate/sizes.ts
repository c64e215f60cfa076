// Estate sizes of the benchmark. Every size is a whole number of identical "units" (one VPC with two ALBs,
// one ECS cluster, 20 services): counts scale exactly, so S, M, L and XL differ only in how many units they hold.

export type SizeName = 'S' | 'M' | 'L' | 'XL';
export const SIZE_NAMES: readonly SizeName[] = ['S', 'M', 'L', 'XL'];

/** What one unit (VPC) holds. The L estate of the issue is 100 of them. */
export const PER_UNIT = {
  services: 20,
  /** Of which behind an ALB, each with its own target group (the others are workers). */
  loadBalancedServices: 10,
  tasks: 200,
  targetGroups: 10,
  loadBalancers: 2,
  securityGroups: 50,
  /** Security group rules, counted as AWS counts them: one per source (CIDR or group) and direction. */
  securityGroupRules: 500,
  networkAcls: 5,
  containerInstances: 8,
} as const;

export interface SizeSpec {
  name: SizeName;
  units: number;
  /** Accounts (one region each): the units are spread over them round-robin. */
  accounts: number;
}

export const SIZES: Record<SizeName, SizeSpec> = {
  S: { name: 'S', units: 1, accounts: 1 },
  M: { name: 'M', units: 10, accounts: 2 },
  L: { name: 'L', units: 100, accounts: 4 },
  // 500 units: more than the 256 /16s of 10.0.0.0/8, so unit CIDRs repeat (unitIds.ts); 10 accounts, a number
  // that does not divide 256, keep every repeat in another account, where overlapping VPCs are normal.
  XL: { name: 'XL', units: 500, accounts: 10 },
};

export interface EstateCounts {
  services: number;
  tasks: number;
  targetGroups: number;
  loadBalancers: number;
  securityGroups: number;
  securityGroupRules: number;
  networkAcls: number;
}

/** The counts a size promises (the generator test checks the documents hold exactly these). */
export function expectedCounts(size: SizeName): EstateCounts {
  const n = SIZES[size].units;
  return {
    services: n * PER_UNIT.services,
    tasks: n * PER_UNIT.tasks,
    targetGroups: n * PER_UNIT.targetGroups,
    loadBalancers: n * PER_UNIT.loadBalancers,
    securityGroups: n * PER_UNIT.securityGroups,
    securityGroupRules: n * PER_UNIT.securityGroupRules,
    networkAcls: n * PER_UNIT.networkAcls,
  };
}

export function parseSize(value: string): SizeName {
  const upper = value.toUpperCase();
  if ((SIZE_NAMES as readonly string[]).includes(upper)) return upper as SizeName;
  throw new Error(`unknown size "${value}": use S, M, L or XL`);
}
