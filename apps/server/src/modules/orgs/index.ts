// The orgs module's entrance for other modules.
export type { OrgsService } from './orgs.service.ts';
