-- +goose Up
CREATE TABLE invites (
    code        text PRIMARY KEY,          -- ≥ 64 random bits, base32
    role        text NOT NULL CHECK (role IN ('admin', 'koordinator', 'pengamat')),
    region_code text NOT NULL DEFAULT '',
    created_by  bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_by     bigint,
    used_at     timestamptz
);

-- One open /lapor form per user; it survives restarts.
CREATE TABLE report_forms (
    user_id     bigint PRIMARY KEY,
    token       text NOT NULL UNIQUE,      -- names this form instance in its buttons
    region_code text NOT NULL,
    iso_year    int NOT NULL,
    iso_week    int NOT NULL,
    step        int NOT NULL,
    editing     boolean NOT NULL DEFAULT false,
    activities  text,
    households  bigint,
    budget      bigint,
    obstacles   text,
    next_plan   text,
    -- the last update applied, so a redelivered answer is not applied twice
    last_update_id bigint NOT NULL DEFAULT 0,
    started_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Every submitted version is kept; the highest version is the report.
CREATE TABLE reports (
    id           bigserial PRIMARY KEY,
    region_code  text NOT NULL,
    iso_year     int NOT NULL,
    iso_week     int NOT NULL,
    version      int NOT NULL,
    activities   text NOT NULL,
    households   bigint NOT NULL CHECK (households >= 0),
    budget       bigint NOT NULL CHECK (budget >= 0),
    obstacles    text NOT NULL,
    next_plan    text NOT NULL,
    submitted_by bigint NOT NULL,
    submitted_at timestamptz NOT NULL,
    late         boolean NOT NULL,
    form_token   text NOT NULL UNIQUE,     -- a form is submitted once, however often Kirim is pressed
    UNIQUE (region_code, iso_year, iso_week, version)
);
CREATE INDEX reports_week ON reports (iso_year, iso_week);

-- +goose Down
DROP TABLE reports;
DROP TABLE report_forms;
DROP TABLE invites;
