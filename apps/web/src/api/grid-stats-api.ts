import type { GridStats, GridStatsLevel, GridStatsUnit } from '@ronghui/contracts';
import { api } from './http-client.ts';

export interface GridStatsParams {
  level: GridStatsLevel;
  id?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  top?: number | undefined;
}

/** `GET /api/grid/stats`: used by the grid statistics view and the big screen's grid panel. */
export const gridStatsApi = {
  stats: (p: GridStatsParams) =>
    api.get<GridStats>('/grid/stats', {
      level: p.level,
      ...(p.id ? { id: p.id } : {}),
      ...(p.from ? { from: p.from } : {}),
      ...(p.to ? { to: p.to } : {}),
      ...(p.top ? { top: p.top } : {}),
    }),
};

/** The bounds of a China calendar year as instants (UTC+8). */
export function chinaYear(year: number): { from: string; to: string } {
  return {
    from: new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString(),
    to: new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000).toISOString(),
  };
}

/** A dispute rate of a unit, or null when none of its disputes has concluded (nothing to divide). */
export function concludedRate(u: GridStatsUnit, rate: 'successRate' | 'onTimeRate'): number | null {
  const d = u.disputes;
  return d.settled + d.failed + d.referred === 0 ? null : d[rate];
}
