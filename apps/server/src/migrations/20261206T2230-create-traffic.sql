-- 智慧交通: hazard-prone road sections (a line on the road graph with its edges), roadside devices (weather
-- stations, visibility meters, road-surface sensors, detectors, ANPR cameras, LED/VMS signs), road-weather
-- readings (a time series kept for the tenant's retention; one row per device and instant, so a resent
-- reading never duplicates), hazards the rules raised, what each sign shows and its history, sign message
-- templates, plate reads (personal data, kept for the plate retention) and the routes between configured
-- points.
CREATE TABLE traffic_settings (
  tenant_code            text PRIMARY KEY,
  rules                  jsonb NOT NULL DEFAULT '{}',
  reading_retention_days integer NOT NULL DEFAULT 90 CHECK (reading_retention_days BETWEEN 1 AND 3650),
  plate_retention_days   integer NOT NULL DEFAULT 30 CHECK (plate_retention_days BETWEEN 1 AND 365),
  updated_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE traffic_sections (
  tenant_code text NOT NULL,
  id          text NOT NULL,
  name        text NOT NULL,
  direction   text NOT NULL CHECK (direction IN ('both', 'forward', 'backward')),
  line        jsonb NOT NULL,
  edges       jsonb NOT NULL DEFAULT '[]',
  rules       jsonb NOT NULL DEFAULT '{}',
  note        text,
  demo        boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  deleted_at  timestamptz,
  PRIMARY KEY (tenant_code, id)
);

CREATE TABLE traffic_devices (
  tenant_code       text NOT NULL,
  id                text NOT NULL,
  name              text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('weather', 'visibility', 'surface', 'detector', 'anpr', 'sign')),
  section_id        text,
  lon               double precision NOT NULL,
  lat               double precision NOT NULL,
  model             jsonb,
  sign_id           text,
  junction          text,
  branch            text,
  heartbeat_seconds integer NOT NULL DEFAULT 120,
  last_seen_at      timestamptz,
  rejected          jsonb NOT NULL DEFAULT '{}',
  last_reading      jsonb,
  demo              boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);

CREATE TABLE traffic_readings (
  tenant_code        text NOT NULL,
  device_id          text NOT NULL,
  at                 timestamptz NOT NULL,
  visibility_m       real,
  air_temp_c         real,
  surface_temp_c     real,
  dew_point_c        real,
  friction           real,
  precipitation_mm_h real,
  wind_speed_ms      real,
  wind_gust_ms       real,
  received_at        timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, device_id, at)
);
CREATE INDEX traffic_readings_age ON traffic_readings (tenant_code, at);

CREATE TABLE traffic_hazards (
  tenant_code     text NOT NULL,
  id              text NOT NULL,
  section_id      text NOT NULL,
  condition       text NOT NULL CHECK (condition IN ('fog', 'ice', 'frost', 'slippery', 'wind', 'rain')),
  level           text NOT NULL CHECK (level IN ('yellow', 'orange', 'red')),
  started_at      timestamptz NOT NULL,
  ended_at        timestamptz,
  evidence        jsonb NOT NULL DEFAULT '[]',
  speed_limit_kmh integer,
  gap_m           integer,
  road_event_id   text,
  ntcip_code      integer,
  datex_type      text NOT NULL,
  label           text NOT NULL,
  advice          text NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
-- One open hazard per section and condition.
CREATE UNIQUE INDEX traffic_hazards_open ON traffic_hazards (tenant_code, section_id, condition) WHERE ended_at IS NULL;
CREATE INDEX traffic_hazards_started ON traffic_hazards (tenant_code, started_at DESC);

CREATE TABLE traffic_signs (
  tenant_code     text NOT NULL,
  sign_id         text NOT NULL,
  text            text NOT NULL DEFAULT '',
  lines           jsonb NOT NULL DEFAULT '[]',
  source          text NOT NULL DEFAULT 'blank',
  priority        integer NOT NULL DEFAULT 0,
  expires_at      timestamptz,
  delivery        text NOT NULL DEFAULT 'ok' CHECK (delivery IN ('ok', 'pending', 'failed')),
  command_id      text,
  last_ack_at     timestamptz,
  override_text   text,
  override_until  timestamptz,
  override_by     text,
  override_reason text,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, sign_id)
);

-- What each sign showed and when (messages with a plate go with the plate retention).
CREATE TABLE traffic_sign_log (
  tenant_code text NOT NULL,
  sign_id     text NOT NULL,
  at          timestamptz NOT NULL,
  text        text NOT NULL,
  source      text NOT NULL,
  command_id  text NOT NULL,
  PRIMARY KEY (tenant_code, command_id)
);
CREATE INDEX traffic_sign_log_sign ON traffic_sign_log (tenant_code, sign_id, at DESC);

CREATE TABLE traffic_templates (
  tenant_code text NOT NULL,
  condition   text NOT NULL,
  level       text NOT NULL,
  label       text NOT NULL,
  advice      text NOT NULL,
  priority    integer NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, condition, level)
);

CREATE TABLE traffic_plate_reads (
  tenant_code text NOT NULL,
  id          text NOT NULL,
  device_id   text NOT NULL,
  plate       text NOT NULL,
  at          timestamptz NOT NULL,
  sign_id     text,
  warned      boolean NOT NULL DEFAULT false,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX traffic_plate_reads_at ON traffic_plate_reads (tenant_code, at DESC);

CREATE TABLE traffic_routes (
  tenant_code text NOT NULL,
  id          text NOT NULL,
  name        text NOT NULL,
  from_point  jsonb NOT NULL,
  to_point    jsonb NOT NULL,
  result      jsonb,
  computed_at timestamptz,
  demo        boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
