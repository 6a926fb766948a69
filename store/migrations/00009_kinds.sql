-- +goose Up
-- The coordination loop (materials, minutes, follow-up tasks) and figure
-- notices send through the same durable rows as reminders. Their kinds are
-- allowed in one step, so the features' own migrations only add tables.
ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_kind_check CHECK (kind IN
    ('meeting_announce', 'meeting_before', 'meeting_cancel', 'report_before', 'report_summary', 'region_uncovered',
     'materials_request', 'materials_before', 'materials_missing',
     'minutes', 'action_before', 'action_overdue',
     'figures_notice'));

-- +goose Down
DELETE FROM reminders WHERE kind IN ('materials_request', 'materials_before', 'materials_missing',
    'minutes', 'action_before', 'action_overdue', 'figures_notice');
ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_kind_check CHECK (kind IN
    ('meeting_announce', 'meeting_before', 'meeting_cancel', 'report_before', 'report_summary', 'region_uncovered'));
