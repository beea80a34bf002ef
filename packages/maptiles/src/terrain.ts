import type { RasterImage } from './png.ts';

/** Web-Mercator tiles (XYZ, y from the north) and Terrarium-encoded elevation, as MapLibre's raster-dem reads. */

export type Bounds = readonly [west: number, south: number, east: number, north: number];

export function tileBounds(z: number, x: number, y: number): Bounds {
  const n = 2 ** z;
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)];
}

/** Position of a point inside a tile, `fx`/`fy` in 0..1 from the tile's north-west corner. */
export function tilePointToLngLat(z: number, x: number, y: number, fx: number, fy: number): [number, number] {
  const n = 2 ** z;
  const lon = ((x + fx) / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + fy)) / n))) * 180) / Math.PI;
  return [lon, lat];
}

export function boundsIntersect(a: Bounds, b: Bounds): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Terrarium: height = R·256 + G + B/256 − 32768 metres. */
export function encodeTerrarium(height: number, out: Uint8Array, at: number): void {
  const v = Math.min(65_535.996, Math.max(0, height + 32_768));
  const whole = Math.floor(v);
  out[at] = whole >> 8;
  out[at + 1] = whole & 0xff;
  out[at + 2] = Math.floor((v - whole) * 256);
}

export function decodeTerrarium(r: number, g: number, b: number): number {
  return r * 256 + g + b / 256 - 32_768;
}

/** Height in metres at a position, or undefined where the elevation model has no value. */
export type HeightAt = (lon: number, lat: number) => number | undefined;

/**
 * A `size`×`size` Terrarium tile; each pixel holds the height at its centre. Pixels without a value
 * (outside the model, or voids) take `fallback` metres.
 */
export function terrainTile(
  z: number,
  x: number,
  y: number,
  heightAt: HeightAt,
  options: { size?: number; fallback?: number } = {},
): RasterImage {
  const size = options.size ?? 256;
  const fallback = options.fallback ?? 0;
  const pixels = new Uint8Array(size * size * 3);
  const lons = new Float64Array(size);
  for (let col = 0; col < size; col++) lons[col] = tilePointToLngLat(z, x, y, (col + 0.5) / size, 0)[0];
  for (let row = 0; row < size; row++) {
    const lat = tilePointToLngLat(z, x, y, 0, (row + 0.5) / size)[1];
    for (let col = 0; col < size; col++) {
      encodeTerrarium(heightAt(lons[col]!, lat) ?? fallback, pixels, (row * size + col) * 3);
    }
  }
  return { width: size, height: size, channels: 3, pixels };
}

/** The height a Terrarium tile holds at a position inside it (nearest pixel). */
export function terrariumHeightAt(
  image: RasterImage,
  z: number,
  x: number,
  y: number,
  lon: number,
  lat: number,
): number {
  const n = 2 ** z;
  const fx = ((lon + 180) / 360) * n - x;
  const rad = (lat * Math.PI) / 180;
  const fy = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n - y;
  const col = Math.min(image.width - 1, Math.max(0, Math.floor(fx * image.width)));
  const row = Math.min(image.height - 1, Math.max(0, Math.floor(fy * image.height)));
  const at = (row * image.width + col) * image.channels;
  return decodeTerrarium(image.pixels[at]!, image.pixels[at + 1]!, image.pixels[at + 2]!);
}
