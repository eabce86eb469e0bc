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
-- One statement: a concurrent caller waits for the row lock and re-checks the WHERE against the new row
-- (READ COMMITTED), so two nodes never both win. Takes the lease when free or expired (a new term), renews it when
-- held by @node (same term).
UPDATE rota_leader
SET term = CASE WHEN holder IS NOT DISTINCT FROM @node THEN term ELSE term + 1 END, holder = @node, lease_until = @lease_until
WHERE id = 1 AND (holder IS NOT DISTINCT FROM @node OR holder IS NULL OR lease_until < @now)
RETURNING holder, term, lease_until;

-- name: LeaderGet
SELECT holder, term, lease_until FROM rota_leader WHERE id = 1;

-- name: LeaderRelease
UPDATE rota_leader SET holder = NULL, lease_until = @now WHERE id = 1 AND holder = @node;

-- name: NodeBeat
-- A node's whole heartbeat in one statement (an idle node's only statement): the leadership as in
-- LeaderAcquireOrRenew (only when @elect), the registry row upserted with the role just won, by the leader stale
-- nodes removed, and what tells the leader whether a rescue or a resume is due (both by index or a small table). `cur` reads the leader row from the statement's snapshot, i.e. before `lead`: the holder when not won.
WITH lead AS (
    UPDATE rota_leader
    SET term = CASE WHEN holder IS NOT DISTINCT FROM @node THEN term ELSE term + 1 END, holder = @node, lease_until = @lease_until
    WHERE id = 1 AND @elect AND (holder IS NOT DISTINCT FROM @node OR holder IS NULL OR lease_until < @now)
    RETURNING holder, term, lease_until
), cur AS (
    SELECT holder, term, lease_until, true AS won FROM lead
    UNION ALL
    SELECT holder, term, lease_until, NOT @elect AS won FROM rota_leader WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM lead)
), beat AS (
    INSERT INTO rota_nodes (name, started_at, heartbeat_at, role, running, version)
    VALUES (@node, @now, @now, CASE WHEN (SELECT won FROM cur) THEN 'leader' ELSE 'follower' END, @running, @version)
    ON CONFLICT (name) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, role = excluded.role, running = excluded.running
    RETURNING (xmax = 0) AS registered
), stale AS (
    DELETE FROM rota_nodes WHERE heartbeat_at < @stale_before AND name <> @node AND (SELECT won FROM cur)
    RETURNING 1
)
SELECT cur.holder, cur.term, cur.lease_until, cur.won, (SELECT registered FROM beat) AS registered,
    (SELECT count(*) FROM stale)::int AS removed,
    (SELECT min(lease_until) FROM rota_runs WHERE status = 'running') AS oldest_lease,
    (SELECT min(paused_until) FROM rota_tasks WHERE NOT enabled AND paused_until IS NOT NULL) AS next_resume
FROM cur;
