-- Joint-area resource requests (OASIS EDXL-RM: request → commit / decline → release) and unit assignments.

CREATE TABLE resource_requests (
  tenant_code   text NOT NULL,
  id            text NOT NULL,
  incident_id   text NOT NULL,
  station_id    text NOT NULL,
  quantity      integer NOT NULL CHECK (quantity BETWEEN 1 AND 50),
  status        text NOT NULL CHECK (status IN ('requested', 'committed', 'declined', 'released')),
  unit_ids      text[] NOT NULL DEFAULT '{}',
  reason        text,
  note          text,
  requested_by  text NOT NULL,
  requested_at  timestamptz NOT NULL,
  answered_by   text,
  answered_at   timestamptz,
  released_at   timestamptz,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX resource_requests_incident ON resource_requests (tenant_code, incident_id);
CREATE INDEX resource_requests_station ON resource_requests (tenant_code, station_id, status);

CREATE TABLE incident_units (
  tenant_code   text NOT NULL,
  incident_id   text NOT NULL,
  unit_id       text NOT NULL,
  request_id    text,
  eta_s         double precision,
  dispatched_at timestamptz NOT NULL,
  released_at   timestamptz,
  dispatched_by text NOT NULL,
  PRIMARY KEY (tenant_code, incident_id, unit_id, dispatched_at)
);
CREATE INDEX incident_units_unit ON incident_units (tenant_code, unit_id);
