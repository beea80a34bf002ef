import { PRIORITY } from '@ronghui/services';
import { createHallBooking } from './hall-booking.ts';
import { createHallCatalogue } from './hall-catalogue.ts';
import { hallContext, type ServiceHallDeps } from './hall-context.ts';
import { createHallQueue } from './hall-queue.ts';

export type { ManageProof } from './hall-booking.ts';
export type { ServiceHallDeps, ServiceHallSettings } from './hall-context.ts';

/**
 * The front of the service hall (智慧一窗通办): the catalogue, halls and counters, slots, one-time codes,
 * holds and appointments with their reminders and no-shows, the queue of tickets called to counters, and
 * the calling screen.
 */
export function createServiceHallService(deps: ServiceHallDeps) {
  const ctx = hallContext(deps);
  const catalogue = createHallCatalogue(deps, ctx);
  const queue = createHallQueue(deps, ctx);
  const booking = createHallBooking(
    deps,
    ctx,
    (trx, actor, hall, item, appointment) =>
      queue.issue(trx, actor, hall, [item], {
        source: 'appointment',
        priority: PRIORITY.appointment,
        appointment,
      }),
    queue.ticketOut,
  );
  return {
    tenantCode: deps.tenantCode,
    // catalogue, halls, counters
    listItems: catalogue.listItems,
    getItem: catalogue.getItem,
    createItem: catalogue.createItem,
    patchItem: catalogue.patchItem,
    listHalls: catalogue.listHalls,
    patchHall: catalogue.patchHall,
    addCounter: catalogue.addCounter,
    patchCounter: catalogue.patchCounter,
    signIn: catalogue.signIn,
    // appointments
    slots: booking.slots,
    sendCode: booking.sendCode,
    hold: booking.hold,
    book: booking.book,
    getAppointment: booking.get,
    cancelAppointment: booking.cancel,
    rescheduleAppointment: booking.reschedule,
    checkIn: booking.checkIn,
    listAppointments: booking.list,
    // queue
    createTicket: queue.create,
    listTickets: queue.list,
    callNext: queue.callNext,
    ticketStep: queue.step,
    board: queue.board,
    /** Reminders, no-shows, expired holds and codes; one tenant or all. */
    sweep: booking.sweep,
  };
}

export type ServiceHallService = ReturnType<typeof createServiceHallService>;
