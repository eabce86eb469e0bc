-- name: AuditAppend
INSERT INTO rota_audit (at, actor, action, target, detail) VALUES (@now, @actor, @action, @target, @detail::jsonb);

-- name: AuditList
SELECT id, at, actor, action, target, detail::text AS detail FROM rota_audit
WHERE (@actor::text IS NULL OR actor = @actor::text)
  AND (@action::text IS NULL OR action = @action::text)
  AND (@before_id::bigint IS NULL OR id < @before_id)
ORDER BY id DESC
LIMIT @limit;
