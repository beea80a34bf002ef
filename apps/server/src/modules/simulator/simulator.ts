import { positionAt, simulateIncidents, type Track, track } from '@ronghui/dispatch';
import { createRng, type LngLat, type Rng } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { DispatchService } from '../dispatch/index.ts';
import type { IncidentsService } from '../incidents/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { RoutingService } from '../routing/index.ts';
import type { AvlService, Unit, UnitsRepo, UnitsService } from '../units/index.ts';

/** What the simulator drives: the same services the HTTP routes use (the composition root passes its own). */
export interface SimulatorDeps {
  db: Kysely<DB>;
  clock: Clock;
  incidents: IncidentsService;
  dispatch: DispatchService;
  orgs: OrgsService;
  units: UnitsService;
  unitsRepo: UnitsRepo;
  avl: AvlService;
  routing: RoutingService;
}

export interface SimulatorOptions {
  tenantCode: string;
  /** Simulated seconds per real second (1 = real time). */
  speedup: number;
  /** Average simulated incidents per day (0 = none; units still drive to real incidents). */
  incidentsPerDay: number;
  /** Minutes a unit stays on scene before simulated incidents are resolved. */
  onSceneMinutes: number;
  tickMs: number;
  seed: number;
  /** Stations answer joint-area requests by themselves. */
  autoCommit: boolean;
}

export const SIM_TAG = '【模拟】';

interface Trip {
  track: Track;
  speedMps: number;
  drivenM: number;
  incidentId: string | null;
  purpose: 'respond' | 'return';
}

/**
 * The live demo and the benchmarks' load: seeded 110 calls with a daily profile, the command room's
 * automatic dispatch of simulated calls, stations committing to requests, units driving their road routes at
 * road speed (reported through the same AVL ingest as real trackers), arrivals, and units returning home.
 */
export function createSimulator(
  services: SimulatorDeps,
  options: SimulatorOptions,
  log: Logger,
  clock: Clock = services.clock,
) {
  const rng: Rng = createRng(options.seed);
  const trips = new Map<string, Trip>();
  const onSceneSince = new Map<string, number>();
  let lastTick = clock.now().getTime();
  let simNow = lastTick;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let root = '';
  const stats = { incidents: 0, dispatched: 0, arrived: 0, commits: 0, fixes: 0, errors: 0 };

  /** The incident a unit works on, or undefined once it is gone (merged away); other failures propagate. */
  async function incidentOf(command: Principal, incidentId: string) {
    try {
      return await services.incidents.get(command, incidentId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not-found') return undefined;
      throw error;
    }
  }

  const principal = (
    roles: Principal['roles'],
    orgId = root,
    scopeKind: Principal['scopeKind'] = 'tenant',
    orgPath = [root],
  ): Principal => ({
    userId: 'system:simulator',
    username: 'simulator',
    displayName: '模拟器',
    tenantCode: options.tenantCode,
    roles,
    orgId,
    orgName: '',
    scopeKind,
    orgPath,
    sessionKind: 'token',
  });

  async function spots() {
    const rows = await services.db
      .selectFrom('divisions')
      .select(['code', 'lon', 'lat', 'population'])
      .where('tenant_code', '=', options.tenantCode)
      .where('level', '=', 'village')
      .execute();
    return rows.map((r) => ({ code: r.code, lon: r.lon, lat: r.lat, weight: Math.max(1, r.population) }));
  }

  async function newIncidents(fromMs: number, toMs: number) {
    if (options.incidentsPerDay <= 0) return;
    const command = principal(['dispatcher']);
    for (const s of simulateIncidents(rng, fromMs, toMs, options.incidentsPerDay, await spots())) {
      const jitter = () => (rng.next() - 0.5) * 0.004;
      const created = await services.incidents.create(command, {
        source: '110',
        category: s.category,
        priority: s.priority,
        description: `${SIM_TAG}${s.description}`,
        location: { lon: s.spot.lon + jitter(), lat: s.spot.lat + jitter() },
      });
      stats.incidents++;
      const rec = await services.dispatch.recommendations(command, created.incident.id, {
        scope: 'area',
        limit: 1,
      });
      const first = rec.units[0];
      if (first) {
        await services.dispatch.dispatch(command, created.incident.id, [first.unit.id]);
        stats.dispatched++;
      }
    }
  }

  async function autoCommit() {
    if (!options.autoCommit) return;
    const dir = await services.orgs.directory(options.tenantCode);
    const open = await services.dispatch.openForMe(principal(['dispatcher']));
    const onDuty = await services.units.onDutyIds(options.tenantCode);
    for (const { row: r } of open) {
      const station = principal(['officer'], r.station_id, 'station', dir.pathOf(r.station_id));
      const available = (
        await services.units.list(station, { station: r.station_id, status: 'available' })
      ).filter((u) => onDuty.has(u.id) && u.kind !== 'vehicle');
      if (available.length === 0) {
        await services.dispatch.decline(station, r.id, '本所暂无空闲警力');
        continue;
      }
      await services.dispatch.commit(
        station,
        r.id,
        available.slice(0, r.quantity).map((u) => u.id),
      );
      stats.commits++;
    }
  }

  function planTrip(
    unit: Unit,
    to: LngLat,
    incidentId: string | null,
    purpose: Trip['purpose'],
  ): Trip | undefined {
    if (!unit.position) return undefined;
    try {
      const route = services.routing.routeBetween(
        options.tenantCode,
        [unit.position.lon, unit.position.lat],
        to,
      );
      const t = track(route.geometry);
      return {
        track: t,
        speedMps: route.durationS > 0 ? t.lengthM / route.durationS : 10,
        drivenM: 0,
        incidentId,
        purpose,
      };
    } catch (error) {
      log.debug({ err: error, unit: unit.id }, 'simulator: no route');
      return undefined;
    }
  }

  async function drive(dtS: number) {
    const dir = await services.orgs.directory(options.tenantCode);
    const all = await services.unitsRepo.list(services.db, options.tenantCode);
    const byId = new Map(all.map((u) => [u.id, u]));
    const command = principal(['dispatcher']);
    for (const u of all) {
      if (trips.has(u.id) || !u.incidentId) continue;
      if (u.status !== 'en-route') continue;
      const incident = await incidentOf(command, u.incidentId);
      const trip =
        incident && planTrip(u, [incident.location.lon, incident.location.lat], u.incidentId, 'respond');
      if (trip) trips.set(u.id, trip);
    }
    const fixes: {
      unitId: string;
      lon: number;
      lat: number;
      speedKmh: number;
      heading: number;
      at: number;
    }[] = [];
    const arrivals: { unit: Unit; trip: Trip }[] = [];
    for (const [unitId, trip] of trips) {
      const unit = byId.get(unitId);
      if (!unit || (trip.purpose === 'respond' && unit.status !== 'en-route')) {
        trips.delete(unitId);
        continue;
      }
      trip.drivenM += trip.speedMps * dtS;
      const p = positionAt(trip.track, trip.drivenM);
      fixes.push({
        unitId,
        lon: p.lon,
        lat: p.lat,
        speedKmh: p.done ? 0 : Math.round(trip.speedMps * 3.6),
        heading: Math.round(p.heading),
        at: clock.now().getTime(),
      });
      if (p.done) arrivals.push({ unit, trip });
    }
    if (fixes.length) {
      await services.avl.ingest(
        options.tenantCode,
        { tenantCode: options.tenantCode, userId: 'system:simulator', username: 'simulator' },
        fixes,
        'simulator',
      );
      stats.fixes += fixes.length;
    }
    for (const { unit, trip } of arrivals) {
      trips.delete(unit.id);
      const station = principal(['dispatcher'], root, 'tenant', dir.pathOf(unit.stationId));
      if (trip.purpose === 'respond' && trip.incidentId) {
        await services.units.setStatus(station, unit.id, { status: 'on-scene', incidentId: trip.incidentId });
        await arriveAt(trip.incidentId);
        onSceneSince.set(unit.id, simNow);
        stats.arrived++;
      } else {
        await services.units.setStatus(station, unit.id, { status: 'available' });
      }
    }
  }

  async function arriveAt(incidentId: string) {
    const command = principal(['dispatcher']);
    const incident = await services.incidents.get(command, incidentId);
    if (
      incident.status === 'dispatched' ||
      incident.status === 'acknowledged' ||
      incident.status === 'en-route'
    ) {
      await services.incidents.changeStatus(command, incidentId, { status: 'on-scene' });
    }
  }

  /** Simulated calls are handled and closed; units then drive back to their station. */
  async function finishScenes() {
    const command = principal(['dispatcher']);
    const dir = await services.orgs.directory(options.tenantCode);
    for (const [unitId, since] of onSceneSince) {
      if (simNow - since < options.onSceneMinutes * 60_000) continue;
      onSceneSince.delete(unitId);
      const unit = await services.unitsRepo.get(services.db, options.tenantCode, unitId);
      if (unit?.status !== 'on-scene' || !unit.incidentId) continue;
      const incident = await incidentOf(command, unit.incidentId);
      if (!incident?.description.startsWith(SIM_TAG)) continue;
      if (incident.status === 'on-scene') {
        await services.incidents.changeStatus(command, incident.id, {
          status: 'resolved',
          disposition: 'handled-on-scene',
        });
        await services.incidents.changeStatus(command, incident.id, { status: 'closed' });
      }
      await services.units.setStatus(command, unitId, { status: 'returning', incidentId: null });
      const home = dir.get(unit.stationId)?.position;
      const trip = home && planTrip(unit, home, null, 'return');
      if (trip) trips.set(unitId, trip);
    }
  }

  async function tick() {
    const now = clock.now().getTime();
    const dtS = ((now - lastTick) / 1000) * options.speedup;
    lastTick = now;
    const from = simNow;
    simNow += dtS * 1000;
    try {
      root ||= (await services.orgs.directory(options.tenantCode)).root()?.id ?? options.tenantCode;
      await newIncidents(from, simNow);
      await autoCommit();
      await drive(dtS);
      await finishScenes();
    } catch (error) {
      stats.errors++;
      log.warn({ err: error }, 'simulator tick failed');
    }
  }

  return {
    stats,
    /** One step (tests drive the clock themselves). */
    tick: () => tick(),
    start() {
      timer = setInterval(() => {
        if (!running) running = tick().finally(() => (running = undefined));
      }, options.tickMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
export type Simulator = ReturnType<typeof createSimulator>;
