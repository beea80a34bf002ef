-- Who works which unit (上岗): an officer signs on to the unit they work today from the phone app, which then
-- reports that unit's status and position. A user works one unit at a time; a unit may have several crew.
CREATE TABLE unit_crews (
  tenant_code text NOT NULL,
  user_id     text NOT NULL,
  unit_id     text NOT NULL,
  since       timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, user_id)
);
CREATE INDEX unit_crews_unit ON unit_crews (tenant_code, unit_id);
