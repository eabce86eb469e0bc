-- name: ScheduleGet
SELECT s.*, t.name AS task_name FROM rota_schedules s JOIN rota_tasks t ON t.id = s.task_id WHERE s.id = @id;

-- name: ScheduleList
SELECT s.*, t.name AS task_name FROM rota_schedules s JOIN rota_tasks t ON t.id = s.task_id
WHERE (@task_id IS NULL OR s.task_id = @task_id)
ORDER BY t.name, s.name;

-- name: ScheduleGetDue
SELECT s.*, t.name AS task_name, t.definition AS task_definition, t.version AS task_version, t.enabled AS task_enabled,
       t.paused_reason AS task_paused_reason, t.paused_until AS task_paused_until
FROM rota_schedules s JOIN rota_tasks t ON t.id = s.task_id
WHERE s.enabled = 1 AND t.enabled = 1 AND s.next_fire_at IS NOT NULL AND s.next_fire_at <= @now
ORDER BY s.next_fire_at
LIMIT (@limit + 0);

-- name: ScheduleNextFireAt
SELECT min(s.next_fire_at) FROM rota_schedules s JOIN rota_tasks t ON t.id = s.task_id
WHERE s.enabled = 1 AND t.enabled = 1 AND s.next_fire_at IS NOT NULL;

-- name: ScheduleAdvance
UPDATE rota_schedules SET last_nominal_at = coalesce(@last_nominal_at, last_nominal_at), next_nominal_at = @next_nominal_at,
    next_fire_at = @next_fire_at, fire_count = fire_count + @fired
WHERE id = @id;

-- name: ScheduleSetNext
UPDATE rota_schedules SET next_nominal_at = @next_nominal_at, next_fire_at = @next_fire_at WHERE id = @id;

-- name: ScheduleListForTask
SELECT s.*, '' AS task_name FROM rota_schedules s WHERE s.task_id = @task_id;

-- name: ScheduleInsert
INSERT INTO rota_schedules (task_id, name, definition, enabled, next_nominal_at, next_fire_at, created_at)
VALUES (@task_id, @name, @definition, @enabled, @next_nominal_at, @next_fire_at, @now);

-- name: ScheduleReplace
UPDATE rota_schedules SET definition = @definition, enabled = @enabled, next_nominal_at = @next_nominal_at,
    next_fire_at = @next_fire_at, last_nominal_at = NULL, fire_count = 0
WHERE id = @id;

-- name: ScheduleDelete
DELETE FROM rota_schedules WHERE id = @id;
