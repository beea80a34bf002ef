/** A stored analysis report (研判报告): editable text sections and traceable figures. */
export interface ReportSection {
  key: string;
  title: string;
  text: string;
}

export interface ReportSource {
  /** The crime records behind the figure. */
  recordIds: string[];
  /** The analysis and its parameters, as the API would be asked for it again. */
  query: Record<string, unknown>;
}

export interface ReportFigure {
  id: string;
  caption: string;
  svg?: string;
  table?: { head: string[]; rows: string[][] };
  source: ReportSource;
}

export interface ReportView {
  id: string;
  title: string;
  params: Record<string, unknown>;
  sections: ReportSection[];
  figures: ReportFigure[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const SHANGHAI_MS = 8 * 3_600_000;

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
export function shanghaiTime(date: Date | string | number): string {
  const ms = new Date(date).getTime() + SHANGHAI_MS;
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export const shanghaiDate = (date: Date | string | number) => shanghaiTime(date).slice(0, 10);
