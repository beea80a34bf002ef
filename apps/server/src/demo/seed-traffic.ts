import type { TrafficDeviceBody } from '@ronghui/contracts';
import type { LngLat } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import { type Principal, systemPrincipal } from '../platform/auth/principal.ts';
import type { DB } from '../platform/db/schema.ts';
import type { RoutingService } from '../modules/routing/index.ts';
import type { TrafficService } from '../modules/traffic/index.ts';

/**
 * The demo county's smart-traffic set-up (demo data): the 九仙山 tunnel mouth with its sensors, ANPR camera
 * and sign; a fog-prone climb; a blind junction with detectors and signs on two branches; routes between
 * township seats. Positions follow the generated demo roads.
 */

/** The first `meters` of a line. */
function cut(line: readonly LngLat[], meters: number): LngLat[] {
  const out: LngLat[] = [line[0]!];
  let walked = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const k = Math.cos((a[1] * Math.PI) / 180);
    const d = Math.hypot((b[0] - a[0]) * k, b[1] - a[1]) * 111_320;
    if (walked + d >= meters) {
      const t = d === 0 ? 0 : (meters - walked) / d;
      out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
      return out;
    }
    walked += d;
    out.push(b);
  }
  return out;
}

/** The point `share` of the way along a line. */
function along(line: readonly LngLat[], share: number): [number, number] {
  let total = 0;
  for (let i = 1; i < line.length; i++)
    total += Math.hypot(line[i]![0] - line[i - 1]![0], line[i]![1] - line[i - 1]![1]);
  let walked = 0;
  const target = total * share;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (walked + d >= target) {
      const t = d === 0 ? 0 : (target - walked) / d;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    walked += d;
  }
  const last = line[line.length - 1]!;
  return [last[0], last[1]];
}

const SIGN = { lines: 2, charsPerLine: 10, dots: 16 };

/**
 * Seeds the demo's sections, devices and routes through the traffic service (so edges are found on the
 * demo road graph as for any county). Does nothing when the tenant has sections already.
 */
export async function seedTrafficDemo(deps: {
  db: Kysely<DB>;
  traffic: TrafficService;
  routing: RoutingService;
  tenantCode: string;
  rootOrgId: string;
  places: {
    tunnel: LngLat;
    chishui: LngLat;
    countyTown: LngLat;
    leifeng: LngLat;
    nancheng: LngLat;
    shangyong: LngLat;
  };
}): Promise<{ sections: number; devices: number; routes: number }> {
  const { db, traffic, routing, tenantCode, places } = deps;
  const existing = await db
    .selectFrom('traffic_sections')
    .select('id')
    .where('tenant_code', '=', tenantCode)
    .executeTakeFirst();
  if (existing) return { sections: 0, devices: 0, routes: 0 };
  const actor: Principal = {
    ...systemPrincipal(tenantCode, deps.rootOrgId, 'seed-demo'),
    roles: ['commander'],
  };
  const devices: TrafficDeviceBody[] = [];

  // 九仙山隧道口: the last 1.6 km of the road from 赤水 up to the tunnel, driven towards the tunnel.
  const tunnel = routing.nearestOnRoad(tenantCode, places.tunnel);
  const up = routing.routeBetween(tenantCode, places.chishui, tunnel).geometry;
  const tunnelLine = cut([...up].reverse(), 1600).reverse();
  const jxs = await traffic.createSection(
    actor,
    {
      name: '九仙山隧道口',
      direction: 'both',
      line: tunnelLine.map(([x, y]) => [x, y]),
      note: '团雾、冰冻多发（演示数据）',
    },
    true,
  );
  const mouth = along(tunnelLine, 0.97);
  devices.push(
    {
      id: 'JXS-VMS-1',
      name: '九仙山隧道口情报板',
      kind: 'sign',
      position: mouth,
      sectionId: jxs.id,
      model: SIGN,
      heartbeatSeconds: 120,
    },
    {
      id: 'JXS-SURF-1',
      name: '九仙山路面传感器',
      kind: 'surface',
      position: along(tunnelLine, 0.8),
      sectionId: jxs.id,
      heartbeatSeconds: 120,
    },
    {
      id: 'JXS-VIS-1',
      name: '九仙山能见度仪',
      kind: 'visibility',
      position: along(tunnelLine, 0.6),
      sectionId: jxs.id,
      heartbeatSeconds: 120,
    },
    {
      id: 'JXS-WX-1',
      name: '九仙山气象站',
      kind: 'weather',
      position: along(tunnelLine, 0.7),
      sectionId: jxs.id,
      heartbeatSeconds: 120,
    },
    {
      id: 'JXS-ANPR-1',
      name: '九仙山上行卡口',
      kind: 'anpr',
      position: along(tunnelLine, 0.15),
      sectionId: jxs.id,
      signId: 'JXS-VMS-1',
      heartbeatSeconds: 120,
    },
  );

  // 赤水—上涌 climb: fog-prone.
  const climbRoute = routing.routeBetween(tenantCode, places.chishui, places.shangyong).geometry;
  const climbLine = cut(climbRoute, 2500);
  const climb = await traffic.createSection(
    actor,
    {
      name: '赤水上涌盘山段',
      direction: 'both',
      line: climbLine.map(([x, y]) => [x, y]),
      note: '夜间团雾（演示数据）',
    },
    true,
  );
  devices.push(
    {
      id: 'CS-VIS-1',
      name: '盘山段能见度仪',
      kind: 'visibility',
      position: along(climbLine, 0.5),
      sectionId: climb.id,
      heartbeatSeconds: 120,
    },
    {
      id: 'CS-VMS-1',
      name: '盘山段情报板',
      kind: 'sign',
      position: along(climbLine, 0.05),
      sectionId: climb.id,
      model: SIGN,
      heartbeatSeconds: 120,
    },
  );

  // 雷峰 blind junction: the roads towards the county town and towards 南埕 meet near the seat.
  const toTown = routing.routeBetween(tenantCode, places.leifeng, places.countyTown).geometry;
  const toNancheng = routing.routeBetween(tenantCode, places.leifeng, places.nancheng).geometry;
  const branchA = cut(toTown, 250);
  const branchB = cut(toNancheng, 250);
  devices.push(
    {
      id: 'LF-DET-A',
      name: '雷峰路口县城方向检测器',
      kind: 'detector',
      position: along(branchA, 1),
      junction: '雷峰汇流路口',
      branch: '县城方向',
      heartbeatSeconds: 300,
    },
    {
      id: 'LF-DET-B',
      name: '雷峰路口南埕方向检测器',
      kind: 'detector',
      position: along(branchB, 1),
      junction: '雷峰汇流路口',
      branch: '南埕方向',
      heartbeatSeconds: 300,
    },
    {
      id: 'LF-VMS-A',
      name: '雷峰路口县城方向情报板',
      kind: 'sign',
      position: along(branchA, 0.6),
      junction: '雷峰汇流路口',
      branch: '县城方向',
      model: SIGN,
      heartbeatSeconds: 300,
    },
    {
      id: 'LF-VMS-B',
      name: '雷峰路口南埕方向情报板',
      kind: 'sign',
      position: along(branchB, 0.6),
      junction: '雷峰汇流路口',
      branch: '南埕方向',
      model: SIGN,
      heartbeatSeconds: 300,
    },
  );

  // Signs first: cameras name the sign they feed.
  const ordered = [...devices.filter((d) => d.kind === 'sign'), ...devices.filter((d) => d.kind !== 'sign')];
  for (const d of ordered)
    await traffic.createDevice(actor, { ...d, heartbeatSeconds: d.heartbeatSeconds ?? 120 } as never);
  await db.updateTable('traffic_devices').set({ demo: true }).where('tenant_code', '=', tenantCode).execute();

  await traffic.createRoute(
    actor,
    {
      name: '县城 → 赤水',
      from: [places.countyTown[0], places.countyTown[1]],
      to: [places.chishui[0], places.chishui[1]],
    },
    true,
  );
  await traffic.createRoute(
    actor,
    {
      name: '赤水 → 九仙山',
      from: [places.chishui[0], places.chishui[1]],
      to: [tunnel[0], tunnel[1]],
    },
    true,
  );
  return { sections: 2, devices: devices.length, routes: 2 };
}
