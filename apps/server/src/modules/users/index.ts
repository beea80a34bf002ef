export { createUsersRepo, type UserRecord, type UsersRepo } from './users.repo.ts';
export { registerUsersRoutes } from './users.routes.ts';
export { createUsersService, type UsersService } from './users.service.ts';
