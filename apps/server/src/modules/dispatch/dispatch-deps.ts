import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { IncidentsService } from '../incidents/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { RoutingService } from '../routing/index.ts';
import type { UnitsRepo } from '../units/index.ts';
import type { DispatchRepo } from './dispatch.repo.ts';

/** What the dispatch use cases are built from. */
export interface DispatchDeps {
  db: Kysely<DB>;
  repo: DispatchRepo;
  units: UnitsRepo;
  incidents: IncidentsService;
  orgs: OrgsService;
  routing: RoutingService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
  log: Logger;
}

/** The command rooms: county and joint-area dispatchers and commanders. */
export const COMMAND: Role[] = ['dispatcher', 'commander'];
/** Whoever answers a station's requests. */
export const STATION: Role[] = ['officer', 'auxiliary', 'dispatcher', 'commander'];
