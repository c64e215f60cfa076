// isIpv4 is a hand-written scan; it must accept exactly what the dotted-quad definition accepts: four decimal
// octets 0-255 without leading zeros (the form the EC2 API prints, e.g. PrivateIpAddress "10.0.1.5").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIpv4 } from './values.ts';

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const byDefinition = (text: string) => {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p));
};

/** Strings near dotted quads: digits and dots mostly, sometimes other characters. */
const nearQuad = fc
  .array(fc.constantFrom(...'0123456789.'.split(''), '.', '.', '1', '2', '5', 'a', ' ', '-', ':', '/'), {
    maxLength: 19,
  })
  .map((cs) => cs.join(''));

describe('isIpv4', () => {
  it('agrees with the definition on strings near dotted quads', () => {
    fc.assert(
      fc.property(nearQuad, (s) => isIpv4(s) === byDefinition(s)),
      { numRuns: 20_000 },
    );
  });

  it('agrees on every rendered quad, including out-of-range and zero-padded octets', () => {
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 999 }).map(String),
      fc.constantFrom('00', '01', '007', ''),
    );
    fc.assert(
      fc.property(fc.array(octet, { minLength: 1, maxLength: 6 }), (parts) => {
        const s = parts.join('.');
        return isIpv4(s) === byDefinition(s);
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts and refuses the documented edge cases', () => {
    for (const ok of ['0.0.0.0', '10.0.1.5', '255.255.255.255', '169.254.169.254'])
      expect(isIpv4(ok)).toBe(true);
    for (const bad of ['', '1.2.3', '1.2.3.4.', '.1.2.3.4', '256.1.1.1', '01.2.3.4', '1.2.3.4/32', '1..2.3'])
      expect(isIpv4(bad), bad).toBe(false);
  });
});
