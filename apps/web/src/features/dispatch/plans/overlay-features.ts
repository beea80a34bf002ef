import type { CoverageVillage, PatrolPlanFeature, RoadClosure } from '@ronghui/contracts';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { type EditorState, geometryOf, minVertices } from './plan-editor.ts';

const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

/**
 * The first of the given times (minutes, ascending) within which the first unit arrives; 0 when it
 * arrives later than all of them, -1 when no available unit reaches the place by road.
 */
export function reachBand(arrivalSeconds: number | null, minutes: readonly number[]): number {
  if (arrivalSeconds === null) return -1;
  return minutes.find((m) => arrivalSeconds <= m * 60) ?? 0;
}

/** Villages as points coloured by the band their first unit arrives in. */
export function coverageFeatures(
  villages: readonly CoverageVillage[],
  minutes: readonly number[],
): FeatureCollection {
  const sorted = [...minutes].sort((a, b) => a - b);
  return collection(
    villages.map((v) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
      properties: {
        code: v.code,
        name: v.name,
        band: reachBand(v.arrivalSeconds, sorted),
        arrivalMin: v.arrivalSeconds === null ? null : Math.round((v.arrivalSeconds / 60) * 10) / 10,
      },
    })),
  );
}

/** Road features carry their edge ids; the map hands arrays back as JSON text. */
export function edgesOf(value: unknown): number[] {
  const list = typeof value === 'string' ? safeParse(value) : value;
  return Array.isArray(list) ? list.filter((e): e is number => Number.isInteger(e)) : [];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The road pieces each closure covers, drawn over the road network. */
export function closureFeatures(
  roads: FeatureCollection | undefined,
  closures: readonly RoadClosure[],
): FeatureCollection {
  if (!roads || closures.length === 0) return collection([]);
  const byEdge = new Map<number, RoadClosure>();
  for (const c of closures) for (const e of c.edges) byEdge.set(e, c);
  const features: Feature[] = [];
  for (const road of roads.features) {
    const closure = edgesOf(road.properties?.edges)
      .map((e) => byEdge.get(e))
      .find(Boolean);
    if (!closure) continue;
    features.push({
      type: 'Feature',
      geometry: road.geometry,
      properties: {
        closureId: closure.id,
        kind: closure.kind,
        cause: closure.cause,
        note: closure.note ?? '',
        until: closure.until ?? '',
        road: road.properties?.name ?? '',
      },
    });
  }
  return collection(features);
}

/** Stored plans for the map; the one being edited is drawn by the editor instead. */
export function planFeatures(
  plans: readonly PatrolPlanFeature[],
  editingId: string | null,
): FeatureCollection {
  return collection(
    plans
      .filter((p) => p.id !== editingId)
      .map((p) => ({
        type: 'Feature',
        geometry: p.geometry as Geometry,
        properties: { ...p.properties, unitCount: p.properties.unitIds.length },
      })),
  );
}

/** The shape being drawn or edited, and its vertices as handles (with their index, for dragging). */
export function draftFeatures(state: EditorState): FeatureCollection {
  if (state.mode === 'idle') return collection([]);
  const { kind, vertices } = state;
  const features: Feature[] = [];
  if (vertices.length >= minVertices[kind]) {
    features.push({
      type: 'Feature',
      geometry: geometryOf(kind, vertices),
      properties: { role: 'shape', kind },
    });
  } else if (vertices.length >= 2) {
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: vertices.map((v) => [v[0], v[1]]) },
      properties: { role: 'shape', kind },
    });
  }
  vertices.forEach((v, index) => {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [v[0], v[1]] },
      properties: { role: 'vertex', index },
    });
  });
  return collection(features);
}

type Px = readonly [number, number];

function distanceToSegment(p: Px, a: Px, b: Px): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** The index of the line (screen pixels) passing closest to the point, or -1 when there is none. */
export function closestLine(p: Px, lines: readonly (readonly Px[])[]): number {
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  lines.forEach((line, i) => {
    for (let k = 1; k < line.length; k++) {
      const d = distanceToSegment(p, line[k - 1]!, line[k]!);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
  });
  return best;
}
