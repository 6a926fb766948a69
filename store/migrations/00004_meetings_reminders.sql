-- +goose Up
CREATE TABLE meetings (
    id           bigserial PRIMARY KEY,
    title        text NOT NULL CHECK (title <> ''),
    location     text NOT NULL DEFAULT '',
    starts_at    timestamptz NOT NULL,
    created_by   bigint NOT NULL,
    created_at   timestamptz NOT NULL,
    cancelled_at timestamptz,
    cancelled_by bigint
);
CREATE INDEX meetings_upcoming ON meetings (starts_at) WHERE cancelled_at IS NULL;

CREATE TABLE rsvps (
    meeting_id  bigint NOT NULL REFERENCES meetings ON DELETE CASCADE,
    user_id     bigint NOT NULL,
    answer      text NOT NULL CHECK (answer IN ('hadir', 'tidak_hadir', 'belum_pasti')),
    answered_at timestamptz NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);

-- Days and weeks admins mark off with /libur. The fixed national holidays
-- are known to the code and never stored.
CREATE TABLE holidays (
    id         bigserial PRIMARY KEY,
    day        date,
    iso_year   int,
    iso_week   int,
    note       text NOT NULL DEFAULT '',
    created_by bigint NOT NULL,
    created_at timestamptz NOT NULL,
    CHECK ((day IS NULL) <> (iso_year IS NULL)),
    CHECK ((iso_year IS NULL) = (iso_week IS NULL))
);
CREATE UNIQUE INDEX holidays_day ON holidays (day) WHERE day IS NOT NULL;
CREATE UNIQUE INDEX holidays_week ON holidays (iso_year, iso_week) WHERE iso_year IS NOT NULL;

-- Every reminder is a row with its due time. dedup_key makes planning
-- idempotent across sweeps and replicas ("report_before:2024-W50:86400").
-- pending -> open (deliveries created) -> done, or pending -> dropped.
CREATE TABLE reminders (
    id          bigserial PRIMARY KEY,
    dedup_key   text NOT NULL UNIQUE,
    kind        text NOT NULL CHECK (kind IN ('meeting_announce', 'meeting_before', 'meeting_cancel', 'report_before', 'report_summary')),
    meeting_id  bigint REFERENCES meetings ON DELETE CASCADE,
    iso_year    int,
    iso_week    int,
    offset_s    bigint NOT NULL DEFAULT 0,
    due_at      timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'open', 'done', 'dropped')),
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    expanded_at timestamptz
);
CREATE INDEX reminders_due ON reminders (due_at) WHERE status = 'pending';
CREATE INDEX reminders_open ON reminders (id) WHERE status = 'open';
CREATE INDEX reminders_meeting ON reminders (meeting_id) WHERE meeting_id IS NOT NULL;

-- One row per (reminder, chat): the primary key is what makes a message go
-- out at most once however many sweepers run. chat_id is the person's ID
-- (their private chat) or the REPORT_CHAT_ID group.
CREATE TABLE deliveries (
    reminder_id     bigint NOT NULL REFERENCES reminders ON DELETE CASCADE,
    chat_id         bigint NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN
        ('pending', 'claimed', 'sending', 'sent', 'skipped', 'expired', 'unreachable', 'failed', 'unknown')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_by      text,
    lease_until     timestamptz,
    finished_at     timestamptz,
    message_id      bigint,
    note            text NOT NULL DEFAULT '',
    PRIMARY KEY (reminder_id, chat_id)
);
CREATE INDEX deliveries_ready ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_leased ON deliveries (lease_until) WHERE status IN ('claimed', 'sending');
CREATE INDEX deliveries_open ON deliveries (reminder_id) WHERE status IN ('pending', 'claimed', 'sending');

-- +goose Down
DROP TABLE deliveries;
DROP TABLE reminders;
DROP TABLE holidays;
DROP TABLE rsvps;
DROP TABLE meetings;
