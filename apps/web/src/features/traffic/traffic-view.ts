import type { SignModel, TrafficHazard, TrafficLevel } from '@ronghui/contracts';

/** The warning levels in rising order (as the contract's `TRAFFIC_LEVELS`, kept here so zod stays out). */
const LEVELS: readonly TrafficLevel[] = ['yellow', 'orange', 'red'];

/** Map and tag colours of the CMA warning levels; grey for a section with no active hazard. */
export const levelColors: Record<TrafficLevel | 'none', string> = {
  yellow: '#fadb14',
  orange: '#fa8c16',
  red: '#f5222d',
  none: '#8c8c8c',
};

/** antd's preset tag colours for the levels (legible text on a tinted background). */
export const levelTagColors: Record<TrafficLevel, string> = { yellow: 'gold', orange: 'orange', red: 'red' };

/** The worst level among some hazards, or null when there are none. */
export function worstLevel(levels: Iterable<TrafficLevel>): TrafficLevel | null {
  let worst = -1;
  for (const level of levels) worst = Math.max(worst, LEVELS.indexOf(level));
  return worst < 0 ? null : (LEVELS[worst] ?? null);
}

/** Each section's worst active level (sections without an active hazard are absent). */
export function sectionLevels(
  hazards: readonly Pick<TrafficHazard, 'sectionId' | 'level' | 'endedAt'>[],
): Map<string, TrafficLevel> {
  const bySection = new Map<string, TrafficLevel[]>();
  for (const h of hazards) {
    if (h.endedAt) continue;
    const list = bySection.get(h.sectionId) ?? [];
    list.push(h.level);
    bySection.set(h.sectionId, list);
  }
  const out = new Map<string, TrafficLevel>();
  for (const [id, levels] of bySection) {
    const worst = worstLevel(levels);
    if (worst) out.set(id, worst);
  }
  return out;
}

/** The colour a section is drawn in: its worst active level, grey when none. */
export function sectionColor(level: TrafficLevel | null | undefined): string {
  return levelColors[level ?? 'none'];
}

// ── Dot-matrix signs ───────────────────────────────────────────────────────────────────────────────────

/**
 * How wide a character is on a Chinese road sign, in cells: printable ASCII is half-width (two to a cell),
 * everything else fills one (as `layoutSign` of `@ronghui/traffic` counts when it lays the text out).
 */
export function charCells(ch: string): number {
  return ch >= ' ' && ch <= '~' ? 0.5 : 1;
}

/** One character placed on the sign, in dots from the top-left of the matrix. */
export interface PlacedChar {
  ch: string;
  /** Left edge and top edge of its cell. */
  x: number;
  y: number;
  /** Cell size in dots (half-width characters are half as wide). */
  width: number;
  height: number;
}

/**
 * Where each character of the laid-out lines falls on the matrix: a line per row of `dots`-high cells,
 * centred across `charsPerLine` cells as the county's signs do. Characters past the sign's width or lines
 * past its height are not shown (the server lays the text out to fit; this only draws it).
 */
export function placeChars(model: SignModel, lines: readonly string[]): PlacedChar[] {
  const placed: PlacedChar[] = [];
  const { dots, charsPerLine } = model;
  lines.slice(0, model.lines).forEach((line, row) => {
    const chars = [...line];
    const total = chars.reduce((sum, ch) => sum + charCells(ch), 0);
    let x = (Math.max(0, charsPerLine - total) * dots) / 2;
    for (const ch of chars) {
      const width = charCells(ch) * dots;
      if (x + width > charsPerLine * dots + 1e-9) break;
      placed.push({ ch, x, y: row * dots, width, height: dots });
      x += width;
    }
  });
  return placed;
}

/** The matrix's size in dots. */
export function matrixSize(model: SignModel): { cols: number; rows: number } {
  return { cols: model.charsPerLine * model.dots, rows: model.lines * model.dots };
}

/**
 * Which LEDs are lit, from the text drawn `scale` times larger than the matrix (RGBA, alpha = ink): a dot
 * is lit when at least `threshold` of its `scale`×`scale` block is inked. Row-major, 1 = lit.
 */
export function sampleDots(
  rgba: ArrayLike<number>,
  size: { cols: number; rows: number },
  scale: number,
  threshold = 0.35,
): Uint8Array {
  const { cols, rows } = size;
  const width = cols * scale;
  const lit = new Uint8Array(cols * rows);
  const block = scale * scale * 255;
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      let ink = 0;
      for (let y = r * scale; y < (r + 1) * scale; y += 1)
        for (let x = c * scale; x < (c + 1) * scale; x += 1) ink += rgba[(y * width + x) * 4 + 3] ?? 0;
      if (ink / block >= threshold) lit[r * cols + c] = 1;
    }
  }
  return lit;
}

/** Pixels between LED centres for a preview at most `maxWidth` wide (2 to 6). */
export function dotPitch(model: SignModel, maxWidth: number): number {
  return Math.max(2, Math.min(6, Math.floor(maxWidth / (model.charsPerLine * model.dots))));
}

// ── Devices CSV ────────────────────────────────────────────────────────────────────────────────────────

/** The columns `POST /api/traffic/devices/import` reads, in order. */
export const DEVICE_CSV_COLUMNS = [
  'id',
  'name',
  'kind',
  'lon',
  'lat',
  'sectionId',
  'signId',
  'junction',
  'branch',
  'lines',
  'charsPerLine',
] as const;

type CsvDevice = {
  id: string;
  name: string;
  kind: string;
  position: readonly [number, number];
  sectionId?: string | null;
  signId?: string | null;
  junction?: string | null;
  branch?: string | null;
  model?: { lines: number; charsPerLine: number } | null;
};

/** A CSV field, quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The import's CSV for some devices (the header first): the current list to edit, or a template. */
export function devicesCsv(devices: readonly CsvDevice[]): string {
  const rows = devices.map((d) =>
    [
      d.id,
      d.name,
      d.kind,
      d.position[0],
      d.position[1],
      d.sectionId,
      d.signId,
      d.junction,
      d.branch,
      d.model?.lines,
      d.model?.charsPerLine,
    ]
      .map(csvField)
      .join(','),
  );
  return [DEVICE_CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

/** A template with one example row per kind that needs its own columns (a sensor, a camera, a sign). */
export function deviceCsvTemplate(): string {
  return devicesCsv([
    { id: 'RS-001', name: '路面传感器 K12+300', kind: 'surface', position: [118.12, 25.71] },
    { id: 'CAM-001', name: '卡口 K11+800', kind: 'anpr', position: [118.11, 25.7], signId: 'VMS-001' },
    {
      id: 'VMS-001',
      name: '情报板 K12+000',
      kind: 'sign',
      position: [118.115, 25.705],
      model: { lines: 2, charsPerLine: 8 },
    },
  ]);
}

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────────────

/** Extra minutes a route takes now over its hazard-free time (null when either is unknown). */
export function delayMinutes(route: {
  durationSeconds: number | null;
  normalDurationSeconds: number | null;
}): number | null {
  if (route.durationSeconds === null || route.normalDurationSeconds === null) return null;
  return Math.round((route.durationSeconds - route.normalDurationSeconds) / 60);
}
