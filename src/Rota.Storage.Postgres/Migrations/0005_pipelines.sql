-- migration: 5 pipelines
-- up
ALTER TABLE rota_runs ADD COLUMN parent_run_id bigint;
ALTER TABLE rota_runs ADD COLUMN step text;
CREATE INDEX ix_rota_runs_parent ON rota_runs (parent_run_id, id) WHERE parent_run_id IS NOT NULL;
-- down
DROP INDEX ix_rota_runs_parent;
ALTER TABLE rota_runs DROP COLUMN step;
ALTER TABLE rota_runs DROP COLUMN parent_run_id;
