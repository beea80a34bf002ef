import { createRng, type Rng } from '@ronghui/geo';
import { creditCodeWithCheck, generateIdNumber } from '@ronghui/ids';
import type { Services } from '../main.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { systemPrincipal } from '../platform/auth/principal.ts';
import type { DehuaDemo } from './dehua.ts';

/**
 * 一标三实 demo data, generated from the seed: in every village a few standard addresses (a road, door
 * numbers, in community villages buildings and rooms), the people living there (户籍 and 流动), the house
 * at each address and some businesses; the 凤凰社区 neighbours of the homestead dispute at their doors; and
 * collection tasks in every state. Written through the registry's own import path, marked as demo data.
 */
const SURNAMES = [...'陈林黄郑李王张刘吴许苏赖颜连涂徐叶庄曾蔡'];
const GIVEN = [...'秀美丽建国志明华伟芳玲文斌强平春梅燕婷海金水土德瓷'];
const ROADS = ['中山路', '瓷都大道', '龙浔路', '浔中街', '新华路', '东环路', '西门街', '人民路'];
const SHOPS: [string, string][] = [
  ['shop', '便利店'],
  ['restaurant', '小吃店'],
  ['hotel', '旅社'],
  ['factory', '陶瓷厂'],
  ['internet-cafe', '网吧'],
  ['clinic', '诊所'],
];
const HOUSE_ZH = ['自建房', '出租房', '空置房', '自建房', '出租房', '重点房屋'];

const nameOf = (rng: Rng) =>
  SURNAMES[rng.int(SURNAMES.length)]! +
  GIVEN[rng.int(GIVEN.length)]! +
  (rng.next() < 0.6 ? GIVEN[rng.int(GIVEN.length)]! : '');
const phoneOf = (rng: Rng) => `13${5 + rng.int(5)}${String(rng.int(100_000_000)).padStart(8, '0')}`;
const pad = (n: number) => String(n).padStart(2, '0');
/** A UUID from the seeded source (collection ids are the phone's own; the demo's are reproducible). */
const uuidOf = (rng: Rng) => {
  const hex = Array.from({ length: 32 }, () => rng.int(16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[rng.int(4)]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export interface RegistryDemoRows {
  addresses: string[][];
  people: string[][];
  houses: string[][];
  businesses: string[][];
}

/** The demo's rows, in the import files' columns (see REGISTRY_COLUMNS). Pure: the same seed, the same rows. */
export function registryDemoRows(demo: DehuaDemo, seed: number, addressesPerVillage = 5): RegistryDemoRows {
  const rng = createRng(seed ^ 0x1b3);
  const out: RegistryDemoRows = { addresses: [], people: [], houses: [], businesses: [] };
  let licence = 0;
  for (const v of demo.villages) {
    const community = v.kind === 'community' || /社区$/.test(v.name);
    const road = community
      ? ROADS[rng.int(ROADS.length)]!
      : `${v.name.replace(/(村委会|居委会|村|社区)$/, '')}${rng.next() < 0.5 ? '路' : '街'}`;
    for (let i = 0; i < addressesPerVillage; i++) {
      const door = String(1 + i * 2 + rng.int(2));
      const building = community ? String(1 + rng.int(6)) : '';
      const unit = community ? String(1 + rng.int(3)) : '';
      const room = community ? `${1 + rng.int(6)}0${1 + rng.int(4)}` : '';
      // Within ~300 m of the village's point (so the point lies in its community grid most of the time).
      const lon = (v.position[0] + (rng.next() - 0.5) * 0.004).toFixed(6);
      const lat = (v.position[1] + (rng.next() - 0.5) * 0.004).toFixed(6);
      const addr = [v.code, road, door, building, unit, room];
      out.addresses.push([...addr, lon, lat]);
      const houseKind = HOUSE_ZH[rng.int(HOUSE_ZH.length)]!;
      const ownerName = nameOf(rng);
      out.houses.push([...addr, houseKind, ownerName, phoneOf(rng), '']);
      const residents = houseKind === '空置房' ? 0 : 1 + rng.int(4);
      for (let k = 0; k < residents; k++) {
        const floating = houseKind === '出租房' || rng.next() < 0.15;
        const sex = rng.next() < 0.5 ? 'male' : 'female';
        const birth = `${1945 + rng.int(60)}-${pad(1 + rng.int(12))}-${pad(1 + rng.int(28))}`;
        const area = floating ? ['350583', '350582', '360781', '431121'][rng.int(4)]! : '350526';
        const idNumber = generateIdNumber(rng, { areaCode: area, birth, sex });
        const movedIn = floating ? `202${rng.int(6)}-${pad(1 + rng.int(12))}-${pad(1 + rng.int(28))}` : '';
        out.people.push([
          k === 0 && !floating ? ownerName : nameOf(rng),
          idNumber,
          phoneOf(rng),
          floating ? '流动' : '户籍',
          ...addr,
          movedIn,
          '',
        ]);
      }
      if (rng.next() < (community ? 0.3 : 0.1)) {
        const [kind, suffix] = SHOPS[rng.int(SHOPS.length)]!;
        licence += 1;
        const code = creditCodeWithCheck(`92350526MA${String(licence).padStart(7, '0')}`);
        out.businesses.push([
          `${v.name.replace(/(村委会|居委会|村|社区)$/, '')}${suffix}`,
          kind,
          code,
          ...addr,
          kind === 'hotel' || kind === 'internet-cafe' ? '是' : '否',
          nameOf(rng),
          phoneOf(rng),
        ]);
      }
    }
  }
  // 凤凰社区: the neighbours of the homestead dispute (its parties' ID numbers and phones).
  const fenghuang = demo.villages.find((v) => v.name === '凤凰社区');
  if (fenghuang) {
    const chen = [fenghuang.code, '凤凰路', '18', '', '', ''];
    const liu = [fenghuang.code, '凤凰路', '20', '', '', ''];
    const at = (dLon: number) => [
      (fenghuang.position[0] + dLon).toFixed(6),
      fenghuang.position[1].toFixed(6),
    ];
    out.addresses.push([...chen, ...at(0.0004)], [...liu, ...at(0.0006)]);
    out.houses.push(
      [...chen, '自建房', '陈大爷', '13859512368', '宅基地界址纠纷已调解(2023)'],
      [...liu, '自建房', '刘大妈', '13905951247', ''],
    );
    out.people.push(
      ['陈大爷', '350526195203150011', '13859512368', '户籍', ...chen, '', ''],
      ['刘大妈', '350526195508220025', '13905951247', '户籍', ...liu, '', ''],
    );
  }
  return out;
}

const KEYS = {
  addresses: ['divisionCode', 'road', 'doorNo', 'building', 'unit', 'room', 'lon', 'lat'],
  people: [
    'name',
    'idNumber',
    'phone',
    'kind',
    'divisionCode',
    'road',
    'doorNo',
    'building',
    'unit',
    'room',
    'movedInOn',
    'movedOutOn',
  ],
  houses: [
    'divisionCode',
    'road',
    'doorNo',
    'building',
    'unit',
    'room',
    'kind',
    'ownerName',
    'ownerPhone',
    'note',
  ],
  businesses: [
    'name',
    'kind',
    'licenceNo',
    'divisionCode',
    'road',
    'doorNo',
    'building',
    'unit',
    'room',
    'keyPlace',
    'contactName',
    'contactPhone',
  ],
} as const;

/** Writes the demo registry (after the demo organisation is committed) and a few collections in each state. */
export async function seedRegistryDemo(
  services: Services,
  demo: DehuaDemo,
  tenantCode: string,
  seed: number,
) {
  const rows = registryDemoRows(demo, seed);
  const actor: Principal = { ...systemPrincipal(tenantCode, tenantCode, 'seed-demo'), roles: ['commander'] };
  const counts: Record<string, number> = {};
  for (const kind of ['addresses', 'houses', 'people', 'businesses'] as const) {
    const sheet = [
      { line: 1, cells: [...KEYS[kind]] },
      ...rows[kind].map((cells, i) => ({ line: i + 2, cells })),
    ];
    const r = await services.registry.importRows(actor, kind, sheet, { source: 'demo', demo: true });
    if (r.rejected) throw new Error(`demo ${kind}: ${JSON.stringify(r.errors.slice(0, 3))}`);
    counts[kind] = r.created + r.updated;
  }
  counts.collections = await seedCollections(services, tenantCode, seed);
  return counts;
}

async function seedCollections(services: Services, tenantCode: string, seed: number): Promise<number> {
  const { db } = services;
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'roles', 'org_id'])
    .where('tenant_code', '=', tenantCode)
    .where('username', 'in', ['grid-worker', 'officer'])
    .execute();
  const dir = await services.orgs.directory(tenantCode);
  const principal = (username: string): Principal | null => {
    const u = users.find((x) => x.username === username);
    if (!u) return null;
    return {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      tenantCode,
      roles: u.roles as Principal['roles'],
      orgId: u.org_id,
      orgName: dir.get(u.org_id)?.name ?? '',
      scopeKind: dir.get(u.org_id)?.kind ?? 'tenant',
      orgPath: dir.pathOf(u.org_id),
      sessionKind: 'token',
    };
  };
  const worker = principal('grid-worker');
  const officer = principal('officer');
  if (!worker || !officer) return 0;
  const village = (
    await db
      .selectFrom('divisions')
      .select('code')
      .where('tenant_code', '=', tenantCode)
      .where('grid_id', '=', worker.orgId)
      .orderBy('code')
      .executeTakeFirst()
  )?.code;
  if (!village) return 0;
  const rng = createRng(seed ^ 0x5c0);
  const ids: string[] = [];
  const tenant = (n: number) => ({
    id: uuidOf(rng),
    kind: 'new-tenant' as const,
    address: { divisionCode: village, road: '采集示范路', doorNo: String(n), room: `${n}01` },
    person: {
      name: nameOf(rng),
      idNumber: generateIdNumber(rng, {
        areaCode: '350583',
        birth: `19${70 + n}-0${1 + (n % 9)}-1${n % 9}`,
        sex: n % 2 ? 'male' : 'female',
      }),
      phone: phoneOf(rng),
      kind: 'floating' as const,
      movedInOn: '2026-11-0' + (1 + (n % 9)),
    },
    note: '入户走访发现新租户',
  });
  const bodies = [
    tenant(1),
    tenant(2),
    tenant(3),
    {
      id: uuidOf(rng),
      kind: 'vacant-house' as const,
      address: { divisionCode: village, road: '采集示范路', doorNo: '9' },
      house: { kind: 'vacant' as const, ownerName: nameOf(rng) },
      note: '房屋长期无人居住',
    },
    {
      id: uuidOf(rng),
      kind: 'new-shop' as const,
      address: { divisionCode: village, road: '采集示范路', doorNo: '11' },
      business: {
        name: '示范路便利店',
        kind: 'shop' as const,
        keyPlace: false,
        contactName: nameOf(rng),
        contactPhone: phoneOf(rng),
      },
    },
  ];
  for (const body of bodies) ids.push((await services.collections.submit(worker, body)).collection.id);
  await services.collections.review(officer, ids[0]!, { decision: 'accept' });
  await services.collections.review(officer, ids[3]!, { decision: 'accept' });
  await services.collections.review(officer, ids[1]!, {
    decision: 'reject',
    reason: '身份证信息与本人不符，请重新核实',
  });
  const task = await services.collections.assign(officer, {
    workerId: worker.userId,
    kind: 'new-shop',
    note: '核实示范路新开店铺',
  });
  ids.push(task.id);
  await db.transaction().execute((trx) => services.registryRepo.markDemo(trx, tenantCode, ids));
  return ids.length;
}
