import { randomUUID } from 'node:crypto';
import type { LngLat } from '@ronghui/geo';
import {
  NoRouteError,
  resolveEdges,
  type RoadEvent,
  RoadEventError,
  roadsGeoJson,
  SnapTooFarError,
} from '@ronghui/routing';
import { requireRole } from '../../platform/auth/guard.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import type { GraphRegistry } from './graph-registry.ts';
import type { ClosureBody, IsochroneQuery, RouteQuery } from './routing.schema.ts';

/** A road event as the API shows it: who set it and when, plus what it covers. */
export interface ClosureView {
  id: string;
  cause: RoadEvent['cause'];
  kind: 'closure' | 'slowdown';
  speedFactor: number | null;
  note: string | null;
  edges: number[];
  createdAt: string;
  createdBy: string;
  /** When the road reopens by itself; null until reopened by hand. */
  until: string | null;
}

/** Leadership watches the command picture read-only: closing roads is for the command rooms. */
const CLOSURE_ROLES = ['dispatcher', 'commander'] as const;

export function createRoutingService(deps: { registry: GraphRegistry; clock: Clock; audit: AuditService }) {
  const { registry, clock, audit } = deps;
  const meta = new Map<string, { createdAt: string; createdBy: string; until: string | null }>();
  const roadsCache = new Map<string, ReturnType<typeof roadsGeoJson>>();

  /** The tenant's roads with closures past their end time reopened, so every answer sees the same state. */
  function roadsOf(tenant: string) {
    const roads = registry.get(tenant);
    const now = clock.now().getTime();
    for (const ev of roads.state.list()) {
      const until = meta.get(`${tenant}/${ev.id}`)?.until;
      if (until && Date.parse(until) <= now) {
        roads.state.remove(ev.id);
        meta.delete(`${tenant}/${ev.id}`);
      }
    }
    return roads;
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

  function view(tenant: string, ev: RoadEvent): ClosureView {
    const m = meta.get(`${tenant}/${ev.id}`);
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
    route(p: Principal, q: RouteQuery) {
      const roads = roadsOf(p.tenantCode);
      return domain(() => {
        const r = roads.router.route(q.from, q.to, { algorithm: q.algo, state: roads.state });
        return {
          duration_s: Math.round(r.durationS * 10) / 10,
          distance_m: Math.round(r.distanceM * 10) / 10,
          snapped_from_m: Math.round(r.from.distanceM * 10) / 10,
          snapped_to_m: Math.round(r.to.distanceM * 10) / 10,
          searched: r.searched,
          avoided: r.avoided.map((ev) => view(p.tenantCode, ev)),
          geometry: { type: 'LineString' as const, coordinates: roads.router.geometry(r) },
        };
      });
    },

    isochrone(p: Principal, q: IsochroneQuery) {
      const roads = roadsOf(p.tenantCode);
      return domain(() => ({
        type: 'FeatureCollection' as const,
        features: roads.router
          .isochrone(q.at, q.minutes, roads.state)
          .sort((a, b) => b.minutes - a.minutes)
          .map((r) => ({
            type: 'Feature' as const,
            properties: { minutes: r.minutes, reachable_nodes: r.nodes.length },
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
      const times = roads.router.manyToOne(reachable, to, roads.state);
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
    routeBetween(tenantCode: string, from: LngLat, to: LngLat) {
      const roads = roadsOf(tenantCode);
      return domain(() => {
        const r = roads.router.route(from, to, { state: roads.state });
        return { durationS: r.durationS, distanceM: r.distanceM, geometry: roads.router.geometry(r) };
      });
    },

    roads(p: Principal) {
      let fc = roadsCache.get(p.tenantCode);
      if (!fc) {
        fc = roadsGeoJson(roadsOf(p.tenantCode).graph);
        roadsCache.set(p.tenantCode, fc);
      }
      return fc;
    },

    listClosures(p: Principal): ClosureView[] {
      return roadsOf(p.tenantCode)
        .state.list()
        .map((ev) => view(p.tenantCode, ev));
    },

    async addClosure(p: Principal, body: ClosureBody): Promise<ClosureView> {
      requireRole(p, CLOSURE_ROLES, 'Closing or slowing roads');
      const roads = roadsOf(p.tenantCode);
      const edges = domain(() => resolveEdges(roads.graph, roads.router.index, body.place));
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
      domain(() => roads.state.set(event));
      meta.set(`${p.tenantCode}/${id}`, {
        createdAt: clock.now().toISOString(),
        createdBy: p.username,
        until: body.until ? new Date(body.until).toISOString() : null,
      });
      await audit.record(p, {
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
      return view(p.tenantCode, event);
    },

    async removeClosure(p: Principal, id: string): Promise<void> {
      requireRole(p, CLOSURE_ROLES, 'Reopening roads');
      if (!roadsOf(p.tenantCode).state.remove(id)) throw notFound('Road event', id);
      meta.delete(`${p.tenantCode}/${id}`);
      await audit.record(p, { action: 'road.event.remove', resource: 'road-event', resourceId: id });
    },
  };
}
export type RoutingService = ReturnType<typeof createRoutingService>;
