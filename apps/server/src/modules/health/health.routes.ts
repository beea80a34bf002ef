import { health, healthDegraded } from '@ronghui/contracts';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { App } from '../../platform/http/app-types.ts';

export const VERSION = '0.1.0';

export function registerHealthRoutes(
  app: App,
  deps: { db: Kysely<DB>; dbKind: 'pglite' | 'postgres'; bus: 'in-process' | 'nats'; tenantCode: string },
) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['health'], response: { 200: health, 503: healthDegraded } },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(deps.db);
      } catch {
        return reply
          .status(503)
          .send({ status: 'degraded', db: deps.dbKind, detail: 'database unreachable' });
      }
      const tenant = await deps.db
        .selectFrom('tenants')
        .select(['tenant_code', 'name', 'demo'])
        .where('tenant_code', '=', deps.tenantCode)
        .executeTakeFirst();
      return {
        status: 'ok' as const,
        db: deps.dbKind,
        bus: deps.bus,
        demo: tenant?.demo ?? false,
        version: VERSION,
        tenant: tenant
          ? { code: tenant.tenant_code, name: tenant.name }
          : { code: deps.tenantCode, name: null },
      };
    },
  );
}
