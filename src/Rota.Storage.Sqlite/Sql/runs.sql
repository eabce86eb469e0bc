-- name: RunInsert
INSERT INTO rota_runs (task_id, schedule_id, trigger, triggered_by, status, reason, queue, priority, nominal_time,
                       scheduled_at, created_at, ended_at, max_attempts, parameters, idempotency_key, parent_run_id, step)
VALUES (@task_id, @schedule_id, @trigger, @triggered_by, @status, @reason, @queue, @priority, @nominal_time,
        @scheduled_at, @now, @ended_at, @max_attempts, @parameters, @idempotency_key, @parent_run_id, @step)
ON CONFLICT DO NOTHING
RETURNING id;

-- name: RunReserveIds
-- Named for parity with PostgreSQL, where a bulk copy draws its ids first. Not run here: SQLite inserts every batch
-- with RunInsert (one writer, prepared once; no round trips to save).
SELECT @n AS n;

-- name: RunCopyIn
-- Named for parity with PostgreSQL's binary COPY; not run here (see RunReserveIds).
SELECT 1;

-- name: RunFindOccurrence
SELECT id FROM rota_runs WHERE trigger = 'schedule' AND schedule_id = @schedule_id AND nominal_time = @nominal_time;

-- name: RunFindIdempotent
SELECT id FROM rota_runs WHERE task_id = @task_id AND idempotency_key = @idempotency_key;

-- name: RunClaimQueueLock
-- Named for parity with PostgreSQL, where it serialises one queue's claims across nodes for the cluster-wide limit.
-- Not run here: SQLite has one node, whose local slots (RotaOptions) are the limit, and every write already holds
-- the database lock.
SELECT 1 FROM rota_queues WHERE name = @queue;

-- name: RunClaimLimits
-- Tasks with a concurrency limit and how many of their runs are running. Kept apart from the candidate scan because
-- a correlated count inside it makes SQLite 3.4x walk the whole waiting set on every claim.
SELECT t.id AS task_id, t.max_concurrency,
       (SELECT count(*) FROM rota_runs x WHERE x.task_id = t.id AND x.status = 'running') AS running
FROM rota_tasks t WHERE t.max_concurrency > 0;

-- name: RunClaimCandidates
-- Two index scans — the highest priorities, and (with aging) the longest waiting, which carry the largest aging
-- bonus — merged and ordered by effective priority = priority + (now - scheduled_at) / aging_ms (0: no aging).
-- INDEXED BY: each scan must read its own index in order; the planner, without statistics, sorted a whole queue.
SELECT id, task_id, task_name, task_version FROM (
    SELECT * FROM (
        SELECT r.id, r.task_id, t.name AS task_name, t.version AS task_version, r.priority, r.scheduled_at
        FROM rota_runs r INDEXED BY ix_rota_runs_claim JOIN rota_tasks t ON t.id = r.task_id
        WHERE r.queue = @queue AND r.status IN ('scheduled', 'available') AND r.scheduled_at <= @now
          AND NOT EXISTS (SELECT 1 FROM rota_queues q WHERE q.name = @queue AND q.paused = 1)
          AND r.task_id NOT IN (SELECT value FROM json_each(@saturated))
        ORDER BY r.priority DESC, r.scheduled_at, r.id
        LIMIT (@scan + 0))
    UNION
    SELECT * FROM (
        SELECT r.id, r.task_id, t.name AS task_name, t.version AS task_version, r.priority, r.scheduled_at
        FROM rota_runs r INDEXED BY ix_rota_runs_waiting_queue JOIN rota_tasks t ON t.id = r.task_id
        WHERE @aging_ms > 0 AND r.queue = @queue AND r.status IN ('scheduled', 'available') AND r.scheduled_at <= @now
          AND NOT EXISTS (SELECT 1 FROM rota_queues q WHERE q.name = @queue AND q.paused = 1)
          AND r.task_id NOT IN (SELECT value FROM json_each(@saturated))
        ORDER BY r.scheduled_at, r.id
        LIMIT (@scan + 0)))
ORDER BY priority + CASE WHEN @aging_ms > 0 THEN (@now - scheduled_at) / @aging_ms ELSE 0 END DESC, scheduled_at, id;

-- name: RunClaim
UPDATE rota_runs SET status = 'running', attempt = attempt + 1, node = @node, started_at = @now,
    first_started_at = coalesce(first_started_at, @now), lease_until = @lease_until, progress = NULL, progress_text = NULL
WHERE id IN (SELECT value FROM json_each(@ids)) AND status IN ('scheduled', 'available')
RETURNING *;

-- name: RunGet
SELECT r.*, t.name AS task_name, t.version AS task_version, s.name AS schedule_name
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.id = @id;

-- name: RunGetMany
SELECT r.*, t.name AS task_name, t.version AS task_version, s.name AS schedule_name
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.id IN (SELECT value FROM json_each(@ids))
ORDER BY r.priority DESC, r.scheduled_at, r.id;

-- name: RunList
-- Lists name their columns (no logs, the largest): the store reads them by position in this order (RunListReader).
-- Every LIMIT here is written (@x + 0): SQLite re-plans a joined, ordered statement whose LIMIT is a bare parameter on
-- every execution (~170 µs); an expression keeps the prepared plan (docs/storage.md).
SELECT r.id, r.task_id, t.name AS task_name, t.version AS task_version, r.schedule_id, s.name AS schedule_name, r.trigger,
       r.triggered_by, r.status, r.reason, r.queue, r.priority, r.nominal_time, r.scheduled_at, r.created_at, r.first_started_at,
       r.started_at, r.ended_at, r.attempt, r.max_attempts, r.node, r.progress, r.progress_text, r.parameters, r.stats,
       r.error_type, r.error_message, r.error_details, r.error_transient, r.idempotency_key, r.cancel_requested_at,
       r.parent_run_id, r.step
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE (@task_name IS NULL OR t.name = @task_name)
  AND (@owner IS NULL OR t.owner = @owner)
  AND (@status IS NULL OR r.status = @status)
  AND (@trigger IS NULL OR r.trigger = @trigger)
  AND (@from IS NULL OR r.created_at >= @from)
  AND (@to IS NULL OR r.created_at < @to)
  -- coalesce, not 'IS NULL OR': a plain range on the rowid lets a cursor page seek instead of scanning from the top.
  AND r.id < coalesce(@before_id, 9223372036854775807)
ORDER BY r.id DESC
LIMIT (@limit + 0);

-- name: RunListAll
-- The unfiltered list of every owner's runs; the SQLite store reads it through RunList (one prepared plan either way).
SELECT r.id, r.task_id, t.name AS task_name, t.version AS task_version, r.schedule_id, s.name AS schedule_name, r.trigger,
       r.triggered_by, r.status, r.reason, r.queue, r.priority, r.nominal_time, r.scheduled_at, r.created_at, r.first_started_at,
       r.started_at, r.ended_at, r.attempt, r.max_attempts, r.node, r.progress, r.progress_text, r.parameters, r.stats,
       r.error_type, r.error_message, r.error_details, r.error_transient, r.idempotency_key, r.cancel_requested_at,
       r.parent_run_id, r.step
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.id < coalesce(@before_id, 9223372036854775807)
ORDER BY r.id DESC
LIMIT (@limit + 0);

-- name: RunListByTask
SELECT r.id, r.task_id, t.name AS task_name, t.version AS task_version, r.schedule_id, s.name AS schedule_name, r.trigger,
       r.triggered_by, r.status, r.reason, r.queue, r.priority, r.nominal_time, r.scheduled_at, r.created_at, r.first_started_at,
       r.started_at, r.ended_at, r.attempt, r.max_attempts, r.node, r.progress, r.progress_text, r.parameters, r.stats,
       r.error_type, r.error_message, r.error_details, r.error_transient, r.idempotency_key, r.cancel_requested_at,
       r.parent_run_id, r.step
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.task_id = (SELECT id FROM rota_tasks WHERE name = @task_name)
  AND (@owner IS NULL OR t.owner = @owner)
  AND (@status IS NULL OR r.status = @status)
  AND (@trigger IS NULL OR r.trigger = @trigger)
  AND (@from IS NULL OR r.created_at >= @from)
  AND (@to IS NULL OR r.created_at < @to)
  -- coalesce, not 'IS NULL OR': a plain range on the rowid lets a cursor page seek instead of scanning from the top.
  AND r.id < coalesce(@before_id, 9223372036854775807)
ORDER BY r.id DESC
LIMIT (@limit + 0);

-- name: RunActiveList
SELECT r.*, t.name AS task_name, t.version AS task_version, s.name AS schedule_name
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.task_id = @task_id AND r.status IN ('scheduled', 'available', 'running')
ORDER BY r.id;

-- name: RunAttemptList
SELECT run_id, attempt, node, started_at, ended_at, status, error_type, error_message
FROM rota_run_attempts WHERE run_id = @run_id ORDER BY attempt;

-- name: RunAttemptRecord
INSERT OR REPLACE INTO rota_run_attempts (run_id, attempt, node, started_at, ended_at, status, error_type, error_message)
SELECT id, attempt, node, started_at, @ended_at, @status, @error_type, @error_message
FROM rota_runs WHERE id = @id AND status = 'running' AND attempt = @attempt;

-- name: RunAttemptRecordMany
WITH b AS (
    SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.attempt') AS attempt,
           json_extract(value, '$.status') AS status, json_extract(value, '$.ended_at') AS ended_at,
           json_extract(value, '$.error_type') AS error_type, json_extract(value, '$.error_message') AS error_message
    FROM json_each(@batch))
INSERT OR REPLACE INTO rota_run_attempts (run_id, attempt, node, started_at, ended_at, status, error_type, error_message)
SELECT r.id, r.attempt, r.node, r.started_at, b.ended_at, b.status, b.error_type, b.error_message
FROM b JOIN rota_runs r ON r.id = b.id AND r.status = 'running' AND r.attempt = b.attempt;

-- name: RunCompleteMany
WITH b AS (
    SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.attempt') AS attempt,
           json_extract(value, '$.status') AS status, json_extract(value, '$.ended_at') AS ended_at,
           json_extract(value, '$.reason') AS reason, json_extract(value, '$.stats') AS stats,
           json_extract(value, '$.error_type') AS error_type, json_extract(value, '$.error_message') AS error_message,
           json_extract(value, '$.error_details') AS error_details, json_extract(value, '$.error_transient') AS error_transient,
           json_extract(value, '$.logs') AS logs, json_extract(value, '$.progress') AS progress
    FROM json_each(@batch))
UPDATE rota_runs SET status = b.status, ended_at = b.ended_at, reason = coalesce(b.reason, rota_runs.reason),
    stats = coalesce(b.stats, rota_runs.stats), error_type = b.error_type, error_message = b.error_message,
    error_details = b.error_details, error_transient = b.error_transient, logs = coalesce(b.logs, rota_runs.logs),
    progress = coalesce(b.progress, rota_runs.progress), lease_until = NULL
FROM b
WHERE rota_runs.id = b.id AND rota_runs.status = 'running' AND rota_runs.attempt = b.attempt
RETURNING rota_runs.id, rota_runs.task_id;

-- name: TaskRecordOutcomes
UPDATE rota_tasks SET
    last_run_at = @ended_at,
    last_status = @status,
    consecutive_failures = CASE WHEN @reset = 1 THEN @failures ELSE consecutive_failures + @failures END
WHERE id = @task_id;

-- name: TaskPauseIfFailingById
UPDATE rota_tasks SET enabled = 0,
    paused_reason = 'paused after ' || consecutive_failures || ' consecutive failures',
    definition = json_set(definition, '$.enabled', json('false'), '$.paused_reason',
                          'paused after ' || consecutive_failures || ' consecutive failures')
WHERE id = @task_id
  AND enabled = 1
  AND json_extract(definition, '$.pause_after_failures') IS NOT NULL
  AND consecutive_failures >= json_extract(definition, '$.pause_after_failures');

-- name: RunReschedule
UPDATE rota_runs SET status = 'scheduled', scheduled_at = @scheduled_at, attempt = attempt - @snooze,
    reason = @reason, error_type = @error_type, error_message = @error_message, error_details = @error_details,
    error_transient = @error_transient, logs = coalesce(@logs, logs), lease_until = NULL
WHERE id = @id AND status = 'running' AND attempt = @attempt;

-- name: RunHeartbeat
UPDATE rota_runs SET lease_until = @lease_until WHERE id IN (SELECT value FROM json_each(@ids)) AND status = 'running';

-- name: RunStopRequested
SELECT id FROM rota_runs
WHERE id IN (SELECT value FROM json_each(@ids)) AND (status <> 'running' OR cancel_requested_at IS NOT NULL);

-- name: RunProgress
UPDATE rota_runs SET progress = coalesce(@progress, progress), progress_text = coalesce(@text, progress_text)
WHERE id = @id AND status = 'running';

-- name: RunCancelWaiting
UPDATE rota_runs SET status = 'cancelled', reason = @reason, ended_at = @now
WHERE id = @id AND status IN ('scheduled', 'available');

-- name: RunCancelRunning
UPDATE rota_runs SET cancel_requested_at = @now, reason = @reason WHERE id = @id AND status = 'running';

-- name: RunStatusOf
SELECT status FROM rota_runs WHERE id = @id;

-- name: RunAbandon
UPDATE rota_runs SET status = 'abandoned', reason = @reason, ended_at = @now, lease_until = NULL
WHERE id = @id AND status = 'running' AND attempt = @attempt;

-- name: RunRescueCandidates
SELECT id, attempt, max_attempts FROM rota_runs
WHERE status = 'running' AND (node IS NULL OR node <> @node) AND (@all_other = 1 OR lease_until < @now)
  AND (@term IS NULL OR EXISTS (SELECT 1 FROM rota_leader l
       WHERE l.id = 1 AND l.holder = @node AND l.term = @term AND l.lease_until >= @now));

-- name: RunRescueRetry
UPDATE rota_runs SET status = 'scheduled', scheduled_at = @scheduled_at, error_type = 'run.orphaned',
    error_message = 'run: the node running attempt ' || attempt || ' stopped (' || coalesce(node, '?') || ')',
    error_transient = 1, lease_until = NULL
WHERE id = @id AND status = 'running' AND attempt = @attempt;

-- name: RunRescueAbandon
UPDATE rota_runs SET status = 'abandoned', ended_at = @now, reason = 'node lost',
    error_type = 'run.orphaned',
    error_message = 'run: the node running the last attempt stopped (' || coalesce(node, '?') || ')',
    error_transient = 1, lease_until = NULL
WHERE id = @id AND status = 'running' AND attempt = @attempt;

-- name: RunActiveCounts
SELECT task_id, sum(status = 'running') AS running, sum(status IN ('scheduled', 'available')) AS waiting
FROM rota_runs
WHERE task_id IN (SELECT value FROM json_each(@ids)) AND status IN ('scheduled', 'available', 'running')
GROUP BY task_id;

-- name: RunLastStartedAt
SELECT max(first_started_at) FROM rota_runs WHERE task_id = @task_id;

-- name: RunNextScheduledAt
SELECT min(scheduled_at) FROM rota_runs WHERE status IN ('scheduled', 'available');

-- name: RunPruneByAge
DELETE FROM rota_runs WHERE id IN (
    SELECT r.id FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id
    WHERE r.status NOT IN ('scheduled', 'available', 'running') AND r.created_at < @now - t.max_age_ms
    LIMIT (@batch + 0));

-- name: RunPruneByCount
DELETE FROM rota_runs WHERE id IN (
    SELECT id FROM (
        SELECT r.id,
               row_number() OVER (PARTITION BY r.task_id,
                   CASE WHEN r.status IN ('failed', 'timed_out', 'abandoned') THEN 'failed'
                        WHEN r.status IN ('succeeded', 'partial') THEN 'ok' ELSE 'other' END
                   ORDER BY r.id DESC) AS rn,
               CASE WHEN r.status IN ('failed', 'timed_out', 'abandoned') THEN t.keep_failed ELSE t.keep_succeeded END AS keep
        FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id
        WHERE r.status NOT IN ('scheduled', 'available', 'running'))
    WHERE rn > keep
    LIMIT (@batch + 0));

-- name: RunStatsByTask
SELECT task_id,
       count(*) AS total,
       sum(CASE WHEN status = 'succeeded' THEN 1 ELSE 0 END) AS succeeded,
       sum(CASE WHEN status IN ('failed', 'timed_out', 'abandoned') THEN 1 ELSE 0 END) AS failed,
       sum(CASE WHEN status = 'partial' THEN 1 ELSE 0 END) AS partial,
       sum(CASE WHEN created_at >= @since THEN 1 ELSE 0 END) AS recent_total,
       sum(CASE WHEN created_at >= @since AND status = 'succeeded' THEN 1 ELSE 0 END) AS recent_succeeded,
       sum(CASE WHEN created_at >= @since AND status IN ('failed', 'timed_out', 'abandoned') THEN 1 ELSE 0 END) AS recent_failed
FROM rota_runs WHERE status NOT IN ('skipped', 'missed') GROUP BY task_id;

-- name: RunDailyCounts
SELECT task_id, ended_at / 86400000 AS day,
       sum(CASE WHEN status = 'succeeded' THEN 1 ELSE 0 END) AS succeeded,
       sum(CASE WHEN status IN ('failed', 'timed_out', 'abandoned') THEN 1 ELSE 0 END) AS failed
FROM rota_runs WHERE ended_at >= @since AND status NOT IN ('skipped', 'missed', 'cancelled')
GROUP BY task_id, ended_at / 86400000 ORDER BY task_id, day;

-- name: RunHourlyCounts
SELECT r.ended_at / 3600000 AS hour,
       sum(CASE WHEN r.status = 'succeeded' THEN 1 ELSE 0 END) AS succeeded,
       sum(CASE WHEN r.status IN ('failed', 'timed_out', 'abandoned') THEN 1 ELSE 0 END) AS failed
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id
WHERE r.ended_at >= @since AND r.status IN ('succeeded', 'failed', 'timed_out', 'abandoned')
  AND (@owner IS NULL OR t.owner = @owner)
GROUP BY r.ended_at / 3600000 ORDER BY hour;

-- name: RunDurations
SELECT task_id, CAST(ended_at - started_at AS REAL) AS duration_ms
FROM rota_runs WHERE ended_at >= @since AND status = 'succeeded' AND started_at IS NOT NULL
ORDER BY ended_at DESC LIMIT (@limit + 0);

-- name: RunListChildren
SELECT r.*, t.name AS task_name, t.version AS task_version, s.name AS schedule_name
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.parent_run_id = @parent_run_id
ORDER BY r.id;

-- name: RunWake
-- A pipeline step finished: its parent, snoozed until its next check, becomes due now.
UPDATE rota_runs SET scheduled_at = @now WHERE id = @id AND status = 'scheduled' AND scheduled_at > @now;
