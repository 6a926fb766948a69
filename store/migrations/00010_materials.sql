-- +goose Up
-- A meeting's request for materials: one per meeting, with its deadline.
-- source_update makes a redelivered /bahan find the request it created.
CREATE TABLE material_requests (
    meeting_id    bigint PRIMARY KEY REFERENCES meetings ON DELETE CASCADE,
    request       text NOT NULL CHECK (request <> ''),
    deadline      timestamptz NOT NULL,
    created_by    bigint NOT NULL,
    created_at    timestamptz NOT NULL,
    source_update bigint
);

-- What a region sent: Telegram keeps the file, the bot keeps its file_id
-- (no download). One row per update, so a redelivery is stored once.
CREATE TABLE materials (
    id            bigserial PRIMARY KEY,
    meeting_id    bigint NOT NULL REFERENCES material_requests ON DELETE CASCADE,
    region_code   text NOT NULL DEFAULT '',
    sent_by       bigint NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('document', 'photo', 'text')),
    file_id       text NOT NULL DEFAULT '',
    file_name     text NOT NULL DEFAULT '',
    mime_type     text NOT NULL DEFAULT '',
    file_size     bigint NOT NULL DEFAULT 0,
    body          text NOT NULL DEFAULT '',
    sent_at       timestamptz NOT NULL,
    source_update bigint NOT NULL UNIQUE,
    CHECK ((kind = 'text') = (file_id = '')),
    CHECK (kind <> 'text' OR body <> '')
);
CREATE INDEX materials_meeting ON materials (meeting_id, region_code);

-- A reply to the request finds it through the message the bot sent.
CREATE INDEX deliveries_message ON deliveries (chat_id, message_id) WHERE message_id IS NOT NULL;

-- The items admins put on a meeting's agenda, in order.
CREATE TABLE agenda_items (
    id            bigserial PRIMARY KEY,
    meeting_id    bigint NOT NULL REFERENCES meetings ON DELETE CASCADE,
    position      int NOT NULL,
    body          text NOT NULL CHECK (body <> ''),
    created_by    bigint NOT NULL,
    created_at    timestamptz NOT NULL,
    source_update bigint UNIQUE
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

-- +goose Down
DROP TABLE agenda_items;
DROP INDEX deliveries_message;
DROP TABLE materials;
DROP TABLE material_requests;
