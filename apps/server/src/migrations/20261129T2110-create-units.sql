-- Units (officers, auxiliaries, vehicles, teams), their duty roster, append-only status history and AVL positions.

CREATE TABLE units (
  tenant_code  text NOT NULL REFERENCES tenants (tenant_code),
  id           text NOT NULL,
  callsign     text NOT NULL,
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('officer', 'auxiliary', 'vehicle', 'team')),
  station_id   text NOT NULL,
  pool         text,
  capabilities text[] NOT NULL DEFAULT '{}',
  status       text NOT NULL DEFAULT 'available',
  incident_id  text,
  lon          double precision,
  lat          double precision,
  speed_kmh    double precision,
  heading      double precision,
  position_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, callsign)
);
CREATE INDEX units_station ON units (tenant_code, station_id);

-- Duty roster as a rotation: on duty for on_hours, then off for off_hours, repeating from anchor
-- (e.g. 24 h on / 24 h off in two teams, or 8 h three-shift patterns). Vehicles are crewed around the clock.
CREATE TABLE duty_rotations (
  tenant_code text NOT NULL,
  unit_id     text NOT NULL,
  anchor      timestamptz NOT NULL,
  on_hours    integer NOT NULL CHECK (on_hours > 0),
  off_hours   integer NOT NULL CHECK (off_hours >= 0),
  PRIMARY KEY (tenant_code, unit_id)
);

CREATE TABLE unit_status_history (
  id          bigserial PRIMARY KEY,
  tenant_code text NOT NULL,
  unit_id     text NOT NULL,
  status      text NOT NULL,
  at          timestamptz NOT NULL,
  lon         double precision,
  lat         double precision,
  speed_kmh   double precision,
  heading     double precision,
  incident_id text,
  note        text,
  actor       text NOT NULL
);
CREATE INDEX unit_status_history_unit ON unit_status_history (tenant_code, unit_id, at);

CREATE TABLE avl_positions (
  id          bigserial PRIMARY KEY,
  tenant_code text NOT NULL,
  unit_id     text NOT NULL,
  at          timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  speed_kmh   double precision,
  heading     double precision,
  source      text NOT NULL CHECK (source IN ('http', 'mqtt', 'simulator'))
);
CREATE INDEX avl_positions_unit ON avl_positions (tenant_code, unit_id, at);

-- Rejected positions are counted by reason, never silently dropped.
CREATE TABLE avl_rejections (
  tenant_code text NOT NULL,
  reason      text NOT NULL,
  count       bigint NOT NULL DEFAULT 0,
  last_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, reason)
);
