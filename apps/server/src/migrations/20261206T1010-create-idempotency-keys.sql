-- Answers to writes sent with an Idempotency-Key, per user: a client that re-sends a write after losing the
-- answer (a phone's offline outbox) gets the stored answer instead of a second write. `status` is null
-- while the first request is still being processed.
CREATE TABLE idempotency_keys (
  tenant_code   text NOT NULL,
  user_id       text NOT NULL,
  key           text NOT NULL,
  method        text NOT NULL,
  path          text NOT NULL,
  request_hash  text NOT NULL,
  status        integer,
  content_type  text,
  response      text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
