import type { RoadGraph } from '../graph/road-graph.ts';
import { CLOSED } from '../query/seeds.ts';

/** Why a road is affected; kept for reports, it does not change the arithmetic. */
export type RoadEventCause =
  | 'ice'
  | 'fog'
  | 'accident'
  | 'flood'
  | 'landslide'
  | 'works'
  | 'control'
  | 'other';

/**
 * A closure (`speedFactor` absent) or a slow-down (`speedFactor` in (0, 1): speed is multiplied by it,
 * so 0.5 doubles travel time). Road events only ever make travel slower; that is what lets a query
 * trust the free-flow hierarchy whenever its path avoids every affected edge.
 */
export interface RoadEvent {
  readonly id: string;
  readonly cause: RoadEventCause;
  readonly edges: readonly number[];
  readonly speedFactor?: number;
  readonly note?: string;
}

export class RoadEventError extends Error {
  override readonly name = 'RoadEventError';
}

/**
 * Current travel weights = free-flow weights with every active road event applied. Adding or
 * removing an event touches only its edges, so changes take effect at once without re-contracting.
 */
export class RoadState {
  readonly weights: Uint32Array;
  /** Number of active events on each edge. */
  readonly affected: Uint16Array;
  private readonly events = new Map<string, RoadEvent>();
  private version = 0;

  constructor(private readonly g: RoadGraph) {
    this.weights = g.weight.slice();
    this.affected = new Uint16Array(g.edgeCount);
  }

  get revision(): number {
    return this.version;
  }

  get isFreeFlow(): boolean {
    return this.events.size === 0;
  }

  list(): RoadEvent[] {
    return [...this.events.values()];
  }

  get(id: string): RoadEvent | undefined {
    return this.events.get(id);
  }

  /** Add or replace an event. */
  set(event: RoadEvent): void {
    if (event.edges.length === 0) throw new RoadEventError(`road event ${event.id} affects no road`);
    for (const e of event.edges) {
      if (!Number.isInteger(e) || e < 0 || e >= this.g.edgeCount)
        throw new RoadEventError(`road event ${event.id}: no edge ${e}`);
    }
    const f = event.speedFactor;
    if (f !== undefined && !(f > 0 && f <= 1)) {
      throw new RoadEventError(`road event ${event.id}: speed factor must be in (0, 1], got ${f}`);
    }
    this.remove(event.id);
    const stored = { ...event, edges: [...new Set(event.edges)] };
    this.events.set(event.id, stored);
    for (const e of stored.edges) this.affected[e]!++;
    this.recompute(stored.edges);
  }

  remove(id: string): boolean {
    const old = this.events.get(id);
    if (!old) return false;
    this.events.delete(id);
    for (const e of old.edges) this.affected[e]!--;
    this.recompute(old.edges);
    return true;
  }

  clear(): void {
    for (const id of [...this.events.keys()]) this.remove(id);
  }

  /** Events that touch any of the given edges. */
  eventsOn(edges: Iterable<number>): RoadEvent[] {
    const set = new Set<number>();
    for (const e of edges) if (this.affected[e]! > 0) set.add(e);
    if (set.size === 0) return [];
    return this.list().filter((ev) => ev.edges.some((e) => set.has(e)));
  }

  private recompute(edges: readonly number[]): void {
    this.version++;
    const touched = new Set(edges);
    const closed = new Set<number>();
    const factor = new Map<number, number>();
    for (const ev of this.events.values()) {
      for (const e of ev.edges) {
        if (!touched.has(e)) continue;
        if (ev.speedFactor === undefined) closed.add(e);
        else factor.set(e, Math.min(factor.get(e) ?? 1, ev.speedFactor));
      }
    }
    for (const e of touched) {
      if (closed.has(e)) this.weights[e] = CLOSED;
      else {
        const f = factor.get(e) ?? 1;
        this.weights[e] = Math.max(this.g.weight[e]!, Math.round(this.g.weight[e]! / f));
      }
    }
  }
}
