-- name: NodeRegister
INSERT INTO rota_nodes (name, started_at, heartbeat_at, role, running, version)
VALUES (@name, @now, @now, 'follower', 0, @version)
ON CONFLICT (name) DO UPDATE SET started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at,
    role = 'follower', running = 0, version = excluded.version;

-- name: NodeHeartbeat
UPDATE rota_nodes SET heartbeat_at = @now, role = @role, running = @running WHERE name = @name;

-- name: NodeList
SELECT name, started_at, heartbeat_at, role, running, version FROM rota_nodes ORDER BY name;

-- name: NodeRemove
DELETE FROM rota_nodes WHERE name = @name;

-- name: NodeRemoveStale
DELETE FROM rota_nodes WHERE heartbeat_at < @before;

-- name: LeaderAcquireOrRenew
-- Takes the lease when free or expired (a new term), renews it when held by @node (same term).
UPDATE rota_leader
SET term = CASE WHEN holder IS @node THEN term ELSE term + 1 END, holder = @node, lease_until = @lease_until
WHERE id = 1 AND (holder IS @node OR holder IS NULL OR lease_until < @now)
RETURNING holder, term, lease_until;

-- name: LeaderGet
SELECT holder, term, lease_until FROM rota_leader WHERE id = 1;

-- name: LeaderRelease
UPDATE rota_leader SET holder = NULL, lease_until = @now WHERE id = 1 AND holder = @node;

-- name: NodeBeat
-- The registry part of a node's heartbeat (SQLite runs one data-changing statement at a time, so NodeBeat also runs
-- LeaderAcquireOrRenew/LeaderGet and NodeRemoveStale, in the same transaction). Registers the node again when another
-- node removed it; `registered` tells which.
INSERT INTO rota_nodes (name, started_at, heartbeat_at, role, running, version)
VALUES (@node, @now, @now, @role, @running, @version)
ON CONFLICT (name) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, role = excluded.role, running = excluded.running
RETURNING started_at = @now AND heartbeat_at = @now AS registered,
    (SELECT min(lease_until) FROM rota_runs WHERE status = 'running') AS oldest_lease,
    (SELECT min(paused_until) FROM rota_tasks WHERE enabled = 0 AND paused_until IS NOT NULL) AS next_resume;
