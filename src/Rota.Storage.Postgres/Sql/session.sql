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

-- name: GenericPlanForThisTransaction
-- Sent in the same batch (one implicit transaction) before RunListAll: PostgreSQL otherwise re-plans it on every
-- execution (a parameterised LIMIT makes its generic plan look expensive), which cost more than running it. Only for
-- statements whose generic plan is right without statistics. The setting ends with the batch's transaction.
SELECT set_config('plan_cache_mode', 'force_generic_plan', true);

-- name: AuthChangesListen
-- Token and user changes (triggers of migration 9): one channel for every schema, the payload is the schema.
LISTEN rota_auth;
