import { randomUUID } from 'node:crypto';
import type {
  PushConfig,
  PushMessage,
  PushSubscribeBody,
  PushSubscriptionList,
  PushSubscriptionView,
} from '@ronghui/contracts';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import webpush from 'web-push';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { PushRepo, PushSubscriptionRow } from './push.repo.ts';
import type { VapidKeys } from './push-keys.ts';

/** How a push request leaves the server: the web's fetch, replaceable in tests. */
export type PushTransport = (
  endpoint: string,
  init: { method: string; headers: Record<string, string>; body: Buffer | null },
) => Promise<{ status: number }>;

const fetchTransport: PushTransport = async (endpoint, init) => {
  const res = await fetch(endpoint, {
    method: init.method,
    headers: init.headers,
    body: init.body ? new Uint8Array(init.body) : null,
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer().catch(() => undefined);
  return { status: res.status };
};

export interface PushSettings {
  enabled: boolean;
  /** The VAPID `sub`: a mailto: or https: contact the push services can reach the bureau at. */
  subject: string;
  /** Accept plain-HTTP endpoints (a push service inside the bureau's network, or tests); off by default. */
  allowHttp: boolean;
}

const present = (row: PushSubscriptionRow): PushSubscriptionView => ({
  id: row.id,
  service: new URL(row.endpoint).host,
  userAgent: row.user_agent,
  createdAt: row.created_at.toISOString(),
  lastSentAt: row.last_sent_at?.toISOString() ?? null,
  failures: row.failures,
});

/**
 * Web Push (RFC 8030/8291/8292): users register their browsers' subscriptions; the server sends encrypted
 * messages through each browser's push service, signed with its VAPID key. A subscription the push service
 * says is gone (404/410) is dropped; other failures are counted and logged, never thrown at the caller: a
 * push is a wake-up call on top of the live channel, not the record of the order.
 */
export function createPushService(deps: {
  db: Kysely<DB>;
  repo: PushRepo;
  keys: VapidKeys;
  settings: PushSettings;
  audit: AuditService;
  clock: Clock;
  log: Logger;
  transport?: PushTransport;
}) {
  const { db, repo, keys, settings, audit, clock, log } = deps;
  const transport = deps.transport ?? fetchTransport;

  async function sendTo(row: PushSubscriptionRow, message: PushMessage, urgency: 'normal' | 'high') {
    const request = webpush.generateRequestDetails(
      { endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } },
      JSON.stringify(message),
      {
        vapidDetails: { subject: settings.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: 10 * 60,
        urgency,
        contentEncoding: 'aes128gcm',
      },
    );
    try {
      const { status } = await transport(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body,
      });
      if (status >= 200 && status < 300) {
        await repo.sent(db, row.tenant_code, row.id, clock.now());
        return true;
      }
      if (status === 404 || status === 410) {
        await repo.drop(db, row.tenant_code, row.id);
        log.info({ subscription: row.id, status }, 'push subscription gone: dropped');
        return false;
      }
      await repo.failed(db, row.tenant_code, row.id);
      log.warn({ subscription: row.id, status }, 'push service refused a message');
    } catch (error) {
      await repo.failed(db, row.tenant_code, row.id);
      log.warn({ subscription: row.id, err: (error as Error).message }, 'push service unreachable');
    }
    return false;
  }

  return {
    config(): PushConfig {
      return { enabled: settings.enabled, publicKey: keys.publicKey };
    },

    async list(principal: Principal): Promise<PushSubscriptionList> {
      const rows = await repo.ofUser(db, principal.tenantCode, principal.userId);
      return { items: rows.map(present), total: rows.length };
    },

    async subscribe(principal: Principal, body: PushSubscribeBody, userAgent: string | undefined) {
      const url = new URL(body.endpoint);
      if (url.protocol !== 'https:' && !settings.allowHttp)
        throw invalid('/endpoint', 'must be an https: push service URL');
      const row = await db.transaction().execute(async (trx) => {
        const saved = await repo.upsert(trx, {
          tenant_code: principal.tenantCode,
          id: randomUUID(),
          user_id: principal.userId,
          endpoint: body.endpoint,
          p256dh: body.keys.p256dh,
          auth: body.keys.auth,
          user_agent: userAgent?.slice(0, 300) ?? null,
          created_at: clock.now(),
          last_sent_at: null,
          failures: 0,
        });
        await audit.write(trx, principal, {
          action: 'push.subscribe',
          resource: 'push-subscription',
          resourceId: saved.id,
          detail: { service: url.host },
        });
        return saved;
      });
      return present(row);
    },

    async unsubscribe(principal: Principal, endpoint: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const n = await repo.remove(trx, principal.tenantCode, principal.userId, endpoint);
        if (n === 0) throw notFound('push subscription', endpoint.slice(0, 80));
        await audit.write(trx, principal, { action: 'push.unsubscribe', resource: 'push-subscription' });
      });
    },

    /** Sends a message to every browser of these users; answers how many took it. */
    async notifyUsers(
      tenantCode: string,
      userIds: readonly string[],
      message: PushMessage,
      urgency: 'normal' | 'high' = 'high',
    ): Promise<number> {
      if (!settings.enabled) return 0;
      const rows = await repo.ofUsers(db, tenantCode, [...new Set(userIds)]);
      const results = await Promise.all(rows.map((row) => sendTo(row, message, urgency)));
      return results.filter(Boolean).length;
    },

    /** The officers and auxiliaries who staff these stations (their orders' addressees). */
    crewsOf(tenantCode: string, stationIds: readonly string[]): Promise<string[]> {
      return repo.crewsOf(db, tenantCode, [...new Set(stationIds)]);
    },
  };
}
export type PushService = ReturnType<typeof createPushService>;
