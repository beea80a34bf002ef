import type { Camera, CameraScenePlace, Incident, Unit } from '@ronghui/contracts';
import { type CameraPose, type CameraProjector, createLocalProjection, localDistance } from '@ronghui/geo';
import type { FeatureCollection } from 'geojson';

export type ArLabelKind = 'unit' | 'incident' | 'place' | 'road';

/** A label drawn over the picture at the pixel its world point projects to. */
export interface ArLabel {
  key: string;
  kind: ArLabelKind;
  text: string;
  /** Secondary text: unit status, incident category, distance. */
  detail: string;
  x: number;
  y: number;
  distanceM: number;
  /** Unit status or incident priority, for the colour. */
  tone: string;
  /** The thing the label names, for clicks. */
  id?: string;
  /** Its text box would cover a label that matters more: only the dot is drawn (text on hover). */
  collapsed?: boolean;
}

const rank: Record<ArLabelKind, number> = { incident: 0, unit: 1, place: 2, road: 3 };

/**
 * Keeps labels readable where many crowd together (near the horizon): incidents first, then units,
 * places and roads, nearer before farther; a label whose text box (estimated from its text, placed
 * above its point) would overlap one already placed is collapsed to its dot.
 */
export function declutter(labels: ArLabel[]): ArLabel[] {
  const placed: { l: number; r: number; t: number; b: number }[] = [];
  const order = [...labels].sort((a, b) => rank[a.kind] - rank[b.kind] || a.distanceM - b.distanceM);
  for (const label of order) {
    const w = Math.max(label.text.length * 13, label.detail.length * 7) + 16;
    const box = { l: label.x - w / 2, r: label.x + w / 2, t: label.y - 48, b: label.y - 8 };
    const hit = placed.some((p) => box.l < p.r && box.r > p.l && box.t < p.b && box.b > p.t);
    label.collapsed = hit;
    if (!hit) placed.push(box);
  }
  return labels;
}

export interface ArScene {
  units: readonly Unit[];
  incidents: readonly Incident[];
  places: readonly CameraScenePlace[];
  roads: FeatureCollection | undefined;
}

/** A camera's pose for a picture of the given size. */
export function poseOf(camera: Camera, width: number, height: number): CameraPose {
  return {
    lon: camera.lon,
    lat: camera.lat,
    groundElevationM: camera.groundElevationMeters,
    heightM: camera.heightMeters,
    headingDeg: camera.headingDegrees,
    tiltDeg: camera.tiltDegrees,
    rollDeg: camera.rollDegrees,
    hfovDeg: camera.hfovDegrees,
    rangeM: camera.rangeMeters,
    width,
    height,
  };
}

/** Points along a line every `stepM` metres (roughly: the local plane at each piece's latitude). */
function samples(coords: readonly (readonly number[])[], stepM: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < coords.length; i++) {
    const [x0, y0] = coords[i - 1] as [number, number];
    const [x1, y1] = coords[i] as [number, number];
    const lengthM = localDistance([x0, y0], [x1, y1]);
    const n = Math.max(1, Math.ceil(lengthM / stepM));
    for (let j = i === 1 ? 0 : 1; j <= n; j++) out.push([x0 + ((x1 - x0) * j) / n, y0 + ((y1 - y0) * j) / n]);
  }
  return out;
}

export interface RoadTrace {
  name: string | null;
  /** Visible polyline pieces in pixels (broken where the road leaves the picture or passes behind). */
  pieces: [number, number][][];
}

/**
 * Labels of everything the camera sees: units (live positions), open incidents, gazetteer places and
 * one label per named road, placed by the camera's projection. Hidden points (behind, beyond range,
 * off the picture) get no label. Collapsed labels come first and nearer ones last, so that the
 * readable and the near labels are drawn on top.
 */
export function arLabels(
  camera: CameraProjector,
  scene: ArScene,
  t: LabelNames,
): { labels: ArLabel[]; roads: RoadTrace[] } {
  const road = roadOverlay(camera, scene.roads);
  return { labels: combineLabels(pointLabels(camera, scene, t), road.labels), roads: road.traces };
}

export interface LabelNames {
  unitStatus: (status: string) => string;
  category: (i: Incident) => string;
}

const km = (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`);

/** Decluttered, then ordered for drawing: collapsed first, farther before nearer. */
export function combineLabels(points: readonly ArLabel[], roads: readonly ArLabel[]): ArLabel[] {
  const labels = declutter([...points, ...roads].map((l) => ({ ...l })));
  return labels.sort((a, b) => Number(b.collapsed) - Number(a.collapsed) || b.distanceM - a.distanceM);
}

/** Labels of units, incidents and places in view (these move or change: recomputed often). */
export function pointLabels(
  camera: CameraProjector,
  scene: Omit<ArScene, 'roads'>,
  t: LabelNames,
): ArLabel[] {
  const labels: ArLabel[] = [];
  for (const u of scene.units) {
    if (!u.position) continue;
    const p = camera.project(u.position);
    if (!p.visible) continue;
    labels.push({
      key: `unit:${u.id}`,
      kind: 'unit',
      id: u.id,
      text: u.callsign,
      detail: `${t.unitStatus(u.status)} · ${km(p.distanceM)}`,
      x: p.x,
      y: p.y,
      distanceM: p.distanceM,
      tone: u.status,
    });
  }
  for (const i of scene.incidents) {
    const p = camera.project(i.location);
    if (!p.visible) continue;
    labels.push({
      key: `incident:${i.id}`,
      kind: 'incident',
      id: i.id,
      text: i.number,
      detail: `${t.category(i)} · ${km(p.distanceM)}`,
      x: p.x,
      y: p.y,
      distanceM: p.distanceM,
      tone: String(i.priority),
    });
  }
  for (const place of scene.places) {
    const p = camera.project(place);
    if (!p.visible) continue;
    labels.push({
      key: `place:${place.kind}:${place.name}`,
      kind: 'place',
      text: place.name,
      detail: km(p.distanceM),
      x: p.x,
      y: p.y,
      distanceM: p.distanceM,
      tone: place.kind,
    });
  }
  return labels;
}

/**
 * Road traces and one label per named road, for a pose (the roads stay put: computed once per pose).
 * Lines whose bounding box lies wholly beyond the camera's range are skipped before sampling.
 */
export function roadOverlay(
  camera: CameraProjector,
  collection: FeatureCollection | undefined,
): { traces: RoadTrace[]; labels: ArLabel[] } {
  const roads: RoadTrace[] = [];
  const roadLabel = new Map<string, ArLabel>();
  const { width, height, lon: lon0, lat: lat0, rangeM } = camera.pose;
  const local = createLocalProjection([lon0, lat0]);
  const near = (coords: readonly (readonly number[])[]) => {
    let [w, e, sth, nth] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const [x, y] of coords) {
      const [east, north] = local.toXY([x!, y!]);
      w = Math.min(w, east);
      e = Math.max(e, east);
      sth = Math.min(sth, north);
      nth = Math.max(nth, north);
    }
    return w <= rangeM && e >= -rangeM && sth <= rangeM && nth >= -rangeM;
  };
  for (const feature of collection?.features ?? []) {
    if (feature.geometry.type !== 'LineString' || !near(feature.geometry.coordinates)) continue;
    const name = (feature.properties?.name as string | null | undefined) ?? null;
    const pieces: [number, number][][] = [];
    let piece: [number, number][] = [];
    for (const [lon, lat] of samples(feature.geometry.coordinates, 15)) {
      const p = camera.project({ lon: lon!, lat: lat! });
      if (!p.visible) {
        if (piece.length > 1) pieces.push(piece);
        piece = [];
        continue;
      }
      piece.push([p.x, p.y]);
      if (name) {
        // One label per road name: the visible point nearest the middle of the picture.
        const score = Math.abs(p.x - width / 2) + Math.abs(p.y - height * 0.6);
        const best = roadLabel.get(name);
        const bestScore = best ? Math.abs(best.x - width / 2) + Math.abs(best.y - height * 0.6) : Infinity;
        if (score < bestScore)
          roadLabel.set(name, {
            key: `road:${name}`,
            kind: 'road',
            text: name,
            detail: km(p.distanceM),
            x: p.x,
            y: p.y,
            distanceM: p.distanceM,
            tone: 'road',
          });
      }
    }
    if (piece.length > 1) pieces.push(piece);
    if (pieces.length > 0) roads.push({ name, pieces });
  }
  return { traces: roads, labels: [...roadLabel.values()] };
}
