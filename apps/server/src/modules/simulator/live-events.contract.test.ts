import { isDeepStrictEqual } from 'node:util';
import { liveEvents, type Topic } from '@ronghui/contracts';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../../../test/support/http.ts';
import { openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { EventEnvelope } from '../../platform/bus/events.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Services } from '../../main.ts';
import { createSimulator } from './simulator.ts';

/**
 * Every event the server publishes has the payload its contract declares (`@ronghui/contracts`,
 * `liveEvents`): a simulated stretch of the command room's work (110 calls, dispatch, station requests,
 * units driving and arriving) plus the timers, an emergency and a message, each event delivered by the bus
 * checked against its topic's schema, field for field.
 */
describe('live events keep their contract', () => {
  let database: Database;
  let services: Services;
  const clock = manualClock(new Date());
  const delivered: EventEnvelope[] = [];

  const signIn = async (username: string): Promise<Principal> =>
    (await services.auth.login({ tenantCode: '350526', username, password: DEMO_PASSWORD })).principal;

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { demo: true });
    services = await testServices(database, { clock });
    services.bus.subscribe((event) => {
      delivered.push(event);
    });
    await services.bus.start();
  });
  afterAll(async () => {
    await services?.bus.close();
    await database?.close();
  });

  it('publishes only payloads that parse as their topic’s schema', async () => {
    const sim = createSimulator(
      services,
      {
        tenantCode: '350526',
        speedup: 1,
        incidentsPerDay: 720,
        onSceneMinutes: 2,
        tickMs: 1_000,
        seed: 7,
        autoCommit: true,
      },
      pino({ level: 'silent' }),
    );
    const dispatcher = await signIn('dispatcher');
    const north = await signIn('dispatcher-north');
    const yangmei = await signIn('officer-yangmei');

    // A call nobody dispatches: its dispatch clock runs out (incident.timer).
    const waiting = await services.incidents.create(dispatcher, {
      source: '110',
      category: '求助',
      priority: 2,
      description: '山区游客迷路',
      address: '德化县杨梅乡',
    });
    // A call 北片 asks its stations for (request.changed), answered by the simulated stations.
    const asked = await services.incidents.create(north, {
      source: '110',
      category: '刑事',
      priority: 1,
      description: '涉嫌盗窃的犯罪嫌疑人出现在杨梅乡',
      address: '德化县杨梅乡',
    });
    await services.dispatch.createRequests(north, asked.incident.id, { stations: 'area', perStation: 1 });

    // Calls, dispatch, commits, driving and arrivals: 30 s steps for 20 minutes.
    for (let i = 0; i < 40; i++) {
      clock.advance(30_000);
      await sim.tick();
    }
    expect(sim.stats.errors).toBe(0);
    expect(await services.timers.sweep('350526')).toBeGreaterThan(0);

    // An officer presses the emergency button; the area's command room takes it in hand.
    const dir = await services.orgs.directory('350526');
    const station = dir.ofKind('station').find((s) => s.name === '杨梅派出所')!;
    const unit = (await services.units.list(yangmei, { station: station.id })).find((u) => u.position);
    expect(unit).toBeDefined();
    const emergency = await services.emergencies.raise(yangmei, unit!.id, { note: '遭遇持刀嫌疑人' });
    await services.emergencies.acknowledge(north, emergency.emergency.id);

    // A message to the station, acknowledged there.
    const message = await services.messages.send(north, {
      to: { stations: [station.id] },
      kind: 'order',
      text: '加强杨梅乡巡逻',
      incidentId: waiting.incident.id,
    });
    await services.messages.acknowledge(yangmei, message.id);

    services.bus.kick();
    await services.bus.drain();

    const wrong: string[] = [];
    for (const event of delivered) {
      const schema = liveEvents[event.topic];
      if (!schema) {
        wrong.push(`${event.topic}: no schema`);
        continue;
      }
      const parsed = schema.safeParse(event.payload);
      if (!parsed.success) {
        wrong.push(`${event.topic}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`)}`);
        continue;
      }
      // Parsing drops fields the schema does not list: the payload must come through unchanged.
      if (!isDeepStrictEqual(parsed.data, event.payload))
        wrong.push(`${event.topic}: ${JSON.stringify(event.payload)} has fields the contract lacks`);
    }
    expect(wrong).toEqual([]);

    const seen = new Set(delivered.map((e) => e.topic));
    const expected: Topic[] = [
      'incident.created',
      'incident.updated',
      'incident.units',
      'incident.timer',
      'request.changed',
      'unit.status',
      'unit.positions',
      'emergency.raised',
      'emergency.acknowledged',
      'message.sent',
      'message.acknowledged',
    ];
    expect(expected.filter((topic) => !seen.has(topic))).toEqual([]);
    const raised = delivered.find(
      (e): e is EventEnvelope<'emergency.raised'> => e.topic === 'emergency.raised',
    );
    expect(raised?.payload.nearest.length).toBeGreaterThan(0);
  });
});
