import { describe, expect, it } from 'vitest';
import { parseExplainUrl, parseReach, parseRequestExtras } from './forms.ts';

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

describe('parseRequestExtras', () => {
  it('keeps a method and one header per line; empty means none', () => {
    expect(parseRequestExtras(' POST ', 'X-Canary: 1\n\n Accept: */* ')).toEqual({
      ok: true,
      value: { method: 'POST', headers: ['X-Canary: 1', 'Accept: */*'] },
    });
    expect(parseRequestExtras('', '')).toEqual({ ok: true, value: {} });
  });

  it('names the field that is wrong', () => {
    const r = parseRequestExtras('G E T', 'no colon');
    expect(!r.ok && r.errors.method).toMatch(/method/i);
    expect(!r.ok && r.errors.headers).toMatch(/no colon/);
  });
});
