-- Grid governance (警网融合). Police grids are orgs of kind 'grid'; community grids (社区网格) lie under a
-- village or community of the division table, each inside exactly one police grid. The bounding box columns
-- narrow the point lookup before the point-in-polygon test.
CREATE TABLE community_grids (
  tenant_code    text NOT NULL,
  id             text NOT NULL,
  code           text NOT NULL,
  name           text NOT NULL,
  village_code   text NOT NULL,
  police_grid_id text NOT NULL,
  boundary       jsonb NOT NULL,
  min_lon        double precision NOT NULL,
  min_lat        double precision NOT NULL,
  max_lon        double precision NOT NULL,
  max_lat        double precision NOT NULL,
  population     integer,
  demo           boolean NOT NULL DEFAULT false,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, code)
);
CREATE INDEX community_grids_police ON community_grids (tenant_code, police_grid_id);

-- "1+2+N" rosters: one row per appointment. Ending an appointment sets ends_on and keeps the row, so the
-- history of who served a grid stays. Days are China calendar days as text (YYYY-MM-DD). Phones are sealed with the field key (SM4).
CREATE TABLE grid_rosters (
  tenant_code    text NOT NULL,
  id             text NOT NULL,
  grid_layer     text NOT NULL CHECK (grid_layer IN ('police', 'community')),
  grid_id        text NOT NULL,
  police_grid_id text NOT NULL,
  role           text NOT NULL,
  name           text NOT NULL,
  phone          text,
  user_id        text,
  starts_on      text NOT NULL CHECK (starts_on ~ '^\d{4}-\d{2}-\d{2}$'),
  ends_on        text CHECK (ends_on ~ '^\d{4}-\d{2}-\d{2}$'),
  end_reason     text,
  demo           boolean NOT NULL DEFAULT false,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX grid_rosters_grid ON grid_rosters (tenant_code, grid_id);
CREATE INDEX grid_rosters_police ON grid_rosters (tenant_code, police_grid_id);
