import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { OrgsService } from '../orgs/index.ts';
import { createIntelAnalysisService } from './intel-analysis.service.ts';
import { createIntelLinkageService } from './intel-linkage.service.ts';
import { createIntelRecordsService } from './intel-records.service.ts';
import { createIntelReportsRepo } from './intel-reports.repo.ts';
import { createIntelReportsService } from './intel-reports.service.ts';
import { createIntelScope } from './intel-scope.ts';
import { createIntelRepo } from './intel.repo.ts';

/** The intelligence-analysis module (研判): records, linkage, analyses and reports, wired once. */
export function createIntelModule(deps: {
  db: Kysely<DB>;
  orgs: OrgsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
  chromiumPath?: string | undefined;
}) {
  const { db, orgs, audit, bus, clock } = deps;
  const scope = createIntelScope({ db, repo: createIntelRepo(), orgs });
  const analysis = createIntelAnalysisService({ scope });
  const linkage = createIntelLinkageService({ scope, audit, bus, clock });
  return {
    scope,
    records: createIntelRecordsService({ scope, audit, bus }),
    linkage,
    analysis,
    reports: createIntelReportsService({
      scope,
      repo: createIntelReportsRepo(),
      analysis,
      linkage,
      audit,
      bus,
      clock,
      chromiumPath: deps.chromiumPath,
    }),
  };
}
export type IntelModule = ReturnType<typeof createIntelModule>;
