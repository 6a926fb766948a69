-- +goose Up
-- A material its sender (or an admin) took back: kept with who and when,
-- and left out of every count, view and reminder decision.
ALTER TABLE materials ADD COLUMN removed_at timestamptz;
ALTER TABLE materials ADD COLUMN removed_by bigint;
ALTER TABLE materials ADD CONSTRAINT materials_removed_both CHECK ((removed_at IS NULL) = (removed_by IS NULL));

-- +goose Down
ALTER TABLE materials DROP CONSTRAINT materials_removed_both;
ALTER TABLE materials DROP COLUMN removed_by;
ALTER TABLE materials DROP COLUMN removed_at;
