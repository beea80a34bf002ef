/**
 * Drawing and editing patrol-plan shapes on the map, as a pure state machine: the map turns mouse and
 * keyboard input into events, the panel reads the state. 守点 is one click, 巡线 and 控面 take clicks until a
 * double-click or Enter; Esc cancels; an existing shape's vertices are dragged.
 */
import type { PatrolPlanGeometry, PatrolPlanKind } from '@ronghui/contracts';

export type PlanKind = PatrolPlanKind;
export const planKinds: readonly PlanKind[] = ['guard-point', 'patrol-line', 'control-area'];

export type Vertex = readonly [number, number];

/** The GeoJSON geometry of a plan feature, as the API takes and gives it. */
export type PlanGeometry = PatrolPlanGeometry;

export type EditorState =
  | { mode: 'idle' }
  /** Clicking vertices of a new shape. */
  | { mode: 'drawing'; kind: PlanKind; vertices: readonly Vertex[] }
  /** A shape on the map, waiting for its name, station and units (a new one has no id). */
  | {
      mode: 'shaped';
      id: string | null;
      kind: PlanKind;
      vertices: readonly Vertex[];
      /** The vertex being dragged. */
      dragging: number | null;
      /** Whether the shape differs from the saved one. */
      moved: boolean;
    };

export type EditorEvent =
  | { type: 'draw'; kind: PlanKind }
  | { type: 'click'; at: Vertex }
  | { type: 'finish' }
  | { type: 'cancel' }
  | { type: 'edit'; id: string; kind: PlanKind; geometry: PlanGeometry }
  | { type: 'grab'; index: number }
  | { type: 'move'; at: Vertex }
  | { type: 'drop' }
  | { type: 'saved' };

export const idle: EditorState = { mode: 'idle' };

/** The fewest vertices a shape of each kind needs. */
export const minVertices: Record<PlanKind, number> = {
  'guard-point': 1,
  'patrol-line': 2,
  'control-area': 3,
};

const same = (a: Vertex, b: Vertex) => Math.abs(a[0] - b[0]) < 1e-9 && Math.abs(a[1] - b[1]) < 1e-9;

/** Drops a vertex equal to the one before it (a double-click clicks twice on one spot). */
export function withoutRepeats(vertices: readonly Vertex[]): Vertex[] {
  return vertices.filter((v, i) => i === 0 || !same(v, vertices[i - 1]!));
}

export function editorReducer(state: EditorState, event: EditorEvent): EditorState {
  switch (event.type) {
    case 'draw':
      return { mode: 'drawing', kind: event.kind, vertices: [] };
    case 'cancel':
      // Esc while dragging puts nothing back; it leaves the editor like any cancel.
      return idle;
    case 'saved':
      return idle;
    case 'edit':
      return {
        mode: 'shaped',
        id: event.id,
        kind: event.kind,
        vertices: verticesOf(event.geometry),
        dragging: null,
        moved: false,
      };
    case 'click': {
      if (state.mode !== 'drawing') return state;
      const vertices = [...state.vertices, event.at];
      if (state.kind === 'guard-point') return shaped(state.kind, vertices);
      return { ...state, vertices };
    }
    case 'finish': {
      if (state.mode !== 'drawing') return state;
      const vertices = withoutRepeats(state.vertices);
      if (vertices.length < minVertices[state.kind]) return { ...state, vertices };
      return shaped(state.kind, vertices);
    }
    case 'grab':
      if (state.mode !== 'shaped' || event.index < 0 || event.index >= state.vertices.length) return state;
      return { ...state, dragging: event.index };
    case 'move':
      if (state.mode !== 'shaped' || state.dragging === null) return state;
      return {
        ...state,
        vertices: state.vertices.map((v, i) => (i === state.dragging ? event.at : v)),
        moved: true,
      };
    case 'drop':
      if (state.mode !== 'shaped') return state;
      return { ...state, dragging: null };
  }
}

function shaped(kind: PlanKind, vertices: readonly Vertex[]): EditorState {
  return { mode: 'shaped', id: null, kind, vertices, dragging: null, moved: true };
}

/** How many more clicks the shape being drawn needs before it can be finished. */
export function clicksNeeded(state: EditorState): number {
  if (state.mode !== 'drawing') return 0;
  return Math.max(0, minVertices[state.kind] - withoutRepeats(state.vertices).length);
}

const pair = (v: Vertex): [number, number] => [v[0], v[1]];

/** The GeoJSON geometry the API stores for a kind: 守点 Point, 巡线 LineString, 控面 a closed Polygon ring. */
export function geometryOf(kind: PlanKind, vertices: readonly Vertex[]): PlanGeometry {
  if (kind === 'guard-point') return { type: 'Point', coordinates: pair(vertices[0]!) };
  if (kind === 'patrol-line') return { type: 'LineString', coordinates: vertices.map(pair) };
  const ring = vertices.map(pair);
  return { type: 'Polygon', coordinates: [[...ring, pair(vertices[0]!)]] };
}

/** The draggable vertices of a stored geometry (a polygon's closing vertex is the first one again). */
export function verticesOf(geometry: PlanGeometry): Vertex[] {
  if (geometry.type === 'Point') return [pair(geometry.coordinates)];
  if (geometry.type === 'LineString') return geometry.coordinates.map(pair);
  const ring = geometry.coordinates[0] ?? [];
  const open = ring.length > 1 && same(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring;
  return open.map(pair);
}
