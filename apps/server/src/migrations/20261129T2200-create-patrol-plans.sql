-- 守点、巡线、控面: guard points, patrol lines and controlled areas with their assigned units.
CREATE TABLE patrol_features (
  tenant_code text NOT NULL,
  id          text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('guard-point', 'patrol-line', 'control-area')),
  name        text NOT NULL,
  geometry    jsonb NOT NULL,
  station_id  text NOT NULL,
  unit_ids    text[] NOT NULL DEFAULT '{}',
  note        text,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX patrol_features_station ON patrol_features (tenant_code, station_id);
