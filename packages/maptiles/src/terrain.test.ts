import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng, PngError } from './png.ts';
import {
  boundsIntersect,
  decodeTerrarium,
  encodeTerrarium,
  terrainTile,
  terrariumHeightAt,
  tileBounds,
} from './terrain.ts';

describe('Terrarium encoding', () => {
  it('keeps heights to 1/256 m', () => {
    fc.assert(
      fc.property(fc.double({ min: -500, max: 9000, noNaN: true }), (h) => {
        const px = new Uint8Array(3);
        encodeTerrarium(h, px, 0);
        const back = decodeTerrarium(px[0]!, px[1]!, px[2]!);
        return Math.abs(h - back) < 1 / 256 + 1e-6;
      }),
    );
  });
});

describe('tiles', () => {
  it('knows the bounds of tiles', () => {
    const [w, s, e, n] = tileBounds(0, 0, 0);
    expect([w, e]).toEqual([-180, 180]);
    expect(n).toBeCloseTo(85.0511, 3);
    expect(s).toBeCloseTo(-85.0511, 3);
    // z1 x1 y0: the north-east quarter.
    expect(tileBounds(1, 1, 0)[0]).toBe(0);
    expect(tileBounds(1, 1, 0)[1]).toBeCloseTo(0, 9);
    expect(boundsIntersect(tileBounds(1, 1, 0), [1, 42, 2, 43])).toBe(true);
    expect(boundsIntersect(tileBounds(1, 0, 0), [1, 42, 2, 43])).toBe(false);
  });

  it('samples heights at pixel centres and survives a PNG round trip', () => {
    const heightAt = (lon: number, lat: number) => (lon > 1.65 ? undefined : 1000 + 100 * lon + 10 * lat);
    // z12 tile over Andorra.
    const [z, x, y] = [12, 2066, 1506];
    const image = decodePng(encodePng(terrainTile(z, x, y, heightAt, { fallback: -5 })));
    expect(image).toMatchObject({ width: 256, height: 256, channels: 3 });
    const [w, s, e, n] = tileBounds(z, x, y);
    const lon = w + 0.3 * (e - w);
    const lat = s + 0.6 * (n - s);
    expect(e).toBeGreaterThan(1.65);
    expect(terrariumHeightAt(image, z, x, y, e - 1e-6, lat)).toBe(-5);
    // Nearest pixel: within half a pixel of the linear field's slope.
    expect(Math.abs(terrariumHeightAt(image, z, x, y, lon, lat) - heightAt(lon, lat)!)).toBeLessThan(0.05);
  });

  it('fills pixels without a height with the fallback', () => {
    const image = terrainTile(3, 4, 2, () => undefined, { size: 4, fallback: -5 });
    expect(decodeTerrarium(image.pixels[0]!, image.pixels[1]!, image.pixels[2]!)).toBe(-5);
  });

  it('refuses a corrupted PNG', () => {
    const bytes = encodePng({ width: 2, height: 2, channels: 4, pixels: new Uint8Array(16).fill(7) });
    expect(decodePng(bytes).pixels).toEqual(new Uint8Array(16).fill(7));
    bytes[20] = bytes[20]! ^ 0xff;
    expect(() => decodePng(bytes)).toThrow(PngError);
  });
});
