-- name: WakeListen
-- One channel for every schema: the payload names the schema (and the store instance that sent it), so listeners of
-- other schemas in the same database drop it.
LISTEN rota_wake;

-- name: WakeNotify
-- Sent inside the writing transaction: delivered only if it commits, and once per transaction however many rows it
-- wrote (PostgreSQL folds equal payloads of one transaction).
SELECT pg_notify('rota_wake', @payload);

-- name: SessionInit
-- Run once on every new physical connection. A node frozen mid-transaction (SIGSTOP, a long GC pause, a partition)
-- would keep its row locks and stall every other node's fires, claims and completions until it woke; PostgreSQL ends
-- such a session instead, well before its lease could run out.
SELECT set_config('idle_in_transaction_session_timeout', @idle_timeout, false);
