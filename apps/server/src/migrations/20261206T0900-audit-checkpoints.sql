-- Tamper evidence that holds against the database owner. New audit records are chained with HMAC-SM3 under
-- the audit key (kept outside the database); records written before carry the unkeyed SM3 chain and stay
-- readable as they are. hash_alg says which: existing rows get 'sm3', every new row names its algorithm.
ALTER TABLE audit_log ADD COLUMN hash_alg text NOT NULL DEFAULT 'sm3' CHECK (hash_alg IN ('sm3', 'hmac-sm3'));
ALTER TABLE audit_log ALTER COLUMN hash_alg DROP DEFAULT;

-- Signed checkpoints of each tenant's chain head (SM2 over SM3). Every row is also appended to
-- <DATA_DIR>/audit-checkpoints.jsonl, so rows removed here are still on record outside the database.
CREATE TABLE audit_checkpoints (
  tenant_code  text NOT NULL,
  seq          bigint NOT NULL,
  head_hash    text NOT NULL,
  record_count bigint NOT NULL,
  at           timestamptz NOT NULL,
  key_id       text NOT NULL,
  signature    text NOT NULL,
  PRIMARY KEY (tenant_code, seq)
);

CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_checkpoints is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only();
