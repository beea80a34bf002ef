import { z } from 'zod';

/**
 * Building blocks every module's contract uses. The JSON style (docs/ARCHITECTURE.md, "API conventions"):
 * camelCase names with the unit in the name where there is one (`etaSeconds`, `distanceMeters`), times as
 * ISO 8601 strings with an offset, ids as strings, collections as `{ items, total }`, errors as
 * problem+json.
 */

/** A time in ISO 8601 with its offset (`2026-12-06T05:06:00.000Z`). */
export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' });

/** A calendar day in China time (`2026-12-06`). */
export const isoDate = z.iso.date();

/** An id that is a UUID, with a message that names what it must be. */
export const uuidOf = (what: string) => z.uuid(`must be ${what} id (UUID)`);

/** Route parameter `:id` holding a UUID. */
export const uuidParams = (what: string) => z.object({ id: uuidOf(what) }).strict();

/** Readable ids (org ids, unit ids, callsigns): letters, digits, `. _ : -`. */
export const codeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, . _ : -');

/** A WGS-84 position. */
export const lngLat = z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });
export type LngLatJson = z.infer<typeof lngLat>;

/** `{ items, total }`: every collection the API returns. `total` counts all matches, not only this page. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().nonnegative() });
export interface List<T> {
  items: T[];
  total: number;
}

/** `?page=1&pageSize=50` on paginated collections. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** A boolean query parameter: `true` or `false`. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** One field's problem inside a 400. */
export const fieldProblem = z.object({ path: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof fieldProblem>;

/** RFC 9457 problem details: the body of every error response (`application/problem+json`). */
export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(fieldProblem).optional(),
    correlationId: z.string().optional(),
  })
  .catchall(z.unknown());
export type ProblemJson = z.infer<typeof problem>;

/** `{ ok: true }`: a write that has nothing else to say. */
export const ok = z.object({ ok: z.literal(true) });
