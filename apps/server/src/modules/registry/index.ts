// 一标三实: standard addresses, people, houses, businesses, and the grid workers' collection tasks.
export {
  collectionCountsByGrid,
  type CollectionsService,
  createCollectionsService,
  type WorkerDirectory,
} from './collections.service.ts';
export { createRegistryRepo, type RegistryRepo } from './registry.repo.ts';
export { registerRegistryRoutes } from './registry.routes.ts';
export { createRegistryService, type RegistryService } from './registry.service.ts';
export { headerRow, writeCsv, writeXlsx } from './registry-files.ts';
export { COLUMNS as REGISTRY_COLUMNS } from './registry-rules.ts';
