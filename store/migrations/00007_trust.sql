-- +goose Up
-- An invite can be called off before it is used: by an admin from
-- /undangan, or because its maker lost the admin role.
ALTER TABLE invites ADD COLUMN cancelled_at timestamptz, ADD COLUMN cancelled_by bigint;
CREATE INDEX invites_open ON invites (expires_at) WHERE used_by IS NULL AND cancelled_at IS NULL;

-- Notices to admins about a region (it lost its last coordinator) travel
-- through the same durable rows as reminders, so they go out exactly once.
ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_kind_check CHECK (kind IN
    ('meeting_announce', 'meeting_before', 'meeting_cancel', 'report_before', 'report_summary', 'region_uncovered'));
ALTER TABLE reminders ADD COLUMN region_code text, ADD COLUMN detail text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE reminders DROP COLUMN detail, DROP COLUMN region_code;
DELETE FROM reminders WHERE kind = 'region_uncovered';
ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_kind_check CHECK (kind IN
    ('meeting_announce', 'meeting_before', 'meeting_cancel', 'report_before', 'report_summary'));
DROP INDEX invites_open;
ALTER TABLE invites DROP COLUMN cancelled_by, DROP COLUMN cancelled_at;
