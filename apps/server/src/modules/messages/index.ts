export { createEmergenciesRepo } from './emergencies.repo.ts';
export { createEmergenciesService, type EmergenciesService } from './emergencies.service.ts';
export { createMessageGroupsService, type MessageGroupsService } from './message-groups.service.ts';
export { createMessagesRepo, type MessagesRepo } from './messages.repo.ts';
export { registerMessagesRoutes } from './messages.routes.ts';
export { createMessagesService, type MessagesService } from './messages.service.ts';
