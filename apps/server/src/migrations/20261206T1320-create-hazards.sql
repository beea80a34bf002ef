-- Hazards (隐患) and grid cases: the closed loop from report to evaluation, its timeline, photos and the
-- deadline per kind.
CREATE TABLE hazards (
  tenant_code        text NOT NULL,
  id                 text NOT NULL,
  number             text NOT NULL,
  kind               text NOT NULL,
  status             text NOT NULL,
  description        text NOT NULL,
  lon                double precision NOT NULL,
  lat                double precision NOT NULL,
  address            text,
  grid_id            text,
  station_id         text,
  -- The org whose subtree sees the hazard: its grid, else its station, else the county.
  org_id             text NOT NULL,
  responsible_kind   text,
  responsible_id     text,
  responsible_name   text,
  reported_by_id     text NOT NULL,
  reported_by        text NOT NULL,
  reported_at        timestamptz NOT NULL,
  registered_at      timestamptz,
  deadline_at        timestamptz,
  closed_at          timestamptz,
  overdue            text NOT NULL DEFAULT 'none',
  escalated_to       text,
  rating             text,
  incident_id        text,
  incident_number    text,
  from_incident_id     text,
  from_incident_number text,
  request_hash       text NOT NULL,
  updated_at         timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, number)
);
CREATE INDEX hazards_org ON hazards (tenant_code, org_id);
CREATE INDEX hazards_open_deadline ON hazards (tenant_code, deadline_at) WHERE closed_at IS NULL;
-- One grid case per incident.
CREATE UNIQUE INDEX hazards_from_incident ON hazards (tenant_code, from_incident_id)
  WHERE from_incident_id IS NOT NULL;

CREATE TABLE hazard_counters (
  tenant_code text NOT NULL,
  day         text NOT NULL,
  last        integer NOT NULL,
  PRIMARY KEY (tenant_code, day)
);

CREATE TABLE hazard_events (
  id          bigserial PRIMARY KEY,
  tenant_code text NOT NULL,
  hazard_id   text NOT NULL,
  at          timestamptz NOT NULL,
  actor_id    text,
  actor       text NOT NULL,
  kind        text NOT NULL,
  from_status text,
  to_status   text,
  note        text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX hazard_events_hazard ON hazard_events (tenant_code, hazard_id, id);

-- Photos of a hazard (may show people: every read is audited).
CREATE TABLE hazard_photos (
  tenant_code   text NOT NULL,
  id            text NOT NULL,
  hazard_id     text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  bytes         bytea NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, hazard_id, sha256)
);

-- Days to close a hazard of each kind (kinds not listed keep the default).
CREATE TABLE hazard_deadlines (
  tenant_code text NOT NULL,
  kind        text NOT NULL,
  days        integer NOT NULL,
  PRIMARY KEY (tenant_code, kind)
);
