import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { loadAuditKeys } from './platform/audit/audit-keys.ts';
import { createAuditRepo } from './platform/audit/audit.repo.ts';
import { createAuditService } from './platform/audit/audit.service.ts';
import { installAuthentication, registerAuthRoutes } from './platform/auth/auth.routes.ts';
import { createAuthService } from './platform/auth/auth.service.ts';
import { createSessionsRepo } from './platform/auth/sessions.repo.ts';
import { createEventBus, inProcessTransport } from './platform/bus/bus.ts';
import { natsTransport } from './platform/bus/nats-transport.ts';
import { type Clock, startingClock, systemClock } from './platform/clock.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { logSerializers } from './platform/db/log-redaction.ts';
import { createHttpApp } from './platform/http/app.ts';
import { installIdempotency } from './platform/http/idempotency.ts';
import { createRefusalRecorder } from './platform/http/refusals.ts';
import { createFieldCrypto, loadFieldKey } from './platform/privacy/field-crypto.ts';
import { createPrivacy } from './platform/privacy/privacy.ts';
import { WsHub } from './platform/ws/ws-hub.ts';
import { registerWsRoutes } from './platform/ws/ws.routes.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { createCamerasRepo, createCamerasService, registerCamerasRoutes } from './modules/cameras/index.ts';
import {
  createCommunityGridLocator,
  createGridsRepo,
  createGridsService,
  createRostersService,
  registerGridsRoutes,
} from './modules/grids/index.ts';
import {
  createOrderAlerts,
  createPushRepo,
  createPushService,
  loadVapidKeys,
  registerPushRoutes,
} from './modules/push/index.ts';
import { registerHealthRoutes } from './modules/health/index.ts';
import { createOrgsRepo, createOrgsService, registerOrgsRoutes } from './modules/orgs/index.ts';
import {
  createIncidentClocksRepo,
  createIncidentsRepo,
  createIncidentsService,
  registerIncidentsRoutes,
} from './modules/incidents/index.ts';
import {
  createCot,
  createCoverageRepo,
  createCoverageService,
  createDispatchMetrics,
  createDispatchRepo,
  createDispatchService,
  createTimersService,
  registerCotRoute,
  registerCoverageRoutes,
  registerDispatchMetricsRoute,
  registerDispatchRoutes,
} from './modules/dispatch/index.ts';
import {
  createEmergenciesRepo,
  createEmergenciesService,
  createMessageGroupsService,
  createMessagesRepo,
  createMessagesService,
  registerMessagesRoutes,
} from './modules/messages/index.ts';
import {
  createGraphRegistry,
  createRoadEventsRepo,
  createRoutingService,
  generatedDemoRoads,
  registerRoutingRoutes,
} from './modules/routing/index.ts';
import { createMapRepo, createMapService, registerMapRoutes } from './modules/map/index.ts';
import { startEmbeddedBroker } from './platform/mqtt/broker.ts';
import {
  createAvlBatcher,
  createAvlService,
  createUnitsRepo,
  createUnitsService,
  type Reply,
  registerUnitsRoutes,
  startAvlSubscriber,
} from './modules/units/index.ts';
import {
  createIncidentRecords,
  createIntelModule,
  registerIncidentRecordRoute,
  registerIntelRoutes,
  renderPdf,
} from './modules/intel/index.ts';
import {
  createDisputesRepo,
  createDisputesService,
  registerDisputesRoutes,
} from './modules/disputes/index.ts';
import { createUsersRepo, createUsersService, registerUsersRoutes } from './modules/users/index.ts';
import {
  createVolunteersRepo,
  createVolunteersService,
  registerVolunteersRoutes,
} from './modules/volunteers/index.ts';
import { createHazardsRepo, createHazardsService, registerHazardsRoutes } from './modules/hazards/index.ts';
import { defaultWebDist } from './cli/web-build.ts';
import {
  createCollectionsService,
  createRegistryRepo,
  createRegistryService,
  registerRegistryRoutes,
} from './modules/registry/index.ts';
import {
  type CollectionsProvider,
  createGridStatsRepo,
  createGridStatsService,
  registerGridStatsRoutes,
} from './modules/grid-stats/index.ts';
import {
  createCalloutsService,
  createVolunteerRoster,
  registerCalloutsRoutes,
} from './modules/callouts/index.ts';
import {
  createActivitiesRepo,
  createActivitiesService,
  recordPatrolActivity,
  registerActivitiesRoutes,
} from './modules/activities/index.ts';
import { createPatrolsService, registerPatrolsRoutes } from './modules/patrols/index.ts';
import { createServiceOfficeService, registerServiceOfficeRoutes } from './modules/services/index.ts';
import {
  createTrafficService,
  handleTrafficMessage,
  isTrafficTopic,
  registerTrafficRoutes,
  startTrafficDemo,
  startTrafficSubscriber,
} from './modules/traffic/index.ts';
import { createServiceHallService, registerServiceHallRoutes } from './modules/services/index.ts';
import { createStatsModule, registerStatsRoutes } from './modules/stats/index.ts';
import { createWelfareService, registerWelfareRoutes } from './modules/welfare/index.ts';
import {
  createResidentsService,
  createWarningsService,
  registerOutreachRoutes,
} from './modules/outreach/index.ts';
import { createSmsGateway, type SmsTransport } from './platform/sms/sms-gateway.ts';
import { startSweepLoop } from './platform/sweep.ts';

export { defaultWebDist };

/** Everything a running server is made of, wired once. Tests build the same thing on their own database. */
export async function createServices(deps: {
  database: Database;
  config: Config;
  log: Logger;
  clock?: Clock | undefined;
  /** JetStream stream name (tests isolate themselves with their own). */
  natsStream?: string | undefined;
  /** Waits before a failed login is answered (tests record instead of waiting). */
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** How SMS reach the gateway (tests capture the messages). */
  smsTransport?: SmsTransport | undefined;
}) {
  const { database, config, log } = deps;
  const { db } = database;
  const clock =
    deps.clock ?? (config.CLOCK_START ? startingClock(new Date(config.CLOCK_START)) : systemClock);
  if (config.CLOCK_START)
    log.warn({ clockStart: config.CLOCK_START }, 'the server clock starts at CLOCK_START, not now');
  const transport = config.NATS_URL
    ? natsTransport(config.NATS_URL, log, deps.natsStream)
    : inProcessTransport();
  const bus = createEventBus({ db, transport, log });
  const audit = createAuditService({
    db,
    repo: createAuditRepo(),
    clock,
    keys: loadAuditKeys({ auditKey: config.AUDIT_KEY, dataDir: config.dataDir, create: true }),
  });
  const orgs = createOrgsService({ db, repo: createOrgsRepo(db) });
  const sessions = createSessionsRepo();
  const usersRepo = createUsersRepo();
  // The live channel: each socket's session is re-checked every WS_CHECK_SECONDS (and at once when its user
  // changes or signs out), so a socket never outlives its session.
  const hub = new WsHub({
    check: (tokenHash) => auth.check(tokenHash),
    sweepMs: config.WS_CHECK_SECONDS * 1000,
    onError: (error) => log.warn({ err: error }, 'live channel: re-checking a session failed'),
  });
  const auth = createAuthService({
    db,
    users: usersRepo,
    sessions,
    audit,
    orgLookup: orgs.lookup,
    clock,
    settings: {
      idleMinutes: config.SESSION_IDLE_MINUTES,
      maxFailures: config.LOGIN_MAX_FAILURES,
      lockMinutes: config.LOGIN_LOCK_MINUTES,
      delayMs: config.LOGIN_DELAY_MS,
      delayMaxMs: config.LOGIN_DELAY_MAX_MS,
      tokenMaxDays: config.TOKEN_MAX_DAYS,
      tokenRoles: config.TOKEN_ROLES,
    },
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    onSessionsEnded: (e) => hub.endSessions(e),
  });
  const users = createUsersService({ db, repo: usersRepo, auth, orgs, audit, bus, clock });
  const privacy = createPrivacy({ audit });
  const intel = createIntelModule({ db, orgs, audit, bus, clock });
  const fieldCrypto = createFieldCrypto(
    loadFieldKey({ fieldKey: config.FIELD_KEY, keyFile: join(config.dataDir, 'field.key') }),
  );
  const incidentsRepo = createIncidentsRepo(fieldCrypto);
  const incidents = createIncidentsService({
    db,
    repo: incidentsRepo,
    orgs,
    audit,
    privacy,
    bus,
    clock,
    // The units working an incident, for its EIDO document (units are created just below).
    resources: async (executor, tenantCode, incidentId) =>
      (await unitsRepo.list(executor, tenantCode)).filter((u) => u.incidentId === incidentId),
  });
  const unitsRepo = createUnitsRepo();
  const units = createUnitsService({
    db,
    repo: unitsRepo,
    orgs,
    audit,
    bus,
    clock,
    incidentOf: (principal, id) => incidents.get(principal, id),
    incidentProgress: (trx, principal, report) => incidents.unitProgress(trx, principal, report),
  });
  const avl = createAvlService({ db, repo: unitsRepo, orgs, audit, bus, clock });
  const routing = createRoutingService({
    registry: createGraphRegistry({ dataDir: config.dataDir, generate: generatedDemoRoads }),
    repo: createRoadEventsRepo(),
    clock,
    audit,
    db,
    bus,
    log,
  });
  await routing.load();
  const traffic = createTrafficService({ db, orgs, audit, bus, clock, routing, log });
  const dispatchRepo = createDispatchRepo();
  const incidentClocks = createIncidentClocksRepo();
  const dispatch = createDispatchService({
    db,
    repo: dispatchRepo,
    units: unitsRepo,
    incidents,
    orgs,
    routing,
    audit,
    bus,
    clock,
    log,
  });
  const dispatchMetrics = createDispatchMetrics({ db, clocks: incidentClocks, orgs, audit, clock });
  const messagesRepo = createMessagesRepo();
  const messages = createMessagesService({
    db,
    repo: messagesRepo,
    units: unitsRepo,
    incidents,
    orgs,
    audit,
    bus,
    clock,
  });
  const messageGroups = createMessageGroupsService({
    db,
    repo: messagesRepo,
    units: unitsRepo,
    orgs,
    audit,
    clock,
  });
  const emergencies = createEmergenciesService({
    db,
    repo: createEmergenciesRepo(),
    units: unitsRepo,
    orgs,
    routing,
    audit,
    bus,
    clock,
  });
  const coverage = createCoverageService({
    db,
    repo: createCoverageRepo(),
    units: unitsRepo,
    orgs,
    routing,
    audit,
    bus,
    clock,
  });
  const cameras = createCamerasService({ db, repo: createCamerasRepo(), orgs, audit, clock });
  const gridsRepo = createGridsRepo();
  const grids = createGridsService({ db, repo: gridsRepo, orgs, audit, clock });
  const communityGridAt = createCommunityGridLocator(db, gridsRepo);
  const rosters = createRostersService({
    db,
    repo: gridsRepo,
    grids,
    orgs,
    audit,
    privacy,
    crypto: fieldCrypto,
    clock,
    userExists: async (tenantCode, userId) => !!(await usersRepo.findById(db, tenantCode, userId)),
  });
  const cot = createCot({ units, incidents, clock });
  const timers = createTimersService({
    db,
    repo: dispatchRepo,
    clocks: incidentClocks,
    incidents,
    bus,
    clock,
  });
  const hazards = createHazardsService({
    db,
    repo: createHazardsRepo(),
    orgs,
    incidents,
    audit,
    bus,
    clock,
    communityGridAt,
  });
  const incidentRecords = createIncidentRecords({ scope: intel.scope, incidents, audit, bus });
  const map = createMapService({ config, db, repo: createMapRepo(), orgs });
  const push = createPushService({
    db,
    repo: createPushRepo(),
    keys: loadVapidKeys(join(config.dataDir, 'vapid.json')),
    settings: {
      enabled: config.PUSH !== false,
      subject: config.PUSH_SUBJECT,
      allowHttp: config.PUSH_ALLOW_HTTP === true,
    },
    audit,
    clock,
    log,
  });
  const disputesRepo = createDisputesRepo(fieldCrypto);
  const disputes = createDisputesService({
    db,
    repo: disputesRepo,
    orgs,
    audit,
    privacy,
    bus,
    clock,
    renderPdf: (html) => renderPdf(html),
    communityGridAt,
  });
  const registryRepo = createRegistryRepo();
  const registry = createRegistryService({
    db,
    repo: registryRepo,
    grids: gridsRepo,
    orgs,
    audit,
    privacy,
    crypto: fieldCrypto,
    clock,
  });
  const collections = createCollectionsService({
    db,
    repo: registryRepo,
    registry,
    audit,
    crypto: fieldCrypto,
    clock,
    workers: {
      findById: (tenantCode, id) => usersRepo.findById(db, tenantCode, id),
      inOrgs: async (tenantCode, orgIds) =>
        (await usersRepo.list(db, tenantCode, { orgIds, limit: 500, offset: 0 })).items,
    },
  });
  // The registry's collections per grid, under the community grid when there is one, else the police grid.
  const collectionFigures: CollectionsProvider = {
    async collectionCountsByGrid(ctx, range) {
      const rows = await collections.collectionCountsByGrid(ctx.tenantCode, {
        from: range.from ?? new Date(0),
        to: range.to ?? clock.now(),
      });
      const out = new Map<string, { collected: number; verified: number }>();
      for (const r of rows) {
        const id = r.communityGridId ?? r.policeGridId;
        const e = out.get(id) ?? { collected: 0, verified: 0 };
        e.collected += r.collected;
        e.verified += r.verified;
        out.set(id, e);
      }
      return out;
    },
  };
  const gridStats = createGridStatsService({
    db,
    repo: createGridStatsRepo(),
    disputes: disputesRepo,
    orgs,
    audit,
    clock,
    collections: collectionFigures,
  });
  const activities = createActivitiesService({
    db,
    repo: createActivitiesRepo(),
    orgs,
    audit,
    crypto: fieldCrypto,
    clock,
    renderPdf: (html) => renderPdf(html),
  });
  const volunteers = createVolunteersService({
    db,
    repo: createVolunteersRepo(),
    orgs,
    audit,
    privacy,
    crypto: fieldCrypto,
    clock,
    activityFigures: (tenantCode, scope) => activities.figures(tenantCode, scope),
  });
  const callouts = createCalloutsService({
    db,
    roster: createVolunteerRoster(),
    volunteers,
    incidents,
    orgs,
    routing,
    push,
    crypto: fieldCrypto,
    audit,
    bus,
    clock,
    log,
    settings: {
      widenSeconds: config.CALLOUT_WIDEN_SECONDS,
      expireMinutes: config.CALLOUT_EXPIRE_MINUTES,
      cooldownMinutes: config.CALLOUT_COOLDOWN_MINUTES,
      smsWebhook: config.CALLOUT_SMS_WEBHOOK,
      smsToken: config.CALLOUT_SMS_TOKEN,
      receiptUrl: config.CALLOUT_RECEIPT_URL,
    },
  });
  const patrols = createPatrolsService({
    db,
    orgs,
    audit,
    bus,
    clock,
    log,
    volunteersRepo: createVolunteersRepo(),
    plans: createCoverageRepo(),
    // A run the judge found complete (by geofence and time) is a confirmed patrol in the activity ledger.
    onRunCompleted: async (trx, run) => {
      await recordPatrolActivity(trx, {
        runId: run.runId,
        taskId: run.taskId,
        teamId: run.teamId,
        memberId: run.memberId,
        placeName: run.featureName,
        lon: run.lon,
        lat: run.lat,
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        geofenceVerified: true,
      });
    },
  });
  // One SMS gateway for the service hall's codes, reminders and case notices.
  const sms = createSmsGateway({
    webhook: config.SMS_WEBHOOK ?? config.CALLOUT_SMS_WEBHOOK,
    token: config.SMS_TOKEN ?? config.CALLOUT_SMS_TOKEN,
    logWhenUnconfigured: config.DEMO !== false,
    log,
    ...(deps.smsTransport ? { transport: deps.smsTransport } : {}),
  });
  const serviceHall = createServiceHallService({
    db,
    orgs,
    audit,
    bus,
    clock,
    crypto: fieldCrypto,
    sms,
    tenantCode: config.TENANT_CODE,
    log,
    settings: {
      holdMinutes: config.SERVICE_HOLD_MINUTES,
      checkInBeforeMinutes: config.SERVICE_CHECKIN_BEFORE_MINUTES,
      checkInAfterMinutes: config.SERVICE_CHECKIN_AFTER_MINUTES,
      demo: config.DEMO,
    },
  });
  const serviceOffice = createServiceOfficeService({
    db,
    orgs,
    audit,
    bus,
    clock,
    crypto: fieldCrypto,
    sms,
    settings: { rectifyWorkingDays: config.SERVICE_RECTIFY_WORKING_DAYS, tenantCode: config.TENANT_CODE },
  });
  const stats = createStatsModule({ db, orgs, audit, clock, tenantCode: config.TENANT_CODE });
  const welfare = createWelfareService({ db, orgs, audit, clock, crypto: fieldCrypto });
  // 暖心为民: anti-fraud warnings (SMS through the same gateway), residents and home visits.
  const outreachDeps = {
    db,
    orgs,
    audit,
    bus,
    clock,
    crypto: fieldCrypto,
    sms,
    incidentsRepo,
    registryRepo,
    homeService: serviceOffice,
    hazards,
  };
  const fraudWarnings = createWarningsService(outreachDeps);
  const outreachResidents = createResidentsService(outreachDeps);
  const orderAlerts = createOrderAlerts({ db, push, incidents, units: unitsRepo, orgs, clock, log });
  bus.subscribe((event) => hub.broadcast(event));
  bus.subscribe((event) => orderAlerts.onEvent(event));
  // Road events set through any instance are laid on this instance's graph too. Not awaited: handlers run
  // inside the relay's transaction, and the embedded database has one connection.
  bus.subscribe((event) => {
    if (event.topic === 'road.event.changed') routing.syncSoon(event.tenantCode);
  });
  return {
    database,
    db,
    config,
    log,
    clock,
    bus,
    audit,
    orgs,
    auth,
    users,
    usersRepo,
    privacy,
    fieldCrypto,
    hub,
    incidents,
    units,
    unitsRepo,
    avl,
    intel,
    routing,
    dispatch,
    dispatchMetrics,
    coverage,
    cameras,
    grids,
    rosters,
    cot,
    timers,
    hazards,
    incidentRecords,
    messages,
    messageGroups,
    emergencies,
    map,
    push,
    orderAlerts,
    disputes,
    registry,
    registryRepo,
    collections,
    gridStats,
    volunteers,
    callouts,
    activities,
    patrols,
    traffic,
    sms,
    serviceHall,
    serviceOffice,
    stats,
    welfare,
    fraudWarnings,
    outreachResidents,
  };
}
export type Services = Awaited<ReturnType<typeof createServices>>;

export async function createServer(
  services: Services,
  options: { webDist?: string | undefined; logger?: Logger | false } = {},
) {
  const { config } = services;
  const app = await createHttpApp({
    logger: options.logger ?? services.log,
    bodyLimit: config.BODY_LIMIT_BYTES,
    webDist: options.webDist,
    trustProxy: config.TRUST_PROXY,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    contentSources: { tileUrl: config.MAP_TILE_URL, streamOrigins: config.CAMERA_STREAM_ORIGINS },
    recordRefusal: createRefusalRecorder(services.audit, config.TENANT_CODE),
  });
  installAuthentication(app, services.auth);
  installIdempotency(app, { db: services.db, clock: services.clock });
  registerHealthRoutes(app, {
    db: services.db,
    dbKind: services.database.kind,
    bus: services.bus.kind,
    tenantCode: config.TENANT_CODE,
  });
  registerAuthRoutes(app, services.auth, config.TENANT_CODE);
  registerOrgsRoutes(app, services.orgs);
  registerUsersRoutes(app, services.users);
  registerAuditRoutes(app, services.audit);
  registerIntelRoutes(app, services.intel);
  registerDisputesRoutes(app, services.disputes);
  registerIncidentRecordRoute(app, services.incidentRecords);
  registerIncidentsRoutes(app, services.incidents);
  registerUnitsRoutes(app, { units: services.units, avl: services.avl, orgs: services.orgs });
  registerRoutingRoutes(app, services.routing);
  registerMapRoutes(app, services.map);
  registerDispatchRoutes(app, services.dispatch, services.timers);
  registerDispatchMetricsRoute(app, services.dispatchMetrics);
  registerCoverageRoutes(app, services.coverage);
  registerCotRoute(app, services.cot);
  registerCamerasRoutes(app, services.cameras);
  registerGridsRoutes(app, services.grids, services.rosters);
  registerGridStatsRoutes(app, services.gridStats);
  registerPushRoutes(app, services.push);
  registerMessagesRoutes(app, {
    messages: services.messages,
    groups: services.messageGroups,
    emergencies: services.emergencies,
  });
  registerHazardsRoutes(app, services.hazards);
  registerRegistryRoutes(app, services.registry, services.collections);
  registerVolunteersRoutes(app, services.volunteers);
  registerCalloutsRoutes(app, services.callouts);
  registerActivitiesRoutes(app, services.activities);
  registerPatrolsRoutes(app, services.patrols);
  registerTrafficRoutes(app, services.traffic);
  registerServiceHallRoutes(app, services.serviceHall);
  registerServiceOfficeRoutes(app, services.serviceOffice);
  registerStatsRoutes(app, services.stats);
  registerWelfareRoutes(app, services.welfare);
  registerOutreachRoutes(app, services.fraudWarnings, services.outreachResidents);
  registerWsRoutes(app, services.hub);
  app.addHook('onClose', async () => services.hub.closeAll());
  return app;
}

/** MQTT for devices: an external broker (MQTT_URL), else the embedded one on MQTT_PORT (0 = off). */
async function startDeviceGateway(services: Services, config: Config, log: Logger) {
  if (config.MQTT_URL) {
    const subscriber = await startAvlSubscriber({
      url: config.MQTT_URL,
      avl: services.avl,
      log,
      connections: 4,
    });
    const trafficSubscriber = await startTrafficSubscriber({
      url: config.MQTT_URL,
      traffic: services.traffic,
      log,
    });
    return {
      url: config.MQTT_URL,
      async close() {
        await trafficSubscriber.close();
        await subscriber.close();
      },
    };
  }
  if (config.MQTT_PORT === 0) return { url: undefined, close: async () => {} };
  // Embedded broker: devices' AVL messages are stored before the broker acknowledges them.
  let reply: Reply = () => {};
  const batcher = createAvlBatcher({ avl: services.avl, log, reply: (topic, body) => reply(topic, body) });
  const broker = await startEmbeddedBroker({
    port: config.MQTT_PORT,
    host: config.HOST,
    authenticate: (token) => services.auth.authenticate(token),
    log,
    onDevicePublish: (topic, payload) =>
      topic.includes('/avl/')
        ? batcher.submit(topic, payload)
        : isTrafficTopic(topic)
          ? handleTrafficMessage(services.traffic, (t, b) => reply(t, b), topic, payload)
          : Promise.resolve(),
  });
  if (broker) {
    reply = broker.publish;
    services.traffic.setPublisher(broker.publish);
  }
  return {
    url: broker?.url,
    async close() {
      await batcher.close();
      await broker?.close();
    },
  };
}

/** The live simulator runs for a demo tenant (SIMULATE=auto) or when asked (SIMULATE=on). */
async function startDemoSimulator(services: Services, config: Config, log: Logger) {
  if (config.SIMULATE === false) return undefined;
  const tenant = await services.db
    .selectFrom('tenants')
    .select(['tenant_code', 'demo'])
    .where('tenant_code', '=', config.TENANT_CODE)
    .executeTakeFirst();
  if (!tenant || (config.SIMULATE === 'auto' && !tenant.demo)) return undefined;
  const { createSimulator } = await import('./modules/simulator/index.ts');
  const simulator = createSimulator(
    services,
    {
      tenantCode: tenant.tenant_code,
      speedup: config.SIM_SPEEDUP,
      incidentsPerDay: config.SIM_INCIDENTS_PER_DAY,
      onSceneMinutes: 20,
      tickMs: 1_000,
      seed: Date.now() & 0xffff,
      autoCommit: true,
    },
    log,
  );
  simulator.start();
  log.info(
    { speedup: config.SIM_SPEEDUP, incidentsPerDay: config.SIM_INCIDENTS_PER_DAY },
    'live simulator running',
  );
  return simulator;
}

export interface RunningServer {
  url: string;
  /** Where devices publish (undefined when MQTT is off). */
  mqttUrl: string | undefined;
  services: Services;
  close(): Promise<void>;
}

/** `ronghui start`: open the database, migrate, seed the demo when asked, serve HTTP + WebSocket. */
export async function startServer(
  config: Config,
  hooks: { seedDemo?: (services: Services) => Promise<boolean> } = {},
): Promise<RunningServer> {
  const log = pino({ level: config.LOG_LEVEL, serializers: logSerializers });
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    command: 'start',
  });
  try {
    const applied = await migrate(database);
    if (applied.length) log.info({ applied }, 'migrations applied');
    const services = await createServices({ database, config, log });
    if (hooks.seedDemo) await hooks.seedDemo(services);
    await services.bus.start();
    const app = await createServer(services, { webDist: config.WEB_DIST ?? defaultWebDist, logger: log });
    await app.listen({ port: config.PORT, host: config.HOST });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
    const devices = await startDeviceGateway(services, config, log);
    const simulator = await startDemoSimulator(services, config, log);
    const tenantCodes = async () =>
      (await services.db.selectFrom('tenants').select('tenant_code').execute()).map((t) => t.tenant_code);
    const stopTimers = services.timers.watch(tenantCodes, log);
    const stopHazardSweep = services.hazards.watch(tenantCodes, log);
    const stopCallouts = services.callouts.watch(tenantCodes);
    const stopPatrols = services.patrols.watch(tenantCodes);
    const stopTraffic = services.traffic.watch(tenantCodes);
    const stopServiceHall = startSweepLoop({
      sweep: (tenantCode) => services.serviceHall.sweep(services.clock.now(), tenantCode),
      tenants: tenantCodes,
      log,
      failure: 'service hall sweep failed',
      everyMs: 30_000,
    });
    const stopServiceOffice = startSweepLoop({
      sweep: (tenant) => services.serviceOffice.sweep(tenant),
      tenants: tenantCodes,
      log,
      failure: 'service case sweep failed',
      everyMs: 60_000,
    });
    // The weekly and monthly reports: each ended week and month made once.
    const stopStatsReports = startSweepLoop({
      sweep: (tenant) => services.stats.reports.sweep(tenant),
      tenants: tenantCodes,
      log,
      failure: 'stats report sweep failed',
      everyMs: 10 * 60_000,
    });
    const stopOutreach = startSweepLoop({
      sweep: (tenant) => services.fraudWarnings.sweep(tenant),
      tenants: tenantCodes,
      log,
      failure: 'anti-fraud warning sweep failed',
      everyMs: 60_000,
    });
    const trafficDemo = simulator
      ? startTrafficDemo(services.traffic, { tenantCode: config.TENANT_CODE, log })
      : undefined;
    const auditCheckpoints = services.audit.startCheckpoints({ log, tenants: tenantCodes });
    return {
      url,
      services,
      mqttUrl: devices.url,
      async close() {
        stopTimers();
        stopHazardSweep();
        stopCallouts();
        stopPatrols();
        stopTraffic();
        stopServiceHall();
        stopServiceOffice();
        stopStatsReports();
        stopOutreach();
        trafficDemo?.stop();
        await simulator?.stop();
        await devices.close();
        await app.close();
        await services.avl.close();
        await services.traffic.close();
        await services.bus.close();
        // Pushes already started finish before the database closes.
        await services.orderAlerts.idle();
        await services.callouts.idle();
        await auditCheckpoints.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
