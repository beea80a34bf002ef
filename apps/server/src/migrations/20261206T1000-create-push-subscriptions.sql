-- Web Push subscriptions (a browser or phone of a user): orders wake the phone through its push service.
CREATE TABLE push_subscriptions (
  tenant_code  text NOT NULL,
  id           text NOT NULL,
  user_id      text NOT NULL,
  endpoint     text NOT NULL,
  p256dh       text NOT NULL,
  auth         text NOT NULL,
  user_agent   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_sent_at timestamptz,
  failures     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, endpoint)
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (tenant_code, user_id);
