-- name: MigrationEnsureTable
-- Serializes migrations of this schema across nodes (the lock lasts until the transaction ends), creates the schema
-- named by the connection's search_path when missing, then the migrations table. The schema name was validated by
-- PostgresStore (lower-case identifier), so search_path holds exactly that name.
DO $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('rota.migrate'), hashtext(current_setting('search_path')));
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', current_setting('search_path'));
END
$$;
CREATE TABLE IF NOT EXISTS rota_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL);

-- name: MigrationListApplied
SELECT version, name, applied_at FROM rota_migrations ORDER BY version;

-- name: MigrationRecord
INSERT INTO rota_migrations (version, name, applied_at) VALUES (@version, @name, @now);

-- name: MigrationForget
DELETE FROM rota_migrations WHERE version = @version;
