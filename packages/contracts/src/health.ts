import { z } from 'zod';

const databaseKind = z.enum(['pglite', 'postgres']);

/** `GET /api/health` when the database answers. */
export const health = z.object({
  status: z.literal('ok'),
  db: databaseKind,
  bus: z.enum(['in-process', 'nats']),
  demo: z.boolean(),
  version: z.string(),
  tenant: z.object({ code: z.string(), name: z.string().nullable() }),
});
export type Health = z.infer<typeof health>;

/** `GET /api/health` answers 503 with this when the database does not. */
export const healthDegraded = z.object({
  status: z.literal('degraded'),
  db: databaseKind,
  detail: z.string(),
});
export type HealthDegraded = z.infer<typeof healthDegraded>;
