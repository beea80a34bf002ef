import { chinaDate, createLocalProjection, createRng, type LngLat, type Rng } from '@ronghui/geo';
import { generateIdNumber, maskIdNumber, maskName, maskPhone } from '@ronghui/ids';
import type { Kysely } from 'kysely';
import type { VolunteerSkill, VolunteerTeamKind } from '@ronghui/contracts';
import type { DB } from '../platform/db/schema.ts';
import type { FieldCrypto } from '../platform/privacy/field-crypto.ts';
import type { DehuaDemo } from './dehua.ts';
import { scaleToTotal } from './dehua-villages.ts';

/** Dehua's 群防群治 volunteers in all (the product's figure); the demo generates exactly this many. */
export const DEMO_VOLUNTEERS = 4370;

/** The named teams and their share of the volunteers (the rest go to one village team per township). */
const NAMED_TEAMS: {
  name: string;
  kind: VolunteerTeamKind;
  township: string;
  share: number;
  description: string;
  /** Skill chances that differ from the county's. */
  skills?: Partial<Record<VolunteerSkill, number>>;
  near?: string;
}[] = [
  {
    name: '古镇义警队',
    kind: 'patrol',
    township: '上涌镇',
    share: 0.012,
    description: '镇村干部、网格员、退役军人和志愿者组成，在派出所民警带领下巡护曾坂古村落',
    near: '曾坂古村落',
  },
  {
    name: '金牌同心守护队',
    kind: 'guardian',
    township: '浔中镇',
    share: 0.07,
    description: '城区治安巡逻、矛盾调解与防诈宣传',
    skills: { mediation: 0.3 },
  },
  {
    name: '外卖义警队',
    kind: 'delivery',
    township: '龙浔镇',
    share: 0.06,
    description: '外卖骑手随手报送线索、协助寻人',
    skills: { driving: 0.97 },
  },
  {
    name: '山林守护者',
    kind: 'forest',
    township: '春美乡',
    share: 0.05,
    description: '护林防火、山地搜救',
    skills: { 'mountain-rescue': 0.5, firefighting: 0.45, drone: 0.1 },
  },
  {
    name: '库区巡防员',
    kind: 'reservoir',
    township: '龙门滩镇',
    share: 0.04,
    description: '库区防溺水巡查与水上救援',
    skills: { swimming: 0.75 },
  },
];

const SKILL_CHANCE: Record<VolunteerSkill, number> = {
  'first-aid': 0.3,
  swimming: 0.18,
  'mountain-rescue': 0.06,
  driving: 0.45,
  dialect: 0.6,
  firefighting: 0.1,
  mediation: 0.1,
  drone: 0.03,
};

const SURNAMES = '陈林郑黄李王张苏刘吴徐赖连颜曾邱涂周许蔡郭杨';
const GIVEN = '德福建华文斌秀英美玲志强国平晓燕丽娟振东明辉春梅金水永清海峰宝珠荣发玉兰';
const PHONE_PREFIXES = ['135', '137', '138', '139', '150', '158', '159', '180', '188', '189'];

export interface VolunteersDemoInput {
  tenantCode: string;
  actorId: string;
  now: Date;
  seed: number;
  stationOf: (townshipCode: string) => string;
  /** Named places (曾坂古村落 …) with their positions. */
  places: { name: string; lon: number; lat: number }[];
  /** Users to link: the demo volunteer accounts, and the officer leading each station's teams. */
  users: { id: string; username: string; roles: string[]; org_id: string }[];
}

const uuid = (rng: Rng) => {
  const hex = Array.from({ length: 32 }, () => rng.int(16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[rng.int(4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};

function near(rng: Rng, at: LngLat, spreadM: number): LngLat {
  const p = createLocalProjection(at);
  return p.toLngLat([rng.normal() * spreadM, rng.normal() * spreadM]);
}

/**
 * Generates the demo volunteers (deterministic, marked demo): the named teams and one village team per
 * township, 4,370 members with skills and vetting, about half consenting to location sharing, some on duty
 * with a position near their township, a year of duty periods, and the demo volunteer accounts linked
 * (volunteer-shangyong-1…4 on duty near 曾坂古村落). Bulk-inserted.
 */
export async function seedVolunteersDemo(
  trx: Kysely<DB>,
  demo: DehuaDemo,
  crypto: FieldCrypto,
  bulk: (trx: Kysely<DB>, table: keyof DB, rows: object[]) => Promise<void>,
  input: VolunteersDemoInput,
) {
  const rng = createRng(input.seed ^ 0x5eed_1e5);
  const { tenantCode, now } = input;
  const today = chinaDate(now);
  const nowIso = now.toISOString();
  const townshipByName = new Map(demo.townships.map((t) => [t.name, t]));
  const stationOfficer = (stationId: string) =>
    input.users.find(
      (u) => u.org_id === stationId && u.roles.includes('officer') && u.username.startsWith('officer-'),
    )?.id ?? null;

  type TeamDraft = {
    id: string;
    name: string;
    kind: VolunteerTeamKind;
    township: string;
    size: number;
    skills: Partial<Record<VolunteerSkill, number>>;
    near: LngLat | null;
    seat: LngLat;
    stationId: string;
    description: string;
  };
  const named = NAMED_TEAMS.map((t) => Math.round(DEMO_VOLUNTEERS * t.share));
  const rest = DEMO_VOLUNTEERS - named.reduce((s, n) => s + n, 0);
  const population = demo.townships.map((tw) =>
    demo.villages.filter((v) => v.townshipCode === tw.code).reduce((s, v) => s + v.population, 0),
  );
  const villageSizes = scaleToTotal(population, rest);
  const teams: TeamDraft[] = [];
  NAMED_TEAMS.forEach((t, i) => {
    const tw = townshipByName.get(t.township);
    if (!tw) throw new Error(`demo volunteers: township ${t.township} missing`);
    const place = t.near ? input.places.find((p) => p.name === t.near) : undefined;
    teams.push({
      id: uuid(rng),
      name: t.name,
      kind: t.kind,
      township: t.township,
      size: named[i]!,
      skills: t.skills ?? {},
      near: place ? [place.lon, place.lat] : null,
      seat: tw.seat,
      stationId: input.stationOf(tw.code),
      description: t.description,
    });
  });
  demo.townships.forEach((tw, i) => {
    const short = tw.name.replace(/[镇乡]$/, '');
    teams.push({
      id: uuid(rng),
      name: `${short}村居义警联防队`,
      kind: 'patrol',
      township: tw.name,
      size: villageSizes[i]!,
      skills: {},
      near: null,
      seat: tw.seat,
      stationId: input.stationOf(tw.code),
      description: `${tw.name}各村（社区）义警，协助村居巡逻、防溺水与防诈宣传`,
    });
  });

  const teamRows = teams.map((t) => ({
    tenant_code: tenantCode,
    id: t.id,
    name: t.name,
    kind: t.kind,
    station_id: t.stationId,
    leader_user_id: stationOfficer(t.stationId),
    township: t.township,
    description: t.description,
    active: true,
    demo: true,
    created_by: input.actorId,
    created_at: nowIso,
    updated_at: nowIso,
  }));

  const volunteerUsers = input.users.filter((u) => u.roles.includes('volunteer'));
  const shangyong = volunteerUsers.filter((u) => u.username.startsWith('volunteer-shangyong-'));
  const plainVolunteer = volunteerUsers.find((u) => u.username === 'volunteer');

  const members: object[] = [];
  const links: object[] = [];
  const periods: object[] = [];
  const positions: object[] = [];
  const seenIds = new Set<string>();
  let n = 0;
  const dayMs = 86_400_000;
  /** Members joined on or before 31 December 2023 (China time), and at least 30 days before now. */
  const joinedBy = Math.min(now.getTime() - 30 * dayMs, Date.UTC(2023, 11, 31, 4));
  for (const team of teams) {
    const villages = demo.villages.filter((v) => townshipByName.get(team.township)?.code === v.townshipCode);
    for (let k = 0; k < team.size; k++, n++) {
      const id = uuid(rng);
      const name =
        SURNAMES[rng.int(SURNAMES.length)]! +
        GIVEN[rng.int(GIVEN.length)]! +
        (rng.next() < 0.7 ? GIVEN[rng.int(GIVEN.length)]! : '');
      const phone =
        PHONE_PREFIXES[n % 10]! + String((n * 104_729 + 12_345_678) % 100_000_000).padStart(8, '0');
      let idNumber: string | null = null;
      if (rng.next() < 0.4) {
        const year = 1960 + rng.int(45);
        const birth = `${year}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
        const candidate = generateIdNumber(rng, {
          areaCode: '350526',
          birth,
          sex: rng.next() < 0.7 ? 'male' : 'female',
        });
        if (!seenIds.has(candidate)) {
          seenIds.add(candidate);
          idNumber = candidate;
        }
      }
      const skills = (Object.keys(SKILL_CHANCE) as VolunteerSkill[]).filter(
        (s) => rng.next() < (team.skills[s] ?? SKILL_CHANCE[s]),
      );
      const v = rng.next();
      const vetting = v < 0.25 ? 'full' : v < 0.7 ? 'basic' : 'unvetted';
      // Everyone had joined by the end of 2023: the county's 4,370 are the figure of that year.
      const joined = new Date(joinedBy - rng.int(6 * 365) * dayMs);
      const joinedOn = chinaDate(joined);
      const vettedOn =
        vetting === 'unvetted'
          ? null
          : chinaDate(
              new Date(
                joined.getTime() +
                  rng.int(Math.max(1, Math.floor((now.getTime() - joined.getTime()) / dayMs))) * dayMs,
              ),
            );
      // The demo accounts: the Shangyong four in 古镇义警队, the plain volunteer account in 金牌同心守护队.
      let userId: string | null = null;
      if (team.name === '古镇义警队' && k < shangyong.length) userId = shangyong[k]!.id;
      if (team.name === '金牌同心守护队' && k === 0 && plainVolunteer) userId = plainVolunteer.id;
      const forced = userId !== null && team.name === '古镇义警队';
      const consent = forced || rng.next() < 0.55;
      const onDuty = forced || (consent ? rng.next() < 0.12 : rng.next() < 0.03);
      const consentAt = consent
        ? new Date(Math.max(joined.getTime(), now.getTime() - rng.int(400) * dayMs))
        : null;
      const dutySince = onDuty ? new Date(now.getTime() - (10 + rng.int(300)) * 60_000) : null;
      members.push({
        tenant_code: tenantCode,
        id,
        name: crypto.encrypt(name),
        name_masked: maskName(name),
        name_index: crypto.blindIndex(`name:${name}`),
        phone: crypto.encrypt(phone),
        phone_masked: maskPhone(phone),
        phone_index: crypto.blindIndex(`phone:${phone}`),
        id_number: idNumber ? crypto.encrypt(idNumber) : null,
        id_number_masked: idNumber ? maskIdNumber(idNumber) : null,
        id_number_index: idNumber ? crypto.blindIndex(`id:${idNumber}`) : null,
        user_id: userId,
        skills,
        vetting,
        vetted_on: vettedOn,
        vetted_by: vetting === 'unvetted' ? null : stationOfficer(team.stationId),
        township: team.township,
        location_consent_at: consentAt?.toISOString() ?? null,
        location_withdrawn_at: null,
        on_duty: onDuty,
        duty_since: dutySince?.toISOString() ?? null,
        joined_on: joinedOn,
        left_on: null,
        demo: true,
        created_by: input.actorId,
        created_at: joined.toISOString(),
        updated_at: nowIso,
      });
      links.push({
        tenant_code: tenantCode,
        team_id: team.id,
        member_id: id,
        joined_on: joinedOn,
        left_on: null,
      });
      // A year of duty: a few evening or weekend shifts of 2–4 hours for about half the members.
      if (rng.next() < 0.5) {
        const shifts = 1 + rng.int(6);
        for (let s = 0; s < shifts; s++) {
          const start = new Date(now.getTime() - (2 + rng.int(360)) * dayMs - rng.int(12) * 3_600_000);
          if (start < joined) continue;
          periods.push({
            tenant_code: tenantCode,
            member_id: id,
            started_at: start.toISOString(),
            ended_at: new Date(start.getTime() + (2 + rng.int(3)) * 3_600_000).toISOString(),
          });
        }
      }
      if (dutySince)
        periods.push({
          tenant_code: tenantCode,
          member_id: id,
          started_at: dutySince.toISOString(),
          ended_at: null,
        });
      if (consent && onDuty) {
        const village = villages.length ? villages[rng.int(villages.length)]! : null;
        const anchor = team.near ?? village?.position ?? team.seat;
        const [lon, lat] = near(rng, anchor, team.near ? 350 : 600);
        positions.push({
          tenant_code: tenantCode,
          member_id: id,
          lon,
          lat,
          accuracy_m: 10 + rng.int(40),
          at: new Date(now.getTime() - rng.int(240) * 1000).toISOString(),
        });
      }
    }
  }
  await bulk(trx, 'volunteer_teams', teamRows);
  await bulk(trx, 'volunteer_members', members);
  await bulk(trx, 'volunteer_team_members', links);
  await bulk(trx, 'volunteer_duty_periods', periods);
  await bulk(trx, 'volunteer_positions', positions);
  void today;
  return { teams: teamRows.length, members: members.length, onDuty: positions.length };
}
