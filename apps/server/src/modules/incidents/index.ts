export { createIncidentsRepo, type IncidentsRepo } from './incidents.repo.ts';
export { registerIncidentsRoutes } from './incidents.routes.ts';
export { createIncidentsService, type IncidentsService } from './incidents.service.ts';
export type { IncidentView } from './incident-presenter.ts';
export type { EmergencyResource } from './incident-eido.ts';
export { appendTimelineEntry, type TimelineEntryInput, timelineEntriesOfKind } from './incident-timeline.ts';
