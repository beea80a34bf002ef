import { createHash, randomUUID } from 'node:crypto';
import type { IncidentCreateBody, IncidentCreated, IncidentPossibleDuplicate } from '@ronghui/contracts';
import { arrivalTarget, findCategory, parsePriority } from '@ronghui/dispatch';
import { chinaDateKey, haversine, type LngLat } from '@ronghui/geo';
import { parseCallerNumber, reasonMessage } from '@ronghui/ids';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { conflict, invalid } from '../../platform/http/errors.ts';
import type { IncidentAccess, IncidentsDeps } from './incident-access.ts';
import { INTAKE_ROLES } from './incident-access.ts';
import type { TenantGeo } from './incident-context.ts';
import { locationColumns, resolveLocation } from './incident-location.ts';
import { presentIncident } from './incident-presenter.ts';
import type { IncidentRow } from './incidents.repo.ts';
import { incidentAudience } from './incident-audience.ts';

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** An intake's answer; `replayed` when an Idempotency-Key named an incident taken before. */
export interface IntakeResult {
  replayed: boolean;
  incident: IncidentCreated;
}

export function createIntake(deps: IncidentsDeps, access: IncidentAccess) {
  const { db, repo, audit, bus, clock } = deps;

  async function duplicatesOf(geo: TenantGeo, tenantCode: string, kind: string, point: LngLat, now: Date) {
    const { duplicateRadiusMeters: radius, duplicateWindowMinutes: minutes } = geo.settings;
    const dLat = radius / 111_000;
    const dLon = radius / (111_000 * Math.cos((point[1] * Math.PI) / 180));
    const rows = await repo.recentNearby(db, tenantCode, {
      kind,
      since: new Date(now.getTime() - minutes * 60_000),
      box: [point[0] - dLon, point[1] - dLat, point[0] + dLon, point[1] + dLat],
    });
    return rows
      .map(
        (r): IncidentPossibleDuplicate => ({
          id: r.id,
          number: r.number,
          status: r.status,
          distanceMeters: Math.round(haversine(point, [r.lon, r.lat] as LngLat)),
          minutesAgo: Math.max(0, Math.round((now.getTime() - new Date(r.received_at).getTime()) / 60_000)),
        }),
      )
      .filter((d) => d.distanceMeters <= radius);
  }

  function checkTimes(body: IncidentCreateBody, now: Date): { receivedAt: Date; answeredAt: Date | null } {
    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
    const answeredAt = body.answeredAt ? new Date(body.answeredAt) : null;
    const slack = 60_000; // clocks of phone systems drift a little
    if (receivedAt.getTime() > now.getTime() + slack) throw invalid('/receivedAt', 'lies in the future');
    if (answeredAt && answeredAt.getTime() > now.getTime() + slack)
      throw invalid('/answeredAt', 'lies in the future');
    if (answeredAt && answeredAt < receivedAt) throw invalid('/answeredAt', 'is earlier than receivedAt');
    return { receivedAt, answeredAt };
  }

  async function replay(geo: TenantGeo, existing: IncidentRow, hash: string): Promise<IntakeResult> {
    if (existing.request_hash !== hash)
      throw conflict('this Idempotency-Key was already used for a different incident report', {
        incidentId: existing.id,
      });
    return {
      replayed: true as const,
      incident: { ...presentIncident(existing, geo), possibleDuplicates: [] },
    };
  }

  return async function create(
    principal: Principal,
    body: IncidentCreateBody,
    idempotencyKey?: string,
  ): Promise<IntakeResult> {
    requireRole(principal, INTAKE_ROLES[body.source], `Taking an incident from source "${body.source}"`);
    const tenantCode = principal.tenantCode;
    const geo = await access.geo(tenantCode);
    const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    if (idempotencyKey) {
      const existing = await repo.findByIdempotencyKey(db, tenantCode, principal.userId, idempotencyKey);
      if (existing) return replay(geo, existing, hash);
    }
    const category = findCategory(body.category);
    if (!category)
      throw invalid(
        '/category',
        `unknown category "${body.category}": use a code (criminal, 050101) or a Chinese name (刑事, 入室盗窃)`,
      );
    const priority = parsePriority(body.priority);
    if (!priority) throw invalid('/priority', 'must be 1, 2 or 3 (一级, 二级, 三级)');
    let phone: string | null = null;
    if (body.caller?.phone) {
      const parsed = parseCallerNumber(body.caller.phone);
      if (!parsed.ok) throw invalid('/caller/phone', reasonMessage(parsed.reason, 'en-US'));
      phone = parsed.value.value;
    }
    const place = resolveLocation(geo, body);
    const { zone, targetSeconds } = arrivalTarget(place.point, geo.zoneSettings);
    const now = clock.now();
    const { receivedAt, answeredAt } = checkTimes(body, now);
    const possibleDuplicates = await duplicatesOf(geo, tenantCode, category.kind, place.point, now);
    const id = randomUUID();
    const links = [
      ...(place.stationId ? [{ orgId: place.stationId, role: 'station' }] : []),
      ...(place.gridId ? [{ orgId: place.gridId, role: 'grid' }] : []),
    ];
    // A station or grid that takes a report about somewhere else keeps seeing what became of it.
    if (principal.scopeKind !== 'tenant' && !links.some((l) => l.orgId === principal.orgId))
      links.push({ orgId: principal.orgId, role: 'reported-by' });
    const status = answeredAt ? 'answered' : 'received';
    try {
      await db.transaction().execute(async (trx) => {
        // Incident numbers count within the China-time day.
        const day = chinaDateKey(receivedAt);
        const n = await repo.nextNumber(trx, tenantCode, day);
        const number = `${tenantCode}-${day}-${String(n).padStart(4, '0')}`;
        await repo.insert(trx, {
          id,
          tenant_code: tenantCode,
          number,
          source: body.source,
          kind: category.kind,
          category_code: category.code,
          priority,
          status,
          description: body.description,
          caller_name: body.caller?.name ?? null,
          caller_phone: phone,
          address: body.address ?? null,
          ...locationColumns(place),
          zone,
          target_seconds: targetSeconds,
          received_at: receivedAt,
          answered_at: answeredAt,
          idempotency_key: idempotencyKey ?? null,
          request_hash: hash,
          created_by: principal.userId,
          created_at: now,
          updated_at: now,
        });
        await repo.linkOrgs(trx, tenantCode, id, links);
        await repo.appendEvent(trx, {
          tenant_code: tenantCode,
          incident_id: id,
          at: now,
          actor_id: principal.userId,
          actor: principal.username,
          kind: 'created',
          to_status: status,
          detail: JSON.stringify({
            source: body.source,
            possibleDuplicates: possibleDuplicates.map((d) => d.id),
          }),
        });
        await audit.write(trx, principal, {
          action: 'incident.create',
          resource: 'incident',
          resourceId: id,
          detail: {
            number,
            source: body.source,
            category: category.code,
            priority,
            stationId: place.stationId,
          },
        });
        await enqueue(
          trx,
          tenantCode,
          'incident.created',
          {
            incidentId: id,
            number,
            kind: category.kind,
            categoryCode: category.code,
            priority,
            status,
            stationId: place.stationId,
            lon: place.point[0],
            lat: place.point[1],
          },
          await incidentAudience(trx, tenantCode, id),
        );
      });
    } catch (error) {
      // Two requests with one key at once: the second finds the first one's incident.
      if (idempotencyKey && isUniqueViolation(error)) {
        const existing = await repo.findByIdempotencyKey(db, tenantCode, principal.userId, idempotencyKey);
        if (existing) return replay(geo, existing, hash);
      }
      throw error;
    }
    bus.kick();
    const row = (await repo.findById(db, tenantCode, id))!;
    return { replayed: false as const, incident: { ...presentIncident(row, geo), possibleDuplicates } };
  };
}
