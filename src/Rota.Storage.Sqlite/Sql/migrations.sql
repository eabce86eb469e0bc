-- name: MigrationEnsureTable
CREATE TABLE IF NOT EXISTS rota_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);

-- name: MigrationListApplied
SELECT version, name, applied_at FROM rota_migrations ORDER BY version;

-- name: MigrationRecord
INSERT INTO rota_migrations (version, name, applied_at) VALUES (@version, @name, @now);

-- name: MigrationForget
DELETE FROM rota_migrations WHERE version = @version;
