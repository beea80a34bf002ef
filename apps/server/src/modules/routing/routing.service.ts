import { randomUUID } from 'node:crypto';
import type {
  RoadClosure,
  RoadClosureBody,
  RoadClosurePlace,
  RoutingIsochrone,
  RoutingIsochroneQuery,
  RoutingRoads,
  RoutingRoute,
  RoutingRouteQuery,
} from '@ronghui/contracts';
import type { LngLat } from '@ronghui/geo';
import {
  NoRouteError,
  type RoadEvent,
  RoadEventError,
  type RoadEventPlace,
  resolveEdges,
  roadsGeoJson,
  SnapTooFarError,
} from '@ronghui/routing';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { requireRole } from '../../platform/auth/guard.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import type { GraphRegistry, TenantRoads } from './graph-registry.ts';
import type { RoadEventRow, RoadEventsRepo } from './road-events.repo.ts';

/** Leadership watches the command picture read-only: closing roads is for the command rooms. */
const CLOSURE_ROLES = ['dispatcher', 'commander'] as const;

interface StoredRoadEvent {
  id: string;
  cause: RoadEvent['cause'];
  speedFactor: number | null;
  note: string | null;
  place: RoadEventPlace;
  createdAt: string;
  createdBy: string;
  until: string | null;
}

/** A place as the API gives it (`radiusMeters`), as the road graph takes it (`radiusM`); stored so. */
function toGraphPlace(place: RoadClosurePlace): RoadEventPlace {
  if (place.kind === 'edges') return { kind: 'edges', edges: place.edges };
  if (place.kind === 'circle') return { kind: 'circle', center: place.center, radiusM: place.radiusMeters };
  return {
    kind: 'line',
    line: place.line,
    ...(place.toleranceMeters === undefined ? {} : { toleranceM: place.toleranceMeters }),
  };
}

const tenth = (n: number) => Math.round(n * 10) / 10;

/** How far along a line (in degrees, locally enough) the point's projection lies. */
function distanceAlong(line: readonly LngLat[], p: LngLat): number {
  const k = Math.cos((p[1] * Math.PI) / 180);
  let best = Number.POSITIVE_INFINITY;
  let bestAlong = 0;
  let walked = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const dx = (b[0] - a[0]) * k;
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * k * dx + (p[1] - a[1]) * dy) / len2));
    const ex = (a[0] + (b[0] - a[0]) * t - p[0]) * k;
    const ey = a[1] + dy * t - p[1];
    const d = ex * ex + ey * ey;
    const len = Math.sqrt(len2);
    if (d < best) {
      best = d;
      bestAlong = walked + t * len;
    }
    walked += len;
  }
  return bestAlong;
}

/**
 * Routes, isochrones and travel times on the tenant's graph with the live road events laid on it. Road events
 * are stored (table road_events) and every instance keeps the open ones on its graph: `load` at start, `sync`
 * when another instance (or this one) announces a change with `road.event.changed`.
 */
export function createRoutingService(deps: {
  registry: GraphRegistry;
  repo: RoadEventsRepo;
  clock: Clock;
  audit: AuditService;
  db: Kysely<DB>;
  bus: EventBus;
  log?: Logger;
}) {
  const { registry, repo, clock, audit, db, bus, log } = deps;
  /** Tenants with a sync running, and whether another was asked for meanwhile. */
  const syncing = new Map<string, { again: boolean }>();
  /** Open road events per tenant, as stored. */
  const open = new Map<string, Map<string, StoredRoadEvent>>();
  /** The graph each tenant's events were last laid on: a re-loaded graph gets them laid again. */
  const laidOn = new Map<string, TenantRoads>();
  const roadsCache = new Map<string, RoutingRoads>();

  function openOf(tenant: string) {
    let m = open.get(tenant);
    if (!m) {
      m = new Map();
      open.set(tenant, m);
    }
    return m;
  }

  /** Lays a stored event on the graph; one whose place covers no road of this graph is left off, with a warning. */
  function lay(roads: TenantRoads, stored: StoredRoadEvent): void {
    try {
      const edges = resolveEdges(roads.graph, roads.router.index, stored.place).filter(
        (e) => e < roads.graph.edgeCount,
      );
      roads.state.set({
        id: stored.id,
        cause: stored.cause,
        edges,
        ...(stored.speedFactor === null ? {} : { speedFactor: stored.speedFactor }),
        ...(stored.note === null ? {} : { note: stored.note }),
      });
    } catch (error) {
      log?.warn(
        { err: error, tenant: roads.tenantCode, roadEvent: stored.id },
        'road event covers no road of the loaded graph; left off',
      );
    }
  }

  /** The tenant's roads with the open events laid on and those past their end time reopened. */
  function roadsOf(tenant: string) {
    const roads = registry.get(tenant);
    const events = openOf(tenant);
    if (laidOn.get(tenant) !== roads) {
      roads.state.clear();
      for (const stored of events.values()) lay(roads, stored);
      laidOn.set(tenant, roads);
    }
    const now = clock.now().getTime();
    for (const [id, stored] of events) {
      if (stored.until && Date.parse(stored.until) <= now) {
        roads.state.remove(id);
        events.delete(id);
      }
    }
    return roads;
  }

  function toStored(row: RoadEventRow): StoredRoadEvent {
    return {
      id: row.id,
      cause: row.cause as RoadEvent['cause'],
      speedFactor: row.speed_factor,
      note: row.note,
      place: (typeof row.place === 'string' ? JSON.parse(row.place) : row.place) as RoadEventPlace,
      createdAt: new Date(row.created_at).toISOString(),
      createdBy: row.created_by,
      until: row.until ? new Date(row.until).toISOString() : null,
    };
  }

  /** Makes the tenant's open events those stored: adds new ones, reopens removed or expired ones. */
  async function sync(tenant: string) {
    const rows = await repo.open(db, clock.now(), tenant);
    const next = new Map(rows.map((r) => [r.id, toStored(r)]));
    const events = openOf(tenant);
    const roads = laidOn.get(tenant);
    for (const id of [...events.keys()]) {
      if (next.has(id)) continue;
      events.delete(id);
      roads?.state.remove(id);
    }
    for (const [id, stored] of next) {
      if (events.has(id)) continue;
      events.set(id, stored);
      if (roads) lay(roads, stored);
    }
  }

  /** Routing failures a user can act on are 422s, never 500s. */
  function domain<T>(f: () => T): T {
    try {
      return f();
    } catch (error) {
      if (error instanceof SnapTooFarError)
        throw new DomainError('unprocessable', 'Position off the road network', error.message);
      if (error instanceof NoRouteError) throw new DomainError('unprocessable', 'No route', error.message);
      if (error instanceof RoadEventError)
        throw new DomainError('validation', 'Invalid road event', error.message);
      throw error;
    }
  }

  function view(tenant: string, ev: RoadEvent): RoadClosure {
    const m = open.get(tenant)?.get(ev.id);
    return {
      id: ev.id,
      cause: ev.cause,
      kind: ev.speedFactor === undefined ? 'closure' : 'slowdown',
      speedFactor: ev.speedFactor ?? null,
      note: ev.note ?? null,
      edges: [...ev.edges],
      createdAt: m?.createdAt ?? '',
      createdBy: m?.createdBy ?? '',
      until: m?.until ?? null,
    };
  }

  return {
    route(p: Principal, q: RoutingRouteQuery): RoutingRoute {
      const roads = roadsOf(p.tenantCode);
      return domain(() => {
        const r = roads.router.route(q.from, q.to, { algorithm: q.algo, state: roads.state });
        return {
          durationSeconds: tenth(r.durationS),
          distanceMeters: tenth(r.distanceM),
          snappedFromMeters: tenth(r.from.distanceM),
          snappedToMeters: tenth(r.to.distanceM),
          searched: r.searched,
          avoided: r.avoided.map((ev) => view(p.tenantCode, ev)),
          geometry: {
            type: 'LineString' as const,
            coordinates: roads.router.geometry(r).map(([lon, lat]): [number, number] => [lon, lat]),
          },
        };
      });
    },

    isochrone(p: Principal, q: RoutingIsochroneQuery): RoutingIsochrone {
      const roads = roadsOf(p.tenantCode);
      return domain(() => ({
        type: 'FeatureCollection' as const,
        features: roads.router
          .isochrone(q.at, q.minutes, roads.state)
          .sort((a, b) => b.minutes - a.minutes)
          .map((r) => ({
            type: 'Feature' as const,
            properties: { minutes: r.minutes, reachableNodes: r.nodes.length },
            geometry: { type: 'MultiPolygon' as const, coordinates: r.polygon },
          })),
      }));
    },

    /**
     * Road travel time and distance from many units to one place, live road events included. A unit off the
     * network (farther than the snap limit) or cut off gets Infinity rather than failing the whole query.
     */
    travelTimes(
      tenantCode: string,
      sources: readonly LngLat[],
      target: LngLat,
      withDistance = true,
      /** Only times up to this many seconds are wanted (longer: Infinity): a bounded search. */
      maxSeconds?: number,
    ): { etaS: number; distanceM: number }[] {
      const roads = roadsOf(tenantCode);
      const to = domain(() => roads.router.snap(target));
      const snapped = sources.map((s) => {
        try {
          return roads.router.snap(s);
        } catch (error) {
          if (error instanceof SnapTooFarError) return undefined;
          throw error;
        }
      });
      const reachable = snapped.filter((s): s is NonNullable<typeof s> => s !== undefined);
      const times = roads.router.manyToOne(reachable, to, roads.state, maxSeconds);
      let k = 0;
      return snapped.map((s) => {
        if (!s) return { etaS: Number.POSITIVE_INFINITY, distanceM: Number.POSITIVE_INFINITY };
        const etaS = times[k++]!;
        if (!Number.isFinite(etaS)) return { etaS, distanceM: Number.POSITIVE_INFINITY };
        // Distances need the path itself: callers ranking many units ask only for those they show.
        if (!withDistance) return { etaS, distanceM: Number.NaN };
        try {
          return { etaS, distanceM: roads.router.routeSnapped(s, to, { state: roads.state }).distanceM };
        } catch {
          return { etaS, distanceM: Number.POSITIVE_INFINITY };
        }
      });
    },

    /**
     * For each target, the travel time from the nearest of the sources (seconds; Infinity when none reaches it):
     * the arrival time of the first unit, for coverage.
     */
    fastestArrival(tenantCode: string, sources: readonly LngLat[], targets: readonly LngLat[]): Float64Array {
      const roads = roadsOf(tenantCode);
      const snapOrSkip = (p: LngLat) => {
        try {
          return roads.router.snap(p);
        } catch (error) {
          if (error instanceof SnapTooFarError) return undefined;
          throw error;
        }
      };
      const snappedTargets = targets.map(snapOrSkip);
      const reachable = snappedTargets.filter((t): t is NonNullable<typeof t> => t !== undefined);
      const best = new Float64Array(reachable.length).fill(Number.POSITIVE_INFINITY);
      for (const source of sources) {
        const from = snapOrSkip(source);
        if (!from) continue;
        const times = roads.router.oneToMany(from, reachable, roads.state);
        for (let i = 0; i < times.length; i++) if (times[i]! < best[i]!) best[i] = times[i]!;
      }
      let k = 0;
      return Float64Array.from(snappedTargets, (t) => (t ? best[k++]! : Number.POSITIVE_INFINITY));
    },

    /** Fastest route between two points for internal use (simulator, ETAs), live road events included. */
    routeBetween(tenantCode: string, from: LngLat, to: LngLat, options: { freeFlow?: boolean } = {}) {
      const roads = roadsOf(tenantCode);
      return domain(() => {
        const r = roads.router.route(from, to, options.freeFlow ? {} : { state: roads.state });
        return {
          durationS: r.durationS,
          distanceM: r.distanceM,
          geometry: roads.router.geometry(r),
          edges: r.pieces.map((piece) => piece.edge),
        };
      });
    },

    /** The nearest point on a road within `maxM` (a place set off the road, e.g. a tunnel's name point). */
    nearestOnRoad(tenantCode: string, p: LngLat, maxM = 5_000): LngLat {
      const roads = roadsOf(tenantCode);
      return domain(() => roads.router.index.snap(p, maxM).position);
    },

    /**
     * The directed edges along a line (a road section): `both` ways, or only those driven `forward` (in the
     * line's order) or `backward`. Empty when the line covers no road.
     */
    edgesAlong(
      tenantCode: string,
      line: readonly LngLat[],
      direction: 'both' | 'forward' | 'backward' = 'both',
      toleranceM = 30,
    ): number[] {
      const roads = roadsOf(tenantCode);
      const g = roads.graph;
      const edges = resolveEdges(g, roads.router.index, { kind: 'line', line, toleranceM }).filter(
        (e) => e < g.edgeCount,
      );
      if (direction === 'both') return edges;
      const along = (node: number) => distanceAlong(line, [g.nodeLon[node]! / 1e7, g.nodeLat[node]! / 1e7]);
      return edges.filter((e) => {
        const forward = along(g.head[e]!) > along(g.tail[e]!);
        return direction === 'forward' ? forward : !forward;
      });
    },

    /**
     * A road event laid by another module (traffic hazards) inside its transaction, with no role check: the
     * caller has decided. `apply()` puts it on this instance's graph once the transaction has committed.
     */
    async openEventIn(
      trx: Kysely<DB>,
      tenantCode: string,
      actor: Principal,
      body: { cause: RoadEvent['cause']; speedFactor?: number; note?: string; edges: number[] },
    ): Promise<{ id: string; apply(): void }> {
      const id = randomUUID();
      const stored: StoredRoadEvent = {
        id,
        cause: body.cause,
        speedFactor: body.speedFactor ?? null,
        note: body.note ?? null,
        place: { kind: 'edges', edges: body.edges },
        createdAt: clock.now().toISOString(),
        createdBy: actor.username,
        until: null,
      };
      await repo.insert(trx, {
        tenant_code: tenantCode,
        id,
        cause: stored.cause,
        speed_factor: stored.speedFactor,
        note: stored.note,
        place: JSON.stringify(stored.place),
        edges: body.edges,
        until: null,
        created_by: stored.createdBy,
        created_at: stored.createdAt,
      });
      await audit.write(trx, actor, {
        action: 'road.event.create',
        resource: 'road-event',
        resourceId: id,
        detail: {
          cause: body.cause,
          speedFactor: body.speedFactor ?? null,
          edges: body.edges.length,
          note: body.note ?? null,
        },
      });
      await enqueue(trx, tenantCode, 'road.event.changed', { eventId: id, change: 'created' });
      return {
        id,
        apply() {
          const roads = roadsOf(tenantCode);
          openOf(tenantCode).set(id, stored);
          lay(roads, stored);
          bus.kick();
        },
      };
    },

    /** Reopens a road event another module laid (`openEventIn`), inside its transaction; `apply()` after commit. */
    async closeEventIn(
      trx: Kysely<DB>,
      tenantCode: string,
      actor: Principal,
      id: string,
    ): Promise<{ apply(): void }> {
      if (await repo.remove(trx, tenantCode, id, clock.now(), actor.username)) {
        await audit.write(trx, actor, {
          action: 'road.event.remove',
          resource: 'road-event',
          resourceId: id,
        });
        await enqueue(trx, tenantCode, 'road.event.changed', { eventId: id, change: 'removed' });
      }
      return {
        apply() {
          openOf(tenantCode).delete(id);
          laidOn.get(tenantCode)?.state.remove(id);
          bus.kick();
        },
      };
    },

    roads(p: Principal): RoutingRoads {
      let fc = roadsCache.get(p.tenantCode);
      if (!fc) {
        const raw = roadsGeoJson(roadsOf(p.tenantCode).graph);
        fc = {
          type: 'FeatureCollection',
          features: raw.features.map(({ properties: { speed_kmh, ...rest }, geometry }) => ({
            type: 'Feature',
            properties: { ...rest, speedKmh: speed_kmh },
            geometry,
          })),
        };
        roadsCache.set(p.tenantCode, fc);
      }
      return fc;
    },

    listClosures(p: Principal): RoadClosure[] {
      return roadsOf(p.tenantCode)
        .state.list()
        .map((ev) => view(p.tenantCode, ev));
    },

    async addClosure(p: Principal, body: RoadClosureBody): Promise<RoadClosure> {
      requireRole(p, CLOSURE_ROLES, 'Closing or slowing roads');
      const roads = roadsOf(p.tenantCode);
      const place = toGraphPlace(body.place);
      const edges = domain(() => resolveEdges(roads.graph, roads.router.index, place));
      if (edges.some((e) => e >= roads.graph.edgeCount)) {
        throw new DomainError(
          'validation',
          'Invalid road event',
          `edge ids must be below ${roads.graph.edgeCount}`,
        );
      }
      if (edges.length === 0)
        throw new DomainError(
          'unprocessable',
          'No road there',
          'The place given covers no road of the network.',
        );
      if (body.until && Date.parse(body.until) <= clock.now().getTime())
        throw new DomainError(
          'validation',
          'Invalid road event',
          'The end time has passed: give a later time, or none to keep the road closed until reopened.',
        );
      const id = randomUUID();
      const event: RoadEvent = {
        id,
        cause: body.cause,
        edges,
        ...(body.speedFactor === undefined ? {} : { speedFactor: body.speedFactor }),
        ...(body.note === undefined ? {} : { note: body.note }),
      };
      const stored: StoredRoadEvent = {
        id,
        cause: body.cause,
        speedFactor: body.speedFactor ?? null,
        note: body.note ?? null,
        place,
        createdAt: clock.now().toISOString(),
        createdBy: p.username,
        until: body.until ? new Date(body.until).toISOString() : null,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insert(trx, {
          tenant_code: p.tenantCode,
          id,
          cause: stored.cause,
          speed_factor: stored.speedFactor,
          note: stored.note,
          place: JSON.stringify(stored.place),
          edges,
          until: stored.until,
          created_by: stored.createdBy,
          created_at: stored.createdAt,
        });
        await audit.write(trx, p, {
          action: 'road.event.create',
          resource: 'road-event',
          resourceId: id,
          detail: {
            cause: body.cause,
            speedFactor: body.speedFactor ?? null,
            edges: edges.length,
            note: body.note ?? null,
            until: body.until ?? null,
          },
        });
        await enqueue(trx, p.tenantCode, 'road.event.changed', { eventId: id, change: 'created' });
      });
      openOf(p.tenantCode).set(id, stored);
      roads.state.set(event);
      bus.kick();
      return view(p.tenantCode, event);
    },

    async removeClosure(p: Principal, id: string): Promise<void> {
      requireRole(p, CLOSURE_ROLES, 'Reopening roads');
      const roads = roadsOf(p.tenantCode);
      if (!openOf(p.tenantCode).has(id)) throw notFound('Road event', id);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.remove(trx, p.tenantCode, id, clock.now(), p.username)))
          throw notFound('Road event', id);
        await audit.write(trx, p, { action: 'road.event.remove', resource: 'road-event', resourceId: id });
        await enqueue(trx, p.tenantCode, 'road.event.changed', { eventId: id, change: 'removed' });
      });
      openOf(p.tenantCode).delete(id);
      roads.state.remove(id);
      bus.kick();
    },

    /** Reads every tenant's open road events (at start, before serving). */
    async load() {
      const rows = await repo.open(db, clock.now());
      open.clear();
      laidOn.clear();
      for (const row of rows) openOf(row.tenant_code).set(row.id, toStored(row));
    },

    sync,

    /**
     * Syncs in the background, once more if asked again meanwhile, retrying after a failure: for event
     * handlers, which must not wait on the database.
     */
    syncSoon(tenant: string) {
      const running = syncing.get(tenant);
      if (running) {
        running.again = true;
        return;
      }
      const state = { again: false };
      syncing.set(tenant, state);
      const run = async () => {
        let failures = 0;
        do {
          state.again = false;
          try {
            await sync(tenant);
            failures = 0;
          } catch (error) {
            failures++;
            log?.warn({ err: error, tenant, failures }, 'road events sync failed; retrying');
            if (failures >= 30) break;
            await new Promise((r) => setTimeout(r, 2_000).unref());
            state.again = true;
          }
        } while (state.again);
        syncing.delete(tenant);
      };
      void run();
    },
  };
}
export type RoutingService = ReturnType<typeof createRoutingService>;
