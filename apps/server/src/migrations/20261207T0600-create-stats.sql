-- The scorecard: crime records gain their case outcomes (立案 filed_at, null = occurred_from; 破案 solved_at,
-- null = unsolved); 三率 survey results per period and township (or the county / province row); the weekly
-- and monthly reports made from the records, stored with their files.
ALTER TABLE crime_records ADD COLUMN filed_at timestamptz;
ALTER TABLE crime_records ADD COLUMN solved_at timestamptz;
CREATE INDEX crime_records_filed ON crime_records (tenant_code, filed_at);

CREATE TABLE survey_results (
  tenant_code    text NOT NULL,
  period         text NOT NULL,
  -- a township code, 'county' or 'province'
  area_code      text NOT NULL,
  scope          text NOT NULL CHECK (scope IN ('township', 'county', 'province')),
  respondents    integer CHECK (respondents > 0),
  awareness      double precision NOT NULL CHECK (awareness BETWEEN 0 AND 1),
  participation  double precision NOT NULL CHECK (participation BETWEEN 0 AND 1),
  satisfaction   double precision NOT NULL CHECK (satisfaction BETWEEN 0 AND 1),
  province_rank  integer,
  demo           boolean NOT NULL DEFAULT false,
  imported_by    text NOT NULL,
  imported_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, period, area_code)
);

CREATE TABLE stats_reports (
  tenant_code  text NOT NULL,
  id           text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('weekly', 'monthly')),
  date_from    text NOT NULL,
  date_to      text NOT NULL,
  title        text NOT NULL,
  -- the figures the files are made from
  content      jsonb NOT NULL,
  xlsx         bytea,
  pdf          bytea,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id)
);
-- The sweep makes each ended week and month once.
CREATE UNIQUE INDEX stats_reports_period ON stats_reports (tenant_code, kind, date_from, date_to);
