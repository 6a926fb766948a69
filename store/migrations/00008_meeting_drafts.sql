-- +goose Up
-- A /rapat_baru on a holiday waits here for the admin's "Ya". The button
-- carries only the random token, so the meeting created is the one shown;
-- (created_by, source_update) lets a redelivered /rapat_baru find its draft.
CREATE TABLE meeting_drafts (
    token         text PRIMARY KEY,
    title         text NOT NULL,
    location      text NOT NULL DEFAULT '',
    starts_at     timestamptz NOT NULL,
    created_by    bigint NOT NULL,
    source_update bigint NOT NULL,
    created_at    timestamptz NOT NULL,
    meeting_id    bigint REFERENCES meetings ON DELETE CASCADE,
    cancelled_at  timestamptz,
    CHECK (meeting_id IS NULL OR cancelled_at IS NULL),
    UNIQUE (created_by, source_update)
);
CREATE INDEX meeting_drafts_created ON meeting_drafts (created_at);

-- +goose Down
DROP TABLE meeting_drafts;
