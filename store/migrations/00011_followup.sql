-- +goose Up
-- Minutes of a meeting wait here for the admin's "Kirim notulen": the
-- buttons carry only the token, so what is sent is what was previewed.
-- awaiting: the admin's next message is the minutes text.
CREATE TABLE minutes_drafts (
    token         text PRIMARY KEY,
    meeting_id    bigint NOT NULL REFERENCES meetings ON DELETE CASCADE,
    created_by    bigint NOT NULL,
    source_update bigint NOT NULL,
    content       jsonb NOT NULL DEFAULT '{}',
    present       text[] NOT NULL DEFAULT '{}',
    awaiting      boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    minutes_id    bigint,
    cancelled_at  timestamptz,
    UNIQUE (created_by, source_update)
);
CREATE INDEX minutes_drafts_awaiting ON minutes_drafts (created_by, updated_at) WHERE awaiting;

-- One set of minutes per meeting; draft_token makes a second Kirim find
-- the first result.
CREATE TABLE minutes (
    id          bigserial PRIMARY KEY,
    meeting_id  bigint NOT NULL UNIQUE REFERENCES meetings ON DELETE CASCADE,
    draft_token text NOT NULL UNIQUE,
    content     jsonb NOT NULL,
    present     text[] NOT NULL,
    sent_by     bigint NOT NULL,
    sent_at     timestamptz NOT NULL
);

-- Tindak lanjut: a follow-up task of one region from a meeting's minutes.
-- due_at is the moment it counts as overdue (16:00 WITA of due_on).
CREATE TABLE actions (
    id            bigserial PRIMARY KEY,
    minutes_id    bigint NOT NULL REFERENCES minutes ON DELETE CASCADE,
    meeting_id    bigint NOT NULL,
    position      int NOT NULL,
    region_code   text NOT NULL,
    task          text NOT NULL,
    due_on        date NOT NULL,
    due_at        timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    closed_at     timestamptz,
    closed_by     bigint,
    close_note    text NOT NULL DEFAULT '',
    closed_report bigint,
    UNIQUE (minutes_id, position)
);
CREATE INDEX actions_open ON actions (region_code, due_at) WHERE closed_at IS NULL;

-- Kendala: the obstacle a region reported, open until a later report
-- says it is solved. One per region-week: a revision replaces it.
CREATE TABLE obstacles (
    id            bigserial PRIMARY KEY,
    region_code   text NOT NULL,
    iso_year      int NOT NULL,
    iso_week      int NOT NULL,
    report_id     bigint NOT NULL REFERENCES reports ON DELETE CASCADE,
    text          text NOT NULL,
    opened_at     timestamptz NOT NULL,
    closed_at     timestamptz,
    closed_by     bigint,
    close_note    text NOT NULL DEFAULT '',
    closed_report bigint,
    UNIQUE (region_code, iso_year, iso_week)
);
CREATE INDEX obstacles_open ON obstacles (region_code) WHERE closed_at IS NULL;

-- The follow-up questions of an open /lapor form (snapshot at its start),
-- and the answers as sent with a report.
CREATE TABLE report_form_followups (
    token     text NOT NULL,
    user_id   bigint NOT NULL,
    position  int NOT NULL,
    kind      text NOT NULL CHECK (kind IN ('kendala', 'tindak_lanjut')),
    item_id   bigint NOT NULL,
    text      text NOT NULL,
    answer    text CHECK (answer IN ('selesai', 'belum')),
    note      text NOT NULL DEFAULT '',
    note_done boolean NOT NULL DEFAULT false,
    PRIMARY KEY (token, position)
);
CREATE INDEX report_form_followups_user ON report_form_followups (user_id);

CREATE TABLE report_followups (
    report_id bigint NOT NULL REFERENCES reports ON DELETE CASCADE,
    position  int NOT NULL,
    kind      text NOT NULL,
    item_id   bigint NOT NULL,
    text      text NOT NULL,
    done      boolean NOT NULL,
    note      text NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, position)
);

-- "Selesai" pressed in /tindaklanjut: the presser's next message is the
-- closing note.
CREATE TABLE action_closings (
    user_id    bigint PRIMARY KEY,
    action_id  bigint NOT NULL REFERENCES actions ON DELETE CASCADE,
    created_at timestamptz NOT NULL
);

-- The minutes and task reminders name their row.
ALTER TABLE reminders ADD COLUMN minutes_id bigint REFERENCES minutes ON DELETE CASCADE,
    ADD COLUMN action_id bigint REFERENCES actions ON DELETE CASCADE;

-- +goose Down
ALTER TABLE reminders DROP COLUMN action_id, DROP COLUMN minutes_id;
DROP TABLE action_closings;
DROP TABLE report_followups;
DROP TABLE report_form_followups;
DROP TABLE obstacles;
DROP TABLE actions;
DROP TABLE minutes;
DROP TABLE minutes_drafts;
