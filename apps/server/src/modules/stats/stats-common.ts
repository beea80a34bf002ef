import type { IndicatorKey, StatsDrillItem } from '@ronghui/contracts';
import { categoryByCode } from '@ronghui/dispatch';
import {
  type ClearanceGroupKey,
  clearancePrefixes,
  crimeCategoryName,
  type IncidentSelector,
  type Instants,
} from '@ronghui/scorecard';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';

export interface StatsDeps {
  db: Kysely<DB>;
  orgs: OrgsService;
  audit: AuditService;
  clock: Clock;
  tenantCode: string;
  /** Where Chromium is, for the PDF reports. */
  chromiumPath?: string | undefined;
}

/** The stations a principal's figures cover: all (null) for county roles, the stations under a narrower scope. */
export function stationScope(principal: Principal, dir: OrgDirectory): string[] | null {
  if (principal.scopeKind === 'tenant') return null;
  return dir.subtreeIds(principal.orgId).filter((id) => dir.get(id)?.kind === 'station');
}

/** Narrows to one station (which must be in scope) or to the scope's stations. */
export function stationFilter(scope: string[] | null, station: string | undefined): string[] | null {
  if (!station) return scope;
  if (scope && !scope.includes(station)) return [];
  return [station];
}

type IncidentEb = ExpressionBuilder<DB, 'incidents'>;

/** Incidents counted by the scorecard: received in the period, not merged into another. */
export function incidentWhere(
  eb: IncidentEb,
  tenant: string,
  range: Instants,
  selector: IncidentSelector | null,
  stations: string[] | null,
) {
  const parts = [
    eb('incidents.tenant_code', '=', tenant),
    eb('incidents.received_at', '>=', new Date(range.start)),
    eb('incidents.received_at', '<', new Date(range.end)),
    eb('incidents.merged_into', 'is', null),
  ];
  if (selector) {
    const alts = [
      ...(selector.kinds.length ? [eb('incidents.kind', 'in', selector.kinds)] : []),
      ...selector.codePrefixes.map((p) =>
        /^\d+$/.test(p)
          ? eb('incidents.category_code', 'like', `${p}%`)
          : eb('incidents.category_code', '=', p),
      ),
    ];
    parts.push(alts.length ? eb.or(alts) : eb.val(false));
  }
  if (stations) parts.push(stations.length ? eb('incidents.station_id', 'in', stations) : eb.val(false));
  return eb.and(parts);
}

type CrimeEb = ExpressionBuilder<DB, 'crime_records'>;

/** 立案 time: filed_at, else when it happened. */
export const filedAt = sql<Date>`coalesce(crime_records.filed_at, crime_records.occurred_from)`;

/** Crime records filed in the period, in the clearance group. */
export function crimeWhere(
  eb: CrimeEb,
  tenant: string,
  range: Instants,
  group: ClearanceGroupKey,
  stations: string[] | null,
) {
  const { include, exclude } = clearancePrefixes(group);
  const parts = [
    eb('crime_records.tenant_code', '=', tenant),
    eb(filedAt, '>=', new Date(range.start)),
    eb(filedAt, '<', new Date(range.end)),
  ];
  if (include) parts.push(eb.or(include.map((p) => eb('crime_records.category', 'like', `${p}%`))));
  for (const p of exclude) parts.push(eb('crime_records.category', 'not like', `${p}%`));
  if (stations) parts.push(stations.length ? eb('crime_records.station_id', 'in', stations) : eb.val(false));
  return eb.and(parts);
}

export const num = (v: unknown) => Number(v ?? 0);

export function incidentDrillItem(
  r: {
    id: string;
    number: string;
    received_at: Date;
    category_code: string;
    station_id: string | null;
    status: string;
  },
  dir: OrgDirectory,
): StatsDrillItem {
  return {
    id: r.id,
    kind: 'incident',
    number: r.number,
    at: new Date(r.received_at).toISOString(),
    category: r.category_code,
    categoryName: categoryByCode(r.category_code)?.zh ?? null,
    stationId: r.station_id,
    stationName: r.station_id ? (dir.get(r.station_id)?.name ?? null) : null,
    status: r.status,
  };
}

export function crimeDrillItem(
  r: { id: string; filed: Date; category: string; station_id: string | null; solved_at: Date | null },
  dir: OrgDirectory,
): StatsDrillItem {
  return {
    id: r.id,
    kind: 'crime',
    number: null,
    at: new Date(r.filed).toISOString(),
    category: r.category,
    categoryName: crimeCategoryName(r.category),
    stationId: r.station_id,
    stationName: r.station_id ? (dir.get(r.station_id)?.name ?? null) : null,
    status: r.solved_at ? 'solved' : 'unsolved',
  };
}

/**
 * Whether an error says a table (42P01) or one of its agreed columns (42703) is missing: the outreach tables
 * may not exist in every deployment yet, and their figures are then null rather than the whole answer failing.
 */
export function isMissingRelation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '42P01' ||
    e?.code === '42703' ||
    /(relation|column) .* does not exist/i.test(e?.message ?? '')
  );
}

export const INDICATOR_META: Record<
  IndicatorKey,
  {
    group: 'dispatch' | 'grid' | 'volunteer' | 'service' | 'outreach' | 'cases';
    unit: 'count' | 'rate' | 'seconds' | 'yuan';
    zh: string;
  }
> = {
  'incidents-received': { group: 'dispatch', unit: 'count', zh: '接报警情' },
  'on-time-rate': { group: 'dispatch', unit: 'rate', zh: '按时到场率' },
  'median-response-seconds': { group: 'dispatch', unit: 'seconds', zh: '到场时间中位数' },
  'hazards-reported': { group: 'grid', unit: 'count', zh: '上报隐患' },
  'hazards-closed': { group: 'grid', unit: 'count', zh: '办结隐患' },
  'disputes-resolved': { group: 'grid', unit: 'count', zh: '化解纠纷' },
  'volunteer-activities': { group: 'volunteer', unit: 'count', zh: '志愿活动' },
  'volunteer-hours': { group: 'volunteer', unit: 'count', zh: '志愿服务时长（小时）' },
  'service-cases': { group: 'service', unit: 'count', zh: '办件' },
  'service-on-time-rate': { group: 'service', unit: 'rate', zh: '按时办结率' },
  'service-satisfaction': { group: 'service', unit: 'rate', zh: '好评率' },
  'warnings-issued': { group: 'outreach', unit: 'count', zh: '下发预警' },
  'warnings-dissuaded-rate': { group: 'outreach', unit: 'rate', zh: '劝阻成功率' },
  'money-saved': { group: 'outreach', unit: 'yuan', zh: '挽回损失（元）' },
  'home-visits-done': { group: 'outreach', unit: 'count', zh: '入户走访' },
  'crimes-filed': { group: 'cases', unit: 'count', zh: '刑事立案' },
  'crimes-solved': { group: 'cases', unit: 'count', zh: '刑事破案' },
  'clearance-rate': { group: 'cases', unit: 'rate', zh: '破案率' },
};

export const YOY_NAMES: Record<string, string> = {
  theft: '盗窃警情',
  criminal: '刑事警情',
  'public-order': '治安警情',
};

export type { ClearanceGroupKey };
