import { bearingDeg, createLocalProjection, haversine, type LngLat, verticalFovDeg } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { DehuaDemo } from './dehua.ts';
import { demoPlaces } from './dehua-places.ts';

/**
 * Demo cameras: a mast `from` metres east/north of an anchor, looking at a target. The anchors are the
 * demo gazetteer places, township seats and the county town, whose positions are synthetic; so are the
 * cameras'. No demo camera has a video stream: the AR view shows its 3D map fallback for them.
 */
interface DemoCamera {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** Township whose station owns the camera. */
  readonly township: string;
  readonly anchor: Anchor;
  readonly from: readonly [number, number];
  /** What the camera looks at: the anchor unless given. */
  readonly target?: Anchor;
  readonly heightM: number;
  readonly hfovDeg: number;
  readonly rangeM: number;
}

type Anchor = { place: string } | { seat: string } | 'county-town';

const CAMERAS: readonly DemoCamera[] = [
  {
    id: 'cam-county-town-centre',
    code: 'DH-CAM-001',
    name: '县城中心十字路口',
    township: '龙浔镇',
    anchor: 'county-town',
    from: [-60, -45],
    heightM: 12,
    hfovDeg: 70,
    rangeM: 1500,
  },
  {
    id: 'cam-county-town-lookout',
    code: 'DH-CAM-002',
    name: '县城制高点瞭望',
    township: '浔中镇',
    anchor: 'county-town',
    from: [-1300, 900],
    heightM: 60,
    hfovDeg: 60,
    rangeM: 4000,
  },
  {
    id: 'cam-xunzhong-seat',
    code: 'DH-CAM-003',
    name: '浔中镇政府路口',
    township: '浔中镇',
    anchor: { seat: '浔中镇' },
    from: [80, -70],
    heightM: 10,
    hfovDeg: 65,
    rangeM: 1200,
  },
  {
    id: 'cam-longxun-seat',
    code: 'DH-CAM-004',
    name: '龙浔镇政府路口',
    township: '龙浔镇',
    anchor: { seat: '龙浔镇' },
    from: [-70, 90],
    heightM: 10,
    hfovDeg: 65,
    rangeM: 1200,
  },
  {
    id: 'cam-bus-station',
    code: 'DH-CAM-005',
    name: '德化汽车站广场',
    township: '龙浔镇',
    anchor: { place: '德化汽车站' },
    from: [120, -90],
    heightM: 9,
    hfovDeg: 60,
    rangeM: 1000,
  },
  {
    id: 'cam-county-hospital',
    code: 'DH-CAM-006',
    name: '县医院门口',
    township: '龙浔镇',
    anchor: { place: '德化县医院' },
    from: [-100, -80],
    heightM: 8,
    hfovDeg: 60,
    rangeM: 900,
  },
  {
    id: 'cam-ceramics-museum',
    code: 'DH-CAM-007',
    name: '陶瓷博物馆广场',
    township: '浔中镇',
    anchor: { place: '德化陶瓷博物馆' },
    from: [90, 110],
    heightM: 9,
    hfovDeg: 60,
    rangeM: 1000,
  },
  {
    id: 'cam-no1-middle-school',
    code: 'DH-CAM-008',
    name: '德化一中校门',
    township: '浔中镇',
    anchor: { place: '德化一中' },
    from: [-90, -100],
    heightM: 8,
    hfovDeg: 55,
    rangeM: 900,
  },
  {
    id: 'cam-jiuxianshan-north',
    code: 'DH-CAM-009',
    name: '九仙山隧道北口',
    township: '赤水镇',
    anchor: { place: '九仙山隧道' },
    from: [0, 260],
    heightM: 8,
    hfovDeg: 50,
    rangeM: 1200,
  },
  {
    id: 'cam-jiuxianshan-south',
    code: 'DH-CAM-010',
    name: '九仙山隧道南口',
    township: '赤水镇',
    anchor: { place: '九仙山隧道' },
    from: [0, -260],
    heightM: 8,
    hfovDeg: 50,
    rangeM: 1200,
  },
  {
    id: 'cam-yangmei-market',
    code: 'DH-CAM-011',
    name: '杨梅乡集镇路口',
    township: '杨梅乡',
    anchor: { seat: '杨梅乡' },
    from: [-110, -60],
    heightM: 10,
    hfovDeg: 65,
    rangeM: 1500,
  },
  {
    id: 'cam-yangmei-hill',
    code: 'DH-CAM-012',
    name: '杨梅乡高点',
    township: '杨梅乡',
    anchor: { seat: '杨梅乡' },
    from: [700, 650],
    heightM: 45,
    hfovDeg: 55,
    rangeM: 3000,
  },
  {
    id: 'cam-shiniushan-gate',
    code: 'DH-CAM-013',
    name: '石牛山景区入口',
    township: '水口镇',
    anchor: { place: '石牛山景区' },
    from: [150, 120],
    heightM: 10,
    hfovDeg: 60,
    rangeM: 1500,
  },
  {
    id: 'cam-zengban-village',
    code: 'DH-CAM-014',
    name: '曾坂古村落村口',
    township: '上涌镇',
    anchor: { place: '曾坂古村落' },
    from: [-130, 90],
    heightM: 8,
    hfovDeg: 60,
    rangeM: 1000,
  },
];

const atanDeg = (x: number) => (Math.atan(x) * 180) / Math.PI;

/** The demo cameras as rows, each aimed at its target with the target on the picture's centre row. */
export function demoCameras(demo: DehuaDemo) {
  const places = demoPlaces(demo);
  const resolve = (a: Anchor): LngLat => {
    if (a === 'county-town') return demo.tenant.countyTown;
    if ('seat' in a) {
      const tw = demo.townships.find((t) => t.name === a.seat);
      if (!tw) throw new Error(`demo camera: township ${a.seat} missing`);
      return tw.seat;
    }
    const place = places.find((p) => p.name === a.place);
    if (!place) throw new Error(`demo camera: place ${a.place} missing`);
    return [place.lon, place.lat] as LngLat;
  };
  return CAMERAS.map((c) => {
    const tw = demo.townships.find((t) => t.name === c.township);
    if (!tw) throw new Error(`demo camera ${c.name}: township ${c.township} missing`);
    const anchor = resolve(c.anchor);
    const [lon, lat] = createLocalProjection(anchor).toLngLat(c.from);
    const target = resolve(c.target ?? c.anchor);
    const distance = haversine([lon, lat] as LngLat, target);
    return {
      tenant_code: demo.tenant.code,
      id: c.id,
      station_id: `station-${tw.code}`,
      code: c.code,
      name: c.name,
      lon,
      lat,
      height_m: c.heightM,
      heading: Math.round(bearingDeg({ lon, lat }, { lon: target[0], lat: target[1] }) * 10) / 10,
      // Aim below the target, as street cameras do: it sits in the upper part of a 16:9 picture with
      // the ground in front filling the rest and the horizon near the top.
      tilt: Math.round((atanDeg(c.heightM / distance) + 0.2 * verticalFovDeg(c.hfovDeg, 16, 9)) * 10) / 10,
      hfov: c.hfovDeg,
      range_m: c.rangeM,
      stream_kind: 'none' as const,
      stream_url: null,
      created_by: 'seed-demo',
    };
  });
}

export async function seedDemoCameras(trx: Kysely<DB>, demo: DehuaDemo): Promise<number> {
  const rows = demoCameras(demo);
  await trx.insertInto('cameras').values(rows).execute();
  return rows.length;
}
