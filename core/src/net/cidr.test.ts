import { describe, expect, it } from 'vitest';
import {
  formatAddress,
  formatPortRange,
  formatPortRanges,
  intersectRanges,
  isPrivateAddress,
  mergeRanges,
  parseAddressRange,
  prefixLength,
  relateRanges,
  subtractRanges,
} from './cidr.ts';

describe('parseAddressRange', () => {
  it('parses an IPv4 address as a /32', () => {
    const r = parseAddressRange('10.0.1.5');
    expect(r).toMatchObject({ family: 'ipv4', prefix: 32, cidr: '10.0.1.5/32' });
    expect(r.first).toBe(r.last);
    expect(r.first).toBe((10n << 24n) + (1n << 8n) + 5n);
  });

  it('normalises a CIDR with host bits set to its network', () => {
    const r = parseAddressRange('10.0.1.77/24');
    expect(r.cidr).toBe('10.0.1.0/24');
    expect(r.last - r.first).toBe(255n);
  });

  it('parses IPv6 addresses and CIDRs', () => {
    expect(parseAddressRange('2001:db8::1')).toMatchObject({
      family: 'ipv6',
      prefix: 128,
      cidr: '2001:db8::1/128',
    });
    const r = parseAddressRange('2001:db8:1::/48');
    expect(r.last - r.first).toBe((1n << 80n) - 1n);
    expect(parseAddressRange('::/0').first).toBe(0n);
  });

  it('accepts the whole space and surrounding whitespace', () => {
    expect(parseAddressRange(' 0.0.0.0/0 ').last).toBe((1n << 32n) - 1n);
  });

  it.each([
    '',
    'garbage',
    '10.0.0',
    '10.0.0.256',
    '10.0.0.0/33',
    '10.0.0.0/',
    '10.0.0.0/x',
    '::1/129',
    '0x0a.0.0.1',
  ])('throws a clear error on %j', (s) => {
    expect(() => parseAddressRange(s)).toThrow(/IP address|prefix length/);
  });

  it('formats bigint addresses back', () => {
    expect(formatAddress('ipv4', parseAddressRange('192.168.0.9').first)).toBe('192.168.0.9');
    expect(formatAddress('ipv6', parseAddressRange('2001:db8::9').first)).toBe('2001:db8::9');
  });
});

describe('relateRanges', () => {
  it('contains an address or a narrower CIDR', () => {
    expect(relateRanges('10.0.0.0/16', '10.0.1.5')).toBe('contains');
    expect(relateRanges('10.0.0.0/16', '10.0.1.0/24')).toBe('contains');
    expect(relateRanges('10.0.1.0/24', '10.0.1.0/24')).toBe('contains');
    expect(relateRanges('0.0.0.0/0', '203.0.113.9')).toBe('contains');
  });

  it('is partial when the subject only overlaps', () => {
    expect(relateRanges('10.0.1.0/25', '10.0.1.0/24')).toBe('partial');
    expect(relateRanges('10.0.1.5/32', '10.0.1.0/24')).toBe('partial');
  });

  it('is disjoint for other ranges and other families', () => {
    expect(relateRanges('10.0.2.0/24', '10.0.1.5')).toBe('disjoint');
    expect(relateRanges('0.0.0.0/0', '2001:db8::1')).toBe('disjoint');
    expect(relateRanges('::/0', '10.0.0.1')).toBe('disjoint');
    expect(relateRanges('2001:db8::/32', '2001:db8:ffff::1')).toBe('contains');
  });
});

describe('isPrivateAddress and prefixLength', () => {
  it('recognises RFC 1918 and unique-local space', () => {
    expect(isPrivateAddress('10.1.2.3')).toBe(true);
    expect(isPrivateAddress('172.31.0.0/16')).toBe(true);
    expect(isPrivateAddress('192.168.4.4')).toBe(true);
    expect(isPrivateAddress('fd00::1')).toBe(true);
    expect(isPrivateAddress('172.32.0.1')).toBe(false);
    expect(isPrivateAddress('54.1.2.3')).toBe(false);
    expect(isPrivateAddress('0.0.0.0/0')).toBe(false);
    expect(isPrivateAddress('2001:db8::1')).toBe(false);
  });

  it('gives prefix lengths', () => {
    expect(prefixLength('10.0.0.0/16')).toBe(16);
    expect(prefixLength('10.0.0.1')).toBe(32);
    expect(prefixLength('2001:db8::1')).toBe(128);
  });
});

describe('port ranges', () => {
  it('merges overlapping and adjacent ranges, dropping empty ones', () => {
    expect(
      mergeRanges([
        { from: 80, to: 80 },
        { from: 81, to: 90 },
        { from: 100, to: 200 },
        { from: 150, to: 160 },
        { from: 5, to: 4 },
      ]),
    ).toEqual([
      { from: 80, to: 90 },
      { from: 100, to: 200 },
    ]);
  });

  it('subtracts ranges', () => {
    expect(subtractRanges([{ from: 1024, to: 65535 }], [{ from: 32768, to: 60999 }])).toEqual([
      { from: 1024, to: 32767 },
      { from: 61000, to: 65535 },
    ]);
    expect(subtractRanges([{ from: 80, to: 80 }], [{ from: 0, to: 65535 }])).toEqual([]);
    expect(subtractRanges([{ from: 1, to: 10 }], [])).toEqual([{ from: 1, to: 10 }]);
  });

  it('intersects ranges', () => {
    expect(
      intersectRanges(
        [{ from: 1, to: 10 }],
        [
          { from: 5, to: 6 },
          { from: 9, to: 20 },
        ],
      ),
    ).toEqual([
      { from: 5, to: 6 },
      { from: 9, to: 10 },
    ]);
  });

  it('formats single ports and ranges', () => {
    expect(formatPortRange({ from: 8081, to: 8081 })).toBe('8081');
    expect(formatPortRange({ from: 32768, to: 60999 })).toBe('32768-60999');
    expect(
      formatPortRanges([
        { from: 80, to: 80 },
        { from: 443, to: 444 },
      ]),
    ).toBe('80, 443-444');
  });
});
