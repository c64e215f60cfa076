// A small SVG writer: elements as strings with escaped text and attributes, and log scales. Enough for the
// benchmark's growth chart without a charting dependency.
import { maxOf, minOf } from '@porthole/shared';

export type Attrs = Record<string, string | number | undefined>;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Characters XML 1.0 cannot carry: controls other than tab and newlines, U+FFFE/U+FFFF, lone surrogates. */
function xmlChar(c: string): boolean {
  const code = c.codePointAt(0)!;
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return !(code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff));
}

/** Text or attribute value made safe for XML (characters XML cannot carry are dropped). */
export function escapeXml(text: string): string {
  return [...text]
    .filter(xmlChar)
    .join('')
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const num = (v: number) => String(Math.round(v * 100) / 100);

function attrText(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? num(v) : v)}"`)
    .join('');
}

/** One element; children are already-written elements (strings from el/text). */
export function el(name: string, attrs: Attrs = {}, ...children: string[]): string {
  return children.length === 0
    ? `<${name}${attrText(attrs)}/>`
    : `<${name}${attrText(attrs)}>${children.join('')}</${name}>`;
}

/** A <text> element with escaped content. */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return `<text${attrText({ x, y, ...attrs })}>${escapeXml(content)}</text>`;
}

export function svgDocument(width: number, height: number, ...children: string[]): string {
  const root = el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` },
    ...children,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

export interface LogScale {
  (value: number): number;
  /** Powers of ten (and 2× / 5× steps when the range is short) within the domain, for ticks. */
  ticks: () => number[];
}

/** Maps [lo, hi] (both > 0) onto [from, to] logarithmically. */
export function logScale(lo: number, hi: number, from: number, to: number): LogScale {
  const a = Math.log10(lo);
  const span = Math.log10(hi) - a || 1;
  const scale = ((v: number) =>
    from + ((Math.log10(Math.max(v, lo / 10)) - a) / span) * (to - from)) as LogScale;
  scale.ticks = () => {
    const out: number[] = [];
    const steps = span < 2 ? [1, 2, 5] : [1];
    for (let e = Math.floor(a); e <= Math.ceil(Math.log10(hi)); e++)
      for (const s of steps) {
        const v = s * 10 ** e;
        if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
      }
    return out;
  };
  return scale;
}

/** Domain of a log axis: the values' range widened to whole decades' edges around them. */
export function logDomain(values: readonly number[]): [number, number] {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return [1, 10];
  const lo = 10 ** Math.floor(Math.log10(minOf(pos)));
  const hi = 10 ** Math.ceil(Math.log10(maxOf(pos)));
  return [lo, hi > lo ? hi : lo * 10];
}
