export { createIncidentsRepo, type IncidentsRepo } from './incidents.repo.ts';
export { registerIncidentsRoutes } from './incidents.routes.ts';
export { createIncidentsService, type IncidentsService } from './incidents.service.ts';
export type { EmergencyResource } from './incident-eido.ts';
export { loadTenantGazetteer } from './incident-context.ts';
export { locationColumns, type ResolvedLocation, resolveLocation } from './incident-location.ts';
export { appendTimelineEntry, type TimelineEntryInput, timelineEntriesOfKind } from './incident-timeline.ts';
export { createIncidentClocksRepo, type IncidentClocksRepo } from './incident-clocks.repo.ts';
export { incidentAudience } from './incident-audience.ts';
