import { unzipSync } from 'fflate';

/** One SRTM tile: a square of big-endian int16 heights in metres, rows from north to south. */
export interface ElevationTile {
  readonly south: number;
  readonly west: number;
  readonly size: number;
  readonly heights: Int16Array;
}

export class ElevationError extends Error {
  override readonly name = 'ElevationError';
}

const VOID = -32768;
const NAME = /([NS])(\d{2})([EW])(\d{3})\.hgt$/i;

/**
 * Read an SRTM `.hgt` tile, or a `.zip` holding one. The south-west corner comes from the file name
 * (`N42E001.hgt`); pass the name of the file the bytes came from when they are a bare `.hgt`.
 */
export function parseSrtm(bytes: Uint8Array, fileName: string): ElevationTile {
  let name = fileName;
  let data = bytes;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes, { filter: (f) => NAME.test(f.name) });
    } catch (error) {
      throw new ElevationError(`${fileName}: not a readable zip archive (${(error as Error).message})`);
    }
    const first = Object.entries(entries)[0];
    if (!first) throw new ElevationError(`${fileName}: the zip archive holds no .hgt tile`);
    [name, data] = first;
  }
  const m = NAME.exec(name);
  if (!m) throw new ElevationError(`${fileName}: cannot tell the tile corner; name it like N42E001.hgt`);
  const size = Math.round(Math.sqrt(data.length / 2));
  if (size * size * 2 !== data.length || (size !== 1201 && size !== 3601)) {
    throw new ElevationError(
      `${fileName}: ${data.length} bytes is neither an SRTM3 (1201²) nor SRTM1 (3601²) tile`,
    );
  }
  const heights = new Int16Array(size * size);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < heights.length; i++) heights[i] = view.getInt16(2 * i, false);
  const south = Number(m[2]) * (m[1]!.toUpperCase() === 'S' ? -1 : 1);
  const west = Number(m[4]) * (m[3]!.toUpperCase() === 'W' ? -1 : 1);
  return { south, west, size, heights };
}

/** Height in metres at a position by bilinear interpolation, or undefined outside the tile or on voids. */
export function elevationAt(tile: ElevationTile, lon: number, lat: number): number | undefined {
  const n = tile.size - 1;
  const x = (lon - tile.west) * n;
  const y = (tile.south + 1 - lat) * n;
  if (!(x >= 0 && y >= 0 && x <= n && y <= n)) return undefined;
  const x0 = Math.min(Math.floor(x), n - 1);
  const y0 = Math.min(Math.floor(y), n - 1);
  const fx = x - x0;
  const fy = y - y0;
  const h = tile.heights;
  const a = h[y0 * tile.size + x0]!;
  const b = h[y0 * tile.size + x0 + 1]!;
  const c = h[(y0 + 1) * tile.size + x0]!;
  const d = h[(y0 + 1) * tile.size + x0 + 1]!;
  if (a === VOID || b === VOID || c === VOID || d === VOID) return undefined;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}
