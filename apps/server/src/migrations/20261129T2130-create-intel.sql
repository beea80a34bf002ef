-- Intelligence analysis (研判): crime records, analyst-built series and their link feedback, the
-- learned linkage weights per tenant, and stored analysis reports.

CREATE TABLE crime_records (
  tenant_code        text NOT NULL REFERENCES tenants (tenant_code),
  id                 text NOT NULL,
  occurred_from      timestamptz NOT NULL,
  occurred_to        timestamptz NOT NULL,
  lon                double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat                double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  category           text NOT NULL CHECK (category ~ '^[0-9]{6}$'),
  premise            text NOT NULL DEFAULT '',
  method             text NOT NULL DEFAULT '',
  features           text[] NOT NULL DEFAULT '{}',
  property           text,
  suspect            text,
  series_id          text,
  source_incident_id text,
  station_id         text,
  area_id            text,
  grid_id            text,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (occurred_to >= occurred_from),
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX crime_records_time ON crime_records (tenant_code, occurred_from);
CREATE INDEX crime_records_series ON crime_records (tenant_code, series_id);

CREATE TABLE crime_series (
  tenant_code text NOT NULL REFERENCES tenants (tenant_code),
  id          text NOT NULL,
  name        text NOT NULL,
  seed_ids    text[] NOT NULL,
  member_ids  text[] NOT NULL,
  cohesion    double precision,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id)
);

-- One row per analyst verdict on a record's membership of a series; pairs for re-learning come from it.
CREATE TABLE crime_link_feedback (
  tenant_code text NOT NULL REFERENCES tenants (tenant_code),
  id          bigserial,
  series_id   text NOT NULL,
  record_id   text NOT NULL,
  member_ids  text[] NOT NULL,
  verdict     text NOT NULL CHECK (verdict IN ('confirm', 'reject')),
  actor_id    text NOT NULL,
  at          timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);

CREATE TABLE intel_link_weights (
  tenant_code    text PRIMARY KEY REFERENCES tenants (tenant_code),
  weights        double precision[] NOT NULL,
  solved_pairs   integer NOT NULL,
  feedback_pairs integer NOT NULL,
  updated_at     timestamptz NOT NULL
);

CREATE TABLE intel_reports (
  tenant_code text NOT NULL REFERENCES tenants (tenant_code),
  id          text NOT NULL,
  title       text NOT NULL,
  params      jsonb NOT NULL,
  sections    jsonb NOT NULL,
  figures     jsonb NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
