import type {
  HallHoursJson,
  ServiceAppointment,
  ServiceAttribute,
  ServiceCounter,
  ServiceHall,
  ServiceItem,
  ServiceTicket,
} from '@ronghui/contracts';
import type { Selectable } from 'kysely';
import type {
  ServiceAppointmentsTable,
  ServiceCountersTable,
  ServiceHallsTable,
  ServiceItemsTable,
  ServiceTicketsTable,
} from '../../platform/db/schema.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { mask } from '../../platform/privacy/privacy.ts';

export type ItemRow = Selectable<ServiceItemsTable>;
export type HallRow = Selectable<ServiceHallsTable>;
export type CounterRow = Selectable<ServiceCountersTable>;
export type AppointmentRow = Selectable<ServiceAppointmentsTable>;
export type TicketRow = Selectable<ServiceTicketsTable>;

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

/** The halls that handle an item: every hall, or the centre's only. */
export function hallsHandling(item: Pick<ItemRow, 'centre_only'>, halls: readonly HallRow[]): string[] {
  return halls.filter((h) => h.centre || !item.centre_only).map((h) => h.id);
}

export function presentItem(row: ItemRow, halls: readonly HallRow[]): ServiceItem {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    category: row.category as ServiceItem['category'],
    kind: row.kind,
    statutoryDays: row.statutory_days,
    promisedDays: row.promised_days,
    expeditedDays: row.expedited_days,
    materials: row.materials,
    feeYuan: row.fee_yuan,
    channels: row.channels as ServiceItem['channels'],
    centreOnly: row.centre_only,
    group: row.item_group as ServiceItem['group'],
    attributes: row.attributes as ServiceAttribute[],
    active: row.active,
    hallIds: hallsHandling(row, halls),
    updatedAt: iso(row.updated_at),
  };
}

export function presentCounter(row: CounterRow, clerkName: string | null): ServiceCounter {
  return {
    id: row.id,
    hallId: row.hall_id,
    name: row.name,
    itemCodes: row.item_codes,
    active: row.active,
    clerk: row.clerk_id ? (clerkName ?? row.clerk_id) : null,
  };
}

export function presentHall(row: HallRow, counters: ServiceCounter[]): ServiceHall {
  return {
    id: row.id,
    name: row.name,
    orgId: row.org_id,
    centre: row.centre,
    address: row.address,
    lon: row.lon,
    lat: row.lat,
    phone: row.phone,
    hours: row.hours as HallHoursJson,
    slotMinutes: row.slot_minutes,
    slotCapacity: row.slot_capacity,
    counters,
  };
}

export function presentAppointment(
  row: AppointmentRow,
  ctx: {
    crypto: FieldCrypto;
    hallName: string;
    itemName: string;
    ticketNumber: string | null;
    cases: ServiceAppointment['cases'];
    checkIn: { beforeMinutes: number; afterMinutes: number };
    now: Date;
  },
): ServiceAppointment {
  const start = new Date(row.slot_start);
  const checkInFrom = start.getTime() - ctx.checkIn.beforeMinutes * 60_000;
  const checkInUntil = start.getTime() + ctx.checkIn.afterMinutes * 60_000;
  const now = ctx.now.getTime();
  return {
    id: row.id,
    reference: row.reference ?? '',
    hallId: row.hall_id,
    hallName: ctx.hallName,
    itemCode: row.item_code,
    itemName: ctx.itemName,
    start: iso(start),
    end: iso(row.slot_end),
    status: row.status === 'held' ? 'booked' : row.status,
    checkInFrom: iso(new Date(checkInFrom)),
    checkInUntil: iso(new Date(checkInUntil)),
    checkInOpen: row.status === 'booked' && now >= checkInFrom && now <= checkInUntil,
    name: mask('name', ctx.crypto.decrypt(row.name)) ?? '',
    phone: mask('phone', ctx.crypto.decrypt(row.phone)) ?? '',
    ticketNumber: ctx.ticketNumber,
    cases: ctx.cases,
    remindersSent: row.reminders_sent as ServiceAppointment['remindersSent'],
    createdAt: iso(row.created_at),
  };
}

export function presentTicket(
  row: TicketRow,
  ctx: {
    counterName: string | null;
    clerkName: string | null;
    reference: string | null;
    ahead?: number | null;
    estimatedWaitSeconds?: number | null;
    caseIds?: string[];
  },
): ServiceTicket {
  return {
    id: row.id,
    hallId: row.hall_id,
    number: row.number,
    group: row.item_group as ServiceTicket['group'],
    itemCodes: row.item_codes,
    source: row.source,
    priority: row.priority,
    status: row.status,
    counterId: row.counter_id,
    counterName: ctx.counterName,
    transferredTo: row.transferred_to,
    clerk: ctx.clerkName,
    appointmentReference: ctx.reference,
    recalls: row.recalls,
    issuedAt: iso(row.issued_at),
    calledAt: isoOrNull(row.called_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    ahead: ctx.ahead ?? null,
    estimatedWaitSeconds: ctx.estimatedWaitSeconds ?? null,
    caseIds: ctx.caseIds ?? [],
  };
}
