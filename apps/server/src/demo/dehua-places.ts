import { createLocalProjection, type LngLat, nearestInside } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { DehuaDemo } from './dehua.ts';

/**
 * Named places of the demo gazetteer. The names are well known in 德化 but the positions are synthetic:
 * each place sits a few hundred metres from its township's demo seat, nothing more.
 */
interface DemoPlace {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly kind: 'tunnel' | 'museum' | 'hospital' | 'school' | 'heritage' | 'transport' | 'scenic';
  readonly township: string;
  readonly villageCode?: string;
  /** Metres east and north of the township seat. */
  readonly offset: readonly [number, number];
}

const PLACES: readonly DemoPlace[] = [
  {
    id: 'jiuxianshan-tunnel',
    name: '九仙山隧道',
    aliases: ['九仙山'],
    kind: 'tunnel',
    township: '赤水镇',
    offset: [-1800, 1200],
  },
  {
    id: 'ceramics-museum',
    name: '德化陶瓷博物馆',
    aliases: ['陶瓷博物馆'],
    kind: 'museum',
    township: '浔中镇',
    offset: [600, 400],
  },
  {
    id: 'county-hospital',
    name: '德化县医院',
    aliases: ['县医院'],
    kind: 'hospital',
    township: '龙浔镇',
    offset: [300, -250],
  },
  {
    id: 'dehua-no1-middle-school',
    name: '德化一中',
    aliases: ['德化第一中学'],
    kind: 'school',
    township: '浔中镇',
    offset: [-500, 700],
  },
  {
    id: 'zengban-old-village',
    name: '曾坂古村落',
    aliases: ['曾坂古村'],
    kind: 'heritage',
    township: '上涌镇',
    villageCode: '350526108208',
    offset: [900, -600],
  },
  {
    id: 'bus-station',
    name: '德化汽车站',
    aliases: ['汽车站'],
    kind: 'transport',
    township: '龙浔镇',
    offset: [-400, 350],
  },
  {
    id: 'shiniushan',
    name: '石牛山景区',
    aliases: ['石牛山'],
    kind: 'scenic',
    township: '水口镇',
    offset: [-1500, -1300],
  },
];

/** 浔中镇 and 龙浔镇 make up the built-up county town. */
const COUNTY_TOWN_CODES = ['350526100', '350526101'];

function shift(seat: LngLat, [dx, dy]: readonly [number, number]): LngLat {
  return createLocalProjection(seat).toLngLat([dx, dy]);
}

export function demoPlaces(demo: DehuaDemo) {
  return PLACES.map((p) => {
    const township = demo.townships.find((t) => t.name === p.township);
    if (!township) throw new Error(`demo place ${p.name}: township ${p.township} missing`);
    const [lon, lat] = nearestInside(shift(township.seat, p.offset), demo.tenant.boundary, 1e-4);
    return {
      tenant_code: demo.tenant.code,
      id: p.id,
      name: p.name,
      aliases: [...p.aliases],
      kind: p.kind,
      township_code: township.code,
      village_code: p.villageCode ?? null,
      lon: lon!,
      lat: lat!,
    };
  });
}

/** Places and the dispatch settings of the demo county (zones around 浔中/龙浔, default targets). */
export async function seedDehuaDispatch(trx: Kysely<DB>, demo: DehuaDemo): Promise<void> {
  await trx.insertInto('places').values(demoPlaces(demo)).execute();
  await trx
    .insertInto('dispatch_settings')
    .values({ tenant_code: demo.tenant.code, county_town_codes: COUNTY_TOWN_CODES })
    .execute();
}
