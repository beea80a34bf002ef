import { DEFAULT_HALL_HOURS, demoCatalogue } from '@ronghui/services';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';

/**
 * The demo county's service hall (demo data): the 120-item catalogue, the county centre's hall
 * (德化县公安局行政服务中心: two 综合窗口 and an 出入境窗口) and one hall per station (a 综合窗口 and a 户籍窗口),
 * each at its station's point with the default hours. Does nothing when the tenant has halls already.
 */
export async function seedServices(
  db: Kysely<DB>,
  options: { tenantCode: string; now?: Date },
): Promise<{ items: number; halls: number; counters: number }> {
  const { tenantCode } = options;
  const now = options.now ?? new Date();
  const existing = await db
    .selectFrom('service_halls')
    .select('id')
    .where('tenant_code', '=', tenantCode)
    .limit(1)
    .executeTakeFirst();
  if (existing) return { items: 0, halls: 0, counters: 0 };
  const catalogue = demoCatalogue();
  const orgs = await db
    .selectFrom('orgs')
    .select(['id', 'kind', 'code', 'name', 'lon', 'lat'])
    .where('tenant_code', '=', tenantCode)
    .where('kind', 'in', ['tenant', 'station'])
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const root = orgs.find((o) => o.kind === 'tenant');
  if (!root) throw new Error(`tenant ${tenantCode} has no organisation to seed service halls into`);
  const codesOf = (group: string) =>
    JSON.stringify(
      catalogue.filter((i) => i.group === group && (group === 'B' || !i.centreOnly)).map((i) => i.code),
    );
  const hours = JSON.stringify(DEFAULT_HALL_HOURS);

  const halls = [
    {
      id: 'hall-centre',
      org_id: root.id,
      name: '德化县公安局行政服务中心',
      centre: true,
      address: '德化县行政服务中心一楼',
      lon: root.lon ?? 0,
      lat: root.lat ?? 0,
      counters: [
        { name: '综合窗口1', item_codes: null },
        { name: '综合窗口2', item_codes: null },
        { name: '出入境窗口', item_codes: codesOf('B') },
      ],
    },
    ...orgs
      .filter((o) => o.kind === 'station' && o.lon !== null && o.lat !== null)
      .map((o) => ({
        id: `hall-${o.code}`,
        org_id: o.id,
        name: `${o.name}服务大厅`,
        centre: false,
        address: o.name,
        lon: o.lon!,
        lat: o.lat!,
        counters: [
          { name: '综合窗口', item_codes: null },
          { name: '户籍窗口', item_codes: codesOf('A') },
        ],
      })),
  ];

  let counters = 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < catalogue.length; i += 40)
      await trx
        .insertInto('service_items')
        .values(
          catalogue.slice(i, i + 40).map((it) => ({
            tenant_code: tenantCode,
            code: it.code,
            name: it.name,
            name_en: it.nameEn,
            category: it.category,
            kind: it.kind,
            statutory_days: it.statutoryDays,
            promised_days: it.promisedDays,
            expedited_days: it.expeditedDays,
            materials: JSON.stringify(it.materials),
            fee_yuan: it.feeYuan,
            channels: JSON.stringify(it.channels),
            centre_only: it.centreOnly,
            item_group: it.group,
            attributes: JSON.stringify(it.attributes),
            active: true,
            demo: true,
            updated_at: now,
          })),
        )
        .execute();
    for (const h of halls) {
      await trx
        .insertInto('service_halls')
        .values({
          tenant_code: tenantCode,
          id: h.id,
          org_id: h.org_id,
          name: h.name,
          centre: h.centre,
          address: h.address,
          lon: h.lon,
          lat: h.lat,
          phone: null,
          hours,
          demo: true,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('service_counters')
        .values(
          h.counters.map((c, i) => ({
            tenant_code: tenantCode,
            hall_id: h.id,
            id: `${h.id}-${i + 1}`,
            name: c.name,
            item_codes: c.item_codes,
            active: true,
            clerk_id: null,
            demo: true,
            updated_at: now,
          })),
        )
        .execute();
      counters += h.counters.length;
    }
  });
  return { items: catalogue.length, halls: halls.length, counters };
}
