-- Command messaging (融合通信, text): messages and orders, one row per recipient with its delivery state,
-- ad-hoc groups, and emergency-button alerts.

CREATE TABLE messages (
  tenant_code    text NOT NULL,
  id             text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('message', 'order')),
  priority       text NOT NULL CHECK (priority IN ('normal', 'urgent')),
  text           text NOT NULL,
  incident_id    text,
  sender_id      text NOT NULL,
  sender         text NOT NULL,
  sender_name    text NOT NULL,
  sender_org_id  text NOT NULL,
  target         jsonb NOT NULL,
  org_ids        text[] NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX messages_sender ON messages (tenant_code, sender_id, created_at);
CREATE INDEX messages_incident ON messages (tenant_code, incident_id);

-- A recipient is a user or a unit (an addressable endpoint: a vehicle terminal, a post).
-- org_id: the user's scope org, or the unit's station. State: sent → delivered → acknowledged (签收).
CREATE TABLE message_recipients (
  tenant_code      text NOT NULL,
  message_id       text NOT NULL,
  recipient_kind   text NOT NULL CHECK (recipient_kind IN ('user', 'unit')),
  recipient_id     text NOT NULL,
  name             text NOT NULL,
  org_id           text NOT NULL,
  state            text NOT NULL CHECK (state IN ('sent', 'delivered', 'acknowledged')),
  delivered_at     timestamptz,
  acknowledged_at  timestamptz,
  acknowledged_by  text,
  PRIMARY KEY (tenant_code, message_id, recipient_kind, recipient_id)
);
CREATE INDEX message_recipients_recipient ON message_recipients (tenant_code, recipient_kind, recipient_id);
CREATE INDEX message_recipients_org ON message_recipients (tenant_code, org_id);

CREATE TABLE message_groups (
  tenant_code  text NOT NULL,
  id           text NOT NULL,
  name         text NOT NULL,
  user_ids     text[] NOT NULL DEFAULT '{}',
  unit_ids     text[] NOT NULL DEFAULT '{}',
  owner_org_id text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);

CREATE TABLE emergencies (
  tenant_code      text NOT NULL,
  id               text NOT NULL,
  unit_id          text NOT NULL,
  station_id       text NOT NULL,
  area_id          text,
  lon              double precision,
  lat              double precision,
  note             text,
  nearest          jsonb NOT NULL DEFAULT '[]'::jsonb,
  org_ids          text[] NOT NULL DEFAULT '{}',
  raised_by        text NOT NULL,
  raised_at        timestamptz NOT NULL,
  acknowledged_by  text,
  acknowledged_at  timestamptz,
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX emergencies_open ON emergencies (tenant_code, raised_at) WHERE acknowledged_at IS NULL;
CREATE INDEX emergencies_unit ON emergencies (tenant_code, unit_id);
