-- +goose Up
-- The weekly form asks which Inpres 4/2022 strategies and which funding
-- sources a week's work used. NULL in reports: sent before the form asked.
ALTER TABLE report_forms ADD COLUMN strategies text[], ADD COLUMN funding text[];
ALTER TABLE reports ADD COLUMN strategies text[], ADD COLUMN funding text[];
-- The new steps are 6 and 7 and the summary moved to 8, so an open form
-- at the old summary (6) now asks for the strategies, as it must.

-- Yearly targets per region: households to reach (kk) and the budget
-- ceiling in rupiah (anggaran). A re-import replaces the same key.
CREATE TABLE targets (
    year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    region_code text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('kk', 'anggaran')),
    value       bigint NOT NULL CHECK (value >= 0),
    source      text NOT NULL,
    imported_by bigint NOT NULL,
    imported_at timestamptz NOT NULL,
    PRIMARY KEY (year, region_code, kind)
);

-- +goose Down
DROP TABLE targets;
UPDATE report_forms SET step = 6 WHERE step IN (7, 8);
ALTER TABLE reports DROP COLUMN strategies, DROP COLUMN funding;
ALTER TABLE report_forms DROP COLUMN strategies, DROP COLUMN funding;
