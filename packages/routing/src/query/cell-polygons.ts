/**
 * Outline the filled cells of a grid as polygons: every border between a filled and an empty cell
 * becomes a unit edge with the filled cell on its left, the edges link into rings (outer rings
 * counter-clockwise, holes clockwise), and holes are put into the outer ring that contains them.
 * Result coordinates are grid corner indices [x, y] with y growing north.
 */
export function cellPolygons(filled: Uint8Array, cols: number, rows: number): number[][][][] {
  const at = (c: number, r: number) => c >= 0 && r >= 0 && c < cols && r < rows && filled[r * cols + c] === 1;
  const W = cols + 1;
  // Outgoing unit edges per corner; a corner has at most two (at a saddle).
  const out = new Map<number, number[]>();
  const add = (x0: number, y0: number, x1: number, y1: number) => {
    const k = y0 * W + x0;
    const list = out.get(k);
    const to = y1 * W + x1;
    if (list) list.push(to);
    else out.set(k, [to]);
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!at(c, r)) continue;
      if (!at(c, r - 1)) add(c, r, c + 1, r);
      if (!at(c + 1, r)) add(c + 1, r, c + 1, r + 1);
      if (!at(c, r + 1)) add(c + 1, r + 1, c, r + 1);
      if (!at(c - 1, r)) add(c, r + 1, c, r);
    }
  }
  const rings: number[][][] = [];
  for (const [startKey] of out) {
    while ((out.get(startKey)?.length ?? 0) > 0) {
      const ring: number[][] = [];
      let from = startKey;
      let dx = 0;
      let dy = 0;
      for (;;) {
        const list = out.get(from);
        if (!list || list.length === 0) break;
        // At a saddle take the left turn, so diagonal cells stay separate rings.
        let pick = 0;
        if (list.length > 1) {
          const fx = from % W;
          const fy = Math.floor(from / W);
          pick = list.findIndex((to) => {
            const tx = (to % W) - fx;
            const ty = Math.floor(to / W) - fy;
            return dx * ty - dy * tx > 0;
          });
          if (pick < 0) pick = 0;
        }
        const to = list[pick]!;
        list.splice(pick, 1);
        const x = from % W;
        const y = Math.floor(from / W);
        dx = (to % W) - x;
        dy = Math.floor(to / W) - y;
        ring.push([x, y]);
        from = to;
        if (from === startKey) break;
      }
      const simplified = dropCollinear(ring);
      if (simplified.length >= 3) rings.push(simplified);
    }
  }
  const outers: { ring: number[][]; holes: number[][][] }[] = [];
  const holes: number[][][] = [];
  for (const r of rings) signedArea(r) > 0 ? outers.push({ ring: r, holes: [] }) : holes.push(r);
  for (const h of holes) {
    const p = h[0]!;
    // A hole's corner lies on its own border; test the centre of the cell beside its first edge.
    const q = h[1]!;
    const probe = [(p[0]! + q[0]!) / 2 + (q[1]! - p[1]!) * 0.5, (p[1]! + q[1]!) / 2 - (q[0]! - p[0]!) * 0.5];
    const owner = outers
      .filter((o) => contains(o.ring, probe))
      .sort((a, b) => Math.abs(signedArea(a.ring)) - Math.abs(signedArea(b.ring)))[0];
    owner?.holes.push(h);
  }
  return outers.map((o) => [close(o.ring), ...o.holes.map(close)]);
}

function dropCollinear(ring: number[][]): number[][] {
  const n = ring.length;
  return ring.filter((p, i) => {
    const a = ring[(i + n - 1) % n]!;
    const b = ring[(i + 1) % n]!;
    return (p[0]! - a[0]!) * (b[1]! - p[1]!) - (p[1]! - a[1]!) * (b[0]! - p[0]!) !== 0;
  });
}

function close(ring: number[][]): number[][] {
  return [...ring, ring[0]!];
}

function signedArea(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    s += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return s / 2;
}

function contains(ring: number[][], p: number[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (
      a[1]! > p[1]! !== b[1]! > p[1]! &&
      p[0]! < ((b[0]! - a[0]!) * (p[1]! - a[1]!)) / (b[1]! - a[1]!) + a[0]!
    )
      inside = !inside;
  }
  return inside;
}
