import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { addTestVolunteers } from '../../../../../test/support/volunteers.ts';
import type { Services } from '../../main.ts';
import type { Database } from '../../platform/db/database.ts';
import { createVolunteerRoster } from './volunteer-roster.ts';

/**
 * The call-out pool is kept in memory by every server instance: each must see at once what any instance (or
 * the database itself) changed: a position moved, a volunteer off duty, consent withdrawn, a team stood down.
 */
describe.each(databaseKinds())('call-out pool across instances (%s)', (kind) => {
  let database: Database;
  let services: Services;
  const box = { west: 118.0, east: 118.5, south: 25.3, north: 25.9 };
  let memberId: string;
  let teamId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    services = await testServices(database);
    const station = await database.db
      .selectFrom('orgs')
      .select('id')
      .where('kind', '=', 'station')
      .executeTakeFirstOrThrow();
    const [made] = await addTestVolunteers(
      database.db,
      services.fieldCrypto,
      '350526',
      [{ username: 'pool-vol', lon: 118.2, lat: 25.5 }],
      station.id,
    );
    memberId = made!.memberId;
    teamId = (
      await database.db
        .selectFrom('volunteer_team_members')
        .select('team_id')
        .where('member_id', '=', memberId)
        .executeTakeFirstOrThrow()
    ).team_id;
  });
  afterAll(async () => {
    await database?.close();
  });

  const find = async (roster: ReturnType<typeof createVolunteerRoster>) =>
    (await roster.pool(database.db, '350526')).within(box).find((v) => v.memberId === memberId);

  it('follows positions, duty, consent and teams written by anyone', async () => {
    const a = createVolunteerRoster();
    const b = createVolunteerRoster();
    expect(await find(a)).toMatchObject({ lon: 118.2, lat: 25.5 });
    expect(await find(b)).toMatchObject({ lon: 118.2, lat: 25.5 });

    // Moved (written outside either instance): both see the new place, not the old one.
    await database.db
      .updateTable('volunteer_positions')
      .set({ lon: 118.21, lat: 25.51, at: new Date() })
      .where('member_id', '=', memberId)
      .execute();
    expect(await find(a)).toMatchObject({ lon: 118.21, lat: 25.51 });
    expect(await find(b)).toMatchObject({ lon: 118.21, lat: 25.51 });
    // Moved out of the box: gone from it.
    await database.db
      .updateTable('volunteer_positions')
      .set({ lon: 119.5, at: new Date() })
      .where('member_id', '=', memberId)
      .execute();
    expect(await find(a)).toBeUndefined();
    await database.db
      .updateTable('volunteer_positions')
      .set({ lon: 118.21, at: new Date() })
      .where('member_id', '=', memberId)
      .execute();
    expect(await find(a)).toBeDefined();

    // Off duty, then on again.
    await database.db
      .updateTable('volunteer_members')
      .set({ on_duty: false })
      .where('id', '=', memberId)
      .execute();
    expect(await find(a)).toBeUndefined();
    expect(await find(b)).toBeUndefined();
    await database.db
      .updateTable('volunteer_members')
      .set({ on_duty: true })
      .where('id', '=', memberId)
      .execute();
    expect(await find(a)).toBeDefined();

    // Consent withdrawn.
    await database.db
      .updateTable('volunteer_members')
      .set({ location_withdrawn_at: new Date(Date.now() + 1000) })
      .where('id', '=', memberId)
      .execute();
    expect(await find(b)).toBeUndefined();
    await database.db
      .updateTable('volunteer_members')
      .set({ location_withdrawn_at: null })
      .where('id', '=', memberId)
      .execute();
    expect(await find(b)).toBeDefined();

    // The team stood down, then its member left it.
    await database.db
      .updateTable('volunteer_teams')
      .set({ active: false })
      .where('id', '=', teamId)
      .execute();
    expect(await find(a)).toBeUndefined();
    await database.db.updateTable('volunteer_teams').set({ active: true }).where('id', '=', teamId).execute();
    expect(await find(a)).toBeDefined();
    await database.db
      .updateTable('volunteer_team_members')
      .set({ left_on: '2026-12-01' })
      .where('member_id', '=', memberId)
      .execute();
    expect(await find(b)).toBeUndefined();
    await database.db
      .updateTable('volunteer_team_members')
      .set({ left_on: null })
      .where('member_id', '=', memberId)
      .execute();

    // The position deleted (off duty through the app deletes it).
    await database.db.deleteFrom('volunteer_positions').where('member_id', '=', memberId).execute();
    expect(await find(a)).toBeUndefined();
    expect(await find(b)).toBeUndefined();
  });
});
