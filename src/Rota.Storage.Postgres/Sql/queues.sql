-- name: QueueUpsert
INSERT INTO rota_queues (name, concurrency) VALUES (@name, @concurrency)
ON CONFLICT (name) DO UPDATE SET concurrency = excluded.concurrency;

-- name: QueueList
SELECT q.name, q.concurrency, q.paused,
       (SELECT count(*) FROM rota_runs r WHERE r.queue = q.name AND r.status IN ('scheduled', 'available')) AS waiting,
       (SELECT count(*) FROM rota_runs r WHERE r.queue = q.name AND r.status = 'running') AS running
FROM rota_queues q ORDER BY q.name;

-- name: QueueSetPaused
UPDATE rota_queues SET paused = @paused WHERE name = @name;
