-- name: AlertConfigGet
SELECT document, updated_at FROM rota_alert_config WHERE id = 1;

-- name: AlertConfigSet
INSERT INTO rota_alert_config (id, document, updated_at) VALUES (1, @document, @now)
ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at;

-- name: AlertStateFire
-- A message is due when the state was not firing, or was and the last message is older than @repeat_before.
INSERT INTO rota_alert_state (rule, subject_key, status, since, last_sent_at, count)
VALUES (@rule, @subject_key, 'firing', @now, @now, 1)
ON CONFLICT (rule, subject_key) DO UPDATE SET
    since = CASE WHEN rota_alert_state.status = 'firing' THEN rota_alert_state.since ELSE excluded.since END,
    count = CASE WHEN rota_alert_state.status = 'firing' THEN rota_alert_state.count + 1 ELSE 1 END,
    status = 'firing',
    last_sent_at = excluded.last_sent_at
WHERE rota_alert_state.status <> 'firing' OR (@repeat_before::timestamptz IS NOT NULL AND rota_alert_state.last_sent_at <= @repeat_before)
RETURNING rule;

-- name: AlertStateCount
UPDATE rota_alert_state SET count = count + 1 WHERE rule = @rule AND subject_key = @subject_key AND status = 'firing';

-- name: AlertStateResolve
UPDATE rota_alert_state SET status = 'resolved', since = @now
WHERE rule = @rule AND subject_key = @subject_key AND status = 'firing';

-- name: AlertStateSeen
-- A healthy subject's last sign of life (node_lost: its heartbeat), kept as a resolved state whose since moves
-- forward; a firing state is left alone (only AlertStateResolve ends it).
INSERT INTO rota_alert_state (rule, subject_key, status, since, last_sent_at, count)
VALUES (@rule, @subject_key, 'resolved', @seen_at, NULL, 0)
ON CONFLICT (rule, subject_key) DO UPDATE SET since = excluded.since
WHERE rota_alert_state.status = 'resolved' AND rota_alert_state.since < excluded.since;

-- name: AlertStateList
SELECT rule, subject_key, status, since, last_sent_at, count FROM rota_alert_state
WHERE (@rule::text IS NULL OR rule = @rule) AND (@status::text IS NULL OR status = @status)
ORDER BY rule, subject_key
LIMIT @limit;

-- name: AlertDeliveryInsert
INSERT INTO rota_alert_deliveries (rule, channel, subject_key, kind, status, attempts, created_at, summary)
VALUES (@rule, @channel, @subject_key, @kind, 'pending', 0, @now, @summary)
RETURNING id;

-- name: AlertDeliveryUpdate
UPDATE rota_alert_deliveries SET status = @status, attempts = @attempts, last_error = @last_error, sent_at = @sent_at WHERE id = @id;

-- name: AlertDeliveryList
SELECT id, rule, channel, subject_key, kind, status, attempts, last_error, created_at, sent_at, summary FROM rota_alert_deliveries
WHERE (@rule::text IS NULL OR rule = @rule) AND (@channel::text IS NULL OR channel = @channel) AND (@status::text IS NULL OR status = @status)
ORDER BY id DESC
LIMIT @limit;
