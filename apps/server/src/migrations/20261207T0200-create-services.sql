-- 智慧一窗通办: the service item catalogue (Open311-style attributes), halls with their hours and counters,
-- one-time phone codes, appointments (a hold is an appointment row in status 'held' until it expires),
-- queue tickets, cases (办件) with their working-day deadlines and timeline, 好差评 ratings with the
-- follow-ups bad reviews open, home-service requests (上门办证). Personal values (names, phones, ID numbers)
-- are stored encrypted by the field cipher, with keyed hashes where they are looked up.
CREATE TABLE service_items (
  tenant_code     text NOT NULL,
  code            text NOT NULL,
  name            text NOT NULL,
  name_en         text NOT NULL,
  category        text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('immediate', 'promised')),
  statutory_days  integer NOT NULL CHECK (statutory_days >= 0),
  promised_days   integer NOT NULL CHECK (promised_days >= 0 AND promised_days <= statutory_days),
  expedited_days  integer CHECK (expedited_days >= 0),
  materials       jsonb NOT NULL DEFAULT '[]',
  fee_yuan        double precision NOT NULL DEFAULT 0,
  channels        jsonb NOT NULL DEFAULT '["window"]',
  centre_only     boolean NOT NULL DEFAULT false,
  item_group      text NOT NULL,
  attributes      jsonb NOT NULL DEFAULT '[]',
  active          boolean NOT NULL DEFAULT true,
  demo            boolean NOT NULL DEFAULT false,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, code)
);

CREATE TABLE service_halls (
  tenant_code    text NOT NULL,
  id             text NOT NULL,
  org_id         text NOT NULL,
  name           text NOT NULL,
  centre         boolean NOT NULL DEFAULT false,
  address        text NOT NULL DEFAULT '',
  lon            double precision NOT NULL,
  lat            double precision NOT NULL,
  phone          text,
  hours          jsonb NOT NULL,
  slot_minutes   integer NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 5 AND 120),
  slot_capacity  integer NOT NULL DEFAULT 2 CHECK (slot_capacity BETWEEN 1 AND 50),
  demo           boolean NOT NULL DEFAULT false,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);

CREATE TABLE service_counters (
  tenant_code  text NOT NULL,
  hall_id      text NOT NULL,
  id           text NOT NULL,
  name         text NOT NULL,
  item_codes   jsonb,
  active       boolean NOT NULL DEFAULT true,
  clerk_id     text,
  demo         boolean NOT NULL DEFAULT false,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, hall_id, id)
);

CREATE TABLE service_otps (
  id           uuid PRIMARY KEY,
  tenant_code  text NOT NULL,
  phone_hash   text NOT NULL,
  code_hash    text NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz
);
CREATE INDEX service_otps_phone ON service_otps (tenant_code, phone_hash, created_at);

CREATE TABLE service_appointments (
  id              uuid PRIMARY KEY,
  tenant_code     text NOT NULL,
  reference       text,
  hall_id         text NOT NULL,
  item_code       text NOT NULL,
  item_group      text NOT NULL,
  slot_start      timestamptz NOT NULL,
  slot_end        timestamptz NOT NULL,
  status          text NOT NULL CHECK (status IN ('held', 'booked', 'checked-in', 'completed', 'cancelled', 'no-show')),
  hold_expires_at timestamptz,
  name            text,
  phone           text,
  phone_hash      text,
  id_number       text,
  attributes      jsonb NOT NULL DEFAULT '{}',
  manage_hash     text,
  reminders_sent  jsonb NOT NULL DEFAULT '[]',
  ticket_id       uuid,
  rescheduled_from uuid,
  demo            boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  UNIQUE (tenant_code, reference)
);
CREATE INDEX service_appointments_slot ON service_appointments (tenant_code, hall_id, slot_start);
CREATE INDEX service_appointments_due ON service_appointments (status, slot_start);

CREATE TABLE service_tickets (
  id              uuid PRIMARY KEY,
  tenant_code     text NOT NULL,
  hall_id         text NOT NULL,
  service_day     text NOT NULL,
  number          text NOT NULL,
  item_group      text NOT NULL,
  item_codes      jsonb NOT NULL,
  source          text NOT NULL CHECK (source IN ('walk-in', 'appointment', 'kiosk')),
  priority        integer NOT NULL DEFAULT 0,
  status          text NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no-show', 'cancelled')),
  counter_id      text,
  transferred_to  text,
  clerk_id        text,
  appointment_id  uuid,
  recalls         integer NOT NULL DEFAULT 0,
  call_seq        bigint,
  issued_at       timestamptz NOT NULL,
  called_at       timestamptz,
  started_at      timestamptz,
  finished_at     timestamptz,
  demo            boolean NOT NULL DEFAULT false,
  UNIQUE (tenant_code, hall_id, service_day, number)
);
CREATE INDEX service_tickets_queue ON service_tickets (tenant_code, hall_id, service_day, status);
CREATE INDEX service_tickets_issued ON service_tickets (tenant_code, issued_at);

CREATE TABLE service_cases (
  id               uuid PRIMARY KEY,
  tenant_code      text NOT NULL,
  number           text NOT NULL,
  item_code        text NOT NULL,
  hall_id          text NOT NULL,
  status           text NOT NULL CHECK (status IN ('accepted', 'processing', 'completed', 'delivered', 'cancelled')),
  expedited        boolean NOT NULL DEFAULT false,
  channel          text NOT NULL,
  applicant_name   text NOT NULL,
  applicant_phone  text,
  phone_last4_hash text,
  applicant_id_number text,
  id_hash          text,
  attributes       jsonb NOT NULL DEFAULT '{}',
  accepted_at      timestamptz NOT NULL,
  deadline         text NOT NULL,
  warn_on          text NOT NULL,
  warned_at        timestamptz,
  completed_at     timestamptz,
  delivered_at     timestamptz,
  on_time          boolean,
  clerk_id         text,
  ticket_id        uuid,
  home_visit_id    uuid,
  rating_token_hash text,
  demo             boolean NOT NULL DEFAULT false,
  updated_at       timestamptz NOT NULL,
  UNIQUE (tenant_code, number)
);
CREATE INDEX service_cases_hall ON service_cases (tenant_code, hall_id, accepted_at);
CREATE INDEX service_cases_open ON service_cases (tenant_code, status, deadline);

CREATE TABLE service_case_events (
  id          bigserial PRIMARY KEY,
  tenant_code text NOT NULL,
  case_id     uuid NOT NULL,
  at          timestamptz NOT NULL,
  status      text NOT NULL,
  actor       text NOT NULL,
  note        text
);
CREATE INDEX service_case_events_case ON service_case_events (case_id, at);

CREATE TABLE service_ratings (
  id          uuid PRIMARY KEY,
  tenant_code text NOT NULL,
  hall_id     text NOT NULL,
  ticket_id   uuid,
  case_id     uuid,
  clerk_id    text,
  level       integer NOT NULL CHECK (level BETWEEN 1 AND 5),
  channel     text NOT NULL CHECK (channel IN ('kiosk', 'phone', 'window')),
  comment     text,
  at          timestamptz NOT NULL,
  demo        boolean NOT NULL DEFAULT false
);
CREATE INDEX service_ratings_at ON service_ratings (tenant_code, at);
CREATE UNIQUE INDEX service_ratings_ticket ON service_ratings (ticket_id) WHERE ticket_id IS NOT NULL AND case_id IS NULL;

CREATE TABLE service_followups (
  id            uuid PRIMARY KEY,
  tenant_code   text NOT NULL,
  rating_id     uuid NOT NULL UNIQUE,
  hall_id       text NOT NULL,
  status        text NOT NULL CHECK (status IN ('open', 'called-back', 'rectified', 'closed')),
  opened_at     timestamptz NOT NULL,
  rectify_by    text NOT NULL,
  callback_at   timestamptz,
  callback_note text,
  callback_by   text,
  rectified_at  timestamptz,
  rectify_note  text,
  rectified_by  text,
  fix_level     integer CHECK (fix_level BETWEEN 1 AND 5),
  closed_at     timestamptz
);
CREATE INDEX service_followups_open ON service_followups (tenant_code, status);

CREATE TABLE service_home_visits (
  id                  uuid PRIMARY KEY,
  tenant_code         text NOT NULL,
  station_id          text NOT NULL,
  applicant_name      text NOT NULL,
  applicant_phone     text NOT NULL,
  applicant_id_number text,
  age                 integer,
  reason              text NOT NULL CHECK (reason IN ('age', 'illness', 'disability', 'other')),
  address             text NOT NULL,
  item_codes          jsonb NOT NULL,
  note                text,
  status              text NOT NULL CHECK (status IN ('requested', 'accepted', 'rejected', 'scheduled', 'completed')),
  triage_note         text,
  triaged_by          text,
  scheduled_at        timestamptz,
  officers            jsonb NOT NULL DEFAULT '[]',
  completed_at        timestamptz,
  created_by          text NOT NULL,
  demo                boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX service_home_visits_station ON service_home_visits (tenant_code, station_id, status);

-- The calling screen speaks each call once: calls are numbered per tenant.
CREATE SEQUENCE service_call_seq;
