import { UNIT_STATUSES } from '@ronghui/dispatch';
import { z } from 'zod';
import { codeId, isoDateTime, listOf } from './common.ts';

/** Units (`/api/units…`): who is on duty where, status reports with their history, and AVL positions. */

export const UNIT_KINDS = ['officer', 'auxiliary', 'vehicle', 'team'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Why an AVL position was refused (`AvlRejection` of `@ronghui/dispatch`). */
export const AVL_REJECTIONS = [
  'out-of-range',
  'outside-area',
  'future-time',
  'too-old',
  'unknown-unit',
  'not-permitted',
  'malformed',
] as const;

// ---------------------------------------------------------------------------------------------------------
// Requests

/** `:id` of a unit (a readable id such as `u-350526200-01`). */
export const unitParams = z.object({ id: codeId }).strict();
export type UnitParams = z.infer<typeof unitParams>;

export const unitListQuery = z
  .object({ station: z.string().max(64).optional(), status: z.enum(UNIT_STATUSES).optional() })
  .strict();
export type UnitListQuery = z.infer<typeof unitListQuery>;

export const unitStatusBody = z
  .object({
    status: z.enum(UNIT_STATUSES),
    incidentId: z.string().min(1).max(64).nullable().optional(),
    note: z.string().max(500).optional(),
  })
  .strict();
export type UnitStatusBody = z.infer<typeof unitStatusBody>;

/** One GPS fix. `at`: ISO 8601 or epoch milliseconds; the receipt time when absent. */
export const avlFix = z
  .object({
    unitId: codeId,
    lon: z.number(),
    lat: z.number(),
    at: z.union([isoDateTime, z.number().int().positive()]).optional(),
    speedKmh: z.number().min(0).max(400).optional(),
    heading: z.number().min(0).max(360).optional(),
  })
  .strict();
export type AvlFixInput = z.infer<typeof avlFix>;

/** `POST /api/avl`: a batch of up to 5,000 fixes. */
export const avlBatchBody = z.object({ positions: z.array(avlFix).min(1).max(5_000) }).strict();
export type AvlBatchBody = z.infer<typeof avlBatchBody>;

// ---------------------------------------------------------------------------------------------------------
// Responses

export const unitPosition = z.object({
  lon: z.number(),
  lat: z.number(),
  speedKmh: z.number().nullable(),
  heading: z.number().nullable(),
  at: isoDateTime,
});
export type UnitPosition = z.infer<typeof unitPosition>;

/** A unit as lists and the map show it: station, duty, state and last known position. */
export const unit = z.object({
  id: z.string(),
  callsign: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  stationId: z.string(),
  stationName: z.string(),
  pool: z.string().nullable(),
  capabilities: z.array(z.string()),
  status: z.enum(UNIT_STATUSES),
  statusName: z.object({ zh: z.string(), en: z.string() }),
  onDuty: z.boolean(),
  incidentId: z.string().nullable(),
  position: unitPosition.nullable(),
});
export type Unit = z.infer<typeof unit>;

export const unitList = listOf(unit);
export type UnitList = z.infer<typeof unitList>;

/** One status report of a unit, with where it was at the time. */
export const unitStatusEntry = z.object({
  status: z.string(),
  at: isoDateTime,
  position: z
    .object({
      lon: z.number(),
      lat: z.number(),
      speedKmh: z.number().nullable(),
      heading: z.number().nullable(),
    })
    .nullable(),
  incidentId: z.string().nullable(),
  note: z.string().nullable(),
  actor: z.string(),
});
export type UnitStatusEntry = z.infer<typeof unitStatusEntry>;

/** One unit with its status history, newest first. */
export const unitDetail = unit.extend({ history: z.array(unitStatusEntry) });
export type UnitDetail = z.infer<typeof unitDetail>;

/** The answer to an AVL batch: how many fixes were stored, and each refusal with its index. */
export const avlBatchResult = z.object({
  accepted: z.number().int(),
  rejected: z.array(
    z.object({ index: z.number().int(), unitId: z.string(), reason: z.enum(AVL_REJECTIONS) }),
  ),
});
export type AvlBatchResult = z.infer<typeof avlBatchResult>;

/** Refused fixes counted by reason (the keys are reasons: `outside-area`, `unknown-unit` …). */
export const avlRejectionCounts = z.record(z.string(), z.number().int());
export type AvlRejectionCounts = z.infer<typeof avlRejectionCounts>;

// ---------------------------------------------------------------------------------------------------------
// The unit a user works (上岗)

/** `PUT /api/units/mine`: sign on to a unit of one's station (a user works one unit at a time). */
export const myUnitBody = z.object({ unitId: codeId }).strict();
export type MyUnitBody = z.infer<typeof myUnitBody>;

/** `GET /api/units/mine`: the unit the caller works and since when; both null when signed on to none. */
export const myUnit = z.object({ unit: unit.nullable(), since: isoDateTime.nullable() });
export type MyUnit = z.infer<typeof myUnit>;
