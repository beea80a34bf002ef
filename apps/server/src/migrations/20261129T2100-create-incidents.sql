-- Incidents (警情): intake, gazetteer of named places, per-tenant dispatch settings, the org links that
-- decide who sees an incident, and the append-only timeline.

CREATE TABLE dispatch_settings (
  tenant_code          text PRIMARY KEY REFERENCES tenants (tenant_code),
  county_town_codes    text[] NOT NULL DEFAULT '{}',
  county_town_radius_m integer NOT NULL DEFAULT 3000 CHECK (county_town_radius_m > 0),
  suburb_radius_m      integer NOT NULL DEFAULT 10000 CHECK (suburb_radius_m > 0),
  target_county_town_s integer NOT NULL DEFAULT 300 CHECK (target_county_town_s > 0),
  target_suburb_s      integer NOT NULL DEFAULT 600 CHECK (target_suburb_s > 0),
  target_rural_s       integer NOT NULL DEFAULT 1200 CHECK (target_rural_s > 0),
  duplicate_radius_m   integer NOT NULL DEFAULT 500 CHECK (duplicate_radius_m >= 0),
  duplicate_window_s   integer NOT NULL DEFAULT 1800 CHECK (duplicate_window_s >= 0),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Named places of the gazetteer (tunnels, hospitals, schools, scenic spots) beside the divisions table.
CREATE TABLE places (
  tenant_code   text NOT NULL REFERENCES tenants (tenant_code),
  id            text NOT NULL,
  name          text NOT NULL,
  aliases       text[] NOT NULL DEFAULT '{}',
  kind          text NOT NULL,
  township_code text NOT NULL,
  village_code  text,
  lon           double precision NOT NULL,
  lat           double precision NOT NULL,
  PRIMARY KEY (tenant_code, id)
);

-- Daily incident numbers (接警编号) without gaps or races.
CREATE TABLE incident_counters (
  tenant_code text NOT NULL,
  day         text NOT NULL,
  n           integer NOT NULL,
  PRIMARY KEY (tenant_code, day)
);

CREATE TABLE incidents (
  id               text NOT NULL,
  tenant_code      text NOT NULL REFERENCES tenants (tenant_code),
  number           text NOT NULL,
  source           text NOT NULL CHECK (source IN ('110', 'walk-in', 'patrol', 'video', 'grid', 'volunteer')),
  kind             text NOT NULL,
  category_code    text NOT NULL,
  priority         smallint NOT NULL CHECK (priority BETWEEN 1 AND 3),
  status           text NOT NULL,
  disposition      text,
  description      text NOT NULL,
  caller_name      text,
  caller_phone     text,
  address          text,
  road             text,
  house_number     text,
  lon              double precision NOT NULL,
  lat              double precision NOT NULL,
  location_source  text NOT NULL CHECK (location_source IN ('point', 'address')),
  confidence       double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  candidates       jsonb NOT NULL DEFAULT '[]'::jsonb,
  township_code    text,
  village_code     text,
  place_id         text,
  station_id       text,
  area_id          text,
  grid_id          text,
  zone             text NOT NULL CHECK (zone IN ('county-town', 'suburb', 'rural')),
  target_seconds   integer NOT NULL,
  received_at      timestamptz NOT NULL,
  answered_at      timestamptz,
  dispatched_at    timestamptz,
  acknowledged_at  timestamptz,
  en_route_at      timestamptz,
  on_scene_at      timestamptz,
  resolved_at      timestamptz,
  closed_at        timestamptz,
  callback_at      timestamptz,
  merged_into      text,
  idempotency_key  text,
  request_hash     text,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, number),
  UNIQUE (tenant_code, idempotency_key)
);
CREATE INDEX incidents_received ON incidents (tenant_code, received_at);
CREATE INDEX incidents_kind_received ON incidents (tenant_code, kind, received_at);
CREATE INDEX incidents_status ON incidents (tenant_code, status);

-- Orgs an incident concerns: its station and grid at intake; other modules add the orgs it is
-- dispatched to. A user sees an incident when one of these orgs lies within the user's scope.
CREATE TABLE incident_orgs (
  tenant_code text NOT NULL,
  incident_id text NOT NULL,
  org_id      text NOT NULL,
  role        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, incident_id, org_id)
);
CREATE INDEX incident_orgs_org ON incident_orgs (tenant_code, org_id);

-- The timeline: who did what and when. Append-only like the audit log.
CREATE TABLE incident_events (
  id          bigserial PRIMARY KEY,
  tenant_code text NOT NULL,
  incident_id text NOT NULL,
  at          timestamptz NOT NULL,
  actor_id    text,
  actor       text NOT NULL,
  kind        text NOT NULL,
  from_status text,
  to_status   text,
  note        text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX incident_events_incident ON incident_events (tenant_code, incident_id, id);

CREATE FUNCTION incident_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER incident_events_no_update BEFORE UPDATE OR DELETE ON incident_events
  FOR EACH ROW EXECUTE FUNCTION incident_events_append_only();
