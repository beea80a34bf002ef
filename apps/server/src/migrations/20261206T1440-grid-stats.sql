-- Grid governance statistics: hazards and disputes know the community grid (社区网格) they lie in, so the
-- statistics count them per community grid with a GROUP BY; generated hazards are marked as demo data.
ALTER TABLE hazards ADD COLUMN community_grid_id text;
ALTER TABLE hazards ADD COLUMN demo boolean NOT NULL DEFAULT false;
ALTER TABLE disputes ADD COLUMN community_grid_id text;
CREATE INDEX hazards_station ON hazards (tenant_code, station_id);
CREATE INDEX hazards_reported ON hazards (tenant_code, reported_at);
