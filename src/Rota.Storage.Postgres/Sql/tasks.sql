-- name: TaskUpsert
INSERT INTO rota_tasks (name, handler, queue, priority, max_concurrency, enabled, paused_reason, paused_until, owner,
                        definition, version, keep_succeeded, keep_failed, max_age_ms, created_at, updated_at)
VALUES (@name, @handler, @queue, @priority, @max_concurrency, @enabled, @paused_reason, @paused_until, @owner,
        @definition::json, 1, @keep_succeeded, @keep_failed, @max_age_ms, @now, @now)
ON CONFLICT (name) DO UPDATE SET
    handler = excluded.handler, queue = excluded.queue, priority = excluded.priority,
    max_concurrency = excluded.max_concurrency, enabled = excluded.enabled, paused_reason = excluded.paused_reason,
    paused_until = excluded.paused_until, owner = excluded.owner, definition = excluded.definition,
    keep_succeeded = excluded.keep_succeeded, keep_failed = excluded.keep_failed, max_age_ms = excluded.max_age_ms,
    version = rota_tasks.version + CASE WHEN rota_tasks.definition::text <> excluded.definition::text THEN 1 ELSE 0 END,
    updated_at = CASE WHEN rota_tasks.definition::text <> excluded.definition::text THEN excluded.updated_at ELSE rota_tasks.updated_at END
RETURNING id;

-- name: TaskGetByName
SELECT * FROM rota_tasks WHERE name = @name;

-- name: TaskGetById
SELECT * FROM rota_tasks WHERE id = @id;

-- name: TaskList
SELECT * FROM rota_tasks
WHERE (@owner::text IS NULL OR owner = @owner::text) AND (@enabled::boolean IS NULL OR enabled = @enabled::boolean)
ORDER BY name;

-- name: TaskListResumable
SELECT * FROM rota_tasks WHERE NOT enabled AND paused_until IS NOT NULL AND paused_until <= @now ORDER BY name;

-- name: TaskSetEnabled
UPDATE rota_tasks SET enabled = @enabled, paused_reason = @reason::text, paused_until = @paused_until::timestamptz,
    consecutive_failures = CASE WHEN @enabled THEN 0 ELSE consecutive_failures END,
    definition = jsonb_set(jsonb_set(jsonb_set(definition::jsonb, '{enabled}', to_jsonb(@enabled::boolean)),
                          '{paused_reason}', coalesce(to_jsonb(@reason::text), 'null'::jsonb)),
                          '{paused_until}', coalesce(to_jsonb(@paused_until_text::text), 'null'::jsonb))::json,
    updated_at = @now
WHERE name = @name;

-- name: TaskDelete
DELETE FROM rota_tasks WHERE name = @name;

-- name: TaskRecordOutcomes
-- Per task of a completion batch: the last outcome, and the consecutive-failure count (reset by a success in the batch).
-- Reads the completions that RunCompleteMany applied from the transaction-local setting it left (same round trip).
WITH done AS (
    SELECT d.task_id, d.status, d.ended_at, d.ord,
           d.status IN ('failed', 'timed_out', 'abandoned') AS failure
    FROM jsonb_to_recordset(coalesce(nullif(current_setting('rota.completed', true), ''), '[]')::jsonb)
         AS d(task_id bigint, status text, ended_at timestamptz, ord integer)),
ranked AS (
    SELECT done.*, row_number() OVER (PARTITION BY task_id ORDER BY ended_at DESC, ord DESC) AS rn,
           max(CASE WHEN NOT failure THEN ended_at END) OVER (PARTITION BY task_id) AS last_ok_at
    FROM done),
last_ok AS (
    SELECT task_id, max(ord) FILTER (WHERE NOT failure AND ended_at = last_ok_at) AS ord FROM ranked GROUP BY task_id),
per_task AS (
    SELECT r.task_id,
           max(r.ended_at) FILTER (WHERE r.rn = 1) AS last_at,
           max(r.status) FILTER (WHERE r.rn = 1) AS last_status,
           bool_or(NOT r.failure) AS reset,
           count(*) FILTER (WHERE r.failure AND (r.last_ok_at IS NULL OR r.ended_at > r.last_ok_at
                                   OR (r.ended_at = r.last_ok_at AND r.ord > l.ord))) AS failures
    FROM ranked r JOIN last_ok l ON l.task_id = r.task_id
    GROUP BY r.task_id),
locked AS (
    -- Task rows locked in id order, so two nodes completing runs of the same tasks never deadlock.
    SELECT t.id FROM rota_tasks t WHERE t.id IN (SELECT task_id FROM per_task) ORDER BY t.id FOR NO KEY UPDATE)
UPDATE rota_tasks t SET
    last_run_at = p.last_at,
    last_status = p.last_status,
    consecutive_failures = CASE WHEN p.reset THEN p.failures ELSE t.consecutive_failures + p.failures END
FROM per_task p JOIN locked l ON l.id = p.task_id
WHERE t.id = p.task_id;

-- name: TaskPauseIfFailingById
-- Tasks that failed in the completion batch RunCompleteMany applied (transaction-local setting) and reached their
-- pause_after_failures threshold.
UPDATE rota_tasks SET enabled = false,
    paused_reason = 'paused after ' || consecutive_failures || ' consecutive failures',
    definition = jsonb_set(jsonb_set(definition::jsonb, '{enabled}', 'false'::jsonb), '{paused_reason}',
                           to_jsonb('paused after ' || consecutive_failures || ' consecutive failures'))::json
WHERE id IN (SELECT d.task_id
             FROM jsonb_to_recordset(coalesce(nullif(current_setting('rota.completed', true), ''), '[]')::jsonb)
                  AS d(task_id bigint, status text)
             WHERE d.status IN ('failed', 'timed_out', 'abandoned'))
  AND enabled
  AND json_typeof(definition -> 'pause_after_failures') = 'number'
  AND consecutive_failures >= (definition ->> 'pause_after_failures')::integer;
