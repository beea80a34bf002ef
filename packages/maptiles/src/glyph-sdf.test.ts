import { describe, expect, it } from 'vitest';
import { decodeGlyphRange, encodeGlyphRange, GlyphRangeError, parseGlyphRange } from './glyph-pbf.ts';
import { type Contour, contoursOf, glyphSdf } from './glyph-sdf.ts';

// A 10×10 px square from (0,0) to (10,10), y up, counter-clockwise.
const square: Contour = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
];

describe('glyphSdf', () => {
  const sdf = glyphSdf([square]);
  const w = sdf.width + 6;
  const at = (x: number, yUp: number) => sdf.bitmap[(sdf.top + 3 - yUp - 1) * w + (x + 3)]!;

  it('boxes the outline in whole pixels with a 3 px buffer', () => {
    expect(sdf).toMatchObject({ width: 10, height: 10, left: 0, top: 10 });
    expect(sdf.bitmap.length).toBe(16 * 16);
  });

  it('is high inside, ≈191 at the edge and low outside', () => {
    // Pixel (4,4) has its centre 4.5 px inside the nearest edge.
    expect(at(4, 4)).toBeGreaterThan(230);
    // Pixel (0,5): centre 0.5 px inside → 255 − 255·(−0.5/8 + 0.25) ≈ 207.
    expect(at(0, 5)).toBe(207);
    // Pixel (−1,5): centre 0.5 px outside → ≈ 175, below MapLibre's 192 threshold.
    expect(at(-1, 5)).toBe(175);
    // Corner of the buffer, 2.5·√2 px away.
    expect(at(-3, -3)).toBeLessThan(150);
  });

  it('follows the non-zero rule: a hole wound the other way is outside', () => {
    const hole: Contour = [
      [3, 3],
      [3, 7],
      [7, 7],
      [7, 3],
    ];
    const ring = glyphSdf([square, hole]);
    const rw = ring.width + 6;
    const centre = ring.bitmap[(ring.top + 3 - 5 - 1) * rw + (5 + 3)]!;
    expect(centre).toBeLessThan(192);
    expect(glyphSdf([square]).bitmap[(10 + 3 - 6) * rw + 8]!).toBeGreaterThan(192);
  });

  it('gives an empty bitmap for a blank glyph', () => {
    expect(glyphSdf([])).toEqual({ width: 0, height: 0, left: 0, top: 0, bitmap: new Uint8Array() });
  });

  it('flattens quadratic curves and turns y up', () => {
    const [contour] = contoursOf([
      { type: 'M', x: 0, y: 0 },
      { type: 'Q', x1: 5, y1: -10, x: 10, y: 0 },
      { type: 'Z' },
    ]);
    expect(contour).toHaveLength(9);
    expect(Math.max(...contour!.map(([, y]) => y))).toBeCloseTo(5, 5);
  });
});

describe('glyph ranges', () => {
  it('round-trips through glyphs.proto, negative metrics included', () => {
    const bytes = encodeGlyphRange({
      name: 'Noto Sans Regular',
      range: '0-255',
      glyphs: [
        { id: 32, bitmap: new Uint8Array(), width: 0, height: 0, left: 0, top: 0, advance: 6 },
        {
          id: 65,
          bitmap: Uint8Array.from([1, 2, 200]),
          width: 16,
          height: 18,
          left: -1,
          top: -8,
          advance: 15,
        },
      ],
    });
    const [range] = decodeGlyphRange(bytes);
    expect(range?.name).toBe('Noto Sans Regular');
    expect(range?.glyphs[1]).toEqual({
      id: 65,
      bitmap: Uint8Array.from([1, 2, 200]),
      width: 16,
      height: 18,
      left: -1,
      top: -8,
      advance: 15,
    });
    expect(range?.glyphs[0]?.bitmap.length).toBe(0);
  });

  it('accepts only aligned blocks of 256 code points', () => {
    expect(parseGlyphRange('19968-20223')).toEqual({ start: 19968, end: 20223 });
    for (const bad of ['0-256', '1-256', 'abc', '65536-65791', '-1-254']) {
      expect(() => parseGlyphRange(bad)).toThrow(GlyphRangeError);
    }
  });
});
