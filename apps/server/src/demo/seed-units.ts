import { chinaTimeOfDay, createLocalProjection, createRng, type LngLat, type Rng } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { DehuaDemo } from './dehua.ts';

const SURNAMES = '陈林黄张李王吴刘蔡杨郑许赖苏曾邱叶郭周徐';
const GIVEN = [
  '志强',
  '建华',
  '文斌',
  '晓东',
  '伟',
  '丽娟',
  '振东',
  '国平',
  '海峰',
  '秀英',
  '德福',
  '明辉',
  '少华',
  '永福',
  '丽华',
  '俊杰',
  '雪梅',
  '金水',
  '春生',
  '燕',
];

function name(rng: Rng): string {
  return SURNAMES[rng.int(SURNAMES.length)]! + GIVEN[rng.int(GIVEN.length)]!;
}

function near(rng: Rng, p: LngLat, meters: number): [number, number] {
  const dy = rng.normal() * meters;
  const dx = rng.normal() * meters;
  const [lon, lat] = createLocalProjection(p).toLngLat([dx, dy]);
  return [lon, lat];
}

interface UnitRow {
  id: string;
  callsign: string;
  name: string;
  kind: 'officer' | 'auxiliary' | 'vehicle' | 'team';
  stationId: string;
  pool: string | null;
  capabilities: string[];
  position: [number, number];
  rotation: { anchorOffsetH: number; onHours: number; offHours: number };
}

/** Township stations: 6–12 officers and auxiliaries in two 24-hour teams, 2–4 vehicles crewed around the clock. */
function stationUnits(rng: Rng, demo: DehuaDemo, stationId: (code: string) => string): UnitRow[] {
  const rows: UnitRow[] = [];
  for (const t of demo.townships) {
    const short = t.name.replace(/[镇乡]$/, '');
    const people = 6 + rng.int(7);
    for (let i = 0; i < people; i++) {
      const officer = i % 2 === 0 || i < 3;
      const caps = officer && rng.next() < 0.5 ? ['armed'] : [];
      if (rng.next() < 0.15) caps.push('medical');
      rows.push({
        id: `u-${t.code}-${String(i + 1).padStart(2, '0')}`,
        callsign: `${short}${String(i + 1).padStart(2, '0')}`,
        name: `${officer ? '民警' : '辅警'} ${name(rng)}`,
        kind: officer ? 'officer' : 'auxiliary',
        stationId: stationId(t.code),
        pool: null,
        capabilities: caps,
        position: near(rng, t.seat, 300),
        // Two teams: even members from today 08:00, odd ones from tomorrow 08:00.
        rotation: { anchorOffsetH: (i % 2) * 24, onHours: 24, offHours: 24 },
      });
    }
    const vehicles = 2 + rng.int(3);
    for (let v = 0; v < vehicles; v++) {
      rows.push({
        id: `v-${t.code}-${v + 1}`,
        callsign: `${short}车${v + 1}`,
        name: `闽C${String(1000 + rng.int(9000))}警`,
        kind: 'vehicle',
        stationId: stationId(t.code),
        pool: null,
        capabilities: ['vehicle'],
        position: near(rng, t.seat, 150),
        rotation: { anchorOffsetH: 0, onHours: 24, offHours: 0 },
      });
    }
  }
  return rows;
}

/** 双警融合: the traffic and patrol-SWAT brigades form one rapid-response pool in the county town. */
function brigadeUnits(rng: Rng, demo: DehuaDemo, brigadeId: (key: string) => string): UnitRow[] {
  const rows: UnitRow[] = [];
  for (const b of demo.brigades) {
    const short = b.key === 'traffic' ? '交警' : '特警';
    for (let i = 0; i < 12; i++) {
      const vehicle = i >= 8;
      const caps = b.key === 'traffic' ? ['traffic'] : ['armed', 'swat'];
      if (b.key === 'patrol-swat' && i === 0) caps.push('k9');
      if (b.key === 'patrol-swat' && i === 1) caps.push('drone');
      if (vehicle) caps.push('vehicle');
      rows.push({
        id: `${b.key}-${String(i + 1).padStart(2, '0')}`,
        callsign: `${short}${String(i + 1).padStart(2, '0')}`,
        name: vehicle
          ? `闽C${String(1000 + rng.int(9000))}警`
          : `${b.key === 'traffic' ? '交警' : '特警'} ${name(rng)}`,
        kind: vehicle ? 'vehicle' : 'officer',
        stationId: brigadeId(b.key),
        pool: 'county-town',
        capabilities: caps,
        // Spread over the county town's guard points rather than parked at the brigade.
        position: near(rng, demo.tenant.countyTown, 900),
        rotation: vehicle
          ? { anchorOffsetH: 0, onHours: 24, offHours: 0 }
          : { anchorOffsetH: (i % 2) * 12, onHours: 12, offHours: 12 },
      });
    }
  }
  return rows;
}

/** The demo's units and roster at `now`; rotations hand over at 08:00 Asia/Shanghai. */
export async function seedUnits(
  trx: Kysely<DB>,
  demo: DehuaDemo,
  ids: { station: (code: string) => string; brigade: (key: string) => string },
  now: Date,
  seed = 350526,
): Promise<number> {
  const today0800 = shanghai0800(now);
  const rng = createRng(seed ^ 0x5eed);
  const rows = [...stationUnits(rng, demo, ids.station), ...brigadeUnits(rng, demo, ids.brigade)];
  const tenant = demo.tenant.code;
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    await trx
      .insertInto('units')
      .values(
        chunk.map((u) => ({
          tenant_code: tenant,
          id: u.id,
          callsign: u.callsign,
          name: u.name,
          kind: u.kind,
          station_id: u.stationId,
          pool: u.pool,
          capabilities: u.capabilities,
          status: 'available',
          lon: u.position[0],
          lat: u.position[1],
          speed_kmh: 0,
          heading: 0,
          position_at: now,
        })),
      )
      .execute();
    await trx
      .insertInto('duty_rotations')
      .values(
        chunk.map((u) => ({
          tenant_code: tenant,
          unit_id: u.id,
          anchor: new Date(today0800.getTime() + u.rotation.anchorOffsetH * 3_600_000),
          on_hours: u.rotation.onHours,
          off_hours: u.rotation.offHours,
        })),
      )
      .execute();
  }
  return rows.length;
}

/** 08:00 China time on the day of `now`, the usual hand-over time. */
export function shanghai0800(now: Date): Date {
  return new Date(chinaTimeOfDay(now, 8));
}
