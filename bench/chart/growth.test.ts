import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { growthChart, PANELS, type GrowthPoint } from './growth.ts';
import { escapeXml, logScale } from './svg.ts';
import { findAll, parseXml, type XmlNode } from './xmlTree.ts';

const MEASURED: GrowthPoint[] = [
  { size: 'S', targets: 138, analysisMs: 54, incrementalMs: 56, peakRssMb: 142 },
  { size: 'M', targets: 1312, analysisMs: 361, incrementalMs: 294, peakRssMb: 222 },
  { size: 'L', targets: 12896, analysisMs: 2694, incrementalMs: 2938, peakRssMb: 686 },
  { size: 'XL', targets: 64480, analysisMs: 14000, incrementalMs: 15000, peakRssMb: 3000 },
];
const byClass = (root: XmlNode, cls: string) => findAll(root, (n) => n.attrs.class === cls);
const panels = (root: XmlNode) => byClass(root, 'panel');

describe('growth chart (SVG)', () => {
  it('is well-formed SVG with one panel per metric, each with both axes, its target line and ticks', () => {
    const root = parseXml(growthChart(MEASURED, 'seed 1, 2 cores'));
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(panels(root).map((p) => p.attrs['data-metric'])).toEqual(PANELS.map((p) => p.key));
    for (const p of panels(root)) {
      expect(byClass(p, 'x-axis')).toHaveLength(1);
      expect(byClass(p, 'y-axis')).toHaveLength(1);
      expect(byClass(p, 'target')).toHaveLength(1);
      expect(byClass(p, 'x-tick').length).toBeGreaterThanOrEqual(2);
      expect(byClass(p, 'y-tick').length).toBeGreaterThanOrEqual(1);
    }
  });

  it('draws one point per size in each panel, further right for more targets, higher for larger values', () => {
    const root = parseXml(growthChart(MEASURED, ''));
    for (const [i, p] of panels(root).entries()) {
      const points = byClass(p, 'point');
      expect(points.map((c) => c.attrs['data-size'])).toEqual(['S', 'M', 'L', 'XL']);
      const cx = points.map((c) => Number(c.attrs.cx));
      const cy = points.map((c) => Number(c.attrs.cy));
      expect([...cx].sort((a, b) => a - b)).toEqual(cx);
      // SVG's y grows downwards: the growing series climbs.
      expect([...cy].sort((a, b) => b - a)).toEqual(cy);
      // The value is in the point's tooltip.
      const key = PANELS[i]!.key;
      expect(points[2]!.children[0]!.text).toContain(String(MEASURED[2]![key]));
    }
  });

  it('puts a point exactly on the linear-from-L line when it grew exactly linearly', () => {
    const l = MEASURED[2]!;
    const linear = {
      size: 'XL',
      targets: l.targets * 5,
      analysisMs: l.analysisMs * 5,
      incrementalMs: l.incrementalMs * 5,
      peakRssMb: l.peakRssMb * 5,
    };
    const root = parseXml(growthChart([...MEASURED.slice(0, 3), linear], ''));
    for (const p of panels(root)) {
      const xl = byClass(p, 'point').find((c) => c.attrs['data-size'] === 'XL')!;
      const [x1, y1, x2, y2] = /^M([\d.]+),([\d.]+) L([\d.]+),([\d.]+)$/
        .exec(byClass(p, 'linear')[0]!.attrs.d!)!
        .slice(1)
        .map(Number) as [number, number, number, number];
      const cx = Number(xl.attrs.cx);
      expect(cx).toBeGreaterThan(x1);
      expect(cx).toBeLessThanOrEqual(x2);
      expect(y1 + ((cx - x1) / (x2 - x1)) * (y2 - y1)).toBeCloseTo(Number(xl.attrs.cy), 0);
    }
  });

  it('stays well-formed and keeps labels and caption intact whatever they contain', () => {
    const point = fc.record({
      size: fc.string({ maxLength: 8 }),
      targets: fc.integer({ min: 1, max: 1e6 }),
      analysisMs: fc.double({ min: 0.1, max: 1e6, noNaN: true }),
      incrementalMs: fc.double({ min: 0.1, max: 1e6, noNaN: true }),
      peakRssMb: fc.double({ min: 1, max: 1e5, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 6 }), fc.string(), (points, caption) => {
        const root = parseXml(growthChart(points, caption));
        for (const p of panels(root)) expect(byClass(p, 'point')).toHaveLength(points.length);
        const texts = findAll(root, (n) => n.name === 'text').map((n) => n.text);
        expect(texts).toContain(escapeXmlRoundTrip(caption));
      }),
    );
  });
});

// What a reader gets back from escaped text: the text minus the characters XML cannot carry.
const escapeXmlRoundTrip = (s: string) => parseXml(`<t>${escapeXml(s)}</t>`).text;

describe('log scale', () => {
  it('maps the domain ends onto the range ends and each decade onto an equal step', () => {
    const x = logScale(10, 10_000, 0, 300);
    expect(x(10)).toBeCloseTo(0);
    expect(x(10_000)).toBeCloseTo(300);
    expect(x(100) - x(10)).toBeCloseTo(x(1000) - x(100));
    expect(x.ticks()).toEqual([10, 100, 1000, 10_000]);
  });
});
