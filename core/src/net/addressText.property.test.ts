// The ingestion checks (shared/src/aws/values.ts) against ipaddr.js, the parser net/cidr.ts uses:
// whatever ingestion accepts, the engine can parse, and every well-formed address is accepted.
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { cidrProblem, isIpv4, isIpv6, protocolProblem } from '../../../shared/src/aws/values.ts';
import { parseAddressRange } from './cidr.ts';

const noLeadingZero = (s: string) => s.split('.').every((o) => o === '0' || !o.startsWith('0'));

describe('address text checks', () => {
  it('accept every IPv4 and IPv6 address', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => isIpv4(ip) && !isIpv6(ip)));
    fc.assert(fc.property(fc.ipV6(), (ip) => isIpv6(ip) && !isIpv4(ip)));
  });

  it('agree with ipaddr.js on arbitrary address-like text', () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789abcdef:.'.split('')), maxLength: 24 });
    fc.assert(
      fc.property(text, (s) => {
        expect(isIpv4(s)).toBe(ipaddr.IPv4.isValidFourPartDecimal(s) && noLeadingZero(s));
        if (isIpv6(s)) expect(ipaddr.IPv6.isValid(s)).toBe(true);
        if (ipaddr.IPv6.isValid(s) && s.includes(':') && !s.includes('.')) expect(isIpv6(s)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('a CIDR accepted at ingestion is one the engine parses, with that prefix', () => {
    const v4 = fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(v4, ([ip, prefix]) => {
        const cidr = `${ip}/${prefix}`;
        const ok = cidrProblem(cidr, 'ipv4') === null;
        expect(ok).toBe(prefix <= 32);
        if (ok) expect(parseAddressRange(cidr).prefix).toBe(prefix);
      }),
    );
    const v6 = fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 140 }));
    fc.assert(
      fc.property(v6, ([ip, prefix]) => {
        const cidr = `${ip}/${prefix}`;
        const ok = cidrProblem(cidr, 'ipv6') === null;
        expect(ok).toBe(prefix <= 128);
        if (ok) expect(parseAddressRange(cidr).prefix).toBe(prefix);
      }),
    );
  });

  it('protocols: -1, the four names and 0-255 only', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 400 }), (n) => {
        expect(protocolProblem(String(n)) === null).toBe(n === -1 || (n >= 0 && n <= 255));
      }),
    );
    for (const ok of ['tcp', 'udp', 'icmp', 'icmpv6', '-1', '6', '58'])
      expect(protocolProblem(ok)).toBeNull();
    for (const bad of ['bogus', 'TCP ', '', '006', 'all', '1.5']) expect(protocolProblem(bad)).not.toBeNull();
  });
});
