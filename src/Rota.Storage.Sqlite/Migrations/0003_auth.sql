-- migration: 3 auth
-- up
CREATE TABLE rota_users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
    password_hash TEXT,
    created_at INTEGER NOT NULL,
    disabled_at INTEGER
);
CREATE TABLE rota_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES rota_users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX ix_rota_tokens_user ON rota_tokens (user_id);
CREATE TABLE rota_audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
);
CREATE INDEX ix_rota_audit_actor ON rota_audit (actor, id);
CREATE INDEX ix_rota_tasks_owner ON rota_tasks (owner);
-- A task's history, newest first (runs list filtered by task).
CREATE INDEX ix_rota_runs_task_id ON rota_runs (task_id, id);
-- down
DROP INDEX ix_rota_runs_task_id;
DROP INDEX ix_rota_tasks_owner;
DROP TABLE rota_audit;
DROP TABLE rota_tokens;
DROP TABLE rota_users;
