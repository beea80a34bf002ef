-- Platform tables: tenants, organisations, gazetteer, users and sessions, audit log, event outbox.
-- Every domain table carries tenant_code (the county's 6-digit division code) and is queried by it.

CREATE TABLE tenants (
  tenant_code text PRIMARY KEY CHECK (tenant_code ~ '^[0-9]{6}$'),
  name        text NOT NULL,
  county      text NOT NULL,
  demo        boolean NOT NULL DEFAULT false,
  attribution jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Tenant → joint-service area → station / brigade → police grid.
CREATE TABLE orgs (
  id          text NOT NULL,
  tenant_code text NOT NULL REFERENCES tenants (tenant_code),
  parent_id   text,
  kind        text NOT NULL CHECK (kind IN ('tenant', 'area', 'station', 'brigade', 'grid')),
  code        text NOT NULL,
  name        text NOT NULL,
  area_key    text,
  boundary    jsonb,
  lon         double precision,
  lat         double precision,
  population  integer,
  sort        integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, code)
);
CREATE INDEX orgs_parent ON orgs (tenant_code, parent_id);

-- Administrative divisions below the county (townships, villages/communities): the gazetteer's base.
CREATE TABLE divisions (
  tenant_code text NOT NULL REFERENCES tenants (tenant_code),
  code        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('township', 'village')),
  kind        text NOT NULL,
  name        text NOT NULL,
  parent_code text,
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  population  integer NOT NULL DEFAULT 0,
  station_id  text,
  grid_id     text,
  PRIMARY KEY (tenant_code, code)
);
CREATE INDEX divisions_name ON divisions (tenant_code, name);

CREATE TABLE users (
  id             text NOT NULL,
  tenant_code    text NOT NULL REFERENCES tenants (tenant_code),
  username       text NOT NULL,
  display_name   text NOT NULL,
  password_hash  text NOT NULL,
  roles          text[] NOT NULL,
  org_id         text NOT NULL,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_logins  integer NOT NULL DEFAULT 0,
  locked_until   timestamptz,
  last_login_at  timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, username)
);

-- Browser sessions (idle timeout) and bearer tokens for devices and scripts; only a hash of the secret is kept.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  tenant_code  text NOT NULL REFERENCES tenants (tenant_code),
  user_id      text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('session', 'token')),
  name         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX sessions_user ON sessions (tenant_code, user_id);

-- Append-only audit trail, one SM3 hash chain per tenant.
CREATE TABLE audit_log (
  tenant_code text NOT NULL,
  seq         bigint NOT NULL,
  at          timestamptz NOT NULL,
  actor_id    text,
  actor       text NOT NULL,
  action      text NOT NULL,
  resource    text NOT NULL,
  resource_id text,
  outcome     text NOT NULL CHECK (outcome IN ('ok', 'denied', 'error')),
  reason      text,
  ip          text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  PRIMARY KEY (tenant_code, seq)
);
CREATE INDEX audit_log_at ON audit_log (tenant_code, at);
CREATE INDEX audit_log_actor ON audit_log (tenant_code, actor);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Transactional outbox: events are written in the transaction of the change and relayed after commit.
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  tenant_code  text NOT NULL,
  topic        text NOT NULL,
  payload      jsonb NOT NULL,
  org_ids      text[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
