import { addWorkingDays, workingDaysBetween } from './calendar.ts';
import { addDays } from './dates.ts';
import { caseDeadline } from './deadline.ts';
import { daySlots, type HallHours, instantAt, localDate, minutesOf, openWindows } from './hours.ts';
import { ticketNumber } from './queue.ts';
import { between, pick, type Random, seededRandom } from './random.ts';

export interface HistoryItem {
  code: string;
  group: string;
  kind: 'immediate' | 'promised';
  promisedDays: number;
  expeditedDays: number | null;
  centreOnly: boolean;
}

export interface HistoryHall {
  id: string;
  centre: boolean;
  hours: HallHours;
  counters: readonly { id: string; itemCodes: string[] | null }[];
  clerkIds: readonly string[];
  /** Share of the visits relative to the other halls. */
  weight: number;
}

export interface HistoryOptions {
  year: number;
  seed: number;
  visits: number;
  items: readonly HistoryItem[];
  halls: readonly HistoryHall[];
}

export interface HistoryCase {
  itemCode: string;
  acceptedAt: string;
  /** 'YYYY-MM-DD' */
  deadline: string;
  completedAt: string;
  deliveredAt: string;
  expedited: boolean;
}

export interface HistoryVisit {
  hallId: string;
  /** walk-in: ticket from the reception desk; kiosk: from the ticket machine; appointment: booked slot. */
  source: 'walk-in' | 'appointment' | 'kiosk';
  group: string;
  /** Per hall, per day, per group, in issue order: A001, A002… */
  ticketNumber: string;
  issuedAt: string;
  calledAt: string;
  startedAt: string;
  finishedAt: string;
  counterId: string;
  clerkId: string;
  appointment: { slotStart: string; bookedAt: string } | null;
  cases: HistoryCase[];
  rating: { level: 4 | 5; channel: 'kiosk' | 'phone' | 'window'; at: string } | null;
}

const MIN_MS = 60_000;
// Fewer visitors per minute at lunch and in the evening than in regular hours.
const WINDOW_WEIGHT = { regular: 1, 'off-peak': 0.45, extended: 0.35 } as const;
const SLOT_MINUTES = 30;

interface OpenStretch {
  date: string;
  /** Minutes after local midnight: the chosen window, and the continuous open span around it. */
  from: number;
  to: number;
  spanFrom: number;
  spanTo: number;
  weight: number;
}

function stretchesOf(year: number, hours: HallHours): OpenStretch[] {
  const out: OpenStretch[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const ws = openWindows(d, hours).map((w) => ({
      from: minutesOf(w.from),
      to: minutesOf(w.to),
      kind: w.window,
    }));
    ws.forEach((w, i) => {
      // Touching windows of different kinds (regular → off-peak → regular) make one open span.
      let spanFrom = w.from;
      for (let j = i - 1; j >= 0 && (ws[j] as (typeof ws)[number]).to >= spanFrom; j--)
        spanFrom = Math.min(spanFrom, (ws[j] as (typeof ws)[number]).from);
      let spanTo = w.to;
      for (let j = i + 1; j < ws.length && (ws[j] as (typeof ws)[number]).from <= spanTo; j++)
        spanTo = Math.max(spanTo, (ws[j] as (typeof ws)[number]).to);
      out.push({
        date: d,
        from: w.from,
        to: w.to,
        spanFrom,
        spanTo,
        weight: (w.to - w.from) * WINDOW_WEIGHT[w.kind],
      });
    });
  }
  return out;
}

function weighted<T extends { weight: number }>(
  random: Random,
  entries: readonly T[],
  cumulative: number[],
): T {
  const total = cumulative[cumulative.length - 1] as number;
  const r = random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) > r) hi = mid;
    else lo = mid + 1;
  }
  return entries[lo] as T;
}

function cumulate(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A working-day instant for back-office work: between 09:00 and 17:00 local time. */
function officeInstant(random: Random, date: string): number {
  return (
    instantAt(date, '09:00').getTime() +
    between(random, 0, 8 * 60 - 1) * MIN_MS +
    between(random, 0, 59) * 1000
  );
}

function serves(counter: { itemCodes: string[] | null }, codes: readonly string[]): boolean {
  return counter.itemCodes === null || codes.every((c) => counter.itemCodes?.includes(c));
}

/**
 * A year of demo hall history, the same for the same options: visits only in open windows, waits
 * mostly 2–15 minutes, every case completed by its deadline, ratings on most visits.
 */
export function generateServiceHistory(opts: HistoryOptions): HistoryVisit[] {
  const random = seededRandom(opts.seed);
  if (!Number.isInteger(opts.visits) || opts.visits < 0)
    throw new RangeError(`visits must be a whole number ≥ 0, not ${opts.visits}`);
  const halls = opts.halls.map((hall) => {
    const items = opts.items.filter(
      (it) => (!it.centreOnly || hall.centre) && hall.counters.some((c) => serves(c, [it.code])),
    );
    const stretches = stretchesOf(opts.year, hall.hours);
    if (items.length === 0) throw new RangeError(`hall ${hall.id} serves none of the items`);
    if (stretches.length === 0) throw new RangeError(`hall ${hall.id} is never open in ${opts.year}`);
    if (hall.clerkIds.length === 0) throw new RangeError(`hall ${hall.id} has no clerks`);
    return { hall, items, stretches, cumulative: cumulate(stretches.map((s) => s.weight)) };
  });
  if (halls.length === 0 && opts.visits > 0) throw new RangeError('no halls to visit');
  const hallCumulative = cumulate(halls.map((h) => Math.max(0, h.hall.weight)));
  const hallEntries = halls.map((h) => ({ ...h, weight: h.hall.weight }));

  const visits: Omit<HistoryVisit, 'ticketNumber'>[] = [];
  for (let n = 0; n < opts.visits; n++) {
    const { hall, items, stretches, cumulative } = weighted(random, hallEntries, hallCumulative);
    const stretch = weighted(random, stretches, cumulative);
    const first = pick(random, items);
    const codes = [first.code];
    if (random() < 0.3) {
      const more = items.filter(
        (it) =>
          it.group === first.group &&
          it.code !== first.code &&
          hall.counters.some((c) => serves(c, [first.code, it.code])),
      );
      if (more.length > 0) codes.push(pick(random, more).code);
    }
    const chosen = pick(
      random,
      hall.counters.filter((c) => serves(c, codes)),
    );
    const counterIndex = hall.counters.indexOf(chosen);
    const clerkId = hall.clerkIds[counterIndex % hall.clerkIds.length] as string;

    const roll = random();
    const source = roll < 0.25 ? 'appointment' : roll < 0.6 ? 'kiosk' : 'walk-in';
    // Seconds: appointments are called almost at once; most walk-ins wait 2–15 minutes, a few longer.
    const waitS =
      source === 'appointment'
        ? between(random, 30, 300)
        : random() < 0.93
          ? between(random, 120, 900)
          : between(random, 900, 1500);
    const walkS = between(random, 20, 90);
    const serviceS = codes.reduce((s) => s + between(random, 180, 720), 0);
    const needS = waitS + walkS + serviceS;

    // Issue inside the chosen window, early enough to finish before the open span ends; a visit
    // that cannot fit a short span is compressed rather than run past closing time.
    let issueMin = between(random, stretch.from, stretch.to - 1);
    if (issueMin * 60 + needS + 60 > stretch.spanTo * 60)
      issueMin = Math.max(stretch.spanFrom, stretch.spanTo - Math.ceil(needS / 60) - 1);
    const scale = Math.min(1, ((stretch.spanTo - issueMin) * 60 - 60) / needS);
    const dayStart = instantAt(stretch.date, '00:00').getTime();
    const issued = dayStart + issueMin * MIN_MS + between(random, 0, 59) * 1000;
    const called = issued + Math.floor(waitS * scale) * 1000;
    const started = called + Math.floor(walkS * scale) * 1000;
    const finished = started + Math.floor(serviceS * scale) * 1000;

    let appointment: HistoryVisit['appointment'] = null;
    if (source === 'appointment') {
      const slot = daySlots(stretch.date, hall.hours, SLOT_MINUTES).find(
        (sl) => minutesOf(sl.start) <= issueMin && issueMin < minutesOf(sl.end),
      );
      const slotMin = slot ? minutesOf(slot.start) : issueMin;
      const bookedDay = addDays(stretch.date, -between(random, 1, 7));
      appointment = {
        slotStart: iso(dayStart + slotMin * MIN_MS),
        bookedAt: iso(instantAt(bookedDay, '07:00').getTime() + between(random, 0, 15 * 60) * MIN_MS),
      };
    }

    const acceptedDate = stretch.date;
    const cases = codes.map((code): HistoryCase => {
      const item = opts.items.find((it) => it.code === code) as HistoryItem;
      const expedited = item.expeditedDays != null && random() < 0.12;
      const { deadline } = caseDeadline(acceptedDate, item, expedited);
      const acceptedAt = iso(finished - 30_000);
      if (item.kind === 'immediate' || deadline === acceptedDate)
        return {
          itemCode: code,
          acceptedAt,
          deadline,
          completedAt: iso(finished),
          deliveredAt: iso(finished),
          expedited,
        };
      const span = workingDaysBetween(acceptedDate, deadline);
      const doneOn = addWorkingDays(acceptedDate, between(random, Math.max(1, Math.ceil(span / 3)), span));
      const completed = officeInstant(random, doneOn);
      const deliverOn = addWorkingDays(doneOn, between(random, 0, 3));
      const delivered = Math.max(completed + 10 * MIN_MS, officeInstant(random, deliverOn));
      return {
        itemCode: code,
        acceptedAt,
        deadline,
        completedAt: iso(completed),
        deliveredAt: iso(delivered),
        expedited,
      };
    });

    let rating: HistoryVisit['rating'] = null;
    if (random() < 0.86) {
      const level = random() < 0.9 ? 5 : 4;
      const c = random();
      const channel = c < 0.6 ? 'kiosk' : c < 0.8 ? 'window' : 'phone';
      const at =
        channel === 'phone'
          ? finished + between(random, 60, 36 * 60) * MIN_MS
          : finished + between(random, 5, 120) * 1000;
      rating = { level, channel, at: iso(at) };
    }

    visits.push({
      hallId: hall.id,
      source,
      group: first.group,
      issuedAt: iso(issued),
      calledAt: iso(called),
      startedAt: iso(started),
      finishedAt: iso(finished),
      counterId: chosen.id,
      clerkId,
      appointment,
      cases,
      rating,
    });
  }

  visits.sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : 0));
  const seq = new Map<string, number>();
  return visits.map((v) => {
    const key = `${v.hallId}|${localDate(new Date(v.issuedAt))}|${v.group}`;
    const next = (seq.get(key) ?? 0) + 1;
    seq.set(key, next);
    return { ...v, ticketNumber: ticketNumber(v.group, next) };
  });
}
