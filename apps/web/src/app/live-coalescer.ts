import type { Unit, UnitPosition } from '@ronghui/contracts';
import { isUnitStatus } from '@ronghui/dispatch';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Coalescer {
  /** Something changed: flush at the end of the current window, opening one if none is open. */
  mark(): void;
  /** Drop a pending flush (when the consumer goes away). */
  cancel(): void;
  readonly pending: boolean;
}

/**
 * Turns bursts of changes into one flush: the first change opens a `windowMs` window and everything that
 * arrives before it closes goes out in a single flush. The server sends a second's fixes as one event per
 * station within a few milliseconds, so each second's burst becomes one update of the map, never two.
 */
export function createCoalescer(
  flush: () => void,
  windowMs: number,
  timers: Timers = browserTimers,
): Coalescer {
  let handle: unknown = null;
  return {
    mark() {
      if (handle !== null) return;
      handle = timers.set(() => {
        handle = null;
        flush();
      }, windowMs);
    },
    cancel() {
      if (handle !== null) timers.clear(handle);
      handle = null;
    },
    get pending() {
      return handle !== null;
    },
  };
}

/** Applies fixes to the table of units (units it does not know are ignored); returns how many applied. */
export function applyPositions(
  table: Map<string, Unit>,
  positions: readonly ({ unitId: string } & UnitPosition)[],
): number {
  let applied = 0;
  for (const { unitId, ...position } of positions) {
    const unit = table.get(unitId);
    if (!unit) continue;
    // A fix older than the one shown (events of two stations can cross) does not move the unit back.
    if (unit.position?.at && position.at && Date.parse(position.at) < Date.parse(unit.position.at)) continue;
    table.set(unitId, { ...unit, position });
    applied++;
  }
  return applied;
}

/** Applies a status report; false when the unit is not in the table (or the state is not one we know). */
export function applyStatus(
  table: Map<string, Unit>,
  report: { unitId: string; status: string; incidentId: string | null },
): boolean {
  const unit = table.get(report.unitId);
  if (!unit || !isUnitStatus(report.status)) return false;
  table.set(report.unitId, { ...unit, status: report.status, incidentId: report.incidentId });
  return true;
}

/**
 * Leading and trailing throttle: the first change flushes at once, later ones at most once per `intervalMs`,
 * and the last change of a quiet spell is always flushed.
 */
export function createThrottle(
  flush: () => void,
  intervalMs: number,
  timers: Timers = browserTimers,
  now: () => number = () => performance.now(),
): Coalescer {
  let last = Number.NEGATIVE_INFINITY;
  let handle: unknown = null;
  const run = () => {
    handle = null;
    last = now();
    flush();
  };
  return {
    mark() {
      if (handle !== null) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) run();
      else handle = timers.set(run, wait);
    },
    cancel() {
      if (handle !== null) timers.clear(handle);
      handle = null;
    },
    get pending() {
      return handle !== null;
    },
  };
}

/** Live units for whoever draws them outside React (the map), published once per burst. */
export interface UnitFeed {
  subscribe(listener: (units: readonly Unit[]) => void): () => void;
  readonly latest: readonly Unit[] | null;
}

export function createUnitFeed(): UnitFeed & { publish(units: readonly Unit[]): void } {
  const listeners = new Set<(units: readonly Unit[]) => void>();
  let latest: readonly Unit[] | null = null;
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (latest) listener(latest);
      return () => listeners.delete(listener);
    },
    get latest() {
      return latest;
    },
    publish(units) {
      latest = units;
      for (const l of listeners) l(units);
    },
  };
}
