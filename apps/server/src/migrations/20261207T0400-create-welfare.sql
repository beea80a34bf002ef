-- 爱警暖警 (officer welfare): staff records of officers, auxiliaries and civilian staff; condolence visits under
-- the three mechanisms (daily injury or illness, holidays and key dates, major security operations); injuries
-- and illnesses that call for a visit; health-check campaigns with per-person completion; schooling cases
-- for officers' children. Names, phones, family members, health notes, check results and children's names
-- are stored encrypted by the field cipher.
CREATE TABLE welfare_staff (
  tenant_code      text NOT NULL,
  id               uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('officer', 'auxiliary', 'civilian')),
  org_id           text NOT NULL,
  name             text NOT NULL,
  position         text NOT NULL DEFAULT '',
  phone            text,
  family           text,
  health_notes     text,
  last_check_on    text,
  next_check_due   text,
  children_needs   text,
  active           boolean NOT NULL DEFAULT true,
  demo             boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX welfare_staff_org ON welfare_staff (tenant_code, org_id);

CREATE TABLE welfare_injuries (
  tenant_code   text NOT NULL,
  id            uuid NOT NULL,
  staff_id      uuid NOT NULL,
  occurred_on   text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('injury', 'illness')),
  description   text NOT NULL,
  on_duty       boolean NOT NULL DEFAULT true,
  demo          boolean NOT NULL DEFAULT false,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX welfare_injuries_day ON welfare_injuries (tenant_code, occurred_on);

CREATE TABLE welfare_condolences (
  tenant_code   text NOT NULL,
  id            uuid NOT NULL,
  mechanism     text NOT NULL CHECK (mechanism IN ('daily', 'holiday', 'operation')),
  staff_id      uuid,
  injury_id     uuid,
  occasion      text,
  reason        text NOT NULL,
  visitors      text NOT NULL,
  visited_on    text NOT NULL,
  amount_yuan   double precision NOT NULL DEFAULT 0 CHECK (amount_yuan >= 0),
  demo          boolean NOT NULL DEFAULT false,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX welfare_condolences_day ON welfare_condolences (tenant_code, visited_on);

CREATE TABLE welfare_campaigns (
  tenant_code   text NOT NULL,
  id            uuid NOT NULL,
  year          integer NOT NULL,
  period        text NOT NULL,
  title         text NOT NULL,
  starts_on     text NOT NULL,
  due_on        text NOT NULL,
  demo          boolean NOT NULL DEFAULT false,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);

CREATE TABLE welfare_health_checks (
  tenant_code   text NOT NULL,
  campaign_id   uuid NOT NULL,
  staff_id      uuid NOT NULL,
  done_on       text,
  result        text,
  demo          boolean NOT NULL DEFAULT false,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, campaign_id, staff_id)
);
CREATE INDEX welfare_health_checks_done ON welfare_health_checks (tenant_code, done_on);

CREATE TABLE welfare_schooling (
  tenant_code    text NOT NULL,
  id             uuid NOT NULL,
  staff_id       uuid NOT NULL,
  child_name     text NOT NULL,
  stage          text NOT NULL CHECK (stage IN ('kindergarten', 'primary', 'junior', 'senior')),
  need           text NOT NULL,
  status         text NOT NULL CHECK (status IN ('requested', 'arranged', 'done')),
  school         text,
  requested_on   text NOT NULL,
  arranged_on    text,
  done_on        text,
  demo           boolean NOT NULL DEFAULT false,
  created_by     text NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
