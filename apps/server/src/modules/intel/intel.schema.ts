import { z } from 'zod';

const date = z.coerce.date({ message: 'must be an ISO 8601 date or time' });
const orgId = z.string().min(1).max(100);
const category = z.string().regex(/^\d{6}$/, 'a 6-digit GA 240.1 category code');
const numberList = (what: string) =>
  z
    .string()
    .max(200)
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)+$/, `${what}: at least two increasing numbers, e.g. 0,7,14`)
    .transform((s) => s.split(',').map(Number))
    .refine((a) => a.every((v, i) => i === 0 || v > (a[i - 1] as number)), `${what} must increase`);

export const recordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be a crime record id');
export const seriesId = z.string().regex(/^SR-[0-9a-f]{8}$/, 'must be a series id (SR-xxxxxxxx)');

const scope = { area: orgId.optional(), category: category.optional() };

export const recordsQuery = z.object({ from: date.optional(), to: date.optional(), ...scope }).strict();
export const recordParams = z.object({ id: recordId }).strict();
export const candidatesQuery = z.object({ k: z.coerce.number().int().min(1).max(200).default(20) }).strict();
export const seriesParams = z.object({ id: seriesId }).strict();
export const growBody = z
  .object({
    seedIds: z.array(recordId).min(1).max(20),
    name: z.string().trim().min(1).max(60).optional(),
    minCohesion: z.number().min(0).max(1).default(0.52),
    maxSize: z.number().int().min(2).max(100).default(30),
  })
  .strict();
export const verdictBody = z.object({ recordId }).strict();

export const trendQuery = z
  .object({
    end: date.optional(),
    windowDays: z.coerce.number().int().min(1).max(365).default(28),
    baseline: z.coerce.number().int().min(1).max(52).default(6),
    by: z.enum(['station', 'area', 'grid']).default('station'),
    test: z.enum(['conditional-binomial', 'poisson-exact']).default('conditional-binomial'),
    alpha: z.coerce.number().gt(0).lt(1).default(0.05),
    ...scope,
  })
  .strict();
export const hotspotsQuery = z
  .object({
    method: z.enum(['kde', 'gistar']).default('kde'),
    cellM: z.coerce.number().min(50).max(2000).default(250),
    from: date.optional(),
    to: date.optional(),
    forecastDays: z.coerce.number().int().min(1).max(365).default(28),
    areaShare: z.coerce.number().gt(0).max(0.5).default(0.02),
    bandwidthM: z.coerce.number().min(50).max(10_000).optional(),
    ...scope,
  })
  .strict();
export const nearRepeatQuery = z
  .object({
    spaceBands: numberList('spaceBands').default([0, 1, 200, 400, 800]),
    timeBands: numberList('timeBands').default([0, 7, 14, 21, 28]),
    metric: z.enum(['manhattan', 'euclidean']).default('manhattan'),
    iterations: z.coerce.number().int().min(1).max(999).default(99),
    seed: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .default(1),
    from: date.optional(),
    to: date.optional(),
    ...scope,
  })
  .strict();
export const heatQuery = z.object({ from: date.optional(), to: date.optional(), ...scope }).strict();

export const createReportBody = z
  .object({
    title: z.string().trim().min(1).max(100).optional(),
    seriesId: seriesId.optional(),
    from: date.optional(),
    to: date.optional(),
    ...scope,
  })
  .strict();
export const editReportBody = z
  .object({
    title: z.string().trim().min(1).max(100).optional(),
    sections: z
      .array(z.object({ key: z.string().min(1).max(40), text: z.string().max(20_000) }).strict())
      .max(20),
  })
  .strict();
/** `id`, `id.html` or `id.pdf`. */
export const reportParams = z
  .object({ id: z.string().regex(/^RPT-[0-9a-f]{8}(\.html|\.pdf)?$/, 'must be a report id (RPT-xxxxxxxx)') })
  .strict();
export const reportIdParams = z
  .object({ id: z.string().regex(/^RPT-[0-9a-f]{8}$/, 'must be a report id (RPT-xxxxxxxx)') })
  .strict();
