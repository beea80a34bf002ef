/**
 * Signed distance fields of glyph outlines, as MapLibre draws text: a bitmap `buffer` pixels wider than
 * the glyph on each side, 8-bit values where 255 − 255·(d / radius + cutoff) and d is the distance to
 * the outline in pixels, negative inside. The outline's edge sits at ≈ 191 (MapLibre's 0.75 threshold).
 */

/** A closed outline in pixels, y up (baseline at 0). */
export type Contour = readonly (readonly [number, number])[];

export interface SdfOptions {
  buffer: number;
  radius: number;
  cutoff: number;
}

export const defaultSdf: SdfOptions = { buffer: 3, radius: 8, cutoff: 0.25 };

export interface GlyphBitmap {
  /** Glyph box in whole pixels, without the buffer. */
  width: number;
  height: number;
  /** Left edge and top edge (y up, from the baseline) of the box. */
  left: number;
  top: number;
  /** (width + 2·buffer) × (height + 2·buffer) bytes, rows from the top; empty for a blank glyph. */
  bitmap: Uint8Array;
}

/** Path commands as font libraries give them (y down, like canvas). */
export type PathCommand =
  | { type: 'M' | 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };

const CURVE_STEPS = 8;

/** Flattens curves into short segments and turns y up. */
export function contoursOf(commands: readonly PathCommand[]): Contour[] {
  const contours: [number, number][][] = [];
  let current: [number, number][] = [];
  let x = 0;
  let y = 0;
  const close = () => {
    if (current.length > 2) contours.push(current);
    current = [];
  };
  for (const c of commands) {
    if (c.type === 'M') {
      close();
      x = c.x;
      y = c.y;
      current.push([x, -y]);
    } else if (c.type === 'L') {
      x = c.x;
      y = c.y;
      current.push([x, -y]);
    } else if (c.type === 'Q') {
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        current.push([
          u * u * x + 2 * u * t * c.x1 + t * t * c.x,
          -(u * u * y + 2 * u * t * c.y1 + t * t * c.y),
        ]);
      }
      x = c.x;
      y = c.y;
    } else if (c.type === 'C') {
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        const px = u * u * u * x + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x;
        const py = u * u * u * y + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y;
        current.push([px, -py]);
      }
      x = c.x;
      y = c.y;
    } else close();
  }
  close();
  return contours;
}

function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Non-zero winding number of the point against every contour (TrueType and CFF fonts both fill non-zero). */
function winding(px: number, py: number, contours: readonly Contour[]): number {
  let w = 0;
  for (const contour of contours) {
    for (let i = 0; i < contour.length; i++) {
      const [ax, ay] = contour[i]!;
      const [bx, by] = contour[(i + 1) % contour.length]!;
      if (ay <= py) {
        if (by > py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) > 0) w++;
      } else if (by <= py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) < 0) w--;
    }
  }
  return w;
}

/** The SDF bitmap of a glyph's outline (contours in pixels, y up). */
export function glyphSdf(contours: readonly Contour[], options: SdfOptions = defaultSdf): GlyphBitmap {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const contour of contours) {
    for (const [x, y] of contour) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (!(maxX > minX && maxY > minY))
    return { width: 0, height: 0, left: 0, top: 0, bitmap: new Uint8Array() };
  const { buffer, radius, cutoff } = options;
  const left = Math.floor(minX);
  const top = Math.ceil(maxY);
  const width = Math.ceil(maxX) - left;
  const height = top - Math.floor(minY);
  const w = width + 2 * buffer;
  const h = height + 2 * buffer;
  const bitmap = new Uint8Array(w * h);
  for (let row = 0; row < h; row++) {
    const py = top + buffer - row - 0.5;
    for (let col = 0; col < w; col++) {
      const px = left - buffer + col + 0.5;
      let best = Infinity;
      for (const contour of contours) {
        for (let i = 0; i < contour.length; i++) {
          const [ax, ay] = contour[i]!;
          const [bx, by] = contour[(i + 1) % contour.length]!;
          const d2 = segmentDistance2(px, py, ax, ay, bx, by);
          if (d2 < best) best = d2;
        }
      }
      const distance = Math.sqrt(best) * (winding(px, py, contours) !== 0 ? -1 : 1);
      const value = Math.round(255 - 255 * (distance / radius + cutoff));
      bitmap[row * w + col] = Math.max(0, Math.min(255, value));
    }
  }
  return { width, height, left, top, bitmap };
}
