import { z } from 'zod';
import { isoDate, isoDateTime, listOf, lngLat, pageQuery, uuidOf } from './common.ts';

/**
 * 一标三实: standard addresses (标准地址) with the people (实有人口), houses (实有房屋) and businesses
 * (实有单位) at them, and the grid workers' collection tasks (采集任务). Personal values are masked in every
 * answer; the reveal route gives one with a stated reason (audited).
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();
/** A village or community code of the division table (12 digits). */
const divisionCode = z.string().regex(/^\d{12}$/, 'a 12-digit village or community code');

export const REGISTRY_KINDS = ['addresses', 'people', 'houses', 'businesses'] as const;
export const registryKind = z.enum(REGISTRY_KINDS);
export type RegistryKind = z.infer<typeof registryKind>;
export const PERSON_KINDS = ['registered', 'floating'] as const;
export const HOUSE_KINDS = ['self-built', 'rented', 'vacant', 'key'] as const;
export const BUSINESS_KINDS = [
  'shop',
  'restaurant',
  'hotel',
  'factory',
  'internet-cafe',
  'entertainment',
  'school',
  'clinic',
  'other',
] as const;
export const COLLECTION_KINDS = ['new-tenant', 'vacant-house', 'new-shop', 'correction'] as const;
export const COLLECTION_STATUSES = ['assigned', 'submitted', 'accepted', 'rejected'] as const;

const placed = {
  policeGridId: z.string(),
  policeGridName: z.string(),
  communityGridId: z.string().nullable(),
  communityGridName: z.string().nullable(),
  stationId: z.string().nullable(),
  demo: z.boolean(),
  updatedAt: isoDateTime,
};

// ── addresses ──────────────────────────────────────────────────────────────────────────────────────
export const registryAddressParts = z
  .object({
    divisionCode,
    road: optText(60),
    doorNo: optText(20),
    building: optText(20),
    unit: optText(20),
    room: optText(20),
  })
  .strict();
export const registryAddressBody = registryAddressParts.extend({ location: lngLat.nullish() }).strict();
export type RegistryAddressBody = z.infer<typeof registryAddressBody>;
export const registryAddressPatch = registryAddressBody.partial().strict();
export type RegistryAddressPatch = z.infer<typeof registryAddressPatch>;

export const registryAddress = z.object({
  id: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  road: z.string().nullable(),
  doorNo: z.string().nullable(),
  building: z.string().nullable(),
  unit: z.string().nullable(),
  room: z.string().nullable(),
  label: z.string().describe('the address written out: 浔中镇凤凰社区凤凰路12号3栋2单元301室'),
  key: z.string().describe('the normalised key that deduplicates addresses'),
  location: lngLat.nullable(),
  ...placed,
});
export type RegistryAddress = z.infer<typeof registryAddress>;

// ── people ─────────────────────────────────────────────────────────────────────────────────────────
export const registryPersonBody = z
  .object({
    name: text(40),
    idNumber: z.string().trim().min(15).max(20),
    phone: optText(20),
    kind: z.enum(PERSON_KINDS),
    addressId: z.string().min(1).max(64),
    movedInOn: isoDate.nullish(),
    movedOutOn: isoDate.nullish(),
  })
  .strict();
export type RegistryPersonBody = z.infer<typeof registryPersonBody>;
export const registryPersonPatch = registryPersonBody.partial().strict();
export type RegistryPersonPatch = z.infer<typeof registryPersonPatch>;
export const registryPerson = z.object({
  id: z.string(),
  /** Masked (张*). */
  name: z.string(),
  /** Masked (350526********1234). */
  idNumber: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: isoDate,
  /** Masked (138****1234). */
  phone: z.string().nullable(),
  kind: z.enum(PERSON_KINDS),
  addressId: z.string(),
  addressLabel: z.string(),
  movedInOn: isoDate.nullable(),
  movedOutOn: isoDate.nullable(),
  ...placed,
});
export type RegistryPerson = z.infer<typeof registryPerson>;

// ── houses ─────────────────────────────────────────────────────────────────────────────────────────
export const registryHouseBody = z
  .object({
    addressId: z.string().min(1).max(64),
    kind: z.enum(HOUSE_KINDS),
    ownerName: optText(40),
    ownerPhone: optText(20),
    note: optText(200),
  })
  .strict();
export type RegistryHouseBody = z.infer<typeof registryHouseBody>;
export const registryHousePatch = registryHouseBody.partial().strict();
export type RegistryHousePatch = z.infer<typeof registryHousePatch>;
export const registryHouse = z.object({
  id: z.string(),
  addressId: z.string(),
  addressLabel: z.string(),
  kind: z.enum(HOUSE_KINDS),
  ownerName: z.string().nullable(),
  ownerPhone: z.string().nullable(),
  note: z.string().nullable(),
  /** People living at the address now (not moved out). */
  residents: z.number().int(),
  ...placed,
});
export type RegistryHouse = z.infer<typeof registryHouse>;

// ── businesses ─────────────────────────────────────────────────────────────────────────────────────
export const registryBusinessBody = z
  .object({
    name: text(80),
    kind: z.enum(BUSINESS_KINDS),
    licenceNo: z.string().trim().max(18).nullish().describe('统一社会信用代码 (18 characters, checked)'),
    addressId: z.string().min(1).max(64),
    keyPlace: z.boolean().default(false),
    contactName: optText(40),
    contactPhone: optText(20),
  })
  .strict();
export type RegistryBusinessBody = z.input<typeof registryBusinessBody>;
export const registryBusinessPatch = registryBusinessBody.partial().strict();
export type RegistryBusinessPatch = z.input<typeof registryBusinessPatch>;
export const registryBusiness = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(BUSINESS_KINDS),
  licenceNo: z.string().nullable(),
  addressId: z.string(),
  addressLabel: z.string(),
  keyPlace: z.boolean(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  ...placed,
});
export type RegistryBusiness = z.infer<typeof registryBusiness>;

// ── lists, detail, history, reveal ─────────────────────────────────────────────────────────────────
export const registryListQuery = pageQuery
  .extend({
    q: z
      .string()
      .trim()
      .max(60)
      .optional()
      .describe('part of the address, a name of a business, or a full ID number'),
    policeGridId: z.string().max(64).optional(),
    communityGridId: z.string().max(64).optional(),
    addressId: z.string().max(64).optional(),
    kind: z.string().max(20).optional(),
  })
  .strict();
export type RegistryListQuery = z.infer<typeof registryListQuery>;
export const registryAddressList = listOf(registryAddress);
export const registryPersonList = listOf(registryPerson);
export const registryHouseList = listOf(registryHouse);
export const registryBusinessList = listOf(registryBusiness);
export type RegistryAddressList = z.infer<typeof registryAddressList>;
export type RegistryPersonList = z.infer<typeof registryPersonList>;
export type RegistryHouseList = z.infer<typeof registryHouseList>;
export type RegistryBusinessList = z.infer<typeof registryBusinessList>;

export const registryIdParams = z.object({ id: z.string().min(1).max(64) }).strict();
export const registryKindIdParams = z.object({ kind: registryKind, id: z.string().min(1).max(64) }).strict();

export const registryAddressDetail = z.object({
  address: registryAddress,
  people: z.array(registryPerson),
  houses: z.array(registryHouse),
  businesses: z.array(registryBusiness),
});
export type RegistryAddressDetail = z.infer<typeof registryAddressDetail>;

export const registryChange = z.object({
  field: z.string(),
  /** Personal values masked. */
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export const registryHistoryEntry = z.object({
  at: isoDateTime,
  action: z.string(),
  actor: z.string(),
  source: z.enum(['console', 'import', 'collection', 'demo']),
  collectionId: z.string().nullable(),
  collector: z.string().nullable(),
  reviewer: z.string().nullable(),
  changes: z.array(registryChange),
});
export type RegistryHistoryEntry = z.infer<typeof registryHistoryEntry>;
export const registryHistory = listOf(registryHistoryEntry);
export type RegistryHistory = z.infer<typeof registryHistory>;

export const REGISTRY_REVEAL_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'ownerName',
  'ownerPhone',
  'contactName',
  'contactPhone',
] as const;
export const registryRevealBody = z
  .object({ field: z.enum(REGISTRY_REVEAL_FIELDS), reason: z.string().max(200) })
  .strict();
export type RegistryRevealBody = z.infer<typeof registryRevealBody>;
export const registryRevealed = z.object({ field: z.enum(REGISTRY_REVEAL_FIELDS), value: z.string() });
export type RegistryRevealed = z.infer<typeof registryRevealed>;

// ── import ─────────────────────────────────────────────────────────────────────────────────────────
export const registryImportQuery = z.object({ kind: registryKind }).strict();
export const registryTemplateQuery = z
  .object({ kind: registryKind, format: z.enum(['xlsx', 'csv']).default('xlsx') })
  .strict();
export const registryImportProblem = z.object({
  /** The line of the file (the header is line 1). */
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export type RegistryImportProblem = z.infer<typeof registryImportProblem>;
export const registryImportResult = z.object({
  kind: registryKind,
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  addressesCreated: z.number().int(),
  /** Every bad row's problems, by line and field (at most 1 000 listed; `rejected` counts them all). */
  errors: z.array(registryImportProblem),
});
export type RegistryImportResult = z.infer<typeof registryImportResult>;

// ── collection tasks ───────────────────────────────────────────────────────────────────────────────
export const registryCollectionAddress = registryAddressParts
  .extend({ divisionCode: divisionCode.optional() })
  .strict();
export const registryCollectionBody = z
  .object({
    /** Made by the phone: sending it again (the outbox after a lost answer) changes nothing. */
    id: uuidOf('a collection'),
    kind: z.enum(COLLECTION_KINDS),
    location: lngLat.nullish(),
    addressId: z.string().max(64).nullish(),
    address: registryCollectionAddress.nullish(),
    person: registryPersonBody.omit({ addressId: true }).nullish(),
    house: registryHouseBody.omit({ addressId: true }).nullish(),
    business: registryBusinessBody.omit({ addressId: true }).nullish(),
    correction: z
      .object({
        recordKind: z.enum(['person', 'house', 'business']),
        recordId: z.string().min(1).max(64),
        field: z.string().min(1).max(40),
        value: z.string().max(200),
      })
      .strict()
      .nullish(),
    note: optText(500),
  })
  .strict();
export type RegistryCollectionBody = z.input<typeof registryCollectionBody>;

export const registryCollection = z.object({
  id: z.string(),
  kind: z.enum(COLLECTION_KINDS),
  status: z.enum(COLLECTION_STATUSES),
  summary: z.string(),
  /** What was collected, personal values masked. */
  fields: z.array(z.object({ field: z.string(), value: z.string().nullable() })),
  location: lngLat.nullable(),
  policeGridId: z.string(),
  policeGridName: z.string(),
  communityGridId: z.string().nullable(),
  workerId: z.string(),
  workerName: z.string(),
  assignedBy: z.string().nullable(),
  assignedNote: z.string().nullable(),
  assignedAt: isoDateTime.nullable(),
  submittedAt: isoDateTime.nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: isoDateTime.nullable(),
  reviewReason: z.string().nullable(),
  recordKind: z.string().nullable(),
  recordId: z.string().nullable(),
  demo: z.boolean(),
});
export type RegistryCollection = z.infer<typeof registryCollection>;
export const registryCollectionList = listOf(registryCollection);
export type RegistryCollectionList = z.infer<typeof registryCollectionList>;
export const registryCollectionQuery = pageQuery
  .extend({
    view: z.enum(['mine', 'review', 'all']).default('all'),
    status: z.enum(COLLECTION_STATUSES).optional(),
  })
  .strict();
export type RegistryCollectionQuery = z.infer<typeof registryCollectionQuery>;
export const registryCollectionParams = z.object({ id: uuidOf('a collection') }).strict();
export const registryReviewBody = z
  .object({ decision: z.enum(['accept', 'reject']), reason: z.string().trim().max(300).nullish() })
  .strict();
export type RegistryReviewBody = z.infer<typeof registryReviewBody>;
export const registryAssignBody = z
  .object({
    workerId: z.string().min(1).max(64),
    kind: z.enum(COLLECTION_KINDS),
    note: text(300),
    addressId: z.string().max(64).nullish(),
  })
  .strict();
export type RegistryAssignBody = z.infer<typeof registryAssignBody>;
export const registryCollectionStatsQuery = z
  .object({ from: isoDateTime.optional(), to: isoDateTime.optional() })
  .strict();
export type RegistryCollectionStatsQuery = z.infer<typeof registryCollectionStatsQuery>;
export const registryWorkerStats = z.object({
  workerId: z.string(),
  workerName: z.string(),
  collected: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  pending: z.number().int(),
});
export const registryCollectionStats = listOf(registryWorkerStats);
export type RegistryCollectionStats = z.infer<typeof registryCollectionStats>;
export const registryWorker = z.object({ id: z.string(), name: z.string(), policeGridId: z.string() });
export const registryWorkerList = listOf(registryWorker);
export type RegistryWorkerList = z.infer<typeof registryWorkerList>;
