export { registerCalloutsRoutes } from './callouts.routes.ts';
export { type CalloutsService, createCalloutsService, type SmsTransport } from './callouts.service.ts';
export { createVolunteerRoster, type VolunteerRoster } from './volunteer-roster.ts';
