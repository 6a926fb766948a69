-- +goose Up
-- Update IDs are a per-bot sequence: a new token on the same database starts
-- a new one, so handled-update records are kept per bot.
ALTER TABLE processed_updates ADD COLUMN bot_id bigint NOT NULL DEFAULT 0;
ALTER TABLE processed_updates DROP CONSTRAINT processed_updates_pkey;
ALTER TABLE processed_updates ADD PRIMARY KEY (bot_id, update_id);

-- The /rapat_baru update that created a meeting: a redelivered update
-- finds the meeting instead of creating a second one.
ALTER TABLE meetings ADD COLUMN source_update bigint;
ALTER TABLE meetings ADD CONSTRAINT meetings_source_update UNIQUE (created_by, source_update);

-- +goose Down
ALTER TABLE meetings DROP CONSTRAINT meetings_source_update;
ALTER TABLE meetings DROP COLUMN source_update;
ALTER TABLE processed_updates DROP CONSTRAINT processed_updates_pkey;
ALTER TABLE processed_updates DROP COLUMN bot_id;
ALTER TABLE processed_updates ADD PRIMARY KEY (update_id);
