import { randomUUID } from 'node:crypto';
import type { Camera, CameraScene, CameraScenePlace } from '@ronghui/contracts';
import { haversine, type LngLat } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, invalid, notFound } from '../../platform/http/errors.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { CameraFields, CameraRecord, CamerasRepo } from './cameras.repo.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';

const READ: readonly Role[] = READ_ACCESS.camera;
/** The registry is equipment administration: the system administrator or the commander keep it. */
const WRITE: Role[] = ['system-admin', 'commander'];

export function createCamerasService(deps: {
  db: Kysely<DB>;
  repo: CamerasRepo;
  orgs: OrgsService;
  audit: AuditService;
  clock: Clock;
}) {
  const { db, repo, orgs, audit, clock } = deps;

  async function present(cameras: CameraRecord[], tenantCode: string): Promise<Camera[]> {
    const dir = await orgs.directory(tenantCode);
    return cameras.map((c) => ({
      ...c,
      stationName: dir.get(c.stationId)?.name ?? '',
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    }));
  }

  async function load(principal: Principal, id: string): Promise<CameraRecord> {
    const camera = await repo.get(db, principal.tenantCode, id);
    const dir = await orgs.directory(principal.tenantCode);
    if (!camera || !canReach(principal, dir.pathOf(camera.stationId))) throw notFound('camera', id);
    return camera;
  }

  async function checkStation(principal: Principal, stationId: string) {
    const dir = await orgs.directory(principal.tenantCode);
    const station = dir.get(stationId);
    if (!station || !['station', 'brigade'].includes(station.kind))
      throw invalid('/stationId', `"${stationId}" is not a station or brigade`);
    if (!canReach(principal, dir.pathOf(station.id)))
      throw invalid('/stationId', `station "${stationId}" is outside your scope`);
  }

  /** A stream URL goes with a stream kind, and no kind with no URL. */
  function checkStream(c: Pick<CameraFields, 'streamKind' | 'streamUrl'>) {
    if (c.streamKind === 'none' && c.streamUrl)
      throw invalid('/streamKind', 'a camera with a stream URL needs a stream kind (hls, mjpeg or snapshot)');
    if (c.streamKind !== 'none' && !c.streamUrl)
      throw invalid('/streamUrl', `a ${c.streamKind} stream needs a URL (http or https)`);
  }

  async function checkCodeFree(tenantCode: string, code: string, self?: string) {
    const other = await repo.idOfCode(db, tenantCode, code);
    if (other && other !== self) throw conflict(`camera code "${code}" is already registered`, { code });
  }

  return {
    async list(principal: Principal, filter: { station?: string | undefined } = {}) {
      requireRole(principal, READ, 'Viewing cameras');
      const dir = await orgs.directory(principal.tenantCode);
      const visible = (await repo.list(db, principal.tenantCode)).filter(
        (c) =>
          canReach(principal, dir.pathOf(c.stationId)) && (!filter.station || c.stationId === filter.station),
      );
      const items = await present(visible, principal.tenantCode);
      return { items, total: items.length };
    },

    async get(principal: Principal, id: string): Promise<Camera> {
      requireRole(principal, READ, 'Viewing cameras');
      return (await present([await load(principal, id)], principal.tenantCode))[0]!;
    },

    /** Named places, villages, township seats and stations within a camera's range, nearest first (≤ 200). */
    async scene(principal: Principal, id: string): Promise<CameraScene> {
      requireRole(principal, READ, 'Viewing cameras');
      const camera = await load(principal, id);
      const tenant = principal.tenantCode;
      const at: LngLat = [camera.lon, camera.lat] as LngLat;
      const candidates: Omit<CameraScenePlace, 'distanceMeters'>[] = [];
      for (const p of await db
        .selectFrom('places')
        .select(['name', 'lon', 'lat'])
        .where('tenant_code', '=', tenant)
        .execute())
        candidates.push({ kind: 'place', ...p });
      for (const d of await db
        .selectFrom('divisions')
        .select(['name', 'lon', 'lat', 'level'])
        .where('tenant_code', '=', tenant)
        .execute())
        candidates.push({
          kind: d.level === 'village' ? 'village' : 'township',
          name: d.name,
          lon: d.lon,
          lat: d.lat,
        });
      const dir = await orgs.directory(tenant);
      for (const o of dir.orgs)
        if ((o.kind === 'station' || o.kind === 'brigade') && o.position)
          candidates.push({ kind: 'station', name: o.name, lon: o.position[0], lat: o.position[1] });
      const inRange = candidates
        .map((c) => ({ ...c, distanceMeters: Math.round(haversine(at, [c.lon, c.lat] as LngLat)) }))
        .filter((c) => c.distanceMeters <= camera.rangeMeters)
        .sort((a, b) => a.distanceMeters - b.distanceMeters);
      return { items: inRange.slice(0, 200), total: inRange.length };
    },

    async create(principal: Principal, input: CameraFields): Promise<Camera> {
      requireRole(principal, WRITE, 'Registering cameras');
      await checkStation(principal, input.stationId);
      checkStream(input);
      await checkCodeFree(principal.tenantCode, input.code);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await repo.insert(trx, principal.tenantCode, id, input, principal.username);
        await audit.write(trx, principal, {
          action: 'camera.create',
          resource: 'camera',
          resourceId: id,
          detail: {
            code: input.code,
            name: input.name,
            stationId: input.stationId,
            streamKind: input.streamKind,
          },
        });
      });
      return this.get(principal, id);
    },

    async update(principal: Principal, id: string, patch: Partial<CameraFields>): Promise<Camera> {
      requireRole(principal, WRITE, 'Changing cameras');
      const before = await load(principal, id);
      if (patch.stationId !== undefined) await checkStation(principal, patch.stationId);
      // Clearing the stream kind clears the URL with it.
      const merged = {
        ...before,
        ...patch,
        ...(patch.streamKind === 'none' && patch.streamUrl === undefined ? { streamUrl: null } : {}),
      };
      checkStream(merged);
      if (patch.code !== undefined) await checkCodeFree(principal.tenantCode, patch.code, id);
      const changed = (Object.keys(patch) as (keyof CameraFields)[]).filter((k) => patch[k] !== before[k]);
      await db.transaction().execute(async (trx) => {
        await repo.update(
          trx,
          principal.tenantCode,
          id,
          { ...patch, streamUrl: merged.streamUrl },
          clock.now(),
        );
        await audit.write(trx, principal, {
          action: 'camera.update',
          resource: 'camera',
          resourceId: id,
          detail: { code: merged.code, changed },
        });
      });
      return this.get(principal, id);
    },

    async remove(principal: Principal, id: string): Promise<void> {
      requireRole(principal, WRITE, 'Removing cameras');
      const camera = await load(principal, id);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.remove(trx, principal.tenantCode, id))) throw notFound('camera', id);
        await audit.write(trx, principal, {
          action: 'camera.delete',
          resource: 'camera',
          resourceId: id,
          detail: { code: camera.code, name: camera.name },
        });
      });
    },
  };
}
export type CamerasService = ReturnType<typeof createCamerasService>;
