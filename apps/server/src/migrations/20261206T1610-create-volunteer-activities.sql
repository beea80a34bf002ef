-- 群防群治 activity records (巡逻, 调解帮助, 救助, 协助抓获, 活动安保): submitted by a volunteer for their
-- team or by station staff, confirmed or rejected by the team's leading station; the people on each with
-- the recognition points they were awarded on confirmation (per member per record, capped per day).
CREATE TABLE volunteer_activities (
  tenant_code       text NOT NULL,
  id                text NOT NULL,
  kind              text NOT NULL,
  status            text NOT NULL,
  team_id           text NOT NULL,
  station_id        text NOT NULL,
  township          text,
  lon               double precision NOT NULL,
  lat               double precision NOT NULL,
  address           text NOT NULL,
  occurred_at       timestamptz NOT NULL,
  duration_minutes  integer NOT NULL,
  outcome           text NOT NULL,
  incident_id       text,
  dispute_id        text,
  patrol_run_id     text,
  callout_id        text,
  source            text NOT NULL,
  submitted_by      text NOT NULL,
  submitted_at      timestamptz NOT NULL,
  decided_by        text,
  decided_at        timestamptz,
  reason            text,
  demo              boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX volunteer_activities_team ON volunteer_activities (tenant_code, team_id, occurred_at);
CREATE INDEX volunteer_activities_status ON volunteer_activities (tenant_code, status, occurred_at);
-- A patrol run makes at most one record.
CREATE UNIQUE INDEX volunteer_activities_patrol_run ON volunteer_activities (tenant_code, patrol_run_id)
  WHERE patrol_run_id IS NOT NULL;

CREATE TABLE volunteer_activity_people (
  tenant_code  text NOT NULL,
  activity_id  text NOT NULL,
  member_id    text NOT NULL,
  role         text NOT NULL,
  -- The China-time day of the activity (the daily points cap counts per day) and its month.
  day          text NOT NULL,
  points       integer,
  PRIMARY KEY (tenant_code, activity_id, member_id)
);
CREATE INDEX volunteer_activity_people_member ON volunteer_activity_people (tenant_code, member_id, day);
