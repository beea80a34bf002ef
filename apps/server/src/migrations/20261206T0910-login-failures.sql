-- Failed logins are counted per account name AND source address: an attacker's failures lock that name
-- from the attacker's address only, and the owner still signs in from elsewhere. Names that do not exist
-- are counted the same way, so the answers do not tell whether an account exists (no tenant foreign key:
-- the tenant in a login attempt is whatever the caller sent). users.failed_logins and users.locked_until
-- are no longer written.
CREATE TABLE login_failures (
  tenant_code     text NOT NULL,
  username        text NOT NULL,
  source_ip       text NOT NULL,
  failures        integer NOT NULL,
  locked_until    timestamptz,
  last_failure_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, username, source_ip)
);
CREATE INDEX login_failures_last ON login_failures (last_failure_at);

-- Sessions and bearer tokens get a public id, so that their owner and the security administrator can
-- list and revoke them without ever seeing the secret or its hash.
ALTER TABLE sessions ADD COLUMN id text;
UPDATE sessions SET id = gen_random_uuid()::text WHERE id IS NULL;
ALTER TABLE sessions ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX sessions_id ON sessions (tenant_code, id);
