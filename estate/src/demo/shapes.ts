// Small builders for recurring AWS CLI shapes (tags, SG permissions, NACL entries), used by the estate and
// by scenarios so both print exactly the same structure.

export type Json = Record<string, unknown>;

export function tags(
  name: string,
  extra: Record<string, string> = {},
): Array<{ Key: string; Value: string }> {
  return [
    { Key: 'Name', Value: name },
    { Key: 'Environment', Value: 'prod' },
    ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value })),
  ];
}

export interface PermissionSource {
  cidr?: string;
  /** A referenced security group id. */
  group?: string;
  /** A managed prefix list id (pl-…), e.g. S3's for a gateway endpoint. */
  prefixList?: string;
  description?: string;
}

/**
 * One IpPermission as describe-security-groups prints it. Protocol "-1" carries no FromPort/ToPort;
 * every list is printed, empty or not.
 */
export function sgPermission(
  account: string,
  protocol: 'tcp' | 'udp' | '-1',
  ports: [number, number] | null,
  source: PermissionSource,
): Json {
  const described = source.description ? { Description: source.description } : {};
  return {
    IpProtocol: protocol,
    ...(protocol === '-1' || ports === null ? {} : { FromPort: ports[0], ToPort: ports[1] }),
    UserIdGroupPairs: source.group ? [{ ...described, UserId: account, GroupId: source.group }] : [],
    IpRanges: source.cidr ? [{ ...described, CidrIp: source.cidr }] : [],
    Ipv6Ranges: [],
    PrefixListIds: source.prefixList ? [{ PrefixListId: source.prefixList }] : [],
  };
}

export interface NaclEntryInput {
  ruleNumber: number;
  egress: boolean;
  action: 'allow' | 'deny';
  cidr: string;
  /** "-1" all, "6" TCP, "17" UDP (describe-network-acls prints protocol numbers). */
  protocol: string;
  ports?: [number, number];
}

export function naclEntry(input: NaclEntryInput): Json {
  return {
    CidrBlock: input.cidr,
    Egress: input.egress,
    ...(input.ports ? { PortRange: { From: input.ports[0], To: input.ports[1] } } : {}),
    Protocol: input.protocol,
    RuleAction: input.action,
    RuleNumber: input.ruleNumber,
  };
}

/** The entries of a default NACL: rule 100 allows everything, `*` (32767) denies, both directions. */
export function openNaclEntries(): Json[] {
  return [true, false].flatMap((egress) => [
    naclEntry({ ruleNumber: 100, egress, action: 'allow', cidr: '0.0.0.0/0', protocol: '-1' }),
    naclEntry({ ruleNumber: 32767, egress, action: 'deny', cidr: '0.0.0.0/0', protocol: '-1' }),
  ]);
}

/** describe-network-acls lists egress entries first, each direction by rule number. */
export function sortNaclEntries(entries: Json[]): Json[] {
  return [...entries].sort(
    (a, b) => Number(b.Egress) - Number(a.Egress) || (a.RuleNumber as number) - (b.RuleNumber as number),
  );
}
