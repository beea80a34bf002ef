import { describe, expect, it } from 'vitest';
import { peakTimes } from './report-content.ts';
import { renderMapSvg } from './report-map-svg.ts';

const zeros = () => Array.from({ length: 7 }, () => new Array<number>(24).fill(0));

describe('peakTimes', () => {
  it('finds the busiest 3-hour window, across midnight too, and the busiest weekdays', () => {
    const heat = zeros();
    heat[5]![23] = 2; // Saturday 23:00
    heat[6]![0] = 3; // Sunday 00:00
    heat[6]![1] = 1;
    heat[1]![12] = 1;
    const peak = peakTimes(heat);
    expect(peak.fromHour).toBe(23);
    expect(peak.share).toBeCloseTo(6 / 7, 10);
    expect(peak.days).toEqual(['周日', '周六']);
  });
  it('reports no share for an empty table', () => {
    expect(peakTimes(zeros()).share).toBe(0);
  });
});

describe('renderMapSvg', () => {
  const outline = {
    type: 'Polygon',
    coordinates: [
      [
        [118.0, 25.3],
        [118.5, 25.3],
        [118.5, 25.8],
        [118.0, 25.8],
        [118.0, 25.3],
      ],
    ],
  };
  it('draws the outline, one path per cell, one circle per crime, and escapes labels', () => {
    const svg = renderMapSvg({
      outline,
      cells: [
        {
          ring: [
            [118.2, 25.5],
            [118.21, 25.5],
            [118.21, 25.51],
            [118.2, 25.51],
            [118.2, 25.5],
          ],
          value: 1,
          flagged: true,
        },
      ],
      points: [{ lon: 118.205, lat: 25.505, label: 'DH-M001' }],
      labels: [{ lon: 118.2, lat: 25.5, text: '<村>' }],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(2); // the crime and the legend's dot
    expect(svg).toContain('&lt;村&gt;');
    expect(svg).not.toContain('<村>');
  });
  it('keeps points inside the picture', () => {
    const svg = renderMapSvg({
      outline,
      cells: [],
      points: [{ lon: 118.3, lat: 25.6, label: 'a' }],
      labels: [],
    });
    const [, cx, cy] = /<circle cx="([\d.]+)" cy="([\d.]+)"/.exec(svg) ?? [];
    expect(Number(cx)).toBeGreaterThan(0);
    expect(Number(cx)).toBeLessThan(640);
    expect(Number(cy)).toBeGreaterThan(0);
    expect(Number(cy)).toBeLessThan(520);
  });
});
