import { type GeoJSON, pointInPolygon, polygonsOf, unionPolygons } from '@ronghui/geo';

type Part = readonly GeoJSON.Ring[];

const key = (p: GeoJSON.Position) => `${p[0]},${p[1]}`;

/**
 * Clipping village cells to a concave outline can cut off pieces that hold none of the grid's
 * villages (a cell reaching across a narrow inlet). Each such piece is handed to the grid it shares
 * the most vertices with, so that grids stay in one piece wherever their villages allow. The grids
 * still partition the same area: pieces move, nothing is added or lost.
 */
export function reassignFragments(
  grids: readonly { readonly shape: GeoJSON.MultiPolygon; readonly villages: readonly GeoJSON.Position[] }[],
): GeoJSON.MultiPolygon[] {
  const cores: Part[][] = [];
  let pending: { from: number; part: Part }[] = [];
  grids.forEach(({ shape, villages }, i) => {
    const core: Part[] = [];
    for (const part of polygonsOf(shape)) {
      const poly: GeoJSON.Polygon = { type: 'Polygon', coordinates: part };
      if (villages.some((v) => pointInPolygon(v, poly))) core.push(part);
      else pending.push({ from: i, part });
    }
    cores.push(core);
  });
  const vertexSets = cores.map(
    (core) => new Set(core.flatMap((part) => part.flatMap((ring) => ring.map(key)))),
  );
  const extra: Part[][] = grids.map(() => []);

  // A piece may touch only other pieces at first; repeat until no piece finds a home.
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const next: typeof pending = [];
    for (const f of pending) {
      const keys = f.part.flatMap((ring) => ring.map(key));
      let best = -1;
      let bestShared = 1; // one shared vertex is a corner touch, not a border
      vertexSets.forEach((set, j) => {
        const shared = keys.filter((k) => set.has(k)).length;
        if (shared > bestShared) {
          best = j;
          bestShared = shared;
        }
      });
      if (best < 0) {
        next.push(f);
        continue;
      }
      extra[best]!.push(f.part);
      for (const k of keys) vertexSets[best]!.add(k);
      progress = true;
    }
    pending = next;
  }
  for (const f of pending) extra[f.from]!.push(f.part);

  return cores.map((core, i) => {
    const parts = [...core, ...extra[i]!];
    const multi: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: parts };
    // Merging the moved pieces into their new grid's outline needs a union; untouched grids keep theirs.
    return extra[i]!.length === 0 ? multi : unionPolygons(multi);
  });
}
