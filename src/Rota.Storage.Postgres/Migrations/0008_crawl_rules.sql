-- migration: 8 crawl_rules
-- up
-- Per-source crawl rules (filters, rewrites, limits, request identity, full content) as validated JSON; null: none.
ALTER TABLE rota_sources ADD COLUMN rules jsonb;
-- Content quality 0-100 computed at ingest, and its per-signal breakdown (JSON) for explanation.
ALTER TABLE rota_items ADD COLUMN quality integer;
ALTER TABLE rota_items ADD COLUMN quality_signals jsonb;
-- down
ALTER TABLE rota_items DROP COLUMN quality_signals;
ALTER TABLE rota_items DROP COLUMN quality;
ALTER TABLE rota_sources DROP COLUMN rules;
