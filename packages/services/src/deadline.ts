import { addWorkingDays, previousWorkingDay } from './calendar.ts';
import { dayNumber } from './dates.ts';

/** Working days to rectify after a bad review. */
export const RECTIFY_WORKING_DAYS = 5;

export interface DeadlineItem {
  kind: 'immediate' | 'promised';
  promisedDays: number;
  expeditedDays: number | null;
}

export interface CaseDeadline {
  /** 'YYYY-MM-DD', the last day the case may be completed on. */
  deadline: string;
  /** The working day before the deadline, never before acceptance. */
  warnOn: string;
}

/** The deadline of a case in working days (调休 counted), accepted on acceptedDate. */
export function caseDeadline(acceptedDate: string, item: DeadlineItem, expedited: boolean): CaseDeadline {
  dayNumber(acceptedDate);
  if (item.kind === 'immediate') return { deadline: acceptedDate, warnOn: acceptedDate };
  const days = expedited && item.expeditedDays != null ? item.expeditedDays : item.promisedDays;
  const deadline = addWorkingDays(acceptedDate, days);
  const before = deadline === acceptedDate ? acceptedDate : previousWorkingDay(deadline);
  return { deadline, warnOn: before < acceptedDate ? acceptedDate : before };
}
