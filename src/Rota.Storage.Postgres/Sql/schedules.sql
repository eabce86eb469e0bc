-- name: ScheduleGet
SELECT s.*, t.name AS task_name FROM rota_schedules s JOIN rota_tasks t ON t.id = s.task_id WHERE s.id = @id;

-- name: ScheduleList
SELECT s.*, t.name AS task_name FROM rota_schedules s JOIN rota_tasks t ON t.id = s.task_id
WHERE (@task_id::bigint IS NULL OR s.task_id = @task_id::bigint)
ORDER BY t.name, s.name;

-- name: ScheduleGetDue
SELECT s.*, t.name AS task_name, t.definition AS task_definition, t.version AS task_version, t.enabled AS task_enabled,
       t.paused_reason AS task_paused_reason, t.paused_until AS task_paused_until
FROM rota_schedules s JOIN rota_tasks t ON t.id = s.task_id
WHERE s.enabled AND t.enabled AND s.next_fire_at IS NOT NULL AND s.next_fire_at <= @now
ORDER BY s.next_fire_at
LIMIT @limit;

-- name: ScheduleNextFireAt
SELECT min(s.next_fire_at) FROM rota_schedules s JOIN rota_tasks t ON t.id = s.task_id
WHERE s.enabled AND t.enabled AND s.next_fire_at IS NOT NULL;

-- name: ScheduleAdvance
-- Set-based: one row per fired schedule, all in one statement.
UPDATE rota_schedules s SET last_nominal_at = coalesce(f.last_nominal_at, s.last_nominal_at),
    next_nominal_at = f.next_nominal_at, next_fire_at = f.next_fire_at, fire_count = s.fire_count + f.fired
FROM unnest(@ids::bigint[], @last_nominal_at::timestamptz[], @next_nominal_at::timestamptz[],
            @next_fire_at::timestamptz[], @fired::integer[])
     AS f(id, last_nominal_at, next_nominal_at, next_fire_at, fired)
WHERE s.id = f.id;

-- name: ScheduleSetNext
UPDATE rota_schedules SET next_nominal_at = @next_nominal_at::timestamptz, next_fire_at = @next_fire_at::timestamptz WHERE id = @id;

-- name: ScheduleListForTask
SELECT s.*, '' AS task_name FROM rota_schedules s WHERE s.task_id = @task_id;

-- name: ScheduleInsert
INSERT INTO rota_schedules (task_id, name, definition, enabled, next_nominal_at, next_fire_at, created_at)
VALUES (@task_id, @name, @definition::json, @enabled, @next_nominal_at::timestamptz, @next_fire_at::timestamptz, @now);

-- name: ScheduleReplace
UPDATE rota_schedules SET definition = @definition::json, enabled = @enabled, next_nominal_at = @next_nominal_at::timestamptz,
    next_fire_at = @next_fire_at::timestamptz, last_nominal_at = NULL, fire_count = 0
WHERE id = @id;

-- name: ScheduleDelete
DELETE FROM rota_schedules WHERE id = @id;
