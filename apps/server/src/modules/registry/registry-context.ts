import type {
  RegistryAddress,
  RegistryBusiness,
  RegistryHistoryEntry,
  RegistryHouse,
  RegistryPerson,
} from '@ronghui/contracts';
import { addressLabel, maskIdNumber, maskName, maskPhone } from '@ronghui/ids';
import { type GeoJSON, pointInPolygon } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import { canReach } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import type { CommunityGridRecord, GridsRepo } from '../grids/index.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';
import type { AddressDraft } from './registry-rules.ts';
import type {
  AddressRow,
  BusinessRow,
  HistoryRow,
  HouseRow,
  PersonRow,
  RegistryRepo,
} from './registry.repo.ts';

export interface Village {
  code: string;
  name: string;
  townshipCode: string | null;
  townshipName: string;
  gridId: string | null;
  stationId: string | null;
}

/** What placing and presenting records needs of one county: orgs, villages, community grids. */
export interface RegistryContext {
  tenantCode: string;
  dir: OrgDirectory;
  villages: Map<string, Village>;
  villageCodes: Set<string>;
  community: CommunityGridRecord[];
  communityById: Map<string, CommunityGridRecord>;
  communityByVillage: Map<string, CommunityGridRecord[]>;
}

export interface Place {
  policeGridId: string;
  communityGridId: string | null;
  stationId: string | null;
  townshipCode: string | null;
  label: string;
}

export function createContextLoader(deps: {
  db: Kysely<DB>;
  repo: RegistryRepo;
  grids: GridsRepo;
  orgs: OrgsService;
}) {
  const cache = new Map<string, { at: number; ctx: Promise<RegistryContext> }>();
  async function load(tenantCode: string): Promise<RegistryContext> {
    const [dir, divisions, community] = await Promise.all([
      deps.orgs.directory(tenantCode),
      deps.repo.divisions(deps.db, tenantCode),
      deps.grids.listCommunity(deps.db, tenantCode),
    ]);
    const townships = new Map(divisions.filter((d) => d.level === 'township').map((d) => [d.code, d.name]));
    const villages = new Map<string, Village>();
    for (const d of divisions)
      if (d.level === 'village')
        villages.set(d.code, {
          code: d.code,
          name: d.name,
          townshipCode: d.parent_code,
          townshipName: townships.get(d.parent_code ?? '') ?? '',
          gridId: d.grid_id,
          stationId: d.station_id,
        });
    const communityByVillage = new Map<string, CommunityGridRecord[]>();
    for (const c of community)
      communityByVillage.set(c.villageCode, [...(communityByVillage.get(c.villageCode) ?? []), c]);
    return {
      tenantCode,
      dir,
      villages,
      villageCodes: new Set(villages.keys()),
      community,
      communityById: new Map(community.map((c) => [c.id, c])),
      communityByVillage,
    };
  }
  return {
    /** Loaded once every few seconds per county (grids and villages change rarely). */
    context(tenantCode: string): Promise<RegistryContext> {
      const hit = cache.get(tenantCode);
      if (hit && Date.now() - hit.at < 10_000) return hit.ctx;
      const ctx = load(tenantCode);
      cache.set(tenantCode, { at: Date.now(), ctx });
      ctx.catch(() => cache.delete(tenantCode));
      return ctx;
    },
    invalidate(tenantCode: string) {
      cache.delete(tenantCode);
    },
  };
}

/** The community grid holding a point (the smallest when grids overlap), else the village's only one. */
export function communityGridAt(
  ctx: RegistryContext,
  villageCode: string | null,
  lon: number | null,
  lat: number | null,
) {
  if (lon !== null && lat !== null) {
    const p: GeoJSON.Position = [lon, lat];
    const hits = ctx.community.filter(
      (c) =>
        c.bbox[0] <= lon &&
        c.bbox[2] >= lon &&
        c.bbox[1] <= lat &&
        c.bbox[3] >= lat &&
        pointInPolygon(p, c.boundary as GeoJSON.Areal),
    );
    if (hits.length)
      return hits.sort((a, b) =>
        a.villageCode === villageCode ? -1 : b.villageCode === villageCode ? 1 : 0,
      )[0]!;
  }
  const own = villageCode ? ctx.communityByVillage.get(villageCode) : undefined;
  return own?.length === 1 ? own[0]! : null;
}

/** Where an address lies: its police grid (from its community grid, else the village's), station, label. */
export function placeOf(ctx: RegistryContext, a: Omit<AddressDraft, 'key'>): Place | null {
  const village = ctx.villages.get(a.divisionCode);
  if (!village) return null;
  const community = communityGridAt(ctx, a.divisionCode, a.lon, a.lat);
  const policeGridId = community?.policeGridId ?? village.gridId;
  if (!policeGridId) return null;
  return {
    policeGridId,
    communityGridId: community?.id ?? null,
    stationId: ctx.dir.get(policeGridId)?.parentId ?? village.stationId,
    townshipCode: village.townshipCode,
    label: addressLabel(`${village.townshipName}${village.name}`, a),
  };
}

/** Police grid ids a caller sees; undefined for the whole county. */
export function gridScope(principal: Principal, dir: OrgDirectory): string[] | undefined {
  if (principal.scopeKind === 'tenant') return undefined;
  return dir
    .ofKind('grid')
    .filter((g) => canReach(principal, dir.pathOf(g.id)))
    .map((g) => g.id);
}

export const mayReach = (principal: Principal, ctx: RegistryContext, policeGridId: string) =>
  canReach(principal, ctx.dir.pathOf(policeGridId));

// ── presenting ─────────────────────────────────────────────────────────────────────────────────────

type Placed = Pick<AddressRow, 'police_grid_id' | 'community_grid_id' | 'station_id' | 'demo' | 'updated_at'>;
function placed(ctx: RegistryContext, r: Placed) {
  return {
    policeGridId: r.police_grid_id,
    policeGridName: ctx.dir.get(r.police_grid_id)?.name ?? '',
    communityGridId: r.community_grid_id,
    communityGridName: r.community_grid_id
      ? (ctx.communityById.get(r.community_grid_id)?.name ?? null)
      : null,
    stationId: r.station_id,
    demo: r.demo,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function presentAddress(ctx: RegistryContext, r: AddressRow): RegistryAddress {
  const v = ctx.villages.get(r.division_code);
  return {
    id: r.id,
    divisionCode: r.division_code,
    divisionName: v ? `${v.townshipName}${v.name}` : r.division_code,
    road: r.road,
    doorNo: r.door_no,
    building: r.building,
    unit: r.unit,
    room: r.room,
    label: r.label,
    key: r.addr_key,
    location: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
    ...placed(ctx, r),
  };
}

const m = (f: (s: string) => string, v: string | null) => (v ? f(v) : null);

/** People rows as stored (sealed); presented masked. */
export function presentPerson(
  ctx: RegistryContext,
  crypto: FieldCrypto,
  r: PersonRow & { address_label: string },
): RegistryPerson {
  return {
    id: r.id,
    name: maskName(crypto.decrypt(r.name)),
    idNumber: maskIdNumber(crypto.decrypt(r.id_number)),
    sex: r.sex,
    birthDate: r.birth_date,
    phone: m(maskPhone, crypto.decrypt(r.phone)),
    kind: r.kind,
    addressId: r.address_id,
    addressLabel: r.address_label,
    movedInOn: r.moved_in_on,
    movedOutOn: r.moved_out_on,
    ...placed(ctx, r),
  };
}

export function presentHouse(
  ctx: RegistryContext,
  crypto: FieldCrypto,
  r: HouseRow & { address_label: string; residents: number | string | null },
): RegistryHouse {
  return {
    id: r.id,
    addressId: r.address_id,
    addressLabel: r.address_label,
    kind: r.kind,
    ownerName: m(maskName, crypto.decrypt(r.owner_name)),
    ownerPhone: m(maskPhone, crypto.decrypt(r.owner_phone)),
    note: r.note,
    residents: Number(r.residents ?? 0),
    ...placed(ctx, r),
  };
}

export function presentBusiness(
  ctx: RegistryContext,
  crypto: FieldCrypto,
  r: BusinessRow & { address_label: string },
): RegistryBusiness {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as RegistryBusiness['kind'],
    licenceNo: r.licence_no,
    addressId: r.address_id,
    addressLabel: r.address_label,
    keyPlace: r.key_place,
    contactName: m(maskName, crypto.decrypt(r.contact_name)),
    contactPhone: m(maskPhone, crypto.decrypt(r.contact_phone)),
    ...placed(ctx, r),
  };
}

export function presentHistory(r: HistoryRow): RegistryHistoryEntry {
  return {
    at: new Date(r.at).toISOString(),
    action: r.action,
    actor: r.actor,
    source: r.source as RegistryHistoryEntry['source'],
    collectionId: r.collection_id,
    collector: r.collector,
    reviewer: r.reviewer,
    changes: r.changes,
  };
}

// ── history ────────────────────────────────────────────────────────────────────────────────────────

const PERSONAL: Record<string, (s: string) => string> = {
  name: maskName,
  idNumber: maskIdNumber,
  phone: maskPhone,
  ownerName: maskName,
  ownerPhone: maskPhone,
  contactName: maskName,
  contactPhone: maskPhone,
};
export type View = Record<string, string | null>;

/** What changed between two views of a record, personal values masked as they are written down. */
export function changesOf(
  before: View | null,
  after: View,
): { field: string; before: string | null; after: string | null }[] {
  const out: { field: string; before: string | null; after: string | null }[] = [];
  for (const [field, value] of Object.entries(after)) {
    const old = before ? (before[field] ?? null) : null;
    if (old === value) continue;
    const mask = PERSONAL[field];
    out.push({ field, before: mask && old ? mask(old) : old, after: mask && value ? mask(value) : value });
  }
  return out;
}
