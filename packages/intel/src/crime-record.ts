/**
 * One recorded crime as the analysis sees it. Times are epoch milliseconds (UTC); local time of day is
 * derived with an offset the caller passes, never from the machine's time zone.
 */
export interface CrimeRecord {
  readonly id: string;
  /** Earliest and latest moment the crime can have happened (burglaries are often found hours later). */
  readonly occurredFrom: number;
  readonly occurredTo: number;
  /** Planar position in metres (local projection). */
  readonly x: number;
  readonly y: number;
  readonly lon?: number;
  readonly lat?: number;
  /** GA 240.1-structured 6-digit case category, e.g. 050101 入户盗窃. */
  readonly category: string;
  /** 选择处所 code (GA 240.5 structure), see PREMISE_CODES. */
  readonly premise: string;
  /** 作案手段 code (GA 240.7 structure): how entry was made. */
  readonly method: string;
  /** 作案特点 codes (GA 240.8 structure). */
  readonly features: readonly string[];
  readonly property?: string;
  readonly suspect?: string;
  /** Set when the case is solved and known to belong to a series. */
  readonly seriesId?: string;
  /** 立案: when the case was filed (absent: when it happened). */
  readonly filedAt?: number;
  /** 破案: when it was solved (absent: unsolved). */
  readonly solvedAt?: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function midTime(record: Pick<CrimeRecord, 'occurredFrom' | 'occurredTo'>): number {
  return (record.occurredFrom + record.occurredTo) / 2;
}
