// The growth chart of BENCHMARKS.md: analysis time, incremental time and peak RSS against the number of
// targets for each measured size, on log-log axes, next to the target at L and the line of linear
// growth through L (a measured point above that line to the right of L grew worse than linearly).
import { el, escapeXml, logDomain, logScale, svgDocument, text } from './svg.ts';

export interface GrowthPoint {
  size: string;
  targets: number;
  analysisMs: number;
  incrementalMs: number;
  peakRssMb: number;
}

interface Panel {
  key: 'analysisMs' | 'incrementalMs' | 'peakRssMb';
  title: string;
  unit: string;
  target: number;
}

export const PANELS: readonly Panel[] = [
  { key: 'analysisMs', title: 'full analysis', unit: 'ms', target: 500 },
  { key: 'incrementalMs', title: 'one service changed', unit: 'ms', target: 20 },
  { key: 'peakRssMb', title: 'analysis peak RSS', unit: 'MB', target: 300 },
];

const W = 340;
const H = 280;
const M = { left: 58, right: 14, top: 34, bottom: 44 };
const FONT = { 'font-family': 'sans-serif', 'font-size': 11 };
const compact = (v: number) =>
  v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : String(Math.round(v * 100) / 100);

function panel(p: Panel, points: readonly GrowthPoint[], ox: number, oy: number): string {
  const xs = points.map((d) => d.targets);
  const ys = [...points.map((d) => d[p.key]), p.target];
  const [xlo, xhi] = logDomain(xs);
  const [ylo, yhi] = logDomain(ys);
  const x = logScale(xlo, xhi, ox + M.left, ox + W - M.right);
  const y = logScale(ylo, yhi, oy + H - M.bottom, oy + M.top);
  const parts: string[] = [];
  const [left, right, top, bottom] = [x(xlo), x(xhi), y(yhi), y(ylo)];
  for (const t of x.ticks()) {
    parts.push(el('line', { x1: x(t), x2: x(t), y1: top, y2: bottom, stroke: '#e5e5e5' }));
    parts.push(text(x(t), bottom + 14, compact(t), { ...FONT, 'text-anchor': 'middle', class: 'x-tick' }));
  }
  for (const t of y.ticks()) {
    parts.push(el('line', { x1: left, x2: right, y1: y(t), y2: y(t), stroke: '#e5e5e5' }));
    parts.push(text(left - 4, y(t) + 4, compact(t), { ...FONT, 'text-anchor': 'end', class: 'y-tick' }));
  }
  parts.push(el('line', { class: 'x-axis', x1: left, x2: right, y1: bottom, y2: bottom, stroke: '#333' }));
  parts.push(el('line', { class: 'y-axis', x1: left, x2: left, y1: top, y2: bottom, stroke: '#333' }));
  parts.push(
    text(ox + W / 2, oy + 18, `${p.title} (${p.unit})`, {
      ...FONT,
      'font-size': 13,
      'text-anchor': 'middle',
    }),
  );
  parts.push(text((left + right) / 2, bottom + 32, 'targets (log)', { ...FONT, 'text-anchor': 'middle' }));
  const ty = y(p.target);
  parts.push(
    el('line', {
      class: 'target',
      x1: left,
      x2: right,
      y1: ty,
      y2: ty,
      stroke: '#c0392b',
      'stroke-dasharray': '6 4',
    }),
  );
  parts.push(
    text(left + 4, ty - 4, `target at L < ${compact(p.target)} ${p.unit}`, { ...FONT, fill: '#c0392b' }),
  );
  const l = points.find((d) => d.size === 'L');
  if (l && l[p.key] > 0) {
    // Linear growth from L: value × targets / targets at L, a slope-1 line on log-log axes.
    const at = (t: number) => Math.min(Math.max(y((l[p.key] * t) / l.targets), top), bottom);
    const d = `M${x(l.targets)},${at(l.targets)} L${right},${at(xhi)}`;
    parts.push(el('path', { class: 'linear', d, fill: 'none', stroke: '#888', 'stroke-dasharray': '2 3' }));
  }
  const sorted = [...points].sort((a, b) => a.targets - b.targets);
  const line = sorted.map((d) => `${x(d.targets)},${y(d[p.key])}`).join(' ');
  if (sorted.length > 1)
    parts.push(el('polyline', { points: line, fill: 'none', stroke: '#2c6fbb', 'stroke-width': 2 }));
  for (const d of sorted) {
    const [cx, cy] = [x(d.targets), y(d[p.key])];
    parts.push(
      el(
        'circle',
        { class: 'point', 'data-size': d.size, cx, cy, r: 4, fill: '#2c6fbb' },
        el('title', {}, escapeXml(`${d.size}: ${d[p.key]} ${p.unit}`)),
      ),
    );
    parts.push(text(cx + 6, cy - 6, d.size, { ...FONT, 'font-weight': 'bold' }));
  }
  return el('g', { class: 'panel', 'data-metric': p.key }, ...parts);
}

export function growthChart(points: readonly GrowthPoint[], caption: string): string {
  const width = W * PANELS.length;
  const height = H + 24;
  const panels = PANELS.map((p, i) => panel(p, points, i * W, 0));
  const note = text(8, H + 16, caption, { ...FONT, fill: '#555' });
  return svgDocument(width, height, el('rect', { width, height, fill: '#fff' }), ...panels, note);
}
