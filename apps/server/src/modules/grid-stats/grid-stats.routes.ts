import { gridStats, gridStatsQuery } from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { GridStatsService } from './grid-stats.service.ts';

export function registerGridStatsRoutes(app: App, stats: GridStatsService) {
  app.get(
    '/api/grid/stats',
    {
      schema: {
        tags: ['grids'],
        summary:
          'Grid governance figures of the county, a township or a grid and of each unit below it (your scope)',
        querystring: gridStatsQuery,
        response: { 200: gridStats },
      },
    },
    async (request) => stats.stats(requireUser(request), request.query),
  );
}
