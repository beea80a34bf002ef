-- An Idempotency-Key belongs to the user who sent it: another user's identical key is a different request
-- and never replays an incident they may not read.
ALTER TABLE incidents DROP CONSTRAINT incidents_tenant_code_idempotency_key_key;
ALTER TABLE incidents ADD CONSTRAINT incidents_idempotency_key_per_user UNIQUE (tenant_code, created_by, idempotency_key);
