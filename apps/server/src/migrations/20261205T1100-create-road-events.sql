-- Road closures and slow-downs (封路、限速) set by the command rooms. The place as given is kept so the
-- event can be laid again on a re-imported graph; edges are those it covered when it was set.
CREATE TABLE road_events (
  tenant_code  text NOT NULL,
  id           text NOT NULL,
  cause        text NOT NULL,
  speed_factor double precision CHECK (speed_factor > 0 AND speed_factor <= 1),
  note         text,
  place        jsonb NOT NULL,
  edges        integer[] NOT NULL,
  until        timestamptz,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  removed_by   text,
  removed_at   timestamptz,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX road_events_open ON road_events (tenant_code) WHERE removed_at IS NULL;
