-- migration: 1 initial
-- up
CREATE TABLE rota_tasks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    handler TEXT NOT NULL,
    queue TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    max_concurrency INTEGER NOT NULL DEFAULT 1,
    enabled INTEGER NOT NULL DEFAULT 1,
    paused_reason TEXT,
    paused_until INTEGER,
    owner TEXT,
    definition TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    keep_succeeded INTEGER NOT NULL,
    keep_failed INTEGER NOT NULL,
    max_age_ms INTEGER NOT NULL,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_run_at INTEGER,
    last_status TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE rota_schedules (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES rota_tasks(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    last_nominal_at INTEGER,
    next_nominal_at INTEGER,
    next_fire_at INTEGER,
    fire_count INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    UNIQUE (task_id, name)
);
CREATE INDEX ix_rota_schedules_next_fire ON rota_schedules (next_fire_at) WHERE enabled = 1 AND next_fire_at IS NOT NULL;
CREATE TABLE rota_runs (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES rota_tasks(id) ON DELETE CASCADE,
    schedule_id INTEGER REFERENCES rota_schedules(id) ON DELETE SET NULL,
    trigger TEXT NOT NULL,
    triggered_by TEXT,
    status TEXT NOT NULL,
    reason TEXT,
    queue TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    nominal_time INTEGER,
    scheduled_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    first_started_at INTEGER,
    started_at INTEGER,
    ended_at INTEGER,
    attempt INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 1,
    node TEXT,
    lease_until INTEGER,
    progress INTEGER,
    progress_text TEXT,
    parameters TEXT,
    stats TEXT,
    error_type TEXT,
    error_message TEXT,
    error_details TEXT,
    error_transient INTEGER,
    logs TEXT,
    idempotency_key TEXT,
    cancel_requested_at INTEGER
);
CREATE UNIQUE INDEX ux_rota_runs_occurrence ON rota_runs (schedule_id, nominal_time)
    WHERE trigger = 'schedule' AND schedule_id IS NOT NULL AND nominal_time IS NOT NULL;
CREATE UNIQUE INDEX ux_rota_runs_idempotency ON rota_runs (task_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_rota_runs_claim ON rota_runs (queue, priority DESC, scheduled_at, id) WHERE status IN ('scheduled', 'available');
CREATE INDEX ix_rota_runs_task_status ON rota_runs (task_id, status, id);
CREATE INDEX ix_rota_runs_running ON rota_runs (lease_until) WHERE status = 'running';
CREATE INDEX ix_rota_runs_waiting_at ON rota_runs (scheduled_at) WHERE status IN ('scheduled', 'available');
CREATE TABLE rota_run_attempts (
    run_id INTEGER NOT NULL REFERENCES rota_runs(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    node TEXT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    status TEXT NOT NULL,
    error_type TEXT,
    error_message TEXT,
    PRIMARY KEY (run_id, attempt)
);
CREATE TABLE rota_queues (
    name TEXT PRIMARY KEY,
    concurrency INTEGER NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0
);
-- down
DROP TABLE rota_queues;
DROP TABLE rota_run_attempts;
DROP TABLE rota_runs;
DROP TABLE rota_schedules;
DROP TABLE rota_tasks;
