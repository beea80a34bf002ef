-- 群防群治 patrols (巡逻): a volunteer team's task on a guard point, patrol line or control area (a copy of
-- the patrol plan feature's name and geometry as it was when the task was set), the runs members check in to,
-- and the GPS track points of each run (one row per run and instant: a resent batch never duplicates).
CREATE TABLE patrol_tasks (
  tenant_code      text NOT NULL,
  id               text NOT NULL,
  team_id          text NOT NULL,
  station_id       text NOT NULL,
  feature_id       text NOT NULL,
  feature_kind     text NOT NULL CHECK (feature_kind IN ('guard-point', 'patrol-line', 'control-area')),
  feature_name     text NOT NULL,
  geometry         jsonb NOT NULL,
  member_ids       jsonb NOT NULL DEFAULT '[]',
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  status           text NOT NULL,
  rule             jsonb NOT NULL,
  note             text,
  completed_run_id text,
  demo             boolean NOT NULL DEFAULT false,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  cancelled_at     timestamptz,
  cancel_reason    text,
  PRIMARY KEY (tenant_code, id),
  CHECK (ends_at > starts_at)
);
CREATE INDEX patrol_tasks_team ON patrol_tasks (tenant_code, team_id, starts_at);
CREATE INDEX patrol_tasks_open ON patrol_tasks (tenant_code, status, ends_at);

CREATE TABLE patrol_runs (
  tenant_code  text NOT NULL,
  id           text NOT NULL,
  task_id      text NOT NULL,
  team_id      text NOT NULL,
  station_id   text NOT NULL,
  member_id    text NOT NULL,
  user_id      text NOT NULL,
  status       text NOT NULL,
  started_at   timestamptz NOT NULL,
  ended_at     timestamptz,
  points       integer NOT NULL DEFAULT 0,
  last_lon     double precision,
  last_lat     double precision,
  last_at      timestamptz,
  judgement    jsonb,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX patrol_runs_task ON patrol_runs (tenant_code, task_id);
CREATE INDEX patrol_runs_member ON patrol_runs (tenant_code, member_id, started_at);
CREATE UNIQUE INDEX patrol_runs_one_active ON patrol_runs (tenant_code, task_id, member_id) WHERE status = 'active';

CREATE TABLE patrol_points (
  tenant_code  text NOT NULL,
  run_id       text NOT NULL,
  at           timestamptz NOT NULL,
  lon          double precision NOT NULL,
  lat          double precision NOT NULL,
  accuracy_m   double precision,
  received_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, run_id, at)
);
