import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written as Date or ISO strings and read back as Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in by default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;
/** int8, parsed to a number by both drivers (see database.ts). */
type BigInt8 = ColumnType<number, number, number>;

export interface TenantsTable {
  tenant_code: string;
  name: string;
  county: string;
  demo: Generated<boolean>;
  attribution: Json<string[]>;
  created_at: GeneratedTimestamp;
}

export interface OrgsTable {
  id: string;
  tenant_code: string;
  parent_id: string | null;
  kind: 'tenant' | 'area' | 'station' | 'brigade' | 'grid';
  code: string;
  name: string;
  area_key: string | null;
  boundary: NullableJson<unknown>;
  lon: number | null;
  lat: number | null;
  population: number | null;
  sort: Generated<number>;
  created_at: GeneratedTimestamp;
}

export interface DivisionsTable {
  tenant_code: string;
  code: string;
  level: 'township' | 'village';
  kind: string;
  name: string;
  parent_code: string | null;
  lon: number;
  lat: number;
  population: Generated<number>;
  station_id: string | null;
  grid_id: string | null;
}

export interface UsersTable {
  id: string;
  tenant_code: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  org_id: string;
  status: Generated<'active' | 'disabled'>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SessionsTable {
  token_hash: string;
  tenant_code: string;
  user_id: string;
  kind: 'session' | 'token';
  name: string | null;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** Public id (20261206T0910). */
  id: string;
}

/** Failed logins per account name and source address (20261206T0910). */
export interface LoginFailuresTable {
  tenant_code: string;
  username: string;
  source_ip: string;
  failures: number;
  locked_until: NullableTimestamp;
  last_failure_at: Timestamp;
}

export interface AuditLogTable {
  tenant_code: string;
  seq: BigInt8;
  at: Timestamp;
  actor_id: string | null;
  actor: string;
  action: string;
  resource: string;
  resource_id: string | null;
  outcome: 'ok' | 'denied' | 'error';
  reason: string | null;
  ip: string | null;
  detail: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
  /** 'sm3': unkeyed, written before the audit key existed; 'hmac-sm3': keyed with the audit key. */
  hash_alg: 'sm3' | 'hmac-sm3';
}

/** Signed checkpoints of an audit chain's head (also kept in `<DATA_DIR>/audit-checkpoints.jsonl`). */
export interface AuditCheckpointsTable {
  tenant_code: string;
  seq: BigInt8;
  head_hash: string;
  record_count: BigInt8;
  at: Timestamp;
  key_id: string;
  signature: string;
}

export interface PushSubscriptionsTable {
  tenant_code: string;
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  user_agent: string | null;
  created_at: Timestamp;
  last_sent_at: NullableTimestamp;
  failures: ColumnType<number, number | undefined, number>;
}

export interface IdempotencyKeysTable {
  tenant_code: string;
  user_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: number | null;
  content_type: string | null;
  response: string | null;
  created_at: Timestamp;
}

/** 一呼百应: a call-out of volunteers to an incident or a place. */
export interface CalloutsTable {
  tenant_code: string;
  id: string;
  incident_id: string | null;
  org_id: string;
  station_id: string | null;
  kind: string;
  description: string;
  address: string;
  /** The approximate place a volunteer sees before accepting (village or township). */
  place: string;
  lon: number;
  lat: number;
  setting: string;
  needed: number;
  required_skills: Json<string[]>;
  min_vetting: Generated<number>;
  ring: Generated<number>;
  status: string;
  accepted: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  widen_at: NullableTimestamp;
  expires_at: Timestamp;
  closed_at: NullableTimestamp;
}

/** A volunteer alerted by a call-out, with the ring and road ETA they were chosen at and their answer. */
export interface CalloutRecipientsTable {
  tenant_code: string;
  callout_id: string;
  member_id: string;
  user_id: string | null;
  ring: number;
  eta_s: number;
  distance_m: number;
  alerted_at: Timestamp;
  state: string;
  answered_at: NullableTimestamp;
  reason: string | null;
}

/** One delivery of a call-out alert over one channel: attempts, backoff, the gateway's receipt. */
export interface CalloutDeliveriesTable {
  id: ColumnType<number, never, never>;
  tenant_code: string;
  callout_id: string;
  member_id: string;
  channel: string;
  status: string;
  attempts: Generated<number>;
  next_at: NullableTimestamp;
  last_error: string | null;
  provider_id: string | null;
  sent_at: NullableTimestamp;
  receipt_at: NullableTimestamp;
  receipt_status: string | null;
}

export interface HazardsTable {
  tenant_code: string;
  id: string;
  number: string;
  kind: string;
  status: string;
  description: string;
  lon: number;
  lat: number;
  address: string | null;
  grid_id: string | null;
  station_id: string | null;
  org_id: string;
  responsible_kind: string | null;
  responsible_id: string | null;
  responsible_name: string | null;
  reported_by_id: string;
  reported_by: string;
  reported_at: Timestamp;
  registered_at: NullableTimestamp;
  deadline_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  overdue: Generated<string>;
  escalated_to: string | null;
  rating: string | null;
  incident_id: string | null;
  incident_number: string | null;
  from_incident_id: string | null;
  from_incident_number: string | null;
  request_hash: string;
  updated_at: Timestamp;
  /** The community grid at the hazard's point (null outside every community grid). */
  community_grid_id: Generated<string | null>;
  demo: Generated<boolean>;
}

export interface HazardCountersTable {
  tenant_code: string;
  day: string;
  last: number;
}

export interface HazardEventsTable {
  id: ColumnType<number, never, never>;
  tenant_code: string;
  hazard_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  detail: Json<Record<string, unknown>>;
}

export interface HazardPhotosTable {
  tenant_code: string;
  id: string;
  hazard_id: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  bytes: Buffer;
  created_by: string;
  created_at: Timestamp;
}

export interface HazardDeadlinesTable {
  tenant_code: string;
  kind: string;
  days: number;
}

export interface IncidentAttachmentsTable {
  tenant_code: string;
  id: string;
  incident_id: string;
  kind: 'photo';
  content_type: string;
  size_bytes: number;
  sha256: string;
  caption: string | null;
  bytes: Buffer;
  created_by: string;
  created_at: Timestamp;
}

/** Who works which unit (上岗): one unit per user. */
export interface UnitCrewsTable {
  tenant_code: string;
  user_id: string;
  unit_id: string;
  since: Timestamp;
}

export interface OutboxTable {
  id: ColumnType<number, never, never>;
  tenant_code: string;
  topic: string;
  payload: Json<unknown>;
  org_ids: string[];
  /** The users an addressed event is for; null when it is for everyone its orgs and roles allow. */
  user_ids: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  created_at: GeneratedTimestamp;
  published_at: NullableTimestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: GeneratedTimestamp;
}

export interface DispatchSettingsTable {
  tenant_code: string;
  county_town_codes: Generated<string[]>;
  county_town_radius_m: Generated<number>;
  suburb_radius_m: Generated<number>;
  target_county_town_s: Generated<number>;
  target_suburb_s: Generated<number>;
  target_rural_s: Generated<number>;
  duplicate_radius_m: Generated<number>;
  duplicate_window_s: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface PlacesTable {
  tenant_code: string;
  id: string;
  name: string;
  aliases: string[];
  kind: string;
  township_code: string;
  village_code: string | null;
  lon: number;
  lat: number;
}

export interface IncidentCountersTable {
  tenant_code: string;
  day: string;
  n: number;
}

export interface IncidentsTable {
  id: string;
  tenant_code: string;
  number: string;
  source: string;
  kind: string;
  category_code: string;
  priority: number;
  status: string;
  disposition: string | null;
  description: string;
  caller_name: string | null;
  caller_phone: string | null;
  address: string | null;
  road: string | null;
  house_number: string | null;
  lon: number;
  lat: number;
  location_source: 'point' | 'address';
  confidence: number;
  candidates: Json<unknown[]>;
  township_code: string | null;
  village_code: string | null;
  place_id: string | null;
  station_id: string | null;
  area_id: string | null;
  grid_id: string | null;
  zone: 'county-town' | 'suburb' | 'rural';
  target_seconds: number;
  received_at: Timestamp;
  answered_at: NullableTimestamp;
  dispatched_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
  en_route_at: NullableTimestamp;
  on_scene_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  callback_at: NullableTimestamp;
  merged_into: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_by: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface IncidentOrgsTable {
  tenant_code: string;
  incident_id: string;
  org_id: string;
  role: string;
  created_at: GeneratedTimestamp;
}

export interface IncidentEventsTable {
  id: ColumnType<number, never, never>;
  tenant_code: string;
  incident_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  detail: Json<Record<string, unknown>>;
}

export interface CrimeRecordsTable {
  tenant_code: string;
  id: string;
  occurred_from: Timestamp;
  occurred_to: Timestamp;
  lon: number;
  lat: number;
  category: string;
  premise: string;
  method: string;
  features: string[];
  property: string | null;
  suspect: string | null;
  series_id: string | null;
  source_incident_id: string | null;
  station_id: string | null;
  area_id: string | null;
  grid_id: string | null;
  created_by: string;
  created_at: GeneratedTimestamp;
  /** 立案 (null: occurred_from). */
  filed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** 破案 (null: unsolved). */
  solved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CrimeSeriesTable {
  tenant_code: string;
  id: string;
  name: string;
  seed_ids: string[];
  member_ids: string[];
  cohesion: number | null;
  created_by: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CrimeLinkFeedbackTable {
  tenant_code: string;
  id: ColumnType<number, never, never>;
  series_id: string;
  record_id: string;
  member_ids: string[];
  verdict: 'confirm' | 'reject';
  actor_id: string;
  at: Timestamp;
}

export interface IntelLinkWeightsTable {
  tenant_code: string;
  weights: number[];
  solved_pairs: number;
  feedback_pairs: number;
  updated_at: Timestamp;
}

export interface IntelReportsTable {
  tenant_code: string;
  id: string;
  title: string;
  params: Json<Record<string, unknown>>;
  sections: Json<unknown[]>;
  figures: Json<unknown[]>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitsTable {
  tenant_code: string;
  id: string;
  callsign: string;
  name: string;
  kind: 'officer' | 'auxiliary' | 'vehicle' | 'team';
  station_id: string;
  pool: string | null;
  capabilities: string[];
  status: string;
  incident_id: string | null;
  lon: number | null;
  lat: number | null;
  speed_kmh: number | null;
  heading: number | null;
  position_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
}

export interface DutyRotationsTable {
  tenant_code: string;
  unit_id: string;
  anchor: Timestamp;
  on_hours: number;
  off_hours: number;
}

export interface UnitStatusHistoryTable {
  id: ColumnType<number, never, never>;
  tenant_code: string;
  unit_id: string;
  status: string;
  at: Timestamp;
  lon: number | null;
  lat: number | null;
  speed_kmh: number | null;
  heading: number | null;
  incident_id: string | null;
  note: string | null;
  actor: string;
}

export interface AvlPositionsTable {
  id: ColumnType<number, never, never>;
  tenant_code: string;
  unit_id: string;
  at: Timestamp;
  received_at: Timestamp;
  lon: number;
  lat: number;
  speed_kmh: number | null;
  heading: number | null;
  source: 'http' | 'mqtt' | 'simulator';
}

export interface AvlRejectionsTable {
  tenant_code: string;
  reason: string;
  count: ColumnType<number, number, number>;
  last_at: Timestamp;
}

export interface ResourceRequestsTable {
  tenant_code: string;
  id: string;
  incident_id: string;
  station_id: string;
  quantity: number;
  status: 'requested' | 'committed' | 'declined' | 'released';
  unit_ids: string[];
  reason: string | null;
  note: string | null;
  requested_by: string;
  requested_at: Timestamp;
  answered_by: string | null;
  answered_at: NullableTimestamp;
  released_at: NullableTimestamp;
}

export interface IncidentUnitsTable {
  tenant_code: string;
  incident_id: string;
  unit_id: string;
  request_id: string | null;
  eta_s: number | null;
  dispatched_at: Timestamp;
  released_at: NullableTimestamp;
  dispatched_by: string;
}

export interface MessagesTable {
  tenant_code: string;
  id: string;
  kind: 'message' | 'order';
  priority: 'normal' | 'urgent';
  text: string;
  incident_id: string | null;
  sender_id: string;
  sender: string;
  sender_name: string;
  sender_org_id: string;
  target: Json<Record<string, unknown>>;
  org_ids: string[];
  created_at: Timestamp;
}

export interface MessageRecipientsTable {
  tenant_code: string;
  message_id: string;
  recipient_kind: 'user' | 'unit';
  recipient_id: string;
  name: string;
  org_id: string;
  state: 'sent' | 'delivered' | 'acknowledged';
  delivered_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
}

export interface MessageGroupsTable {
  tenant_code: string;
  id: string;
  name: string;
  user_ids: string[];
  unit_ids: string[];
  owner_org_id: string;
  created_by: string;
  created_at: Timestamp;
}

export interface EmergenciesTable {
  tenant_code: string;
  id: string;
  unit_id: string;
  station_id: string;
  area_id: string | null;
  lon: number | null;
  lat: number | null;
  note: string | null;
  nearest: Json<{ unitId: string; callsign: string; stationId: string; etaS: number }[]>;
  org_ids: string[];
  raised_by: string;
  raised_at: Timestamp;
  acknowledged_by: string | null;
  acknowledged_at: NullableTimestamp;
}

export interface PatrolFeaturesTable {
  tenant_code: string;
  id: string;
  kind: 'guard-point' | 'patrol-line' | 'control-area';
  name: string;
  geometry: ColumnType<unknown, string, string>;
  station_id: string;
  unit_ids: string[];
  note: string | null;
  created_by: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface RoadEventsTable {
  tenant_code: string;
  id: string;
  cause: string;
  speed_factor: number | null;
  note: string | null;
  place: ColumnType<unknown, string, string>;
  edges: number[];
  until: NullableTimestamp;
  created_by: string;
  created_at: ColumnType<Date, Date | string, Date | string>;
  removed_by: string | null;
  removed_at: NullableTimestamp;
}

export interface CamerasTable {
  tenant_code: string;
  id: string;
  station_id: string;
  code: string;
  name: string;
  lon: number;
  lat: number;
  ground_elevation_m: Generated<number>;
  height_m: number;
  heading: number;
  tilt: number;
  roll: Generated<number>;
  hfov: number;
  range_m: number;
  stream_kind: Generated<'none' | 'hls' | 'mjpeg' | 'snapshot'>;
  stream_url: string | null;
  active: Generated<boolean>;
  created_by: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CommunityGridsTable {
  tenant_code: string;
  id: string;
  code: string;
  name: string;
  village_code: string;
  police_grid_id: string;
  boundary: Json<unknown>;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  population: number | null;
  demo: Generated<boolean>;
  created_by: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface GridRostersTable {
  tenant_code: string;
  id: string;
  grid_layer: 'police' | 'community';
  grid_id: string;
  police_grid_id: string;
  role: string;
  name: string;
  phone: string | null;
  user_id: string | null;
  starts_on: string;
  ends_on: string | null;
  end_reason: string | null;
  demo: Generated<boolean>;
  created_by: string;
  created_at: GeneratedTimestamp;
}

/** Every table of the database, for Kysely. Modules add their tables here as they land. */
/** 矛盾纠纷 (the disputes module). */
export interface DisputesTable {
  tenant_code: string;
  id: string;
  number: string;
  kind: string;
  risk: string;
  status: string;
  description: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  grid_id: string | null;
  station_id: string | null;
  /** The community grid at the dispute's point (null outside every community grid or without a point). */
  community_grid_id: Generated<string | null>;
  mediators: Json<{ name: string; role: string; userId?: string | null }[]>;
  referral: NullableJson<{ target: string; note: string | null }>;
  agreement: NullableJson<Record<string, unknown>>;
  registered_at: Timestamp;
  due_at: Timestamp;
  concluded_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  demo: Generated<boolean>;
  created_by: string;
  updated_at: Timestamp;
}

/** A party to a dispute; name, phone and ID number encrypted at rest. */
export interface DisputePartiesTable {
  tenant_code: string;
  id: string;
  dispute_id: string;
  sort: number;
  name: string;
  phone: string | null;
  id_number: string | null;
}

export interface DisputeEventsTable {
  id: ColumnType<number, never, never>;
  tenant_code: string;
  dispute_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  detail: Json<Record<string, unknown>>;
}

/** 一标三实 (the registry module). Personal columns are sealed with the field key. */
interface RegistryPlaced {
  police_grid_id: string;
  community_grid_id: string | null;
  station_id: string | null;
  demo: Generated<boolean>;
  created_by: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}
export interface RegistryAddressesTable extends RegistryPlaced {
  tenant_code: string;
  id: string;
  division_code: string;
  township_code: string | null;
  road: string | null;
  door_no: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  label: string;
  addr_key: string;
  lon: number | null;
  lat: number | null;
}
export interface RegistryPeopleTable extends RegistryPlaced {
  tenant_code: string;
  id: string;
  name: string;
  id_number: string;
  id_hash: string;
  sex: 'male' | 'female';
  birth_date: string;
  phone: string | null;
  kind: 'registered' | 'floating';
  address_id: string;
  moved_in_on: string | null;
  moved_out_on: string | null;
}
export interface RegistryHousesTable extends RegistryPlaced {
  tenant_code: string;
  id: string;
  address_id: string;
  kind: 'self-built' | 'rented' | 'vacant' | 'key';
  owner_name: string | null;
  owner_phone: string | null;
  note: string | null;
}
export interface RegistryBusinessesTable extends RegistryPlaced {
  tenant_code: string;
  id: string;
  name: string;
  kind: string;
  licence_no: string | null;
  address_id: string;
  key_place: boolean;
  contact_name: string | null;
  contact_phone: string | null;
}
export interface RegistryHistoryTable {
  id: ColumnType<number, never, never>;
  tenant_code: string;
  record_kind: 'address' | 'person' | 'house' | 'business';
  record_id: string;
  at: Timestamp;
  action: string;
  actor_id: string | null;
  actor: string;
  source: string;
  collection_id: string | null;
  collector: string | null;
  reviewer: string | null;
  changes: Json<{ field: string; before: string | null; after: string | null }[]>;
}
export interface RegistryCollectionsTable {
  tenant_code: string;
  id: string;
  kind: 'new-tenant' | 'vacant-house' | 'new-shop' | 'correction';
  status: 'assigned' | 'submitted' | 'accepted' | 'rejected';
  summary: string;
  payload: string | null;
  lon: number | null;
  lat: number | null;
  police_grid_id: string;
  community_grid_id: string | null;
  station_id: string | null;
  worker_id: string;
  worker_name: string;
  assigned_by: string | null;
  assigned_note: string | null;
  assigned_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  reviewer_id: string | null;
  reviewer_name: string | null;
  reviewed_at: NullableTimestamp;
  review_reason: string | null;
  record_kind: string | null;
  record_id: string | null;
  demo: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

/** 群防群治 (the volunteers module): a volunteer team led by a station. */
export interface VolunteerTeamsTable {
  tenant_code: string;
  id: string;
  name: string;
  kind: string;
  station_id: string;
  leader_user_id: string | null;
  township: string | null;
  description: string | null;
  active: Generated<boolean>;
  demo: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * A volunteer. `name`, `phone` and `id_number` are encrypted at rest; `*_masked` are the masked forms
 * everyone sees; `*_index` are keyed blind indexes (exact lookup and dedupe without decrypting).
 * Dates (`vetted_on`, `joined_on`, `left_on`) are `YYYY-MM-DD` text in China time.
 */
export interface VolunteerMembersTable {
  tenant_code: string;
  id: string;
  name: string;
  name_masked: string;
  name_index: string;
  phone: string;
  phone_masked: string;
  phone_index: string;
  id_number: string | null;
  id_number_masked: string | null;
  id_number_index: string | null;
  user_id: string | null;
  skills: Json<string[]>;
  vetting: Generated<string>;
  vetted_on: string | null;
  vetted_by: string | null;
  township: string | null;
  location_consent_at: NullableTimestamp;
  location_withdrawn_at: NullableTimestamp;
  on_duty: Generated<boolean>;
  duty_since: NullableTimestamp;
  joined_on: string;
  left_on: string | null;
  demo: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VolunteerTeamMembersTable {
  tenant_code: string;
  team_id: string;
  member_id: string;
  joined_on: string;
  left_on: string | null;
}

export interface VolunteerDutyPeriodsTable {
  id: ColumnType<number, never, never>;
  tenant_code: string;
  member_id: string;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
}

/** The latest position of a consenting, on-duty volunteer (one row per member). */
export interface VolunteerPositionsTable {
  tenant_code: string;
  member_id: string;
  lon: number;
  lat: number;
  accuracy_m: number | null;
  at: Timestamp;
  /** When the row was last written (set by the database): what an instance's call-out pool reads since. */
  stored_at: GeneratedTimestamp;
}

export interface VolunteerPoolVersionTable {
  id: number;
  version: string | number | bigint;
}

export interface VolunteerJoinRequestsTable {
  tenant_code: string;
  id: string;
  team_id: string;
  user_id: string;
  member_id: string | null;
  name: string;
  name_masked: string;
  phone: string;
  phone_masked: string;
  skills: Json<string[]>;
  note: string | null;
  status: string;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  reason: string | null;
  created_at: Timestamp;
}

export interface VolunteerActivitiesTable {
  tenant_code: string;
  id: string;
  kind: string;
  status: string;
  team_id: string;
  station_id: string;
  township: string | null;
  lon: number;
  lat: number;
  address: string;
  occurred_at: Timestamp;
  duration_minutes: number;
  outcome: string;
  incident_id: string | null;
  dispute_id: string | null;
  patrol_run_id: string | null;
  callout_id: string | null;
  source: string;
  submitted_by: string;
  submitted_at: Timestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  reason: string | null;
  demo: Generated<boolean>;
}

export interface VolunteerActivityPeopleTable {
  tenant_code: string;
  activity_id: string;
  member_id: string;
  role: string;
  day: string;
  points: number | null;
}

// ── 群防群治 patrols (巡逻) ──────────────────────────────────────────────────────────────────────────
/** A volunteer team's patrol task on a plan feature (its name and geometry copied) within a window. */
export interface PatrolTasksTable {
  tenant_code: string;
  id: string;
  team_id: string;
  station_id: string;
  feature_id: string;
  feature_kind: 'guard-point' | 'patrol-line' | 'control-area';
  feature_name: string;
  geometry: Json<unknown>;
  /** Empty: the whole team. */
  member_ids: ColumnType<string[], string | undefined, string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: string;
  rule: Json<Record<string, number>>;
  note: string | null;
  completed_run_id: string | null;
  demo: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  cancelled_at: NullableTimestamp;
  cancel_reason: string | null;
}

/** A member's run on a patrol task: checked in, the track's summary, checked out and judged. */
export interface PatrolRunsTable {
  tenant_code: string;
  id: string;
  task_id: string;
  team_id: string;
  station_id: string;
  member_id: string;
  user_id: string;
  status: string;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
  points: Generated<number>;
  last_lon: number | null;
  last_lat: number | null;
  last_at: NullableTimestamp;
  judgement: NullableJson<Record<string, unknown>>;
}

/** One GPS fix of a run (one per run and instant). */
export interface PatrolPointsTable {
  tenant_code: string;
  run_id: string;
  at: Timestamp;
  lon: number;
  lat: number;
  accuracy_m: number | null;
  received_at: Timestamp;
}

export interface TrafficSettingsTable {
  tenant_code: string;
  rules: Json<Record<string, number>>;
  reading_retention_days: Generated<number>;
  plate_retention_days: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface TrafficSectionsTable {
  tenant_code: string;
  id: string;
  name: string;
  direction: string;
  line: Json<[number, number][]>;
  edges: Json<number[]>;
  rules: Json<Record<string, number>>;
  note: string | null;
  demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface TrafficDevicesTable {
  tenant_code: string;
  id: string;
  name: string;
  kind: string;
  section_id: string | null;
  lon: number;
  lat: number;
  model: NullableJson<{ lines: number; charsPerLine: number; dots: number }>;
  sign_id: string | null;
  junction: string | null;
  branch: string | null;
  heartbeat_seconds: number;
  last_seen_at: NullableTimestamp;
  rejected: Json<Record<string, number>>;
  last_reading: NullableJson<Record<string, unknown>>;
  demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrafficReadingsTable {
  tenant_code: string;
  device_id: string;
  at: Timestamp;
  visibility_m: number | null;
  air_temp_c: number | null;
  surface_temp_c: number | null;
  dew_point_c: number | null;
  friction: number | null;
  precipitation_mm_h: number | null;
  wind_speed_ms: number | null;
  wind_gust_ms: number | null;
  received_at: Timestamp;
}

export interface TrafficHazardsTable {
  tenant_code: string;
  id: string;
  section_id: string;
  condition: string;
  level: string;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
  evidence: Json<unknown[]>;
  speed_limit_kmh: number | null;
  gap_m: number | null;
  road_event_id: string | null;
  ntcip_code: number | null;
  datex_type: string;
  label: string;
  advice: string;
  updated_at: Timestamp;
}

export interface TrafficSignsTable {
  tenant_code: string;
  sign_id: string;
  text: string;
  lines: Json<string[]>;
  source: string;
  priority: number;
  expires_at: NullableTimestamp;
  delivery: string;
  command_id: string | null;
  last_ack_at: NullableTimestamp;
  override_text: string | null;
  override_until: NullableTimestamp;
  override_by: string | null;
  override_reason: string | null;
  updated_at: Timestamp;
}

export interface TrafficSignLogTable {
  tenant_code: string;
  sign_id: string;
  at: Timestamp;
  text: string;
  source: string;
  command_id: string;
}

export interface TrafficTemplatesTable {
  tenant_code: string;
  condition: string;
  level: string;
  label: string;
  advice: string;
  priority: number;
  updated_at: Timestamp;
}

export interface TrafficPlateReadsTable {
  tenant_code: string;
  id: string;
  device_id: string;
  plate: string;
  at: Timestamp;
  sign_id: string | null;
  warned: boolean;
  received_at: Timestamp;
}

export interface TrafficRoutesTable {
  tenant_code: string;
  id: string;
  name: string;
  from_point: Json<[number, number]>;
  to_point: Json<[number, number]>;
  result: NullableJson<Record<string, unknown>>;
  computed_at: NullableTimestamp;
  demo: Generated<boolean>;
  created_at: Timestamp;
}

export interface ServiceItemsTable {
  tenant_code: string;
  code: string;
  name: string;
  name_en: string;
  category: string;
  kind: 'immediate' | 'promised';
  statutory_days: number;
  promised_days: number;
  expedited_days: number | null;
  materials: Json<string[]>;
  fee_yuan: number;
  channels: Json<string[]>;
  centre_only: boolean;
  item_group: string;
  attributes: Json<unknown[]>;
  active: Generated<boolean>;
  demo: Generated<boolean>;
  updated_at: Timestamp;
}

export interface ServiceHallsTable {
  tenant_code: string;
  id: string;
  org_id: string;
  name: string;
  centre: Generated<boolean>;
  address: Generated<string>;
  lon: number;
  lat: number;
  phone: string | null;
  hours: Json<{ regular: unknown[]; offPeak: unknown[]; extended: unknown[] }>;
  slot_minutes: Generated<number>;
  slot_capacity: Generated<number>;
  demo: Generated<boolean>;
  updated_at: Timestamp;
}

export interface ServiceCountersTable {
  tenant_code: string;
  hall_id: string;
  id: string;
  name: string;
  /** null: a 综合窗口 serving every item. */
  item_codes: NullableJson<string[]>;
  active: Generated<boolean>;
  clerk_id: string | null;
  demo: Generated<boolean>;
  updated_at: Timestamp;
}

export interface ServiceOtpsTable {
  id: string;
  tenant_code: string;
  phone_hash: string;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface ServiceAppointmentsTable {
  id: string;
  tenant_code: string;
  reference: string | null;
  hall_id: string;
  item_code: string;
  item_group: string;
  slot_start: Timestamp;
  slot_end: Timestamp;
  status: 'held' | 'booked' | 'checked-in' | 'completed' | 'cancelled' | 'no-show';
  hold_expires_at: NullableTimestamp;
  /** Encrypted. */
  name: string | null;
  /** Encrypted; `phone_hash` finds it. */
  phone: string | null;
  phone_hash: string | null;
  id_number: string | null;
  attributes: Json<Record<string, unknown>>;
  manage_hash: string | null;
  reminders_sent: Json<string[]>;
  ticket_id: string | null;
  rescheduled_from: string | null;
  demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServiceTicketsTable {
  id: string;
  tenant_code: string;
  hall_id: string;
  /** YYYY-MM-DD, Beijing time. */
  service_day: string;
  number: string;
  item_group: string;
  item_codes: Json<string[]>;
  source: 'walk-in' | 'appointment' | 'kiosk';
  priority: Generated<number>;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no-show' | 'cancelled';
  counter_id: string | null;
  transferred_to: string | null;
  clerk_id: string | null;
  appointment_id: string | null;
  recalls: Generated<number>;
  call_seq: ColumnType<number | null, number | null, number | null>;
  issued_at: Timestamp;
  called_at: NullableTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  demo: Generated<boolean>;
}

export interface ServiceCasesTable {
  id: string;
  tenant_code: string;
  number: string;
  item_code: string;
  hall_id: string;
  status: 'accepted' | 'processing' | 'completed' | 'delivered' | 'cancelled';
  expedited: Generated<boolean>;
  channel: string;
  /** Encrypted. */
  applicant_name: string;
  applicant_phone: string | null;
  phone_last4_hash: string | null;
  applicant_id_number: string | null;
  id_hash: string | null;
  attributes: Json<Record<string, unknown>>;
  accepted_at: Timestamp;
  /** YYYY-MM-DD. */
  deadline: string;
  warn_on: string;
  warned_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  on_time: boolean | null;
  clerk_id: string | null;
  ticket_id: string | null;
  home_visit_id: string | null;
  rating_token_hash: string | null;
  demo: Generated<boolean>;
  updated_at: Timestamp;
}

export interface ServiceCaseEventsTable {
  id: Generated<number>;
  tenant_code: string;
  case_id: string;
  at: Timestamp;
  status: string;
  actor: string;
  note: string | null;
}

export interface ServiceRatingsTable {
  id: string;
  tenant_code: string;
  hall_id: string;
  ticket_id: string | null;
  case_id: string | null;
  clerk_id: string | null;
  level: number;
  channel: 'kiosk' | 'phone' | 'window';
  comment: string | null;
  at: Timestamp;
  demo: Generated<boolean>;
}

export interface ServiceFollowupsTable {
  id: string;
  tenant_code: string;
  rating_id: string;
  hall_id: string;
  status: 'open' | 'called-back' | 'rectified' | 'closed';
  opened_at: Timestamp;
  /** YYYY-MM-DD. */
  rectify_by: string;
  callback_at: NullableTimestamp;
  callback_note: string | null;
  callback_by: string | null;
  rectified_at: NullableTimestamp;
  rectify_note: string | null;
  rectified_by: string | null;
  fix_level: number | null;
  closed_at: NullableTimestamp;
}

export interface ServiceHomeVisitsTable {
  id: string;
  tenant_code: string;
  station_id: string;
  /** Encrypted. */
  applicant_name: string;
  applicant_phone: string;
  applicant_id_number: string | null;
  age: number | null;
  reason: 'age' | 'illness' | 'disability' | 'other';
  address: string;
  item_codes: Json<string[]>;
  note: string | null;
  status: 'requested' | 'accepted' | 'rejected' | 'scheduled' | 'completed';
  triage_note: string | null;
  triaged_by: string | null;
  scheduled_at: NullableTimestamp;
  officers: Json<string[]>;
  completed_at: NullableTimestamp;
  created_by: string;
  demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyResultsTable {
  tenant_code: string;
  period: string;
  area_code: string;
  scope: 'township' | 'county' | 'province';
  respondents: number | null;
  awareness: number;
  participation: number;
  satisfaction: number;
  province_rank: number | null;
  demo: Generated<boolean>;
  imported_by: string;
  imported_at: Timestamp;
}

export interface StatsReportsTable {
  tenant_code: string;
  id: string;
  kind: 'weekly' | 'monthly';
  date_from: string;
  date_to: string;
  title: string;
  content: Json<unknown>;
  xlsx: Buffer | null;
  pdf: Buffer | null;
  created_by: string;
  created_at: Timestamp;
}

// 爱警暖警 (migration 20261207T0400-create-welfare.sql). Encrypted columns are marked.
export interface WelfareStaffTable {
  tenant_code: string;
  id: string;
  kind: 'officer' | 'auxiliary' | 'civilian';
  org_id: string;
  /** Encrypted. */
  name: string;
  position: Generated<string>;
  /** Encrypted. */
  phone: string | null;
  /** Encrypted JSON: [{ relation, name, note? }]. */
  family: string | null;
  /** Encrypted. */
  health_notes: string | null;
  last_check_on: string | null;
  next_check_due: string | null;
  children_needs: string | null;
  active: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WelfareInjuriesTable {
  tenant_code: string;
  id: string;
  staff_id: string;
  occurred_on: string;
  kind: 'injury' | 'illness';
  description: string;
  on_duty: Generated<boolean>;
  demo: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
}

export interface WelfareCondolencesTable {
  tenant_code: string;
  id: string;
  mechanism: 'daily' | 'holiday' | 'operation';
  staff_id: string | null;
  injury_id: string | null;
  occasion: string | null;
  reason: string;
  visitors: string;
  visited_on: string;
  amount_yuan: Generated<number>;
  demo: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
}

export interface WelfareCampaignsTable {
  tenant_code: string;
  id: string;
  year: number;
  period: string;
  title: string;
  starts_on: string;
  due_on: string;
  demo: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
}

export interface WelfareHealthChecksTable {
  tenant_code: string;
  campaign_id: string;
  staff_id: string;
  done_on: string | null;
  /** Encrypted. */
  result: string | null;
  demo: Generated<boolean>;
  updated_at: Timestamp;
}

export interface WelfareSchoolingTable {
  tenant_code: string;
  id: string;
  staff_id: string;
  /** Encrypted. */
  child_name: string;
  stage: 'kindergarten' | 'primary' | 'junior' | 'senior';
  need: string;
  status: 'requested' | 'arranged' | 'done';
  school: string | null;
  requested_on: string;
  arranged_on: string | null;
  done_on: string | null;
  demo: Generated<boolean>;
  created_by: string;
  updated_at: Timestamp;
}

// ── 暖心为民 outreach (20261207T0610-create-outreach.sql) ──
export interface FraudWarningsTable {
  tenant_code: string;
  id: string;
  number: string;
  station_id: string | null;
  risk: 'high' | 'medium' | 'low';
  action: 'visit' | 'call' | 'sms';
  status: 'issued' | 'signed' | 'dissuaded' | 'feedback';
  outcome: 'dissuaded' | 'defrauded' | 'unreachable' | null;
  fraud_type: string;
  source: 'ministry' | 'province' | 'city' | 'incident';
  /** Encrypted. */
  person_name: string;
  phone: string;
  id_number: string | null;
  address: string;
  township_code: string | null;
  lon: number | null;
  lat: number | null;
  incident_id: string | null;
  issued_at: Timestamp;
  signed_at: NullableTimestamp;
  dissuaded_at: NullableTimestamp;
  feedback_at: NullableTimestamp;
  due_at: NullableTimestamp;
  overdue: Generated<boolean>;
  money_at_risk: Generated<number>;
  money_saved: Generated<number>;
  sms_status: string | null;
  calls: Generated<number>;
  signed_by: string | null;
  note: string | null;
  demo: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface FraudWarningEventsTable {
  tenant_code: string;
  id: string;
  warning_id: string;
  /** Insertion order, for events at the same instant. */
  seq: ColumnType<string, never, never>;
  at: Timestamp;
  kind: string;
  actor: string;
  note: string | null;
}
export interface VulnerableResidentsTable {
  tenant_code: string;
  id: string;
  station_id: string;
  kinds: string[];
  active: Generated<boolean>;
  /** Encrypted. */
  name: string;
  phone: string | null;
  /** Keyed hash of the phone, to find a person again. */
  phone_hash: string | null;
  id_number: string | null;
  address: string;
  address_id: string | null;
  township_code: string | null;
  lon: number | null;
  lat: number | null;
  officer_id: string | null;
  note: string | null;
  demo: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface HomeVisitsTable {
  tenant_code: string;
  id: string;
  resident_id: string;
  station_id: string;
  officer_id: string | null;
  status: 'planned' | 'done' | 'missed';
  planned_for: string;
  done_at: NullableTimestamp;
  anti_fraud_talk: Generated<boolean>;
  activities: string | null;
  needs: string | null;
  warning_id: string | null;
  service_visit_id: string | null;
  hazard_id: string | null;
  demo: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DB {
  survey_results: SurveyResultsTable;
  stats_reports: StatsReportsTable;
  registry_addresses: RegistryAddressesTable;
  registry_people: RegistryPeopleTable;
  registry_houses: RegistryHousesTable;
  registry_businesses: RegistryBusinessesTable;
  registry_history: RegistryHistoryTable;
  registry_collections: RegistryCollectionsTable;
  community_grids: CommunityGridsTable;
  grid_rosters: GridRostersTable;
  cameras: CamerasTable;
  patrol_features: PatrolFeaturesTable;
  road_events: RoadEventsTable;
  messages: MessagesTable;
  message_recipients: MessageRecipientsTable;
  message_groups: MessageGroupsTable;
  emergencies: EmergenciesTable;
  resource_requests: ResourceRequestsTable;
  incident_units: IncidentUnitsTable;
  units: UnitsTable;
  unit_crews: UnitCrewsTable;
  duty_rotations: DutyRotationsTable;
  unit_status_history: UnitStatusHistoryTable;
  avl_positions: AvlPositionsTable;
  avl_rejections: AvlRejectionsTable;
  tenants: TenantsTable;
  orgs: OrgsTable;
  divisions: DivisionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  outbox: OutboxTable;
  incident_attachments: IncidentAttachmentsTable;
  disputes: DisputesTable;
  volunteer_teams: VolunteerTeamsTable;
  volunteer_members: VolunteerMembersTable;
  volunteer_team_members: VolunteerTeamMembersTable;
  volunteer_duty_periods: VolunteerDutyPeriodsTable;
  volunteer_positions: VolunteerPositionsTable;
  volunteer_pool_version: VolunteerPoolVersionTable;
  volunteer_join_requests: VolunteerJoinRequestsTable;
  dispute_parties: DisputePartiesTable;
  dispute_events: DisputeEventsTable;
  hazards: HazardsTable;
  hazard_counters: HazardCountersTable;
  hazard_events: HazardEventsTable;
  hazard_photos: HazardPhotosTable;
  hazard_deadlines: HazardDeadlinesTable;
  idempotency_keys: IdempotencyKeysTable;
  push_subscriptions: PushSubscriptionsTable;
  schema_migrations: SchemaMigrationsTable;
  dispatch_settings: DispatchSettingsTable;
  places: PlacesTable;
  incident_counters: IncidentCountersTable;
  incidents: IncidentsTable;
  incident_orgs: IncidentOrgsTable;
  incident_events: IncidentEventsTable;
  crime_records: CrimeRecordsTable;
  crime_series: CrimeSeriesTable;
  crime_link_feedback: CrimeLinkFeedbackTable;
  intel_link_weights: IntelLinkWeightsTable;
  intel_reports: IntelReportsTable;
  callouts: CalloutsTable;
  callout_recipients: CalloutRecipientsTable;
  callout_deliveries: CalloutDeliveriesTable;
  volunteer_activities: VolunteerActivitiesTable;
  volunteer_activity_people: VolunteerActivityPeopleTable;
  patrol_tasks: PatrolTasksTable;
  patrol_runs: PatrolRunsTable;
  patrol_points: PatrolPointsTable;
  traffic_settings: TrafficSettingsTable;
  traffic_sections: TrafficSectionsTable;
  traffic_devices: TrafficDevicesTable;
  traffic_readings: TrafficReadingsTable;
  traffic_hazards: TrafficHazardsTable;
  traffic_signs: TrafficSignsTable;
  traffic_sign_log: TrafficSignLogTable;
  traffic_templates: TrafficTemplatesTable;
  traffic_plate_reads: TrafficPlateReadsTable;
  traffic_routes: TrafficRoutesTable;
  service_items: ServiceItemsTable;
  service_halls: ServiceHallsTable;
  service_counters: ServiceCountersTable;
  service_otps: ServiceOtpsTable;
  service_appointments: ServiceAppointmentsTable;
  service_tickets: ServiceTicketsTable;
  service_cases: ServiceCasesTable;
  service_case_events: ServiceCaseEventsTable;
  service_ratings: ServiceRatingsTable;
  service_followups: ServiceFollowupsTable;
  service_home_visits: ServiceHomeVisitsTable;
  welfare_staff: WelfareStaffTable;
  welfare_injuries: WelfareInjuriesTable;
  welfare_condolences: WelfareCondolencesTable;
  welfare_campaigns: WelfareCampaignsTable;
  welfare_health_checks: WelfareHealthChecksTable;
  welfare_schooling: WelfareSchoolingTable;
  fraud_warnings: FraudWarningsTable;
  fraud_warning_events: FraudWarningEventsTable;
  vulnerable_residents: VulnerableResidentsTable;
  home_visits: HomeVisitsTable;
}
