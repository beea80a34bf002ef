// 群防群治: volunteer teams and their members.
//
// The API other modules build on (e.g. call-outs, 一呼百应):
// - `VolunteersService.eligibleForSelection(tenantCode, { stationIds?, onDutyOnly?, consentingOnly? })`
//   → `EligibleVolunteer[]`: memberId, userId (the account alerts go to), teamIds, stationIds, skills,
//   vetting ('unvetted' | 'basic' | 'full'), onDuty, locationConsent, township and the latest position
//   (`{ lon, lat, accuracyM, at }` or null). No personal data.
// - `VolunteersService.memberByUserId(tenantCode, userId)` → the (masked) member record with stationIds, or null.
//
// Tables (migration 20261206T1500-create-volunteers.sql), for queries joined in SQL:
// - `volunteer_teams` (tenant_code, id, name, kind, station_id, leader_user_id, township, active, …)
// - `volunteer_members` (tenant_code, id, user_id, skills jsonb string[], vetting, on_duty, duty_since,
//   location_consent_at, location_withdrawn_at, left_on, …; name/phone/id_number encrypted)
// - `volunteer_team_members` (tenant_code, team_id, member_id, joined_on, left_on)
// - `volunteer_positions` (tenant_code, member_id PK, lon, lat, accuracy_m, at): the latest position, present
//   only while the member consents to location sharing and is on duty (deleted on going off duty or
//   withdrawing consent; `PUT /api/volunteers/me/position` refuses otherwise).
// - `volunteer_duty_periods` (tenant_code, member_id, started_at, ended_at) and `volunteer_join_requests`.
export { importTemplate, parseCsv, parseVolunteerFile, validateImportRows } from './volunteer-import.ts';
export { createVolunteersRepo, type VolunteersRepo } from './volunteers.repo.ts';
export { registerVolunteersRoutes } from './volunteers.routes.ts';
export {
  createVolunteersService,
  dutyHours,
  type EligibleVolunteer,
  type VolunteersService,
} from './volunteers.service.ts';
