import { describe, expect, it } from 'vitest';
import { parseExplainUrl, parseReach } from './forms.ts';

describe('parseExplainUrl', () => {
  it('accepts full URLs and adds http:// to bare hosts', () => {
    expect(parseExplainUrl(' http://alb.example:8081/ ')).toEqual({
      ok: true,
      value: 'http://alb.example:8081/',
    });
    expect(parseExplainUrl('alb.example:8081/x')).toEqual({ ok: true, value: 'http://alb.example:8081/x' });
  });

  it('explains what is wrong in words', () => {
    const empty = parseExplainUrl('');
    expect(empty.ok).toBe(false);
    const ftp = parseExplainUrl('ftp://alb/');
    expect(!ftp.ok && ftp.errors.url).toMatch(/http/);
    expect(parseExplainUrl('http://[bad').ok).toBe(false);
    expect(parseExplainUrl(`http://a/${'x'.repeat(2050)}`).ok).toBe(false);
  });
});

describe('parseReach', () => {
  it('builds a ReachRequest', () => {
    expect(parseReach({ from: 'internet', to: ' 10.0.1.5 ', port: '443', protocol: 'tcp' })).toEqual({
      ok: true,
      value: { from: 'internet', to: '10.0.1.5', port: 443, protocol: 'tcp' },
    });
  });

  it('reports every bad field at once', () => {
    const r = parseReach({ from: '', to: '', port: '70000', protocol: 'icmp' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['from', 'port', 'protocol', 'to']);
  });

  it('rejects non-numeric ports', () => {
    const r = parseReach({ from: 'a', to: 'b', port: '8o', protocol: 'udp' });
    expect(!r.ok && r.errors.port).toBeTruthy();
  });
});
