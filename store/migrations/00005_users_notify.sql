-- +goose Up
-- Every change to a person (role, region, mute, reachability) is announced
-- so each replica drops its cached copy at once.
-- +goose StatementBegin
CREATE FUNCTION notify_users_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('users_changed', NEW.id::text);
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER users_changed AFTER UPDATE ON users
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION notify_users_changed();

-- +goose Down
DROP TRIGGER users_changed ON users;
DROP FUNCTION notify_users_changed();
