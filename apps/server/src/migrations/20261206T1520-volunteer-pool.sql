-- The call-out pool: who may be alerted and where they are, kept in memory by each server instance and
-- refreshed from here. Any change to members, their teams or the teams bumps one version (statement
-- triggers, so bulk imports bump it once); positions carry the time they were stored, so an instance reads
-- only the positions stored since it last looked.
CREATE TABLE volunteer_pool_version (
  id       integer PRIMARY KEY CHECK (id = 1),
  version  bigint NOT NULL
);
INSERT INTO volunteer_pool_version (id, version) VALUES (1, 0);

CREATE FUNCTION volunteer_pool_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE volunteer_pool_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER volunteer_members_pool AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON volunteer_members
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_pool_bump();
CREATE TRIGGER volunteer_team_members_pool AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON volunteer_team_members
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_pool_bump();
CREATE TRIGGER volunteer_teams_pool AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON volunteer_teams
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_pool_bump();
-- A position removed (off duty, consent withdrawn) reloads the pool; a position stored is read by time.
CREATE TRIGGER volunteer_positions_pool AFTER DELETE OR TRUNCATE ON volunteer_positions
  FOR EACH STATEMENT EXECUTE FUNCTION volunteer_pool_bump();

ALTER TABLE volunteer_positions ADD COLUMN stored_at timestamptz NOT NULL DEFAULT clock_timestamp();

CREATE FUNCTION volunteer_position_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.stored_at := clock_timestamp();
  RETURN NEW;
END
$$;

CREATE TRIGGER volunteer_positions_stamp BEFORE INSERT OR UPDATE ON volunteer_positions
  FOR EACH ROW EXECUTE FUNCTION volunteer_position_stamp();

CREATE INDEX volunteer_positions_stored ON volunteer_positions (tenant_code, stored_at);
