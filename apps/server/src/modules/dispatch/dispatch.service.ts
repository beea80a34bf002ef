import { createDirectDispatchService } from './direct-dispatch.service.ts';
import type { DispatchDeps } from './dispatch-deps.ts';
import { createBackupService } from './backup.service.ts';
import { createEscalationService } from './escalation.service.ts';
import { createRecommendService } from './recommend.service.ts';
import { createRequestsService } from './requests.service.ts';

/**
 * The dispatch use cases in one object: recommendations, joint-area requests (request → commit / decline →
 * release), referral up to the county, and direct dispatch. Each lives in its own file.
 */
export function createDispatchService(deps: DispatchDeps) {
  return {
    ...createRecommendService(deps),
    ...createRequestsService(deps),
    ...createEscalationService(deps),
    ...createBackupService(deps),
    ...createDirectDispatchService(deps),
  };
}
export type DispatchService = ReturnType<typeof createDispatchService>;
