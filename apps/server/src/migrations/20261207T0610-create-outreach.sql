-- 暖心为民 outreach: anti-fraud warnings (反诈预警) from higher levels and from our own incidents, graded
-- high/medium/low, tracked issued → signed → dissuaded → feedback with their time limits and timeline;
-- the register of vulnerable residents (重点关爱对象) and their home visits (planned, done, missed).
-- Names, phones and ID numbers are stored encrypted by the field cipher.
CREATE TABLE fraud_warnings (
  tenant_code     text NOT NULL,
  id              text NOT NULL,
  number          text NOT NULL,
  station_id      text,
  risk            text NOT NULL CHECK (risk IN ('high', 'medium', 'low')),
  action          text NOT NULL CHECK (action IN ('visit', 'call', 'sms')),
  status          text NOT NULL CHECK (status IN ('issued', 'signed', 'dissuaded', 'feedback')),
  outcome         text CHECK (outcome IN ('dissuaded', 'defrauded', 'unreachable')),
  fraud_type      text NOT NULL,
  source          text NOT NULL CHECK (source IN ('ministry', 'province', 'city', 'incident')),
  person_name     text NOT NULL,
  phone           text NOT NULL,
  id_number       text,
  address         text NOT NULL,
  township_code   text,
  lon             double precision,
  lat             double precision,
  incident_id     text,
  issued_at       timestamptz NOT NULL,
  signed_at       timestamptz,
  dissuaded_at    timestamptz,
  feedback_at     timestamptz,
  due_at          timestamptz,
  overdue         boolean NOT NULL DEFAULT false,
  money_at_risk   double precision NOT NULL DEFAULT 0 CHECK (money_at_risk >= 0),
  money_saved     double precision NOT NULL DEFAULT 0 CHECK (money_saved >= 0),
  sms_status      text,
  calls           integer NOT NULL DEFAULT 0,
  signed_by       text,
  note            text,
  demo            boolean NOT NULL DEFAULT false,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, number)
);
CREATE INDEX fraud_warnings_station ON fraud_warnings (tenant_code, station_id, issued_at);
CREATE INDEX fraud_warnings_open ON fraud_warnings (tenant_code, status) WHERE status <> 'feedback';

CREATE TABLE fraud_warning_events (
  tenant_code  text NOT NULL,
  id           text NOT NULL,
  warning_id   text NOT NULL,
  seq          bigserial NOT NULL,
  at           timestamptz NOT NULL,
  kind         text NOT NULL,
  actor        text NOT NULL,
  note         text,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX fraud_warning_events_warning ON fraud_warning_events (tenant_code, warning_id, at);

CREATE TABLE vulnerable_residents (
  tenant_code    text NOT NULL,
  id             text NOT NULL,
  station_id     text NOT NULL,
  kinds          text[] NOT NULL,
  active         boolean NOT NULL DEFAULT true,
  name           text NOT NULL,
  phone          text,
  phone_hash     text,
  id_number      text,
  address        text NOT NULL,
  address_id     text,
  township_code  text,
  lon            double precision,
  lat            double precision,
  officer_id     text,
  note           text,
  demo           boolean NOT NULL DEFAULT false,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX vulnerable_residents_station ON vulnerable_residents (tenant_code, station_id);

CREATE TABLE home_visits (
  tenant_code       text NOT NULL,
  id                text NOT NULL,
  resident_id       text NOT NULL,
  station_id        text NOT NULL,
  officer_id        text,
  status            text NOT NULL CHECK (status IN ('planned', 'done', 'missed')),
  planned_for       text NOT NULL,
  done_at           timestamptz,
  anti_fraud_talk   boolean NOT NULL DEFAULT false,
  activities        text,
  needs             text,
  warning_id        text,
  service_visit_id  text,
  hazard_id         text,
  demo              boolean NOT NULL DEFAULT false,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX home_visits_resident ON home_visits (tenant_code, resident_id, planned_for);
CREATE INDEX home_visits_officer ON home_visits (tenant_code, officer_id, status);
