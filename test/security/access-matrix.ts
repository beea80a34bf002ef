import { type RoleKey, roleKey, type Topic } from '@ronghui/contracts';

/**
 * Who may do what, written out: the role × route matrix of the API and the role × topic matrix of the live
 * channel (`/api/ws`). The security tests hold the server to these tables. They are written out on purpose,
 * not derived from the code: a change to a module's roles shows up as a failing row to decide on, not as a
 * silent widening.
 */
export type Access = 'anyone' | 'signed-in' | readonly RoleKey[];

/** Every role (the demo has one account of each, named after it). */
export const ALL: readonly RoleKey[] = roleKey.options;
const ADMINS: readonly RoleKey[] = ['system-admin', 'security-admin', 'auditor'];
const OPERATIONAL: readonly RoleKey[] = ALL.filter((r) => !ADMINS.includes(r));
const COMMAND: readonly RoleKey[] = ['commander', 'dispatcher'];
const STATION: readonly RoleKey[] = [...COMMAND, 'officer', 'auxiliary'];
const INCIDENT_READ: readonly RoleKey[] = [...STATION, 'analyst', 'grid-worker', 'leader'];
const UNIT_READ: readonly RoleKey[] = [...STATION, 'leader'];
const INTEL_READ: readonly RoleKey[] = ['commander', 'analyst', 'leader'];
const ANALYST: readonly RoleKey[] = ['analyst'];
const PATROL_READ: readonly RoleKey[] = [...COMMAND, 'officer', 'leader'];
const MESSAGING: readonly RoleKey[] = [...STATION, 'leader'];
const CAMERA_READ: readonly RoleKey[] = [...COMMAND, 'officer', 'leader', 'system-admin'];
const HAZARD_READ: readonly RoleKey[] = [...STATION, 'grid-worker', 'analyst', 'leader'];
const HAZARD_REPORT: readonly RoleKey[] = [...STATION, 'grid-worker'];
const HAZARD_WORK: readonly RoleKey[] = [...STATION, 'grid-worker'];
const REVEAL: readonly RoleKey[] = [...COMMAND, 'officer', 'analyst', 'grid-worker'];
const GRID_READ: readonly RoleKey[] = [...STATION, 'leader', 'grid-worker'];
const GRID_WRITE: readonly RoleKey[] = ['commander', 'officer'];
const GRID_REVEAL: readonly RoleKey[] = [...COMMAND, 'officer', 'grid-worker'];
const DISPUTE_READ: readonly RoleKey[] = [...STATION, 'analyst', 'grid-worker', 'leader'];
const DISPUTE_WRITE: readonly RoleKey[] = [...STATION, 'grid-worker'];
const REGISTRY_READ: readonly RoleKey[] = [...STATION, 'leader', 'grid-worker'];
const REGISTRY_WRITE: readonly RoleKey[] = ['commander', 'officer', 'auxiliary', 'grid-worker'];
const REGISTRY_IMPORT: readonly RoleKey[] = ['commander', 'officer', 'auxiliary'];
const REGISTRY_REVEAL: readonly RoleKey[] = [...COMMAND, 'officer', 'grid-worker'];
const REGISTRY_REVIEW: readonly RoleKey[] = ['commander', 'officer', 'auxiliary'];
const CALLOUT_READ: readonly RoleKey[] = [...STATION, 'leader'];
const VOLUNTEER: readonly RoleKey[] = ['volunteer'];
const VOLUNTEER_READ: readonly RoleKey[] = [...STATION, 'leader', 'volunteer'];
const VOLUNTEER_WRITE: readonly RoleKey[] = STATION;
const VOLUNTEER_STATS: readonly RoleKey[] = [...STATION, 'leader'];
const VOLUNTEER_REVEAL: readonly RoleKey[] = [...COMMAND, 'officer'];
const VOLUNTEER_SELF: readonly RoleKey[] = ['volunteer'];
const VOLUNTEER_REPORT: readonly RoleKey[] = [...STATION, 'volunteer'];
const PATROL_TASK_READ: readonly RoleKey[] = [...STATION, 'leader', 'volunteer'];
const PATROL_STAFF: readonly RoleKey[] = [...STATION, 'leader'];

export const ROUTE_ACCESS: Record<string, Access> = {
  'GET /api/health': 'anyone',
  'POST /api/auth/login': 'anyone',
  'POST /api/auth/logout': 'signed-in',
  'GET /api/auth/me': 'signed-in',
  'GET /api/auth/roles': 'signed-in',
  // Administrators hold no bearer tokens (三员分立: their accounts act only through a signed-in session).
  'POST /api/auth/tokens': OPERATIONAL,
  'GET /api/auth/tokens': 'signed-in',
  'DELETE /api/auth/tokens/:id': 'signed-in',
  'GET /api/orgs/tree': 'signed-in',
  'GET /api/orgs/geojson': 'signed-in',
  'GET /api/users': ['system-admin', 'security-admin'],
  'POST /api/users': ['system-admin'],
  'PATCH /api/users/:id': ['system-admin'],
  'POST /api/users/:id/password': ['system-admin', 'security-admin'],
  'POST /api/users/:id/unlock': ['system-admin', 'security-admin'],
  'GET /api/users/:id/sessions': ['security-admin'],
  'DELETE /api/users/:id/sessions': ['security-admin'],
  'DELETE /api/users/:id/sessions/:sessionId': ['security-admin'],
  'GET /api/audit': ['auditor'],
  'POST /api/audit/verify': ['auditor'],
  'GET /api/audit/checkpoints': ['auditor'],
  'GET /api/audit/checkpoint-key': ['auditor'],
  'POST /api/intel/records/import': ANALYST,
  'GET /api/intel/records': INTEL_READ,
  'GET /api/intel/records/:id/candidates': INTEL_READ,
  'GET /api/intel/series': INTEL_READ,
  'GET /api/intel/series/:id': INTEL_READ,
  'POST /api/intel/series': ANALYST,
  'POST /api/intel/series/:id/confirm': ANALYST,
  'POST /api/intel/series/:id/reject': ANALYST,
  'GET /api/intel/weights': INTEL_READ,
  'GET /api/intel/trend': INTEL_READ,
  'GET /api/intel/hotspots': INTEL_READ,
  'GET /api/intel/near-repeat': INTEL_READ,
  'GET /api/intel/heat': INTEL_READ,
  'GET /api/intel/reports': INTEL_READ,
  'POST /api/intel/reports': ANALYST,
  'PUT /api/intel/reports/:id': ANALYST,
  'GET /api/intel/reports/:id': INTEL_READ,
  'POST /api/intel/records/from-incident/:incidentId': ANALYST,
  // 110 and video intake (the sample's source) belong to the command rooms.
  'POST /api/incidents': COMMAND,
  'GET /api/incidents': INCIDENT_READ,
  'GET /api/incidents/address-suggestions': INCIDENT_READ,
  'GET /api/incidents/trend': INCIDENT_READ,
  'GET /api/incidents/settings': INCIDENT_READ,
  'PUT /api/incidents/settings': ['commander'],
  'GET /api/incidents/:id': INCIDENT_READ,
  'GET /api/incidents/:id/eido': INCIDENT_READ,
  'POST /api/incidents/:id/status': STATION,
  'POST /api/incidents/:id/merge': COMMAND,
  'POST /api/incidents/:id/reveal': REVEAL,
  'POST /api/incidents/:id/notes': STATION,
  'POST /api/incidents/:id/photos': STATION,
  'GET /api/incidents/:id/attachments': INCIDENT_READ,
  'GET /api/incidents/:id/attachments/:attachmentId': INCIDENT_READ,
  'GET /api/units': UNIT_READ,
  'GET /api/units/mine': UNIT_READ,
  'PUT /api/units/mine': ['officer', 'auxiliary'],
  'DELETE /api/units/mine': ['officer', 'auxiliary'],
  'GET /api/units/:id': UNIT_READ,
  'POST /api/units/:id/status': STATION,
  'POST /api/avl': STATION,
  'GET /api/avl/rejections': [...COMMAND, 'system-admin'],
  'GET /api/routing/route': 'signed-in',
  'GET /api/routing/isochrone': 'signed-in',
  'GET /api/routing/roads': 'signed-in',
  'GET /api/routing/closures': 'signed-in',
  'POST /api/routing/closures': COMMAND,
  'DELETE /api/routing/closures/:id': COMMAND,
  'GET /api/map/config': 'signed-in',
  'GET /api/map/places': 'signed-in',
  'GET /api/map/glyphs/:fontstack/:range.pbf': 'signed-in',
  'GET /api/map/terrain/:z/:x/:y.png': 'signed-in',
  'GET /api/incidents/:id/timers': INCIDENT_READ,
  'GET /api/incidents/:id/units': INCIDENT_READ,
  'GET /api/incidents/:id/recommendations': COMMAND,
  'POST /api/incidents/:id/requests': COMMAND,
  'POST /api/incidents/:id/escalate': COMMAND,
  'POST /api/incidents/:id/backup': STATION,
  'GET /api/incidents/:id/requests': [...STATION, 'leader'],
  'GET /api/requests': STATION,
  'POST /api/requests/:id/commit': STATION,
  'POST /api/requests/:id/decline': STATION,
  'POST /api/requests/:id/release': COMMAND,
  'POST /api/incidents/:id/dispatch': COMMAND,
  'GET /api/dispatch/metrics': PATROL_READ,
  'GET /api/coverage': PATROL_READ,
  'GET /api/patrol-plans': PATROL_READ,
  'POST /api/patrol-plans': COMMAND,
  'PUT /api/patrol-plans/:id': COMMAND,
  'DELETE /api/patrol-plans/:id': COMMAND,
  'GET /api/cot': UNIT_READ,
  'GET /api/cameras': CAMERA_READ,
  'GET /api/cameras/:id': CAMERA_READ,
  'GET /api/cameras/:id/scene': CAMERA_READ,
  'POST /api/cameras': ['commander', 'system-admin'],
  'PATCH /api/cameras/:id': ['commander', 'system-admin'],
  'DELETE /api/cameras/:id': ['commander', 'system-admin'],
  'GET /api/grids': GRID_READ,
  'GET /api/grids/geojson': GRID_READ,
  'GET /api/grids/at': GRID_READ,
  'POST /api/grids/import': GRID_WRITE,
  'PUT /api/grids/:id/boundary': GRID_WRITE,
  'GET /api/grid/rosters': GRID_READ,
  'GET /api/grid/rosters/summary': GRID_READ,
  'POST /api/grid/rosters': GRID_WRITE,
  'POST /api/grid/rosters/:id/end': GRID_WRITE,
  'POST /api/grid/rosters/:id/reveal': GRID_REVEAL,
  'GET /api/grid/coverage': GRID_READ,
  'GET /api/grid/stats': GRID_READ,
  'POST /api/messages': MESSAGING,
  'GET /api/messages': MESSAGING,
  'GET /api/messages/:id': MESSAGING,
  'POST /api/messages/:id/delivered': MESSAGING,
  'POST /api/messages/:id/ack': MESSAGING,
  'POST /api/message-groups': MESSAGING,
  'GET /api/message-groups': MESSAGING,
  'POST /api/units/:id/emergency': ['officer', 'auxiliary'],
  'POST /api/emergencies/:id/ack': COMMAND,
  'GET /api/emergencies': MESSAGING,
  'POST /api/incidents/:id/callouts': COMMAND,
  'POST /api/callouts': STATION,
  'GET /api/callouts': CALLOUT_READ,
  'GET /api/callouts/mine': VOLUNTEER,
  'GET /api/callouts/:id': CALLOUT_READ,
  'POST /api/callouts/:id/cancel': STATION,
  'POST /api/callouts/:id/accept': VOLUNTEER,
  'POST /api/callouts/:id/decline': VOLUNTEER,
  // The SMS gateway's receipts: no session, a shared token instead (refused without it).
  'POST /api/callouts/sms-receipts': 'anyone',
  'POST /api/volunteers/me/position': VOLUNTEER,
  'GET /api/volunteers/positions': VOLUNTEER_STATS,
  'POST /api/hazards': HAZARD_REPORT,
  'GET /api/hazards': HAZARD_READ,
  'GET /api/hazards/deadlines': HAZARD_READ,
  'PUT /api/hazards/deadlines': ['commander'],
  'GET /api/hazards/:id': HAZARD_READ,
  // Any step passes the door; which step depends on the role (grid workers handle, stations decide).
  'POST /api/hazards/:id/steps': HAZARD_WORK,
  'POST /api/hazards/:id/incident': STATION,
  'POST /api/hazards/:id/photos': HAZARD_REPORT,
  'GET /api/hazards/:id/photos/:photoId': HAZARD_READ,
  'POST /api/incidents/:id/grid-case': COMMAND,
  'GET /api/push/config': 'signed-in',
  'GET /api/push/subscriptions': 'signed-in',
  'POST /api/push/subscriptions': 'signed-in',
  'DELETE /api/push/subscriptions': 'signed-in',
  'POST /api/disputes': DISPUTE_WRITE,
  'GET /api/disputes': DISPUTE_READ,
  'GET /api/disputes/stats': DISPUTE_READ,
  'GET /api/disputes/:id': DISPUTE_READ,
  'POST /api/disputes/:id/status': DISPUTE_WRITE,
  'POST /api/disputes/:id/meetings': DISPUTE_WRITE,
  'PUT /api/disputes/:id/agreement': DISPUTE_WRITE,
  'GET /api/disputes/:id/agreement.pdf': DISPUTE_READ,
  'POST /api/disputes/:id/follow-ups': DISPUTE_WRITE,
  'POST /api/disputes/:id/reveal': REVEAL,
  'GET /api/registry/addresses': REGISTRY_READ,
  'GET /api/registry/people': REGISTRY_READ,
  'GET /api/registry/houses': REGISTRY_READ,
  'GET /api/registry/businesses': REGISTRY_READ,
  'GET /api/registry/addresses/:id': REGISTRY_READ,
  'POST /api/registry/addresses': REGISTRY_WRITE,
  'PATCH /api/registry/addresses/:id': REGISTRY_WRITE,
  'POST /api/registry/people': REGISTRY_WRITE,
  'PATCH /api/registry/people/:id': REGISTRY_WRITE,
  'POST /api/registry/houses': REGISTRY_WRITE,
  'PATCH /api/registry/houses/:id': REGISTRY_WRITE,
  'POST /api/registry/businesses': REGISTRY_WRITE,
  'PATCH /api/registry/businesses/:id': REGISTRY_WRITE,
  'GET /api/registry/:kind/:id/history': REGISTRY_READ,
  'POST /api/registry/:kind/:id/reveal': REGISTRY_REVEAL,
  'POST /api/registry/import': REGISTRY_IMPORT,
  'GET /api/registry/import/template': 'signed-in',
  'POST /api/registry/collections': ['grid-worker'],
  'GET /api/registry/collections': REGISTRY_READ,
  'GET /api/registry/collections/stats': REGISTRY_READ,
  'GET /api/registry/collections/workers': REGISTRY_REVIEW,
  'POST /api/registry/collections/assign': REGISTRY_REVIEW,
  'POST /api/registry/collections/:id/review': REGISTRY_REVIEW,
  'GET /api/volunteers/teams': VOLUNTEER_READ,
  'POST /api/volunteers/teams': VOLUNTEER_WRITE,
  'GET /api/volunteers/teams/:id': VOLUNTEER_READ,
  'PATCH /api/volunteers/teams/:id': VOLUNTEER_WRITE,
  'GET /api/volunteers/members': VOLUNTEER_READ,
  'POST /api/volunteers/members': VOLUNTEER_WRITE,
  'GET /api/volunteers/members/:id': VOLUNTEER_READ,
  'PATCH /api/volunteers/members/:id': VOLUNTEER_WRITE,
  'POST /api/volunteers/members/:id/reveal': VOLUNTEER_REVEAL,
  'GET /api/volunteers/me': VOLUNTEER_SELF,
  'PUT /api/volunteers/me/duty': VOLUNTEER_SELF,
  'PUT /api/volunteers/me/consent': VOLUNTEER_SELF,
  'PUT /api/volunteers/me/position': VOLUNTEER_SELF,
  'GET /api/volunteers/join-requests': VOLUNTEER_READ,
  'POST /api/volunteers/join-requests': VOLUNTEER_SELF,
  'POST /api/volunteers/join-requests/:id/decision': VOLUNTEER_WRITE,
  'POST /api/volunteers/import': VOLUNTEER_WRITE,
  'GET /api/volunteers/import-template': VOLUNTEER_WRITE,
  'GET /api/volunteers/stats': VOLUNTEER_STATS,
  'GET /api/volunteers/activities': VOLUNTEER_READ,
  'POST /api/volunteers/activities': VOLUNTEER_REPORT,
  'GET /api/volunteers/activities/:id': VOLUNTEER_READ,
  'POST /api/volunteers/activities/:id/decision': VOLUNTEER_WRITE,
  'GET /api/volunteers/ranking': VOLUNTEER_STATS,
  'GET /api/volunteers/me/points': VOLUNTEER_SELF,
  'GET /api/volunteers/members/:id/certificate.pdf': VOLUNTEER_READ,
  'GET /api/patrols/features': PATROL_STAFF,
  'GET /api/patrols/tasks': PATROL_TASK_READ,
  'POST /api/patrols/tasks': STATION,
  'GET /api/patrols/tasks/:id': PATROL_TASK_READ,
  'POST /api/patrols/tasks/:id/cancel': STATION,
  'POST /api/patrols/tasks/:id/check-in': VOLUNTEER_SELF,
  'GET /api/patrols/mine': VOLUNTEER_SELF,
  'GET /api/patrols/live': PATROL_STAFF,
  'GET /api/patrols/runs/:id': PATROL_TASK_READ,
  'POST /api/patrols/runs/:id/points': VOLUNTEER_SELF,
  'POST /api/patrols/runs/:id/check-out': VOLUNTEER_SELF,
};

/** Each topic of the live channel, and the roles that receive it (when their scope reaches its orgs). */
export const TOPIC_ACCESS: Record<Topic, readonly RoleKey[]> = {
  'org.changed': ALL,
  'user.changed': ['system-admin', 'security-admin'],
  'incident.created': INCIDENT_READ,
  'incident.updated': INCIDENT_READ,
  'incident.escalated': INCIDENT_READ,
  'incident.backup': INCIDENT_READ,
  'incident.timer': INCIDENT_READ,
  'incident.units': INCIDENT_READ,
  'intel.changed': INTEL_READ,
  'callout.changed': CALLOUT_READ,
  'callout.alert': VOLUNTEER,
  'hazard.changed': HAZARD_READ,
  'unit.status': UNIT_READ,
  'unit.positions': UNIT_READ,
  'request.changed': [...STATION, 'leader'],
  'message.sent': MESSAGING,
  'message.acknowledged': MESSAGING,
  'emergency.raised': MESSAGING,
  'emergency.acknowledged': MESSAGING,
  'road.event.changed': ALL,
  'patrol.changed': PATROL_READ,
  'patrol.task.changed': PATROL_STAFF,
  'dispute.alert': DISPUTE_READ,
  'audit.alert': ['auditor'],
};

/** The API route that reads what each topic is about: the two must admit the same roles. */
export const TOPIC_READ_ROUTE: Record<Topic, string> = {
  'org.changed': 'GET /api/orgs/tree',
  'user.changed': 'GET /api/users',
  'incident.created': 'GET /api/incidents',
  'incident.updated': 'GET /api/incidents/:id',
  'incident.escalated': 'GET /api/incidents/:id',
  'incident.backup': 'GET /api/incidents/:id',
  'incident.timer': 'GET /api/incidents/:id/timers',
  'incident.units': 'GET /api/incidents/:id',
  'intel.changed': 'GET /api/intel/records',
  'callout.changed': 'GET /api/callouts/:id',
  'callout.alert': 'GET /api/callouts/mine',
  'hazard.changed': 'GET /api/hazards/:id',
  'unit.status': 'GET /api/units',
  'unit.positions': 'GET /api/units',
  'request.changed': 'GET /api/incidents/:id/requests',
  'message.sent': 'GET /api/messages',
  'message.acknowledged': 'GET /api/messages/:id',
  'emergency.raised': 'GET /api/emergencies',
  'emergency.acknowledged': 'GET /api/emergencies',
  'road.event.changed': 'GET /api/routing/closures',
  'patrol.changed': 'GET /api/patrol-plans',
  'patrol.task.changed': 'GET /api/patrols/live',
  'dispute.alert': 'GET /api/disputes/:id',
  'audit.alert': 'GET /api/audit',
};

/** The roles an access entry admits. */
export function rolesOf(access: Access): readonly RoleKey[] {
  return access === 'anyone' || access === 'signed-in' ? ALL : access;
}
