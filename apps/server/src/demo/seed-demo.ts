import { instantAt, localDate } from '@ronghui/services';
import { sql } from 'kysely';
import { hashPassword } from '../platform/auth/password.ts';
import { systemPrincipal } from '../platform/auth/principal.ts';
import { enqueue } from '../platform/bus/outbox.ts';
import { createOrgsRepo, type Org } from '../modules/orgs/index.ts';
import type { Services } from '../main.ts';
import { seedUnits } from './seed-units.ts';
import { buildDehuaDemo, type DehuaDemo } from './dehua.ts';
import { seedDehuaDispatch } from './dehua-places.ts';
import { seedDemoCameras } from './dehua-cameras.ts';
import { linkDemoGridWorkers, seedGridsDemo } from './dehua-community-grids.ts';
import { seedIntelDemo } from './seed-intel-demo.ts';
import { seedDisputesDemo } from './seed-disputes.ts';
import { demoCommunityGrids, generateHazardHistory, insertHazardSeed } from './seed-hazards.ts';
import { createDisputesRepo } from '../modules/disputes/index.ts';
import { createVolunteersRepo } from '../modules/volunteers/index.ts';
import { demoPlaces } from './dehua-places.ts';
import { seedPatrolsDemo } from './seed-patrols.ts';
import { seedVolunteersDemo } from './seed-volunteers.ts';
import { seedActivitiesDemo } from './seed-activities.ts';
import { DEMO_PASSWORD, type DemoScope, demoAccounts } from './demo-accounts.ts';
import { seedRegistryDemo } from './seed-registry.ts';
import { seedTrafficDemo } from './seed-traffic.ts';
import { seedServiceHistory } from './seed-services-history.ts';
import { seedServices } from './seed-services.ts';
import { seedStatsHistory } from './seed-stats-history.ts';
import { seedWelfareDemo } from './seed-welfare.ts';
import { seedOutreachDemo } from './seed-outreach.ts';

export const DEMO_TENANT = '350526';

export const orgIds = {
  tenant: (code: string) => code,
  area: (key: string) => `area-${key}`,
  station: (townshipCode: string) => `station-${townshipCode}`,
  brigade: (key: string) => `brigade-${key}`,
  grid: (code: string) => `grid-${code}`,
};

/** The Dehua organisation: tenant → 5 joint areas → 18 stations (+ two brigades in 中片) → 45 grids. */
export function demoOrgs(demo: DehuaDemo): Org[] {
  const t = demo.tenant.code;
  const base = { tenantCode: t, population: null, boundary: null, position: null, areaKey: null } as const;
  const orgs: Org[] = [
    {
      ...base,
      id: orgIds.tenant(t),
      parentId: null,
      kind: 'tenant',
      code: t,
      name: demo.tenant.name,
      boundary: demo.tenant.boundary,
      position: [...demo.tenant.center] as [number, number],
      sort: 0,
      population: demo.villages.reduce((s, v) => s + v.population, 0),
    },
  ];
  demo.areas.forEach((a, i) => {
    orgs.push({
      ...base,
      id: orgIds.area(a.key),
      parentId: orgIds.tenant(t),
      kind: 'area',
      code: `${t}-${a.key}`,
      name: a.name,
      areaKey: a.key,
      boundary: a.boundary,
      sort: i,
    });
  });
  demo.townships.forEach((tw, i) => {
    orgs.push({
      ...base,
      id: orgIds.station(tw.code),
      parentId: orgIds.area(tw.areaKey),
      kind: 'station',
      code: tw.code,
      name: tw.stationName,
      areaKey: tw.areaKey,
      position: [...tw.seat] as [number, number],
      sort: i,
    });
  });
  demo.brigades.forEach((b, i) => {
    orgs.push({
      ...base,
      id: orgIds.brigade(b.key),
      parentId: orgIds.area('center'),
      kind: 'brigade',
      code: `${t}-${b.key}`,
      name: b.name,
      areaKey: 'center',
      position: [...b.position] as [number, number],
      sort: 100 + i,
    });
  });
  const areaOf = new Map(demo.townships.map((tw) => [tw.code, tw.areaKey]));
  demo.grids.forEach((g, i) => {
    orgs.push({
      ...base,
      id: orgIds.grid(g.code),
      parentId: orgIds.station(g.townshipCode),
      kind: 'grid',
      code: g.code,
      name: g.name,
      areaKey: areaOf.get(g.townshipCode) ?? null,
      boundary: g.boundary,
      population: g.population,
      sort: i,
    });
  });
  return orgs;
}

function scopeOrg(demo: DehuaDemo, scope: DemoScope): string {
  switch (scope.kind) {
    case 'tenant':
      return orgIds.tenant(demo.tenant.code);
    case 'area':
      return orgIds.area(scope.areaKey);
    case 'station':
    case 'grid': {
      const tw = demo.townships.find((t) => t.name === scope.township);
      if (!tw) throw new Error(`demo township ${scope.township} missing`);
      if (scope.kind === 'station') return orgIds.station(tw.code);
      const grid = demo.grids.find((g) => g.townshipCode === tw.code);
      if (!grid) throw new Error(`no grid in ${scope.township}`);
      return orgIds.grid(grid.code);
    }
  }
}

/**
 * Seeds the Dehua demo into an empty tenant: organisation, gazetteer, demo accounts. Returns false (and
 * changes nothing) when the tenant already exists, so a restart never seeds twice.
 */
export async function seedDemo(
  services: Services,
  options: {
    seed?: number /** The scorecard's 2022–2023 records (default on). */;
    statsHistory?: boolean;
  } = {},
): Promise<boolean> {
  const { db, audit, orgs, clock } = services;
  if (
    await db
      .selectFrom('tenants')
      .select('tenant_code')
      .where('tenant_code', '=', DEMO_TENANT)
      .executeTakeFirst()
  )
    return false;
  const demo = buildDehuaDemo(options.seed ?? 350526);
  const allOrgs = demoOrgs(demo);
  const accounts = demoAccounts(demo.areas, demo.townships);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const gridOfVillage = new Map<string, string>();
  for (const g of demo.grids) for (const v of g.villageCodes) gridOfVillage.set(v, orgIds.grid(g.code));
  const actor = systemPrincipal(DEMO_TENANT, orgIds.tenant(DEMO_TENANT), 'seed-demo');

  const seeded = await db.transaction().execute(async (trx) => {
    // Several processes may start at once on one empty PostgreSQL: one seeds, the others find it done.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`ronghui-seed:${DEMO_TENANT}`}))`.execute(trx);
    if (
      await trx
        .selectFrom('tenants')
        .select('tenant_code')
        .where('tenant_code', '=', DEMO_TENANT)
        .executeTakeFirst()
    )
      return false;
    await trx
      .insertInto('tenants')
      .values({
        tenant_code: DEMO_TENANT,
        name: demo.tenant.name,
        county: demo.tenant.county,
        demo: true,
        attribution: JSON.stringify(demo.tenant.attribution),
      })
      .execute();
    const orgsRepo = createOrgsRepo(trx);
    for (let i = 0; i < allOrgs.length; i += 50) await orgsRepo.insertMany(trx, allOrgs.slice(i, i + 50));
    const divisions = [
      ...demo.townships.map((tw) => ({
        tenant_code: DEMO_TENANT,
        code: tw.code,
        level: 'township' as const,
        kind: tw.name.endsWith('乡') ? 'xiang' : 'zhen',
        name: tw.name,
        parent_code: DEMO_TENANT,
        lon: tw.seat[0],
        lat: tw.seat[1],
        population: demo.villages
          .filter((v) => v.townshipCode === tw.code)
          .reduce((s, v) => s + v.population, 0),
        station_id: orgIds.station(tw.code),
        grid_id: null,
      })),
      ...demo.villages.map((v) => ({
        tenant_code: DEMO_TENANT,
        code: v.code,
        level: 'village' as const,
        kind: v.kind,
        name: v.name,
        parent_code: v.townshipCode,
        lon: v.position[0],
        lat: v.position[1],
        population: v.population,
        station_id: orgIds.station(v.townshipCode),
        grid_id: gridOfVillage.get(v.code) ?? null,
      })),
    ];
    for (let i = 0; i < divisions.length; i += 100)
      await trx
        .insertInto('divisions')
        .values(divisions.slice(i, i + 100))
        .execute();
    await trx
      .insertInto('users')
      .values(
        accounts.map((a) => ({
          id: crypto.randomUUID(),
          tenant_code: DEMO_TENANT,
          username: a.username,
          display_name: a.displayName,
          password_hash: passwordHash,
          roles: a.roles,
          org_id: scopeOrg(demo, a.scope),
        })),
      )
      .execute();
    await seedDehuaDispatch(trx, demo);
    await seedDemoCameras(trx, demo);
    const units = await seedUnits(
      trx,
      demo,
      { station: orgIds.station, brigade: orgIds.brigade },
      services.clock.now(),
      options.seed ?? 350526,
    );
    await seedIntelDemo(trx, demo, actor.userId);
    const gridGovernance = await seedGridsDemo(
      trx,
      demo,
      orgIds.grid,
      services.fieldCrypto,
      services.clock.now(),
      options.seed ?? 350526,
    );
    await linkDemoGridWorkers(trx, DEMO_TENANT);
    const stationOfGrid = new Map(
      demo.grids.map((g) => {
        const tw = demo.townships.find((x) => x.code === g.townshipCode);
        return [orgIds.grid(g.code), { id: orgIds.station(g.townshipCode), name: tw?.stationName ?? '' }];
      }),
    );
    const communityGrids = await demoCommunityGrids(trx, DEMO_TENANT, (id) => stationOfGrid.get(id));
    const disputesRepo = createDisputesRepo(services.fieldCrypto);
    const disputes = await seedDisputesDemo(
      trx,
      (x, d) => disputesRepo.insertMany(x, d.rows, d.parties, d.events),
      demo,
      gridOfVillage,
      orgIds.station,
      { tenantCode: DEMO_TENANT, actorId: actor.userId, communityGrids, now: services.clock.now() },
    );
    // A year of hazards (2023, with the disputes) and the last 90 days up to today.
    const hazardSeed = generateHazardHistory(communityGrids, {
      tenantCode: DEMO_TENANT,
      countyId: orgIds.tenant(DEMO_TENANT),
      actorId: actor.userId,
      now: services.clock.now(),
      year: 2023,
      count: 1800,
      recentDays: 90,
      recentCount: 420,
      seed: (options.seed ?? 350526) ^ 0x4a2d,
    });
    await insertHazardSeed(trx, hazardSeed, DEMO_TENANT);
    const hazards = hazardSeed.rows.length;
    const volunteersRepo = createVolunteersRepo();
    const volunteers = await seedVolunteersDemo(trx, demo, services.fieldCrypto, volunteersRepo.bulk, {
      tenantCode: DEMO_TENANT,
      actorId: actor.userId,
      now: services.clock.now(),
      seed: options.seed ?? 350526,
      stationOf: orgIds.station,
      places: demoPlaces(demo),
      users: await trx
        .selectFrom('users')
        .select(['id', 'username', 'roles', 'org_id'])
        .where('tenant_code', '=', DEMO_TENANT)
        .execute(),
    });
    const activities = await seedActivitiesDemo(trx, demo, volunteersRepo.bulk, {
      tenantCode: DEMO_TENANT,
      actorId: actor.userId,
      now: services.clock.now(),
      seed: options.seed ?? 350526,
    });
    const zengban = demoPlaces(demo).find((p) => p.name === '曾坂古村落');
    const patrols = zengban
      ? await seedPatrolsDemo(trx, {
          tenantCode: DEMO_TENANT,
          now: services.clock.now(),
          seed: options.seed ?? 350526,
          place: zengban,
          users: await trx
            .selectFrom('users')
            .select(['id', 'username', 'roles', 'org_id'])
            .where('tenant_code', '=', DEMO_TENANT)
            .execute(),
        })
      : { features: 0, tasks: 0 };
    await audit.write(trx, actor, {
      action: 'demo.seed',
      resource: 'tenant',
      resourceId: DEMO_TENANT,
      detail: {
        orgs: allOrgs.length,
        divisions: divisions.length,
        users: accounts.length,
        units,
        ...gridGovernance,
        disputes,
        hazards,
        volunteers,
        activities,
        patrols,
      },
    });
    await enqueue(trx, DEMO_TENANT, 'org.changed', { orgId: orgIds.tenant(DEMO_TENANT), change: 'created' });
    return true;
  });
  orgs.invalidate(DEMO_TENANT);
  // 一标三实 goes through the registry's own import path, which reads the committed organisation.
  if (seeded) {
    const registry = await seedRegistryDemo(services, demo, DEMO_TENANT, options.seed ?? 350526);
    await audit.record(actor, {
      action: 'demo.seed.registry',
      resource: 'tenant',
      resourceId: DEMO_TENANT,
      detail: registry,
    });
    // 一窗通办: the catalogue and the halls, read from the committed organisation.
    const serviceHalls = await seedServices(db, { tenantCode: DEMO_TENANT, now: clock.now() });
    await audit.record(actor, {
      action: 'demo.seed.services',
      resource: 'tenant',
      resourceId: DEMO_TENANT,
      detail: serviceHalls,
    });
    // The article's year at the halls (2023), generated and marked as demo data: the figures come from these rows.
    const serviceHistory = await seedServiceHistory(db, {
      tenantCode: DEMO_TENANT,
      year: 2023,
      seed: options.seed ?? 350526,
      crypto: services.fieldCrypto,
    });
    // …and this year up to yesterday, so the big screen's service panel has this year's figures.
    const today = localDate(clock.now());
    const thisYear = Number(today.slice(0, 4));
    const recent =
      thisYear === 2023
        ? null
        : await seedServiceHistory(db, {
            tenantCode: DEMO_TENANT,
            year: thisYear,
            seed: (options.seed ?? 350526) + thisYear,
            crypto: services.fieldCrypto,
            until: instantAt(today, '00:00'),
          });
    await audit.record(actor, {
      action: 'demo.seed.service-history',
      resource: 'tenant',
      resourceId: DEMO_TENANT,
      detail: { 2023: serviceHistory, ...(recent ? { [thisYear]: recent } : {}) },
    });
    // 爱警暖警: staff of the bureau and its stations, and their 2023 and this year's welfare records (demo data).
    const welfare = await seedWelfareDemo(db, {
      tenantCode: DEMO_TENANT,
      now: clock.now(),
      seed: options.seed ?? 350526,
      crypto: services.fieldCrypto,
    });
    await audit.record(actor, {
      action: 'demo.seed.welfare',
      resource: 'tenant',
      resourceId: DEMO_TENANT,
      detail: { ...welfare },
    });
  }
  if (seeded) {
    // 暖心为民: residents at the registry's addresses, their visits, and anti-fraud warnings (demo data).
    const outreach = await seedOutreachDemo(db, {
      tenantCode: DEMO_TENANT,
      seed: options.seed ?? 350526,
      crypto: services.fieldCrypto,
      now: clock.now(),
    });
    await audit.record(actor, {
      action: 'demo.seed.outreach',
      resource: 'tenant',
      resourceId: DEMO_TENANT,
      detail: { residents: outreach.residents, visits: outreach.visits, byYear: outreach.byYear },
    });
  }
  if (seeded) {
    // 智慧交通 goes through the traffic module, which finds each section's edges on the demo road graph.
    const seat = (name: string) => demo.townships.find((t) => t.name === name)!.seat;
    const tunnel = demoPlaces(demo).find((p) => p.id === 'jiuxianshan-tunnel')!;
    const traffic = await seedTrafficDemo({
      db,
      traffic: services.traffic,
      routing: services.routing,
      tenantCode: DEMO_TENANT,
      rootOrgId: orgIds.tenant(DEMO_TENANT),
      places: {
        tunnel: [tunnel.lon, tunnel.lat],
        chishui: seat('赤水镇'),
        countyTown: demo.tenant.countyTown,
        leifeng: seat('雷峰镇'),
        nancheng: seat('南埕镇'),
        shangyong: seat('上涌镇'),
      },
    });
    await audit.record(actor, {
      action: 'demo.seed.traffic',
      resource: 'tenant',
      resourceId: DEMO_TENANT,
      detail: traffic,
    });
  }
  if (seeded && options.statsHistory !== false) {
    // The scorecard's 2022 and 2023, generated and marked demo: the article's figures come from these rows.
    const history = await seedStatsHistory(services, { tenantCode: DEMO_TENANT });
    await audit.record(actor, {
      action: 'demo.seed.stats-history',
      resource: 'tenant',
      resourceId: DEMO_TENANT,
      detail: history,
    });
  }
  services.bus.kick();
  return seeded;
}
