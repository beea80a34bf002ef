import { type AvlBounds, type AvlRejection, checkFix, widenBBox } from '@ronghui/dispatch';
import { bboxOf, type GeoJSON } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { PositionRow, StoredPosition, UnitsRepo } from './units.repo.ts';

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
const MOVE_EVERY_MS = 1_000;

type StationPosition = StoredPosition & { stationId: string };

interface Job {
  tenantCode: string;
  actor: Actor;
  source: 'http' | 'mqtt' | 'simulator';
  accepted: (PositionRow & { stationId: string })[];
  counts: Map<string, number>;
  receivedAt: Date;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * AVL ingest for HTTP batches, MQTT and the simulator: every fix is checked; accepted ones are stored (group
 * commit: concurrent batches share a transaction) and `ingest` resolves only once they are; rejected ones are
 * counted by reason and reported back — never silently dropped. After commit, positions go to WebSocket
 * clients as one live event per station (so scope filtering stays exact).
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

  // Group commit: batches that arrive while a transaction is being written wait and go together into the
  // next one, so under load one transaction carries many batches and a quiet system writes each at once.
  let queue: Job[] = [];
  let writing: Promise<void> | undefined;
  // A unit's own row (its last known position, what recommendations read) is written at most once a second;
  // fixes in between wait here, newest first, and go with the next transaction after that second. Every fix is
  // stored in avl_positions at once regardless.
  const deferred = new Map<string, Map<string, PositionRow>>();
  const lastMoved = new Map<string, number>();
  let movesTimer: NodeJS.Timeout | undefined;
  let movesWanted: 'due' | 'all' | undefined;
  let closed = false;
  let moveFailures = 0;

  function wantMoves(mode: 'due' | 'all') {
    movesWanted = mode === 'all' || movesWanted === 'all' ? 'all' : 'due';
    schedule();
  }

  function armMovesTimer() {
    if (movesTimer || closed || moveFailures >= 3 || ![...deferred.values()].some((m) => m.size > 0)) return;
    movesTimer = setTimeout(() => {
      movesTimer = undefined;
      wantMoves('due');
    }, MOVE_EVERY_MS);
    movesTimer.unref();
  }

  function schedule() {
    if (writing) return;
    writing = (async () => {
      while (queue.length > 0 || movesWanted) {
        const jobs = queue;
        queue = [];
        if (jobs.length === 0) {
          const all = movesWanted === 'all';
          movesWanted = undefined;
          // Only deferred unit moves to write: a failure leaves them waiting for the next try (a few times:
          // the fixes themselves are stored, only the units' last-position cache would lag).
          await write([], all).then(
            () => {
              moveFailures = 0;
            },
            () => {
              moveFailures++;
            },
          );
          continue;
        }
        // A flush asked for every waiting unit move: it goes with these batches.
        const all = movesWanted === 'all';
        movesWanted = undefined;
        try {
          await write(jobs, all);
          for (const j of jobs) j.resolve();
        } catch (error) {
          if (jobs.length === 1) {
            jobs[0]!.reject(error as Error);
            continue;
          }
          // One bad batch must not fail the others: write each on its own.
          for (const j of jobs) {
            try {
              await write([j], all);
              j.resolve();
            } catch (e) {
              j.reject(e as Error);
            }
          }
        }
      }
    })().finally(() => {
      writing = undefined;
      armMovesTimer();
      if (queue.length > 0 || movesWanted) schedule();
    });
  }

  async function write(jobs: Job[], allMoves = false) {
    const byTenant = new Map<string, Job[]>();
    for (const j of jobs) byTenant.set(j.tenantCode, [...(byTenant.get(j.tenantCode) ?? []), j]);
    const live: { tenantCode: string; stationId: string; path: string[]; positions: StoredPosition[] }[] = [];
    const moved: { tenantCode: string; due: PositionRow[]; waiting: Map<string, PositionRow> }[] = [];
    await db.transaction().execute(async (trx) => {
      for (const [tenantCode, list] of byTenant) {
        const rows = list.flatMap((j) =>
          j.accepted.map((p): StationPosition => ({ ...p, source: j.source, receivedAt: j.receivedAt })),
        );
        if (rows.length) await repo.storePositions(trx, tenantCode, rows);
        const counts = new Map<string, number>();
        for (const j of list) for (const [r, n] of j.counts) counts.set(r, (counts.get(r) ?? 0) + n);
        if (counts.size) await repo.countRejections(trx, tenantCode, counts, clock.now());
        // One audit record per sender and source in this transaction: who reported how many positions, in how
        // many batches, and what was refused.
        const bySender = new Map<string, Job[]>();
        for (const j of list) {
          const key = `${j.actor.userId}\u0000${j.source}`;
          bySender.set(key, [...(bySender.get(key) ?? []), j]);
        }
        for (const group of bySender.values()) {
          const first = group[0]!;
          const acceptedN = group.reduce((n, j) => n + j.accepted.length, 0);
          const refused = new Map<string, number>();
          for (const j of group) for (const [r, n] of j.counts) refused.set(r, (refused.get(r) ?? 0) + n);
          await audit.write(trx, first.actor, {
            action: 'avl.ingest',
            resource: 'unit-position',
            outcome: acceptedN === 0 && refused.size > 0 ? 'denied' : 'ok',
            detail: {
              source: first.source,
              accepted: acceptedN,
              rejected: Object.fromEntries(refused),
              batches: group.length,
            },
          });
        }
        const dir = await orgs.directory(tenantCode);
        const byStation = new Map<string, StationPosition[]>();
        for (const p of rows) {
          const list = byStation.get(p.stationId) ?? [];
          byStation.set(p.stationId, list);
          list.push(p);
        }
        for (const [stationId, positions] of byStation)
          live.push({ tenantCode, stationId, path: dir.pathOf(stationId), positions });
      }
      // Unit rows: the newest fix of each unit, for units not written in the last second (or all of them).
      const nowMs = Date.now();
      for (const tenantCode of new Set([...deferred.keys(), ...byTenant.keys()])) {
        const waiting = new Map(deferred.get(tenantCode));
        for (const j of byTenant.get(tenantCode) ?? [])
          for (const p of j.accepted) {
            const prev = waiting.get(p.unitId);
            if (!prev || prev.at <= p.at) waiting.set(p.unitId, p);
          }
        const due = [...waiting.values()].filter(
          (p) => allMoves || nowMs - (lastMoved.get(`${tenantCode}:${p.unitId}`) ?? 0) >= MOVE_EVERY_MS,
        );
        await repo.moveUnits(trx, tenantCode, due);
        for (const p of due) waiting.delete(p.unitId);
        moved.push({ tenantCode, due, waiting });
      }
    });
    for (const m of moved) {
      deferred.set(m.tenantCode, m.waiting);
      for (const p of m.due) lastMoved.set(`${m.tenantCode}:${p.unitId}`, Date.now());
    }
    // Stored: now to WebSocket clients of every server process, straight away (positions are not replayed
    // from the outbox; a client that reconnects reads the units' latest positions).
    for (const l of live) {
      bus.publishLive(
        l.tenantCode,
        'unit.positions',
        {
          stationId: l.stationId,
          positions: l.positions.map((p) => ({
            unitId: p.unitId,
            lon: p.lon,
            lat: p.lat,
            speedKmh: p.speedKmh,
            heading: p.heading,
            at: p.at.toISOString(),
          })),
        },
        l.path,
      );
    }
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
      if (accepted.length > 0 || counts.size > 0) {
        await new Promise<void>((resolve, reject) => {
          queue.push({ tenantCode, actor, source, accepted, counts, receivedAt: now, resolve, reject });
          schedule();
        });
      }
      return { accepted: accepted.length, rejected };
    },
    /** Resolves once every batch handed in so far is stored and every unit row is at its newest fix. */
    async flush() {
      wantMoves('all');
      while (writing) await writing;
    },
    /** Shutdown: writes what is waiting, then stops the timer. */
    async close() {
      closed = true;
      if (movesTimer) clearTimeout(movesTimer);
      movesTimer = undefined;
      wantMoves('all');
      while (writing) await writing;
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
