-- name: TaskUpsert
INSERT INTO rota_tasks (name, handler, queue, priority, max_concurrency, enabled, paused_reason, paused_until, owner,
                        definition, version, keep_succeeded, keep_failed, max_age_ms, created_at, updated_at)
VALUES (@name, @handler, @queue, @priority, @max_concurrency, @enabled, @paused_reason, @paused_until, @owner,
        @definition, 1, @keep_succeeded, @keep_failed, @max_age_ms, @now, @now)
ON CONFLICT (name) DO UPDATE SET
    handler = excluded.handler, queue = excluded.queue, priority = excluded.priority,
    max_concurrency = excluded.max_concurrency, enabled = excluded.enabled, paused_reason = excluded.paused_reason,
    paused_until = excluded.paused_until, owner = excluded.owner, definition = excluded.definition,
    keep_succeeded = excluded.keep_succeeded, keep_failed = excluded.keep_failed, max_age_ms = excluded.max_age_ms,
    version = rota_tasks.version + (rota_tasks.definition <> excluded.definition),
    updated_at = CASE WHEN rota_tasks.definition <> excluded.definition THEN excluded.updated_at ELSE rota_tasks.updated_at END
RETURNING id;

-- name: TaskGetByName
SELECT * FROM rota_tasks WHERE name = @name;

-- name: TaskGetById
SELECT * FROM rota_tasks WHERE id = @id;

-- name: TaskList
SELECT * FROM rota_tasks
WHERE (@owner IS NULL OR owner = @owner) AND (@enabled IS NULL OR enabled = @enabled)
ORDER BY name;

-- name: TaskListResumable
SELECT * FROM rota_tasks WHERE enabled = 0 AND paused_until IS NOT NULL AND paused_until <= @now ORDER BY name;

-- name: TaskSetEnabled
UPDATE rota_tasks SET enabled = @enabled, paused_reason = @reason, paused_until = @paused_until,
    consecutive_failures = CASE WHEN @enabled = 1 THEN 0 ELSE consecutive_failures END,
    definition = json_set(definition, '$.enabled', json(CASE WHEN @enabled = 1 THEN 'true' ELSE 'false' END),
                          '$.paused_reason', @reason, '$.paused_until', @paused_until_text),
    updated_at = @now
WHERE name = @name;

-- name: TaskDelete
DELETE FROM rota_tasks WHERE name = @name;
