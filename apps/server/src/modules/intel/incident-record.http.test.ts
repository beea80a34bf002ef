import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

describe.each(databaseKinds())('criminal incidents become crime records (%s)', (kind) => {
  let database: Database;
  let t: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('records a dispatch burglary with its MO, linked to the incident, and refuses the rest', async () => {
    const dispatcher = await t.login('dispatcher');
    const burglary = (
      await t.as(dispatcher, {
        method: 'POST',
        url: '/api/incidents',
        payload: {
          source: '110',
          category: '入室盗窃',
          priority: 1,
          description: '凌晨自建房被撬门',
          address: '德化县浔中镇',
        },
      })
    ).json();
    const dispute = (
      await t.as(dispatcher, {
        method: 'POST',
        url: '/api/incidents',
        payload: {
          source: '110',
          category: '纠纷',
          priority: 2,
          description: '邻里纠纷',
          address: '德化县浔中镇',
        },
      })
    ).json();
    const analyst = await t.login('analyst');
    const mo = { premise: '0101', method: '0401', features: ['0102', '0201'] };
    const res = await t.as(analyst, {
      method: 'POST',
      url: `/api/intel/records/from-incident/${burglary.id}`,
      payload: mo,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      id: `INC-${burglary.number}`,
      sourceIncidentId: burglary.id,
      category: '050101',
      premiseName: '自建房',
      stationId: 'station-350526100',
    });
    const listed = (await t.as(analyst, { method: 'GET', url: '/api/intel/records' })).json();
    expect(listed.items.find((r: { id: string }) => r.id === `INC-${burglary.number}`)).toEqual(res.json());
    const row = await database.db
      .selectFrom('crime_records')
      .selectAll()
      .where('id', '=', `INC-${burglary.number}`)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source_incident_id: burglary.id, premise: '0101', method: '0401' });
    expect(row.station_id).toBe('station-350526100');
    expect(
      (
        await t.as(analyst, {
          method: 'POST',
          url: `/api/intel/records/from-incident/${burglary.id}`,
          payload: mo,
        })
      ).statusCode,
    ).toBe(409);
    const notCrime = await t.as(analyst, {
      method: 'POST',
      url: `/api/intel/records/from-incident/${dispute.id}`,
      payload: mo,
    });
    expect(notCrime.statusCode).toBe(400);
    expect(notCrime.json().detail).toMatch(/not a criminal case/);
    const badCode = await t.as(analyst, {
      method: 'POST',
      url: `/api/intel/records/from-incident/${burglary.id}`,
      payload: { ...mo, premise: '9999' },
    });
    expect(badCode.statusCode).toBe(400);
    expect(
      (
        await t.as(dispatcher, {
          method: 'POST',
          url: `/api/intel/records/from-incident/${burglary.id}`,
          payload: mo,
        })
      ).statusCode,
    ).toBe(403);
  });
});
