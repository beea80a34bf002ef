-- 一呼百应: call-outs of volunteers to an incident or a place, the volunteers alerted (ring, road ETA, answer)
-- and each delivery over each channel (Web Push, SMS gateway) with its attempts and receipt.
CREATE TABLE callouts (
  tenant_code      text NOT NULL,
  id               text NOT NULL,
  incident_id      text,
  org_id           text NOT NULL,
  station_id       text,
  kind             text NOT NULL,
  description      text NOT NULL,
  address          text NOT NULL,
  place            text NOT NULL,
  lon              double precision NOT NULL,
  lat              double precision NOT NULL,
  setting          text NOT NULL,
  needed           integer NOT NULL,
  required_skills  jsonb NOT NULL DEFAULT '[]',
  min_vetting      integer NOT NULL DEFAULT 0,
  ring             integer NOT NULL DEFAULT 0,
  status           text NOT NULL,
  accepted         integer NOT NULL DEFAULT 0,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  widen_at         timestamptz,
  expires_at       timestamptz NOT NULL,
  closed_at        timestamptz,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX callouts_open ON callouts (tenant_code, status, expires_at);
CREATE INDEX callouts_incident ON callouts (tenant_code, incident_id);

CREATE TABLE callout_recipients (
  tenant_code   text NOT NULL,
  callout_id    text NOT NULL,
  member_id     text NOT NULL,
  user_id       text,
  ring          integer NOT NULL,
  eta_s         integer NOT NULL,
  distance_m    integer NOT NULL,
  alerted_at    timestamptz NOT NULL,
  state         text NOT NULL,
  answered_at   timestamptz,
  reason        text,
  PRIMARY KEY (tenant_code, callout_id, member_id)
);
CREATE INDEX callout_recipients_member ON callout_recipients (tenant_code, member_id, alerted_at);

CREATE TABLE callout_deliveries (
  id              bigserial PRIMARY KEY,
  tenant_code     text NOT NULL,
  callout_id      text NOT NULL,
  member_id       text NOT NULL,
  channel         text NOT NULL,
  status          text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_at         timestamptz,
  last_error      text,
  provider_id     text,
  sent_at         timestamptz,
  receipt_at      timestamptz,
  receipt_status  text
);
CREATE INDEX callout_deliveries_due ON callout_deliveries (status, next_at);
CREATE INDEX callout_deliveries_recipient ON callout_deliveries (tenant_code, callout_id, member_id);
CREATE UNIQUE INDEX callout_deliveries_provider ON callout_deliveries (provider_id) WHERE provider_id IS NOT NULL;
