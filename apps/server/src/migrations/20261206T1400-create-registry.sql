-- 一标三实: standard addresses (标准地址) and the people (实有人口), houses (实有房屋) and businesses
-- (实有单位) at them, their change history and the grid workers' collection tasks (采集任务). Every record
-- carries the police grid (an org of kind 'grid') and station it lies in: the scope check of reads.
-- Personal values (names, ID numbers, phones) are sealed with the field key (SM4); people are deduplicated
-- by a keyed hash of the ID number (HMAC-SM3), addresses by their normalised key.
CREATE TABLE registry_addresses (
  tenant_code       text NOT NULL,
  id                text NOT NULL,
  division_code     text NOT NULL,
  township_code     text,
  road              text,
  door_no           text,
  building          text,
  unit              text,
  room              text,
  label             text NOT NULL,
  addr_key          text NOT NULL,
  lon               double precision,
  lat               double precision,
  community_grid_id text,
  police_grid_id    text NOT NULL,
  station_id        text,
  demo              boolean NOT NULL DEFAULT false,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, addr_key)
);
CREATE INDEX registry_addresses_grid ON registry_addresses (tenant_code, police_grid_id);

CREATE TABLE registry_people (
  tenant_code       text NOT NULL,
  id                text NOT NULL,
  name              text NOT NULL,
  id_number         text NOT NULL,
  id_hash           text NOT NULL,
  sex               text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date        text NOT NULL,
  phone             text,
  kind              text NOT NULL CHECK (kind IN ('registered', 'floating')),
  address_id        text NOT NULL,
  moved_in_on       text,
  moved_out_on      text,
  police_grid_id    text NOT NULL,
  community_grid_id text,
  station_id        text,
  demo              boolean NOT NULL DEFAULT false,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, id_hash)
);
CREATE INDEX registry_people_grid ON registry_people (tenant_code, police_grid_id);
CREATE INDEX registry_people_address ON registry_people (tenant_code, address_id);

CREATE TABLE registry_houses (
  tenant_code       text NOT NULL,
  id                text NOT NULL,
  address_id        text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('self-built', 'rented', 'vacant', 'key')),
  owner_name        text,
  owner_phone       text,
  note              text,
  police_grid_id    text NOT NULL,
  community_grid_id text,
  station_id        text,
  demo              boolean NOT NULL DEFAULT false,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, address_id)
);
CREATE INDEX registry_houses_grid ON registry_houses (tenant_code, police_grid_id);

CREATE TABLE registry_businesses (
  tenant_code       text NOT NULL,
  id                text NOT NULL,
  name              text NOT NULL,
  kind              text NOT NULL,
  licence_no        text,
  address_id        text NOT NULL,
  key_place         boolean NOT NULL DEFAULT false,
  contact_name      text,
  contact_phone     text,
  police_grid_id    text NOT NULL,
  community_grid_id text,
  station_id        text,
  demo              boolean NOT NULL DEFAULT false,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id)
);
CREATE UNIQUE INDEX registry_businesses_licence ON registry_businesses (tenant_code, licence_no)
  WHERE licence_no IS NOT NULL;
CREATE INDEX registry_businesses_grid ON registry_businesses (tenant_code, police_grid_id);

-- Who changed what, when: one row per change, personal values masked when written.
CREATE TABLE registry_history (
  id             bigserial PRIMARY KEY,
  tenant_code    text NOT NULL,
  record_kind    text NOT NULL CHECK (record_kind IN ('address', 'person', 'house', 'business')),
  record_id      text NOT NULL,
  at             timestamptz NOT NULL,
  action         text NOT NULL,
  actor_id       text,
  actor          text NOT NULL,
  source         text NOT NULL,
  collection_id  text,
  collector      text,
  reviewer       text,
  changes        jsonb NOT NULL
);
CREATE INDEX registry_history_record ON registry_history (tenant_code, record_kind, record_id, at);

-- 采集任务: assigned → submitted → accepted | rejected. The id is the phone's own (exactly once); the
-- payload holds personal values, so it is sealed as a whole.
CREATE TABLE registry_collections (
  tenant_code       text NOT NULL,
  id                text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('new-tenant', 'vacant-house', 'new-shop', 'correction')),
  status            text NOT NULL CHECK (status IN ('assigned', 'submitted', 'accepted', 'rejected')),
  summary           text NOT NULL,
  payload           text,
  lon               double precision,
  lat               double precision,
  police_grid_id    text NOT NULL,
  community_grid_id text,
  station_id        text,
  worker_id         text NOT NULL,
  worker_name       text NOT NULL,
  assigned_by       text,
  assigned_note     text,
  assigned_at       timestamptz,
  submitted_at      timestamptz,
  reviewer_id       text,
  reviewer_name     text,
  reviewed_at       timestamptz,
  review_reason     text,
  record_kind       text,
  record_id         text,
  demo              boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX registry_collections_grid ON registry_collections (tenant_code, police_grid_id, status);
CREATE INDEX registry_collections_worker ON registry_collections (tenant_code, worker_id);
