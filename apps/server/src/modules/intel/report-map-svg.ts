/** What the report map draws: the county outline, hotspot cells and the series' crimes. */
export interface MapInput {
  /** GeoJSON Polygon or MultiPolygon coordinates of the county outline (WGS-84). */
  outline: unknown;
  cells: { ring: [number, number][]; value: number; flagged: boolean }[];
  points: { lon: number; lat: number; label: string }[];
  labels: { lon: number; lat: number; text: string }[];
}

const WIDTH = 640;
const HEIGHT = 520;
const PAD = 16;
/** About 8 km. */
const MIN_SPAN_DEG = 0.075;

function rings(geometry: unknown): [number, number][][] {
  if (!geometry || typeof geometry !== 'object') return [];
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g.type === 'Polygon') return g.coordinates as [number, number][][];
  if (g.type === 'MultiPolygon') return (g.coordinates as [number, number][][][]).flat();
  return [];
}

/** A 1 km (or 2 km) bar in the lower-left corner. */
function scaleBar(pxPerDeg: number, k: number): string {
  const pxPerKm = (pxPerDeg * k) / 111.32;
  const km = pxPerKm * 1 < 40 ? 2 : 1;
  const w = (km * pxPerKm).toFixed(1);
  return `<g font-size="11" fill="#262626"><rect x="${PAD}" y="${HEIGHT - 22}" width="${w}" height="4" fill="#262626"/><text x="${PAD}" y="${HEIGHT - 26}">${km} km</text></g>`;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A static SVG map drawn on the server (no tiles, no outside sources): equirectangular about the
 * outline's centre, so the county keeps its shape at this latitude.
 */
export function renderMapSvg(input: MapInput): string {
  const outline = rings(input.outline);
  const focus = [
    ...input.points.map((p) => [p.lon, p.lat] as [number, number]),
    ...input.cells.flatMap((c) => c.ring),
  ];
  const all = focus.length > 0 ? focus : outline.flat();
  if (all.length === 0)
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"/>`;
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  // Zoom to the crimes and cells, at least MIN_SPAN_DEG across, so streets-scale clusters stay visible.
  const grow = (lo: number, hi: number) => {
    const span = Math.max((hi - lo) * 1.3, MIN_SPAN_DEG);
    const mid = (lo + hi) / 2;
    return [mid - span / 2, mid + span / 2] as const;
  };
  const [minLon, maxLon] = grow(Math.min(...lons), Math.max(...lons));
  const [minLat, maxLat] = grow(Math.min(...lats), Math.max(...lats));
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = Math.min(
    (WIDTH - 2 * PAD) / Math.max((maxLon - minLon) * k, 1e-9),
    (HEIGHT - 2 * PAD) / Math.max(maxLat - minLat, 1e-9),
  );
  const x = (lon: number) => (PAD + (lon - minLon) * k * scale).toFixed(1);
  const y = (lat: number) => (HEIGHT - PAD - (lat - minLat) * scale).toFixed(1);
  const path = (ring: [number, number][]) => `M${ring.map(([a, b]) => `${x(a)},${y(b)}`).join('L')}Z`;
  const maxValue = Math.max(...input.cells.map((c) => c.value), 1e-12);
  const cells = input.cells
    .map((c) => {
      const o = (0.15 + (0.75 * Math.max(0, c.value)) / maxValue).toFixed(2);
      return `<path d="${path(c.ring)}" fill="#f5222d" fill-opacity="${o}" stroke="#f5222d" stroke-opacity="${o}" stroke-width="0.5"/>`;
    })
    .join('');
  const points = input.points
    .map(
      (p) =>
        `<circle cx="${x(p.lon)}" cy="${y(p.lat)}" r="3.5" fill="#1677ff" stroke="#fff" stroke-width="1"><title>${escapeXml(p.label)}</title></circle>`,
    )
    .join('');
  // Labels closer than 60 px to an earlier one would overlap it: skip them.
  const placed: [number, number][] = [];
  const labels = input.labels
    .filter((l) => {
      const at: [number, number] = [Number(x(l.lon)), Number(y(l.lat))];
      if (placed.some(([px, py]) => Math.hypot(px - at[0], py - at[1]) < 60)) return false;
      placed.push(at);
      return true;
    })
    .map(
      (l) =>
        `<text x="${x(l.lon)}" y="${y(l.lat)}" dx="8" dy="-6" font-size="12" fill="#262626" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(l.text)}</text>`,
    )
    .join('');
  const county = outline.map((r) => `<path d="${path(r)}"/>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="Noto Sans CJK SC, sans-serif">`,
    `<defs><clipPath id="frame"><rect width="${WIDTH}" height="${HEIGHT}"/></clipPath></defs>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#e6ecf2"/>`,
    `<g clip-path="url(#frame)"><g fill="#ffffff" stroke="#595959" stroke-width="1.5">${county}</g>`,
    `<g>${cells}</g><g>${points}</g><g>${labels}</g></g>`,
    scaleBar(scale, k),
    `<g font-size="11" fill="#262626"><rect x="${WIDTH - 150}" y="${HEIGHT - 52}" width="140" height="44" fill="#fff" stroke="#d9d9d9"/>`,
    `<rect x="${WIDTH - 142}" y="${HEIGHT - 44}" width="10" height="10" fill="#f5222d" fill-opacity="0.7"/><text x="${WIDTH - 126}" y="${HEIGHT - 35}">热点网格</text>`,
    `<circle cx="${WIDTH - 137}" cy="${HEIGHT - 20}" r="4" fill="#1677ff"/><text x="${WIDTH - 126}" y="${HEIGHT - 16}">系列案件发案点</text></g>`,
    '</svg>',
  ].join('');
}
