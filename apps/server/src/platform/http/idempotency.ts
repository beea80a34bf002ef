import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../canonical-json.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { DomainError, invalid } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route keeps its own Idempotency-Key semantics (incident intake): the shared layer leaves it be. */
    ownIdempotency?: boolean;
  }
  interface FastifyRequest {
    idempotency?: { tenantCode: string; userId: string; key: string } | undefined;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,128}$/;
/** Stored answers are kept this long: longer than any phone stays offline with a queued write. */
const KEEP_MS = 7 * 86_400_000;
/** A key whose first request never finished (the process died) may be tried again after this. */
const ABANDONED_MS = 5 * 60_000;

/** What identifies a request: method, path and body (canonical JSON, or the bytes of a file). */
function fingerprint(request: FastifyRequest): string {
  const hash = createHash('sha256').update(request.method).update('\n').update(request.url.split('?')[0]!);
  const body = request.body;
  if (Buffer.isBuffer(body)) hash.update('\n').update(body);
  else hash.update('\n').update(canonicalJson(body ?? null));
  return hash.digest('hex');
}

/**
 * `Idempotency-Key` on every write of a signed-in user (POST, PUT, PATCH, DELETE): the first request with a
 * key runs and its answer (2xx) is stored for seven days; the same key with the same method, path and body
 * gets that answer again (`Idempotent-Replayed: true`) without running twice; the same key with another
 * request is a 409. While the first is still running, a second is a 409 too (the client retries). A failed
 * first request (4xx, 5xx) stores nothing, so the write may be sent again. Keys are per user.
 */
export function installIdempotency(app: FastifyInstance, deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  let lastSweep = 0;

  app.addHook('preHandler', async (request, reply) => {
    if (!WRITES.has(request.method) || request.routeOptions.config?.ownIdempotency) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const principal = request.principal;
    if (!principal) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !KEY.test(key))
      throw invalid('/headers/idempotency-key', 'Idempotency-Key must be 1–128 visible ASCII characters');
    const now = clock.now();
    if (now.getTime() - lastSweep > 60_000) {
      lastSweep = now.getTime();
      await db
        .deleteFrom('idempotency_keys')
        .where('created_at', '<', new Date(now.getTime() - KEEP_MS))
        .execute();
    }
    const id = { tenantCode: principal.tenantCode, userId: principal.userId, key };
    const hash = fingerprint(request);
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({
        tenant_code: id.tenantCode,
        user_id: id.userId,
        key,
        method: request.method,
        path: request.url.split('?')[0]!.slice(0, 500),
        request_hash: hash,
        status: null,
        content_type: null,
        response: null,
        created_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) {
      request.idempotency = id;
      return;
    }
    const stored = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_code', '=', id.tenantCode)
      .where('user_id', '=', id.userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!stored)
      throw new DomainError('conflict', 'Conflict', 'This Idempotency-Key was just released: send again.');
    if (stored.request_hash !== hash)
      throw new DomainError(
        'conflict',
        'Conflict',
        'This Idempotency-Key was already used for a different request; use a new key for a new write.',
      );
    if (stored.status === null) {
      if (now.getTime() - new Date(stored.created_at).getTime() < ABANDONED_MS)
        throw new DomainError(
          'conflict',
          'Conflict',
          'A request with this Idempotency-Key is still being processed; send it again in a moment.',
          { retryable: true },
        );
      // The first attempt never finished (the server stopped): this one takes the key over.
      await db
        .updateTable('idempotency_keys')
        .set({ created_at: now })
        .where('tenant_code', '=', id.tenantCode)
        .where('user_id', '=', id.userId)
        .where('key', '=', key)
        .execute();
      request.idempotency = id;
      return;
    }
    reply.header('idempotent-replayed', 'true');
    if (stored.content_type) reply.type(stored.content_type);
    return reply.status(stored.status).send(stored.response ?? undefined);
  });

  // The answer is stored before it leaves, so a client that lost it gets it again.
  app.addHook('onSend', async (request, reply, payload) => {
    const id = request.idempotency;
    if (!id) return payload;
    request.idempotency = undefined;
    const where = db
      .updateTable('idempotency_keys')
      .where('tenant_code', '=', id.tenantCode)
      .where('user_id', '=', id.userId)
      .where('key', '=', id.key);
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      const text =
        typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
      await where
        .set({
          status: reply.statusCode,
          content_type: String(reply.getHeader('content-type') ?? '') || null,
          response: text,
        })
        .execute();
    } else {
      await db
        .deleteFrom('idempotency_keys')
        .where('tenant_code', '=', id.tenantCode)
        .where('user_id', '=', id.userId)
        .where('key', '=', id.key)
        .execute();
    }
    return payload;
  });
}
