-- Photos taken on scene, stored with the incident (personal data: every read is audited).
CREATE TABLE incident_attachments (
  tenant_code   text NOT NULL,
  id            text NOT NULL,
  incident_id   text NOT NULL,
  kind          text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  caption       text,
  bytes         bytea NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, incident_id, sha256)
);
