// Network ACL entries of one unit: the public subnets keep the VPC's default (open) NACL; the app and data
// subnets have their own, per AZ, with a block list, the VPC, and the ephemeral ports replies come back on.
import type { NaclEntryInput } from '@porthole/estate/demo/shapes.js';
import type { NaclKey, UnitIds } from './unitIds.ts';

const BLOCKED = '192.0.2.0/24';

function both(
  rule: number,
  action: 'allow' | 'deny',
  cidr: string,
  protocol: string,
  ports?: [number, number],
): NaclEntryInput[] {
  return [true, false].map((egress) => ({
    ruleNumber: rule,
    egress,
    action,
    cidr,
    protocol,
    ...(ports ? { ports } : {}),
  }));
}

const finalDeny = (): NaclEntryInput[] => both(32767, 'deny', '0.0.0.0/0', '-1');

export function planNacls(ids: UnitIds): Record<NaclKey, NaclEntryInput[]> {
  const app = (): NaclEntryInput[] => [
    ...both(50, 'deny', BLOCKED, '-1'),
    ...both(100, 'allow', ids.cidr, '-1'),
    {
      ruleNumber: 110,
      egress: false,
      action: 'allow',
      cidr: '0.0.0.0/0',
      protocol: '6',
      ports: [1024, 65535],
    },
    {
      ruleNumber: 120,
      egress: false,
      action: 'allow',
      cidr: '0.0.0.0/0',
      protocol: '17',
      ports: [1024, 65535],
    },
    { ruleNumber: 110, egress: true, action: 'allow', cidr: '0.0.0.0/0', protocol: '6', ports: [443, 443] },
    { ruleNumber: 120, egress: true, action: 'allow', cidr: '0.0.0.0/0', protocol: '6', ports: [80, 80] },
    { ruleNumber: 130, egress: true, action: 'allow', cidr: '0.0.0.0/0', protocol: '17', ports: [123, 123] },
    ...finalDeny(),
  ];
  const data = (): NaclEntryInput[] => [
    {
      ruleNumber: 100,
      egress: false,
      action: 'allow',
      cidr: ids.subnets.appA.cidr,
      protocol: '6',
      ports: [5432, 5432],
    },
    {
      ruleNumber: 101,
      egress: false,
      action: 'allow',
      cidr: ids.subnets.appB.cidr,
      protocol: '6',
      ports: [5432, 5432],
    },
    {
      ruleNumber: 110,
      egress: false,
      action: 'allow',
      cidr: ids.subnets.appA.cidr,
      protocol: '6',
      ports: [6379, 6379],
    },
    {
      ruleNumber: 111,
      egress: false,
      action: 'allow',
      cidr: ids.subnets.appB.cidr,
      protocol: '6',
      ports: [6379, 6379],
    },
    { ruleNumber: 100, egress: true, action: 'allow', cidr: ids.cidr, protocol: '6', ports: [1024, 65535] },
    ...finalDeny(),
  ];
  return {
    default: [...both(100, 'allow', '0.0.0.0/0', '-1'), ...finalDeny()],
    appA: app(),
    appB: app(),
    dataA: data(),
    dataB: data(),
  };
}

/** Which subnets each NACL serves. */
export const NACL_SUBNETS: Record<NaclKey, Array<'pubA' | 'pubB' | 'appA' | 'appB' | 'dataA' | 'dataB'>> = {
  default: ['pubA', 'pubB'],
  appA: ['appA'],
  appB: ['appB'],
  dataA: ['dataA'],
  dataB: ['dataB'],
};
