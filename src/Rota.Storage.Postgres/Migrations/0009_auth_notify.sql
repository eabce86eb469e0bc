-- migration: 9 auth_notify
-- up
-- Every committed change to tokens or users, by any writer (a node, `rota token revoke --db`, manual SQL), is announced
-- on rota_auth with the schema as payload, so servers may remember found tokens and forget them at once. The channel
-- is shared by every schema of the database (like rota_wake); equal notifications of one transaction are folded.
CREATE FUNCTION rota_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('rota_auth', TG_TABLE_SCHEMA);
    RETURN NULL;
END
$$;
-- Not on last_used_at alone: touches happen once a minute per token in use and change nothing a server remembers.
CREATE TRIGGER rota_tokens_auth_changed AFTER UPDATE ON rota_tokens FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'last_used_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at'))
    EXECUTE FUNCTION rota_auth_changed();
CREATE TRIGGER rota_tokens_auth_deleted AFTER DELETE ON rota_tokens FOR EACH ROW EXECUTE FUNCTION rota_auth_changed();
CREATE TRIGGER rota_tokens_auth_truncated AFTER TRUNCATE ON rota_tokens FOR EACH STATEMENT EXECUTE FUNCTION rota_auth_changed();
CREATE TRIGGER rota_users_auth_changed AFTER UPDATE ON rota_users FOR EACH ROW
    WHEN (OLD IS DISTINCT FROM NEW)
    EXECUTE FUNCTION rota_auth_changed();
CREATE TRIGGER rota_users_auth_deleted AFTER DELETE ON rota_users FOR EACH ROW EXECUTE FUNCTION rota_auth_changed();
CREATE TRIGGER rota_users_auth_truncated AFTER TRUNCATE ON rota_users FOR EACH STATEMENT EXECUTE FUNCTION rota_auth_changed();
-- down
DROP TRIGGER rota_users_auth_truncated ON rota_users;
DROP TRIGGER rota_users_auth_deleted ON rota_users;
DROP TRIGGER rota_users_auth_changed ON rota_users;
DROP TRIGGER rota_tokens_auth_truncated ON rota_tokens;
DROP TRIGGER rota_tokens_auth_deleted ON rota_tokens;
DROP TRIGGER rota_tokens_auth_changed ON rota_tokens;
DROP FUNCTION rota_auth_changed();
