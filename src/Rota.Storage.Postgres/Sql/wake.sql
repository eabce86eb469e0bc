-- name: WakeListen
-- One channel for every schema: the payload names the schema (and the store instance that sent it), so listeners of
-- other schemas in the same database drop it.
LISTEN rota_wake;

-- name: WakeNotify
-- Sent inside the writing transaction: delivered only if it commits, and once per transaction however many rows it
-- wrote (PostgreSQL folds equal payloads of one transaction).
SELECT pg_notify('rota_wake', @payload);
