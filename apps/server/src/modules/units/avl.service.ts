import { type AvlBounds, type AvlRejection, checkFix, widenBBox } from '@ronghui/dispatch';
import { bboxOf, type GeoJSON } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import type { PositionRow, UnitsRepo } from './units.repo.ts';

export interface IncomingFix {
  unitId: string;
  lon: number;
  lat: number;
  /** ISO 8601 or epoch ms; the receipt time when absent. */
  at?: string | number | undefined;
  speedKmh?: number | undefined;
  heading?: number | undefined;
}

export interface IngestResult {
  accepted: number;
  rejected: { index: number; unitId: string; reason: AvlRejection }[];
}

const UNIT_CACHE_MS = 10_000;

/**
 * AVL ingest for HTTP batches, MQTT and the simulator: every fix is checked; accepted ones are stored in one
 * transaction with an event per station (so WebSocket scope filtering stays exact); rejected ones are
 * counted by reason and reported back — never silently dropped.
 */
export function createAvlService(deps: {
  db: Kysely<DB>;
  repo: UnitsRepo;
  orgs: OrgsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
}) {
  const { db, repo, orgs, audit, bus, clock } = deps;
  const unitCache = new Map<string, { at: number; stations: Map<string, string> }>();
  const boundsCache = new Map<string, AvlBounds>();

  async function stationsOf(tenantCode: string, refresh = false): Promise<Map<string, string>> {
    const cached = unitCache.get(tenantCode);
    if (cached && !refresh && clock.now().getTime() - cached.at < UNIT_CACHE_MS) return cached.stations;
    const stations = new Map((await repo.ids(db, tenantCode)).map((u) => [u.id, u.stationId]));
    unitCache.set(tenantCode, { at: clock.now().getTime(), stations });
    return stations;
  }

  async function boundsOf(tenantCode: string): Promise<AvlBounds> {
    let bounds = boundsCache.get(tenantCode);
    if (!bounds) {
      const root = (await orgs.directory(tenantCode)).root();
      const boundary = root?.boundary as GeoJSON.MultiPolygon | GeoJSON.Polygon | null | undefined;
      const box = boundary
        ? bboxOf(boundary)
        : root?.position
          ? [root.position[0], root.position[1], root.position[0], root.position[1]]
          : [-180, -90, 180, 90];
      bounds = {
        bbox: widenBBox(box as [number, number, number, number], 20),
        maxFutureMs: 30_000,
        maxAgeMs: 24 * 3_600_000,
      };
      boundsCache.set(tenantCode, bounds);
    }
    return bounds;
  }

  return {
    /** `mayReport(stationId)` decides whether the sender may report for a unit of that station. */
    async ingest(
      tenantCode: string,
      actor: Actor,
      fixes: IncomingFix[],
      source: 'http' | 'mqtt' | 'simulator',
      mayReport: (stationId: string) => boolean = () => true,
    ): Promise<IngestResult> {
      const now = clock.now();
      const bounds = await boundsOf(tenantCode);
      let stations = await stationsOf(tenantCode);
      if (fixes.some((f) => !stations.has(f.unitId))) stations = await stationsOf(tenantCode, true);
      const accepted: (PositionRow & { stationId: string })[] = [];
      const rejected: IngestResult['rejected'] = [];
      fixes.forEach((f, index) => {
        const at = f.at === undefined ? now.getTime() : typeof f.at === 'number' ? f.at : Date.parse(f.at);
        const stationId = stations.get(f.unitId);
        const reason: AvlRejection | undefined = !stationId
          ? 'unknown-unit'
          : !mayReport(stationId)
            ? 'not-permitted'
            : checkFix({ lon: f.lon, lat: f.lat, at }, bounds, now.getTime());
        if (reason || !stationId)
          rejected.push({ index, unitId: f.unitId, reason: reason ?? 'unknown-unit' });
        else
          accepted.push({
            unitId: f.unitId,
            stationId,
            at: new Date(at),
            lon: f.lon,
            lat: f.lat,
            speedKmh: f.speedKmh ?? null,
            heading: f.heading ?? null,
          });
      });
      const counts = new Map<string, number>();
      for (const r of rejected) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
      const dir = await orgs.directory(tenantCode);
      await db.transaction().execute(async (trx) => {
        if (accepted.length) await repo.storePositions(trx, tenantCode, accepted, source, now);
        if (counts.size) await repo.countRejections(trx, tenantCode, counts, now);
        const byStation = new Map<string, typeof accepted>();
        for (const p of accepted) byStation.set(p.stationId, [...(byStation.get(p.stationId) ?? []), p]);
        for (const [stationId, list] of byStation) {
          await enqueue(
            trx,
            tenantCode,
            'unit.positions',
            {
              stationId,
              positions: list.map((p) => ({
                unitId: p.unitId,
                lon: p.lon,
                lat: p.lat,
                speedKmh: p.speedKmh,
                heading: p.heading,
                at: p.at.toISOString(),
              })),
            },
            dir.pathOf(stationId),
          );
        }
        // One audit record per batch: who reported how many positions, and what was refused.
        await audit.write(trx, actor, {
          action: 'avl.ingest',
          resource: 'unit-position',
          outcome: accepted.length === 0 && rejected.length > 0 ? 'denied' : 'ok',
          detail: { source, accepted: accepted.length, rejected: Object.fromEntries(counts) },
        });
      });
      if (accepted.length) bus.kick();
      return { accepted: accepted.length, rejected };
    },
    /** Counts fixes refused before they could be parsed (e.g. a malformed MQTT payload). */
    async countRejected(tenantCode: string, reason: AvlRejection, n = 1) {
      await db
        .transaction()
        .execute((trx) => repo.countRejections(trx, tenantCode, new Map([[reason, n]]), clock.now()));
    },
    rejectionCounts(tenantCode: string) {
      return repo.rejections(db, tenantCode);
    },
    invalidate(tenantCode: string) {
      unitCache.delete(tenantCode);
      boundsCache.delete(tenantCode);
    },
  };
}
export type AvlService = ReturnType<typeof createAvlService>;
