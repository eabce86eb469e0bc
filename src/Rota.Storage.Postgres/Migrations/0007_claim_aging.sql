-- migration: 7 claim_aging
-- up
-- The claim's aging scan reads a queue's waiting runs oldest first; without this index it sorted them all per claim.
CREATE INDEX ix_rota_runs_waiting_queue ON rota_runs (queue, scheduled_at, id) WHERE status IN ('scheduled', 'available');
-- down
DROP INDEX ix_rota_runs_waiting_queue;
