-- +goose Up
-- What each import added or changed, written in the import's transaction,
-- so a notice to subscribers says exactly what that import did and an
-- import that changed nothing leaves no row (and sends nothing).
CREATE TABLE figure_imports (
    id         bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL
);
CREATE TABLE figure_changes (
    import_id   bigint NOT NULL REFERENCES figure_imports ON DELETE CASCADE,
    region_code text NOT NULL REFERENCES regions (code),
    indicator   text NOT NULL,
    period_key  text NOT NULL,
    source      text NOT NULL,
    old_value   numeric, -- NULL: the value is new
    new_value   numeric NOT NULL,
    decimals    smallint NOT NULL,
    unit        text NOT NULL,
    PRIMARY KEY (import_id, region_code, indicator, period_key, source)
);

-- Whose notices go where. No row: the default, a coordinator's own region
-- (anyone else: nothing). A row with no regions: turned off.
CREATE TABLE figure_subscriptions (
    user_id    bigint PRIMARY KEY REFERENCES users ON DELETE CASCADE,
    regions    text[] NOT NULL,
    updated_at timestamptz NOT NULL
);

-- A figures_notice reminder names its import.
ALTER TABLE reminders ADD COLUMN figure_import_id bigint REFERENCES figure_imports ON DELETE CASCADE;

-- +goose Down
ALTER TABLE reminders DROP COLUMN figure_import_id;
DROP TABLE figure_subscriptions;
DROP TABLE figure_changes;
DROP TABLE figure_imports;
