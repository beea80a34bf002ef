-- 矛盾纠纷: disputes registered for mediation, their parties (personal data, encrypted at rest) and
-- their append-only timeline (status changes, meetings, the agreement, follow-up visits).
CREATE TABLE disputes (
  tenant_code     text NOT NULL,
  id              text NOT NULL,
  number          text NOT NULL,
  kind            text NOT NULL,
  risk            text NOT NULL,
  status          text NOT NULL,
  description     text NOT NULL,
  address         text,
  lon             double precision,
  lat             double precision,
  grid_id         text,
  station_id      text,
  mediators       jsonb NOT NULL DEFAULT '[]',
  referral        jsonb,
  agreement       jsonb,
  registered_at   timestamptz NOT NULL,
  due_at          timestamptz NOT NULL,
  concluded_at    timestamptz,
  closed_at       timestamptz,
  demo            boolean NOT NULL DEFAULT false,
  created_by      text NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, number)
);
CREATE INDEX disputes_registered ON disputes (tenant_code, registered_at);
CREATE INDEX disputes_station ON disputes (tenant_code, station_id);
CREATE INDEX disputes_grid ON disputes (tenant_code, grid_id);

CREATE TABLE dispute_parties (
  tenant_code  text NOT NULL,
  id           text NOT NULL,
  dispute_id   text NOT NULL,
  sort         integer NOT NULL,
  name         text NOT NULL,
  phone        text,
  id_number    text,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX dispute_parties_dispute ON dispute_parties (tenant_code, dispute_id);

CREATE TABLE dispute_events (
  id           bigserial PRIMARY KEY,
  tenant_code  text NOT NULL,
  dispute_id   text NOT NULL,
  at           timestamptz NOT NULL,
  actor_id     text,
  actor        text NOT NULL,
  kind         text NOT NULL,
  from_status  text,
  to_status    text,
  note         text,
  detail       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX dispute_events_dispute ON dispute_events (tenant_code, dispute_id, id);
