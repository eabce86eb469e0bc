-- name: RunInsert
-- A whole batch in one statement. Ids are drawn first so that every input row can be told apart: a row that hits the
-- occurrence key (schedule_id, nominal_time) or the idempotency key is skipped (ON CONFLICT DO NOTHING) and reports
-- the id of the run that holds the key, whether it is older or earlier in this batch. A key taken by a transaction
-- that committed after this statement began reports NULL; the store then looks it up with RunFindOccurrence /
-- RunFindIdempotent. The sequence is looked up once (MATERIALIZED): per row, pg_get_serial_sequence took ~3 ms of
-- every 1,000 runs.
WITH seq AS MATERIALIZED (SELECT pg_get_serial_sequence('rota_runs', 'id')::regclass AS id),
input AS (
    SELECT nextval(seq.id) AS id, u.*
    FROM seq, unnest(@task_id::bigint[], @schedule_id::bigint[], @trigger::text[], @triggered_by::text[], @status::text[],
                @reason::text[], @queue::text[], @priority::integer[], @nominal_time::timestamptz[],
                @scheduled_at::timestamptz[], @created_at::timestamptz[], @ended_at::timestamptz[],
                @max_attempts::integer[], @parameters::json[], @idempotency_key::text[], @parent_run_id::bigint[], @step::text[])
         WITH ORDINALITY AS u(task_id, schedule_id, trigger, triggered_by, status, reason, queue, priority, nominal_time,
                              scheduled_at, created_at, ended_at, max_attempts, parameters, idempotency_key, parent_run_id,
                              step, ord)),
ins AS (
    INSERT INTO rota_runs (id, task_id, schedule_id, trigger, triggered_by, status, reason, queue, priority, nominal_time,
                           scheduled_at, created_at, ended_at, max_attempts, parameters, idempotency_key, parent_run_id, step)
    SELECT id, task_id, schedule_id, trigger, triggered_by, status, reason, queue, priority, nominal_time,
           scheduled_at, created_at, ended_at, max_attempts, parameters, idempotency_key, parent_run_id, step
    FROM input ORDER BY ord
    ON CONFLICT DO NOTHING
    RETURNING id)
SELECT i.ord, ins.id IS NOT NULL AS inserted,
       coalesce(ins.id,
           (SELECT f.id FROM input f JOIN ins x ON x.id = f.id
            WHERE f.ord < i.ord
              AND ((i.idempotency_key IS NOT NULL AND f.task_id = i.task_id AND f.idempotency_key = i.idempotency_key)
                OR (i.idempotency_key IS NULL AND i.trigger = 'schedule' AND f.trigger = 'schedule'
                    AND f.schedule_id = i.schedule_id AND f.nominal_time = i.nominal_time))
            ORDER BY f.ord LIMIT 1),
           (SELECT r.id FROM rota_runs r
            WHERE i.idempotency_key IS NOT NULL AND r.task_id = i.task_id AND r.idempotency_key = i.idempotency_key),
           (SELECT r.id FROM rota_runs r
            WHERE i.idempotency_key IS NULL AND r.trigger = 'schedule' AND r.schedule_id = i.schedule_id
              AND r.nominal_time = i.nominal_time)) AS id
FROM input i LEFT JOIN ins ON ins.id = i.id
ORDER BY i.ord;

-- name: RunReserveIds
-- First step of a bulk copy: @n ids drawn from the identity's sequence in one round trip, ascending, so the store can
-- hand each input row its id before COPY (which returns nothing) and the results keep input order. The sequence is
-- looked up once (OFFSET 0 keeps the subquery apart): per row, pg_get_serial_sequence cost ~3 ms per 1,000 ids.
SELECT nextval(s.seq)
FROM (SELECT pg_get_serial_sequence('rota_runs', 'id')::regclass AS seq OFFSET 0) s, generate_series(1, @n::integer);

-- name: RunCopyIn
COPY rota_runs (id, task_id, schedule_id, trigger, triggered_by, status, reason, queue, priority, nominal_time,
                scheduled_at, created_at, ended_at, max_attempts, parameters, idempotency_key, parent_run_id, step)
-- (Npgsql wants the text to begin with COPY, so the comment sits here.) Bulk insert of a batch that cannot conflict
-- (no idempotency key, no schedule occurrence): binary COPY with the ids from RunReserveIds. No statement to plan,
-- no arrays to unnest. The store writes the columns in exactly this order.
FROM STDIN (FORMAT BINARY);

-- name: RunFindOccurrence
SELECT id FROM rota_runs WHERE trigger = 'schedule' AND schedule_id = @schedule_id AND nominal_time = @nominal_time;

-- name: RunFindIdempotent
SELECT id FROM rota_runs WHERE task_id = @task_id AND idempotency_key = @idempotency_key;

-- name: RunClaimQueueLock
-- Very first statement of a claim: locks the queue's row, so claims of one queue run one at a time across the cluster
-- (others wait, not skip: a claim lasts a few milliseconds). RunClaim, a later statement, counts the queue's running
-- runs in a snapshot taken after every earlier claim of the queue committed, so the queue's concurrency bounds runs
-- running on all nodes together. NO KEY UPDATE leaves key-share lockers alone.
SELECT 1 FROM rota_queues WHERE name = @queue FOR NO KEY UPDATE;

-- name: RunClaimLimits
-- First statement of a claim: locks the rows of the limited tasks (max_concurrency > 0) with due runs in the queue,
-- skipping tasks another claimer holds. RunClaim, a later statement of the same transaction, then counts their
-- running runs in a snapshot taken after every earlier claim of those tasks committed, so two nodes never both take
-- the last slot. NO KEY UPDATE does not block run inserts (their foreign-key checks take KEY SHARE). The LIMIT keeps
-- the EXISTS a per-task probe of the (task_id, status) index: as a semi-join the planner scanned the whole backlog
-- even when no task is limited (~6 ms per claim with 20,000 waiting runs).
SELECT t.id FROM rota_tasks t
WHERE t.max_concurrency > 0
  AND EXISTS (SELECT 1 FROM rota_runs r
              WHERE r.task_id = t.id AND r.status IN ('scheduled', 'available') AND r.queue = @queue AND r.scheduled_at <= @now
              LIMIT 1)
ORDER BY t.id
FOR NO KEY UPDATE SKIP LOCKED;

-- name: RunClaimCandidates
-- Due runs of a queue in claim order, without locking (what a claim would consider; for diagnostics and tests).
SELECT r.id, r.task_id, t.name AS task_name, t.version AS task_version
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id
WHERE r.queue = @queue AND r.status IN ('scheduled', 'available') AND r.scheduled_at <= @now
  AND NOT EXISTS (SELECT 1 FROM rota_queues q WHERE q.name = @queue AND q.paused)
ORDER BY r.priority DESC, r.scheduled_at, r.id
LIMIT @scan;

-- name: RunClaim
-- One statement: due runs of an unpaused queue, locked FOR UPDATE SKIP LOCKED so concurrent claimers take disjoint
-- runs; no more than the queue's free slots across the cluster (RunClaimQueueLock); runs of a limited task only when
-- this claim holds the task (RunClaimLimits) and only as many as it has free slots; then marked running. Claim ahead:
-- @ahead more runs for the node's local buffer, only when the queue's free slots cover @limit + @ahead (a buffer never
-- takes the last slots of a limited queue). Returns the claimed rows with their task's name and version.
WITH qfree AS (
    -- Free slots of the queue across the cluster (no queue row: no cluster-wide limit, local slots only).
    SELECT greatest(0, coalesce(
        (SELECT q.concurrency - (SELECT count(*) FROM rota_runs x WHERE x.queue = q.name AND x.status = 'running')
         FROM rota_queues q WHERE q.name = @queue), @limit::integer + @ahead::integer)) AS n),
lim AS (
    SELECT t.id, t.max_concurrency - (SELECT count(*) FROM rota_runs x WHERE x.task_id = t.id AND x.status = 'running') AS free
    FROM rota_tasks t WHERE t.id = ANY(@locked::bigint[])),
by_priority AS (
    SELECT r.id, r.task_id, r.priority, r.scheduled_at
    FROM rota_runs r
    WHERE r.queue = @queue AND r.status IN ('scheduled', 'available') AND r.scheduled_at <= @now
      AND NOT EXISTS (SELECT 1 FROM rota_queues q WHERE q.name = @queue AND q.paused)
      AND NOT EXISTS (SELECT 1 FROM rota_tasks t WHERE t.id = r.task_id AND t.max_concurrency > 0
                      AND NOT EXISTS (SELECT 1 FROM lim WHERE lim.id = t.id AND lim.free > 0))
    ORDER BY r.priority DESC, r.scheduled_at, r.id
    LIMIT @scan
    FOR UPDATE OF r SKIP LOCKED),
-- With aging, the longest waiting runs too: they carry the largest aging bonus.
by_age AS (
    SELECT r.id, r.task_id, r.priority, r.scheduled_at
    FROM rota_runs r
    WHERE @aging_ms::bigint > 0 AND r.queue = @queue AND r.status IN ('scheduled', 'available') AND r.scheduled_at <= @now
      AND NOT EXISTS (SELECT 1 FROM rota_queues q WHERE q.name = @queue AND q.paused)
      AND NOT EXISTS (SELECT 1 FROM rota_tasks t WHERE t.id = r.task_id AND t.max_concurrency > 0
                      AND NOT EXISTS (SELECT 1 FROM lim WHERE lim.id = t.id AND lim.free > 0))
    ORDER BY r.scheduled_at, r.id
    LIMIT @scan
    FOR UPDATE OF r SKIP LOCKED),
cand AS (
    -- Effective priority = priority + floor(waited / aging interval).
    SELECT u.*, u.priority + CASE WHEN @aging_ms::bigint > 0
        THEN floor(extract(epoch FROM (@now - u.scheduled_at)) * 1000 / @aging_ms::bigint)::bigint ELSE 0 END AS effective
    FROM (SELECT * FROM by_priority UNION SELECT * FROM by_age) u),
pick AS (
    SELECT c.id FROM (
        SELECT cand.*, row_number() OVER (PARTITION BY cand.task_id ORDER BY cand.effective DESC, cand.scheduled_at, cand.id) AS n
        FROM cand) c
    LEFT JOIN lim ON lim.id = c.task_id
    WHERE lim.id IS NULL OR c.n <= lim.free
    ORDER BY c.effective DESC, c.scheduled_at, c.id
    LIMIT (SELECT CASE WHEN n >= @limit::integer + @ahead::integer THEN @limit::integer + @ahead::integer
                       ELSE least(@limit::integer, n) END FROM qfree))
UPDATE rota_runs r SET status = 'running', attempt = r.attempt + 1, node = @node, started_at = @now,
    first_started_at = coalesce(r.first_started_at, @now), lease_until = @lease_until, progress = NULL, progress_text = NULL
FROM pick, rota_tasks t
WHERE r.id = pick.id AND t.id = r.task_id
RETURNING r.*, t.name AS task_name, t.version AS task_version,
    (SELECT s.name FROM rota_schedules s WHERE s.id = r.schedule_id) AS schedule_name;

-- name: RunGet
SELECT r.*, t.name AS task_name, t.version AS task_version, s.name AS schedule_name
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.id = @id;

-- name: RunGetMany
SELECT r.*, t.name AS task_name, t.version AS task_version, s.name AS schedule_name
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.id = ANY(@ids::bigint[])
ORDER BY r.priority DESC, r.scheduled_at, r.id;

-- name: RunList
-- Lists name their columns (no logs, the largest): the store reads them by position in this order (RunListReader).
SELECT r.id, r.task_id, t.name AS task_name, t.version AS task_version, r.schedule_id, s.name AS schedule_name, r.trigger,
       r.triggered_by, r.status, r.reason, r.queue, r.priority, r.nominal_time, r.scheduled_at, r.created_at, r.first_started_at,
       r.started_at, r.ended_at, r.attempt, r.max_attempts, r.node, r.progress, r.progress_text, r.parameters, r.stats,
       r.error_type, r.error_message, r.error_details, r.error_transient, r.idempotency_key, r.cancel_requested_at,
       r.parent_run_id, r.step
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE (@task_name::text IS NULL OR t.name = @task_name::text)
  AND (@owner::text IS NULL OR t.owner = @owner::text)
  AND (@status::text IS NULL OR r.status = @status::text)
  AND (@trigger::text IS NULL OR r.trigger = @trigger::text)
  AND (@from::timestamptz IS NULL OR r.created_at >= @from::timestamptz)
  AND (@to::timestamptz IS NULL OR r.created_at < @to::timestamptz)
  AND r.id < coalesce(@before_id::bigint, 9223372036854775807)
ORDER BY r.id DESC
LIMIT @limit;

-- name: RunListAll
-- The unfiltered list of every owner's runs (an admin's default page): no filter but the cursor, so its generic plan —
-- a backward scan of the primary key — is right whatever the statistics say, and the store runs it on that plan
-- (GenericPlanForThisTransaction) instead of re-planning it on every execution. Columns as RunList.
SELECT r.id, r.task_id, t.name AS task_name, t.version AS task_version, r.schedule_id, s.name AS schedule_name, r.trigger,
       r.triggered_by, r.status, r.reason, r.queue, r.priority, r.nominal_time, r.scheduled_at, r.created_at, r.first_started_at,
       r.started_at, r.ended_at, r.attempt, r.max_attempts, r.node, r.progress, r.progress_text, r.parameters, r.stats,
       r.error_type, r.error_message, r.error_details, r.error_transient, r.idempotency_key, r.cancel_requested_at,
       r.parent_run_id, r.step
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.id < coalesce(@before_id::bigint, 9223372036854775807)
ORDER BY r.id DESC
LIMIT @limit;

-- name: RunListByTask
SELECT r.id, r.task_id, t.name AS task_name, t.version AS task_version, r.schedule_id, s.name AS schedule_name, r.trigger,
       r.triggered_by, r.status, r.reason, r.queue, r.priority, r.nominal_time, r.scheduled_at, r.created_at, r.first_started_at,
       r.started_at, r.ended_at, r.attempt, r.max_attempts, r.node, r.progress, r.progress_text, r.parameters, r.stats,
       r.error_type, r.error_message, r.error_details, r.error_transient, r.idempotency_key, r.cancel_requested_at,
       r.parent_run_id, r.step
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.task_id = (SELECT id FROM rota_tasks WHERE name = @task_name::text)
  AND (@owner::text IS NULL OR t.owner = @owner::text)
  AND (@status::text IS NULL OR r.status = @status::text)
  AND (@trigger::text IS NULL OR r.trigger = @trigger::text)
  AND (@from::timestamptz IS NULL OR r.created_at >= @from::timestamptz)
  AND (@to::timestamptz IS NULL OR r.created_at < @to::timestamptz)
  AND r.id < coalesce(@before_id::bigint, 9223372036854775807)
ORDER BY r.id DESC
LIMIT @limit;

-- name: RunActiveList
SELECT r.*, t.name AS task_name, t.version AS task_version, s.name AS schedule_name
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.task_id = @task_id AND r.status IN ('scheduled', 'available', 'running')
ORDER BY r.id;

-- name: RunAttemptList
SELECT run_id, attempt, node, started_at, ended_at, status, error_type, error_message
FROM rota_run_attempts WHERE run_id = @run_id ORDER BY attempt;

-- name: RunAttemptRecord
INSERT INTO rota_run_attempts (run_id, attempt, node, started_at, ended_at, status, error_type, error_message)
SELECT id, attempt, node, started_at, @ended_at, @status, @error_type, @error_message
FROM rota_runs WHERE id = @id AND status = 'running' AND attempt = @attempt
ON CONFLICT (run_id, attempt) DO UPDATE SET ended_at = excluded.ended_at, status = excluded.status,
    error_type = excluded.error_type, error_message = excluded.error_message;

-- name: RunAttemptRecordMany
INSERT INTO rota_run_attempts (run_id, attempt, node, started_at, ended_at, status, error_type, error_message)
SELECT r.id, r.attempt, r.node, r.started_at, b.ended_at, b.status, b.error_type, b.error_message
FROM unnest(@id::bigint[], @attempt::integer[], @status::text[], @ended_at::timestamptz[], @error_type::text[],
            @error_message::text[]) AS b(id, attempt, status, ended_at, error_type, error_message)
JOIN rota_runs r ON r.id = b.id AND r.status || '' = 'running' AND r.attempt = b.attempt
ON CONFLICT (run_id, attempt) DO UPDATE SET ended_at = excluded.ended_at, status = excluded.status,
    error_type = excluded.error_type, error_message = excluded.error_message;

-- name: RunCompleteMany
-- Here and in the other by-id batch statements, `status || ''` keeps the planner off the partial index of running
-- runs: every run passes through it, so until vacuum it holds thousands of dead entries, and a generic plan that
-- scanned it (its statistics said "one running run") took seconds under load and locked rows out of id order
-- (a deadlock with the heartbeat). The primary key, in the batch's id order, is what these statements need.
-- Set-based: the batch arrives as parallel arrays (in run id order; ord is each completion's place in the caller's
-- list, which breaks ties of ended_at). Returns how many applied, and leaves the applied rows in the
-- transaction-local setting rota.completed for TaskRecordOutcomes and TaskPauseIfFailingById, which run next in the
-- same round trip.
WITH b AS (
    SELECT * FROM unnest(@id::bigint[], @attempt::integer[], @status::text[], @ended_at::timestamptz[], @reason::text[],
                         @stats::json[], @error_type::text[], @error_message::text[], @error_details::text[],
                         @error_transient::boolean[], @logs::text[], @progress::integer[], @ord::integer[])
        AS b(id, attempt, status, ended_at, reason, stats, error_type, error_message, error_details,
             error_transient, logs, progress, ord)),
done AS (
    UPDATE rota_runs r SET status = b.status, ended_at = b.ended_at, reason = coalesce(b.reason, r.reason),
        stats = coalesce(b.stats, r.stats), error_type = b.error_type, error_message = b.error_message,
        error_details = b.error_details, error_transient = b.error_transient, logs = coalesce(b.logs, r.logs),
        progress = coalesce(b.progress, r.progress), lease_until = NULL
    FROM b
    WHERE r.id = b.id AND r.status || '' = 'running' AND r.attempt = b.attempt
    RETURNING r.task_id, b.status, b.ended_at, b.ord)
SELECT count(*)::integer AS applied,
       set_config('rota.completed', coalesce(jsonb_agg(to_jsonb(done))::text, '[]'), true) AS completed
FROM done;

-- name: RunReschedule
-- Retries and snoozes of a completion batch, set-based; a snooze gives its attempt number back.
UPDATE rota_runs r SET status = 'scheduled', scheduled_at = b.scheduled_at, attempt = r.attempt - b.snooze,
    reason = b.reason, error_type = b.error_type, error_message = b.error_message, error_details = b.error_details,
    error_transient = b.error_transient, logs = coalesce(b.logs, r.logs), lease_until = NULL
FROM unnest(@id::bigint[], @attempt::integer[], @scheduled_at::timestamptz[], @snooze::integer[], @reason::text[],
            @error_type::text[], @error_message::text[], @error_details::text[], @error_transient::boolean[], @logs::text[])
     AS b(id, attempt, scheduled_at, snooze, reason, error_type, error_message, error_details, error_transient, logs)
WHERE r.id = b.id AND r.status || '' = 'running' AND r.attempt = b.attempt;

-- name: RunHeartbeat
-- Rows locked in id order (as completions are sent), so a heartbeat and a completion batch never deadlock.
UPDATE rota_runs SET lease_until = @lease_until
WHERE id IN (SELECT id FROM rota_runs WHERE id = ANY(@ids::bigint[]) AND status || '' = 'running' ORDER BY id FOR NO KEY UPDATE);

-- name: RunStopRequested
SELECT id FROM rota_runs
WHERE id = ANY(@ids::bigint[]) AND (status <> 'running' OR cancel_requested_at IS NOT NULL);

-- name: RunProgress
UPDATE rota_runs r SET progress = coalesce(b.progress, r.progress), progress_text = coalesce(b.text, r.progress_text)
FROM unnest(@id::bigint[], @progress::integer[], @text::text[]) AS b(id, progress, text)
WHERE r.id = b.id AND r.status || '' = 'running';

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
-- Locked and skipped when another rescuer holds them, so two nodes never rescue the same run. Fenced: with @term, only
-- while @node still holds that term's unexpired lease, so a deposed leader's late rescue finds nothing.
SELECT id, attempt, max_attempts FROM rota_runs
WHERE status = 'running' AND (node IS NULL OR node <> @node) AND (@all_other::boolean OR lease_until < @now)
  AND (@term::bigint IS NULL OR EXISTS (SELECT 1 FROM rota_leader l
       WHERE l.id = 1 AND l.holder = @node AND l.term = @term::bigint AND l.lease_until >= @now))
ORDER BY id
FOR UPDATE SKIP LOCKED;

-- name: RunRescueRetry
UPDATE rota_runs SET status = 'scheduled', scheduled_at = @scheduled_at, error_type = 'run.orphaned',
    error_message = 'run: the node running attempt ' || attempt || ' stopped (' || coalesce(node, '?') || ')',
    error_transient = true, lease_until = NULL
WHERE id = ANY(@ids::bigint[]) AND status = 'running';

-- name: RunRescueAbandon
UPDATE rota_runs SET status = 'abandoned', ended_at = @now, reason = 'node lost',
    error_type = 'run.orphaned',
    error_message = 'run: the node running the last attempt stopped (' || coalesce(node, '?') || ')',
    error_transient = true, lease_until = NULL
WHERE id = ANY(@ids::bigint[]) AND status = 'running';

-- name: RunActiveCounts
SELECT task_id, count(*) FILTER (WHERE status = 'running') AS running,
       count(*) FILTER (WHERE status IN ('scheduled', 'available')) AS waiting
FROM rota_runs
WHERE task_id = ANY(@ids::bigint[]) AND status IN ('scheduled', 'available', 'running')
GROUP BY task_id;

-- name: RunLastStartedAt
SELECT max(first_started_at) FROM rota_runs WHERE task_id = @task_id;

-- name: RunNextScheduledAt
SELECT min(scheduled_at) FROM rota_runs WHERE status IN ('scheduled', 'available');

-- name: RunPruneByAge
DELETE FROM rota_runs WHERE id IN (
    SELECT r.id FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id
    WHERE r.status NOT IN ('scheduled', 'available', 'running')
      AND r.created_at < @now::timestamptz - t.max_age_ms * interval '1 millisecond'
    LIMIT @batch);

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
        WHERE r.status NOT IN ('scheduled', 'available', 'running')) ranked
    WHERE rn > keep
    LIMIT @batch);

-- name: RunStatsByTask
SELECT task_id,
       count(*) AS total,
       count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
       count(*) FILTER (WHERE status IN ('failed', 'timed_out', 'abandoned')) AS failed,
       count(*) FILTER (WHERE status = 'partial') AS partial,
       count(*) FILTER (WHERE created_at >= @since) AS recent_total,
       count(*) FILTER (WHERE created_at >= @since AND status = 'succeeded') AS recent_succeeded,
       count(*) FILTER (WHERE created_at >= @since AND status IN ('failed', 'timed_out', 'abandoned')) AS recent_failed
FROM rota_runs WHERE status NOT IN ('skipped', 'missed') GROUP BY task_id;

-- name: RunDailyCounts
SELECT task_id, floor(extract(epoch FROM ended_at) / 86400)::bigint AS day,
       count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
       count(*) FILTER (WHERE status IN ('failed', 'timed_out', 'abandoned')) AS failed
FROM rota_runs WHERE ended_at >= @since AND status NOT IN ('skipped', 'missed', 'cancelled')
GROUP BY 1, 2 ORDER BY 1, 2;

-- name: RunHourlyCounts
SELECT floor(extract(epoch FROM r.ended_at) / 3600)::bigint AS hour,
       count(*) FILTER (WHERE r.status = 'succeeded') AS succeeded,
       count(*) FILTER (WHERE r.status IN ('failed', 'timed_out', 'abandoned')) AS failed
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id
WHERE r.ended_at >= @since AND r.status IN ('succeeded', 'failed', 'timed_out', 'abandoned')
  AND (@owner::text IS NULL OR t.owner = @owner::text)
GROUP BY 1 ORDER BY 1;

-- name: RunDurations
SELECT task_id, (extract(epoch FROM ended_at - started_at) * 1000)::double precision AS duration_ms
FROM rota_runs WHERE ended_at >= @since AND status = 'succeeded' AND started_at IS NOT NULL
ORDER BY ended_at DESC LIMIT @limit;

-- name: RunListChildren
SELECT r.*, t.name AS task_name, t.version AS task_version, s.name AS schedule_name
FROM rota_runs r JOIN rota_tasks t ON t.id = r.task_id LEFT JOIN rota_schedules s ON s.id = r.schedule_id
WHERE r.parent_run_id = @parent_run_id
ORDER BY r.id;

-- name: RunWake
-- A pipeline step finished: its parent, snoozed until its next check, becomes due now.
UPDATE rota_runs SET scheduled_at = @now WHERE id = @id AND status = 'scheduled' AND scheduled_at > @now;
