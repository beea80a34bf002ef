-- 群防群治: volunteer teams (义警队, 守护队 …) led by a station, their members (personal data encrypted at
-- rest, with masked copies and keyed blind indexes for lookup and dedupe), team membership, the duty
-- periods members log, the latest position of consenting on-duty members, and requests to join a team.
CREATE TABLE volunteer_teams (
  tenant_code     text NOT NULL,
  id              text NOT NULL,
  name            text NOT NULL,
  kind            text NOT NULL,
  station_id      text NOT NULL,
  leader_user_id  text,
  township        text,
  description     text,
  active          boolean NOT NULL DEFAULT true,
  demo            boolean NOT NULL DEFAULT false,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, name)
);
CREATE INDEX volunteer_teams_station ON volunteer_teams (tenant_code, station_id);

CREATE TABLE volunteer_members (
  tenant_code            text NOT NULL,
  id                     text NOT NULL,
  name                   text NOT NULL,
  name_masked            text NOT NULL,
  name_index             text NOT NULL,
  phone                  text NOT NULL,
  phone_masked           text NOT NULL,
  phone_index            text NOT NULL,
  id_number              text,
  id_number_masked       text,
  id_number_index        text,
  user_id                text,
  skills                 jsonb NOT NULL DEFAULT '[]',
  vetting                text NOT NULL DEFAULT 'unvetted',
  vetted_on text,
  vetted_by              text,
  township               text,
  location_consent_at    timestamptz,
  location_withdrawn_at  timestamptz,
  on_duty                boolean NOT NULL DEFAULT false,
  duty_since             timestamptz,
  joined_on text NOT NULL,
  left_on text,
  demo                   boolean NOT NULL DEFAULT false,
  created_by             text NOT NULL,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, phone_index)
);
CREATE UNIQUE INDEX volunteer_members_user ON volunteer_members (tenant_code, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX volunteer_members_id_number ON volunteer_members (tenant_code, id_number_index)
  WHERE id_number_index IS NOT NULL;
CREATE INDEX volunteer_members_name ON volunteer_members (tenant_code, name_index);

CREATE TABLE volunteer_team_members (
  tenant_code  text NOT NULL,
  team_id      text NOT NULL,
  member_id    text NOT NULL,
  joined_on text NOT NULL,
  left_on text,
  PRIMARY KEY (tenant_code, team_id, member_id)
);
CREATE INDEX volunteer_team_members_member ON volunteer_team_members (tenant_code, member_id);

CREATE TABLE volunteer_duty_periods (
  id           bigserial PRIMARY KEY,
  tenant_code  text NOT NULL,
  member_id    text NOT NULL,
  started_at   timestamptz NOT NULL,
  ended_at     timestamptz
);
CREATE INDEX volunteer_duty_periods_member ON volunteer_duty_periods (tenant_code, member_id, started_at);

-- The latest position of a member who consents to location sharing and is on duty; deleted when they go
-- off duty or withdraw consent.
CREATE TABLE volunteer_positions (
  tenant_code  text NOT NULL,
  member_id    text NOT NULL,
  lon          double precision NOT NULL,
  lat          double precision NOT NULL,
  accuracy_m   double precision,
  at           timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, member_id)
);

CREATE TABLE volunteer_join_requests (
  tenant_code   text NOT NULL,
  id            text NOT NULL,
  team_id       text NOT NULL,
  user_id       text NOT NULL,
  member_id     text,
  name          text NOT NULL,
  name_masked   text NOT NULL,
  phone         text NOT NULL,
  phone_masked  text NOT NULL,
  skills        jsonb NOT NULL DEFAULT '[]',
  note          text,
  status        text NOT NULL,
  decided_by    text,
  decided_at    timestamptz,
  reason        text,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX volunteer_join_requests_team ON volunteer_join_requests (tenant_code, team_id, status);
