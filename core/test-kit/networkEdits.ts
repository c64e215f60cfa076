// Edits of the demo documents in the exact shapes `aws ec2 describe-security-groups` and
// `aws ec2 describe-network-acls` print (EC2 API reference: IpPermission, NetworkAclEntry), for rule tests.
import { find, type EstateDocuments, type Json } from './ruleTestKit.ts';

/** One IpPermission with IPv4 ranges only: every list printed, as the CLI does. */
export function ipPermission(protocol: 'tcp' | '-1', ports: [number, number] | null, cidrs: string[]): Json {
  return {
    IpProtocol: protocol,
    ...(ports ? { FromPort: ports[0], ToPort: ports[1] } : {}),
    IpRanges: cidrs.map((CidrIp) => ({ CidrIp })),
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
  };
}

/** One IpPermission whose source is another security group (same account). */
export function groupPermission(ports: [number, number], groupId: string, account: string): Json {
  return {
    IpProtocol: 'tcp',
    FromPort: ports[0],
    ToPort: ports[1],
    IpRanges: [],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [{ GroupId: groupId, UserId: account }],
  };
}

export function securityGroupJson(docs: EstateDocuments, groupId: string): Json {
  return find(docs, 'SecurityGroups', (g) => g.GroupId === groupId);
}

/** A NetworkAclEntry: protocol "6" is TCP, "-1" all (then no PortRange); rule 32767 is the `*` rule. */
export function naclEntry(entry: {
  rule: number;
  direction: 'inbound' | 'outbound';
  action: 'allow' | 'deny';
  cidr: string;
  ports?: [number, number];
}): Json {
  const { rule: ruleNumber, direction, action, cidr, ports } = entry;
  return {
    CidrBlock: cidr,
    Egress: direction === 'outbound',
    ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
    Protocol: ports ? '6' : '-1',
    RuleAction: action,
    RuleNumber: ruleNumber,
  };
}

/** The two `*` entries (rule 32767 deny all, each direction) every NACL ends with and no one can delete. */
export function defaultDenyEntries(): Json[] {
  return (['outbound', 'inbound'] as const).map((direction) =>
    naclEntry({ rule: 32767, direction, action: 'deny', cidr: '0.0.0.0/0' }),
  );
}

/** Adds entries to a NACL, listed as describe-network-acls prints them: egress first, by rule number. */
export function addNaclEntries(docs: EstateDocuments, aclId: string, ...entries: Json[]): void {
  const acl = find(docs, 'NetworkAcls', (a) => a.NetworkAclId === aclId);
  acl.Entries = sortEntries([...(acl.Entries as Json[]), ...entries]);
}

/** Replaces a NACL's entries (the `*` entries are kept: AWS never removes them). */
export function setNaclEntries(docs: EstateDocuments, aclId: string, ...entries: Json[]): void {
  const acl = find(docs, 'NetworkAcls', (a) => a.NetworkAclId === aclId);
  acl.Entries = sortEntries([...entries, ...defaultDenyEntries()]);
}

function sortEntries(entries: Json[]): Json[] {
  return [...entries].sort(
    (a, b) => Number(b.Egress) - Number(a.Egress) || (a.RuleNumber as number) - (b.RuleNumber as number),
  );
}
