-- +goose Up
CREATE TABLE users (
    id           bigint PRIMARY KEY,           -- Telegram user ID
    first_name   text NOT NULL DEFAULT '',
    username     text NOT NULL DEFAULT '',
    role         text NOT NULL DEFAULT '' CHECK (role IN ('', 'admin', 'koordinator', 'pengamat')),
    region_code  text NOT NULL DEFAULT '',
    muted        boolean NOT NULL DEFAULT false,
    unreachable  boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'koordinator' OR region_code <> '')
);

CREATE TABLE role_audit (
    id          bigserial PRIMARY KEY,
    actor_id    bigint NOT NULL,            -- 0 for configuration (BOT_ADMIN_IDS)
    user_id     bigint NOT NULL,
    action      text NOT NULL,
    old_role    text NOT NULL DEFAULT '',
    new_role    text NOT NULL DEFAULT '',
    region_code text NOT NULL DEFAULT '',
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX role_audit_user ON role_audit (user_id, at);

-- Updates already handled, so a redelivery by Telegram is dropped.
CREATE TABLE processed_updates (
    update_id    bigint PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE processed_updates;
DROP TABLE role_audit;
DROP TABLE users;
