-- name: AuditAppend
INSERT INTO rota_audit (at, actor, action, target, detail) VALUES (@now, @actor, @action, @target, @detail);

-- name: AuditList
SELECT id, at, actor, action, target, detail FROM rota_audit
WHERE (@actor IS NULL OR actor = @actor)
  AND (@action IS NULL OR action = @action)
  AND (@before_id IS NULL OR id < @before_id)
ORDER BY id DESC
LIMIT (@limit + 0);
