import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseKinds, openTestDatabase } from '../../../../../test/support/db.ts';
import type { Database } from '../db/database.ts';
import { errorForLog, logSerializers } from '../db/log-redaction.ts';
import { createHttpApp } from './app.ts';

/** A pino logger writing into `lines`, with the server's serializers or pino's own. */
function capturingLogger(lines: string[], serializers: pino.LoggerOptions['serializers'] = logSerializers) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return pino({ level: 'info', serializers }, sink);
}

const HASH = 'scrypt$16384$8$1$c2VjcmV0LXNhbHQ$aGFzaC1vZi10aGUtcGFzc3dvcmQ';
const PASSWORD = 'Hunter2-very-secret';

describe.each(databaseKinds())('a failing query is logged without its values (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('logs the SQL text and SQLSTATE, never the parameters, the row or the request body', async () => {
    const lines: string[] = [];
    // pino's own serializers: the error handler itself must leave the values out.
    const app = await createHttpApp({ logger: capturingLogger(lines, {}), bodyLimit: 1_048_576 });
    app.post('/api/test/password', { schema: { body: z.object({ password: z.string() }) } }, async () => {
      // An integer column given text: the driver's error carries the statement and its parameters.
      await sql`update users set password_hash = ${HASH}, failed_logins = ${'not-a-number-but-a-secret'}::int`.execute(
        database.db,
      );
      return { ok: true };
    });
    await app.ready();
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/test/password',
        payload: { password: PASSWORD },
      });
      expect(res.statusCode).toBe(500);
      const { correlationId } = res.json();
      expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
      const log = lines.join('');
      const entry = lines.map((l) => JSON.parse(l)).find((l) => l.correlationId === correlationId);
      expect(entry?.err?.sql).toBe('update users set password_hash = $1, failed_logins = $2::int');
      expect(entry?.err?.code).toBe('22P02');
      expect(log).not.toContain(HASH);
      expect(log).not.toContain('c2VjcmV0LXNhbHQ');
      expect(log).not.toContain('not-a-number-but-a-secret');
      expect(log).not.toContain(PASSWORD);
      expect(log).not.toMatch(/"params"|"parameters"/);
    } finally {
      await app.close();
    }
  });
});

describe('errorForLog', () => {
  it('drops the row a constraint names and the driver copies, keeps what helps find the fault', () => {
    const error = Object.assign(
      new Error('duplicate key value violates unique constraint "users_username_key"'),
      {
        code: '23505',
        detail: 'Key (tenant_code, username)=(350526, alice) already exists.',
        constraint: 'users_username_key',
        table: 'users',
        where: "unnamed portal parameter $2 = 'alice'",
        query: 'insert into "users" ("username", "password_hash") values ($1, $2)',
        params: ['alice', HASH],
      },
    );
    const logged = errorForLog(new Error('could not create the account', { cause: error })) as {
      cause: Record<string, unknown>;
    };
    expect(logged.cause).toMatchObject({
      code: '23505',
      constraint: 'users_username_key',
      table: 'users',
      sql: 'insert into "users" ("username", "password_hash") values ($1, $2)',
    });
    const text = JSON.stringify(logged);
    expect(text).not.toContain('alice');
    expect(text).not.toContain(HASH);
  });

  it('is the serializer of the server log for every error logged', () => {
    const lines: string[] = [];
    const log = capturingLogger(lines);
    log.error({ err: Object.assign(new Error('boom'), { params: [HASH], query: 'select 1' }) }, 'failed');
    expect(lines.join('')).not.toContain(HASH);
    expect(JSON.parse(lines[0]!).err.sql).toBe('select 1');
  });
});
