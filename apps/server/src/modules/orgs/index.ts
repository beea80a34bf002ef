export type { Org, OrgKind, OrgTreeNode } from './org.ts';
export { ORG_KINDS } from './org.ts';
export { OrgDirectory } from './org-directory.ts';
export { createOrgsRepo, type OrgsRepo } from './orgs.repo.ts';
export { registerOrgsRoutes } from './orgs.routes.ts';
export { createOrgsService, type OrgsService } from './orgs.service.ts';
