-- Fixed video cameras (high-point and crossroads cameras) with the pose the AR view projects labels by.
CREATE TABLE cameras (
  tenant_code   text NOT NULL REFERENCES tenants (tenant_code),
  id            text NOT NULL,
  station_id    text NOT NULL,
  code          text NOT NULL,
  name          text NOT NULL,
  lon           double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat           double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  ground_elevation_m double precision NOT NULL DEFAULT 0,
  height_m      double precision NOT NULL CHECK (height_m > 0),
  heading       double precision NOT NULL CHECK (heading >= 0 AND heading < 360),
  tilt          double precision NOT NULL CHECK (tilt BETWEEN -30 AND 90),
  roll          double precision NOT NULL DEFAULT 0,
  hfov          double precision NOT NULL CHECK (hfov > 0 AND hfov < 180),
  range_m       double precision NOT NULL CHECK (range_m > 0),
  stream_kind   text NOT NULL DEFAULT 'none' CHECK (stream_kind IN ('none', 'hls', 'mjpeg', 'snapshot')),
  stream_url    text,
  active        boolean NOT NULL DEFAULT true,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, code),
  CHECK ((stream_kind = 'none') = (stream_url IS NULL))
);
CREATE INDEX cameras_station ON cameras (tenant_code, station_id);
