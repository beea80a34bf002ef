import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { changesOf, type Place, placeOf, type RegistryContext, type View } from './registry-context.ts';
import type { AddressDraft, BusinessDraft, HouseDraft, PersonDraft } from './registry-rules.ts';
import type {
  AddressRow,
  BusinessRow,
  HistoryInsert,
  HouseRow,
  PersonRow,
  RegistryRepo,
} from './registry.repo.ts';

/** Who wrote a change and how: the console, a file, an accepted collection (collector and reviewer). */
export interface WriteMeta {
  source: 'console' | 'import' | 'collection' | 'demo';
  collectionId?: string | null;
  collector?: string | null;
  reviewer?: string | null;
  demo?: boolean;
}

export const personView = (p: PersonDraft, addressLabel: string): View => ({
  name: p.name,
  idNumber: p.idNumber,
  phone: p.phone,
  kind: p.kind,
  address: addressLabel,
  movedInOn: p.movedInOn,
  movedOutOn: p.movedOutOn,
});
export const houseView = (h: HouseDraft, addressLabel: string): View => ({
  address: addressLabel,
  kind: h.kind,
  ownerName: h.ownerName,
  ownerPhone: h.ownerPhone,
  note: h.note,
});
export const businessView = (b: BusinessDraft, addressLabel: string): View => ({
  name: b.name,
  kind: b.kind,
  licenceNo: b.licenceNo,
  address: addressLabel,
  keyPlace: b.keyPlace ? 'true' : 'false',
  contactName: b.contactName,
  contactPhone: b.contactPhone,
});
export const addressView = (a: Pick<AddressRow, 'label' | 'lon' | 'lat' | 'community_grid_id'>): View => ({
  label: a.label,
  location: a.lon !== null && a.lat !== null ? `${a.lon.toFixed(6)},${a.lat.toFixed(6)}` : null,
  communityGridId: a.community_grid_id,
});

export function decryptPerson(crypto: FieldCrypto, r: PersonRow): PersonDraft {
  return {
    name: crypto.decrypt(r.name),
    idNumber: crypto.decrypt(r.id_number),
    sex: r.sex,
    birthDate: r.birth_date,
    phone: crypto.decrypt(r.phone),
    kind: r.kind,
    movedInOn: r.moved_in_on,
    movedOutOn: r.moved_out_on,
  };
}
export function decryptHouse(crypto: FieldCrypto, r: HouseRow): HouseDraft {
  return {
    kind: r.kind,
    ownerName: crypto.decrypt(r.owner_name),
    ownerPhone: crypto.decrypt(r.owner_phone),
    note: r.note,
  };
}
export function decryptBusiness(crypto: FieldCrypto, r: BusinessRow): BusinessDraft {
  return {
    name: r.name,
    kind: r.kind as BusinessDraft['kind'],
    licenceNo: r.licence_no,
    keyPlace: r.key_place,
    contactName: crypto.decrypt(r.contact_name),
    contactPhone: crypto.decrypt(r.contact_phone),
  };
}

/**
 * The registry's writes, in bulk: each call inserts the new records in one statement per 2 000, updates the
 * existing ones likewise, and writes one history row per record (who, when, what changed, old → new).
 */
export function createWriter(deps: {
  trx: Kysely<DB>;
  repo: RegistryRepo;
  crypto: FieldCrypto;
  ctx: RegistryContext;
  principal: Principal;
  meta: WriteMeta;
  now: Date;
}) {
  const { trx, repo, crypto, ctx, principal, meta, now } = deps;
  const tenant = ctx.tenantCode;
  const history: HistoryInsert[] = [];
  const actor = principal.displayName || principal.username;
  function note(
    kind: HistoryInsert['record_kind'],
    id: string,
    action: string,
    before: View | null,
    after: View,
  ) {
    const changes = changesOf(before, after);
    if (action === 'updated' && changes.length === 0) return;
    history.push({
      tenant_code: tenant,
      record_kind: kind,
      record_id: id,
      at: now,
      action,
      actor_id: principal.userId,
      actor,
      source: meta.source,
      collection_id: meta.collectionId ?? null,
      collector: meta.collector ?? null,
      reviewer: meta.reviewer ?? null,
      changes: JSON.stringify(changes),
    });
  }
  const placedCols = (p: Pick<Place, 'policeGridId' | 'communityGridId' | 'stationId'>) => ({
    police_grid_id: p.policeGridId,
    community_grid_id: p.communityGridId,
    station_id: p.stationId,
  });
  const stamp = () => ({
    created_by: principal.userId,
    created_at: now,
    updated_at: now,
    demo: meta.demo ?? false,
  });

  return {
    /**
     * The addresses of these drafts, found by key or created. An existing address takes a point it did
     * not have (or a new one) and the community grid there.
     */
    async addresses(
      drafts: AddressDraft[],
    ): Promise<{ byKey: Map<string, AddressRow>; created: number; updated: number }> {
      const unique = new Map<string, AddressDraft>();
      for (const d of drafts) {
        const prev = unique.get(d.key);
        if (!prev || (d.lon !== null && prev.lon === null)) unique.set(d.key, d);
      }
      const byKey = new Map(
        (await repo.addressesByKey(trx, tenant, [...unique.keys()])).map((a) => [a.addr_key, a]),
      );
      const inserts: AddressRow[] = [];
      const updates: AddressRow[] = [];
      for (const d of unique.values()) {
        const old = byKey.get(d.key);
        const place = placeOf(ctx, d);
        if (!place) continue;
        if (!old) {
          const row: AddressRow = {
            tenant_code: tenant,
            id: randomUUID(),
            division_code: d.divisionCode,
            township_code: place.townshipCode,
            road: d.road,
            door_no: d.doorNo,
            building: d.building,
            unit: d.unit,
            room: d.room,
            label: place.label,
            addr_key: d.key,
            lon: d.lon,
            lat: d.lat,
            ...placedCols(place),
            ...stamp(),
          };
          inserts.push(row);
          byKey.set(d.key, row);
          note('address', row.id, 'created', null, addressView(row));
        } else if (d.lon !== null && d.lat !== null && (old.lon !== d.lon || old.lat !== d.lat)) {
          const row: AddressRow = { ...old, lon: d.lon, lat: d.lat, ...placedCols(place), updated_at: now };
          updates.push(row);
          byKey.set(d.key, row);
          note('address', row.id, 'updated', addressView(old), addressView(row));
        }
      }
      if (inserts.length) await repo.bulkInsert(trx, 'registry_addresses', inserts);
      if (updates.length)
        await repo.bulkUpdate(
          trx,
          'registry_addresses',
          updates.map((u) => ({
            tenant_code: u.tenant_code,
            id: u.id,
            lon: u.lon,
            lat: u.lat,
            police_grid_id: u.police_grid_id,
            community_grid_id: u.community_grid_id,
            station_id: u.station_id,
            updated_at: now,
          })),
        );
      return { byKey, created: inserts.length, updated: updates.length };
    },

    /** People: `old` set → update that record, else create. Returns the ids in order. */
    async people(
      items: { draft: PersonDraft; address: AddressRow; old?: PersonRow | undefined }[],
    ): Promise<string[]> {
      const inserts: object[] = [];
      const updates: object[] = [];
      const ids = items.map(({ draft, address, old }) => {
        const row = {
          tenant_code: tenant,
          id: old?.id ?? randomUUID(),
          name: crypto.encrypt(draft.name),
          id_number: crypto.encrypt(draft.idNumber),
          id_hash: crypto.blindIndex(draft.idNumber),
          sex: draft.sex,
          birth_date: draft.birthDate,
          phone: crypto.encrypt(draft.phone),
          kind: draft.kind,
          address_id: address.id,
          moved_in_on: draft.movedInOn,
          moved_out_on: draft.movedOutOn,
          police_grid_id: address.police_grid_id,
          community_grid_id: address.community_grid_id,
          station_id: address.station_id,
        };
        if (old) {
          const before = decryptPerson(crypto, old);
          const oldLabel = old.address_id === address.id ? address.label : `#${old.address_id}`;
          note('person', row.id, 'updated', personView(before, oldLabel), personView(draft, address.label));
          updates.push({ ...row, updated_at: now });
        } else {
          note('person', row.id, 'created', null, personView(draft, address.label));
          inserts.push({ ...row, ...stamp() });
        }
        return row.id;
      });
      if (inserts.length) await repo.bulkInsert(trx, 'registry_people', inserts);
      if (updates.length) await repo.bulkUpdate(trx, 'registry_people', updates);
      return ids;
    },

    async houses(
      items: { draft: HouseDraft; address: AddressRow; old?: HouseRow | undefined }[],
    ): Promise<string[]> {
      const inserts: object[] = [];
      const updates: object[] = [];
      const ids = items.map(({ draft, address, old }) => {
        const row = {
          tenant_code: tenant,
          id: old?.id ?? randomUUID(),
          address_id: address.id,
          kind: draft.kind,
          owner_name: crypto.encrypt(draft.ownerName),
          owner_phone: crypto.encrypt(draft.ownerPhone),
          note: draft.note,
          police_grid_id: address.police_grid_id,
          community_grid_id: address.community_grid_id,
          station_id: address.station_id,
        };
        if (old) {
          note(
            'house',
            row.id,
            'updated',
            houseView(decryptHouse(crypto, old), address.label),
            houseView(draft, address.label),
          );
          updates.push({ ...row, updated_at: now });
        } else {
          note('house', row.id, 'created', null, houseView(draft, address.label));
          inserts.push({ ...row, ...stamp() });
        }
        return row.id;
      });
      if (inserts.length) await repo.bulkInsert(trx, 'registry_houses', inserts);
      if (updates.length) await repo.bulkUpdate(trx, 'registry_houses', updates);
      return ids;
    },

    async businesses(
      items: { draft: BusinessDraft; address: AddressRow; old?: BusinessRow | undefined }[],
    ): Promise<string[]> {
      const inserts: object[] = [];
      const updates: object[] = [];
      const ids = items.map(({ draft, address, old }) => {
        const row = {
          tenant_code: tenant,
          id: old?.id ?? randomUUID(),
          name: draft.name,
          kind: draft.kind,
          licence_no: draft.licenceNo,
          address_id: address.id,
          key_place: draft.keyPlace,
          contact_name: crypto.encrypt(draft.contactName),
          contact_phone: crypto.encrypt(draft.contactPhone),
          police_grid_id: address.police_grid_id,
          community_grid_id: address.community_grid_id,
          station_id: address.station_id,
        };
        if (old) {
          note(
            'business',
            row.id,
            'updated',
            businessView(decryptBusiness(crypto, old), address.label),
            businessView(draft, address.label),
          );
          updates.push({ ...row, updated_at: now });
        } else {
          note('business', row.id, 'created', null, businessView(draft, address.label));
          inserts.push({ ...row, ...stamp() });
        }
        return row.id;
      });
      if (inserts.length) await repo.bulkInsert(trx, 'registry_businesses', inserts);
      if (updates.length) await repo.bulkUpdate(trx, 'registry_businesses', updates);
      return ids;
    },

    /** Writes the history gathered so far (call once, last). */
    async flush() {
      if (history.length) await repo.insertHistory(trx, history.splice(0));
    },
  };
}
export type Writer = ReturnType<typeof createWriter>;
