-- name: CrawlLogStart
INSERT INTO rota_crawl_logs (owner, source_id, run_id, crawl_type, status, started_at, metadata)
VALUES (@owner, @source_id, @run_id, @crawl_type, 'started', @now, @metadata::jsonb)
RETURNING id;

-- name: CrawlLogFinish
UPDATE rota_crawl_logs SET status = @status, items_fetched = @items_fetched, items_new = @items_new, error_message = @error_message,
    error_details = @error_details::jsonb, duration_ms = @duration_ms, completed_at = @now, metadata = COALESCE(@metadata::jsonb, metadata)
WHERE id = @id;

-- name: CrawlLogList
SELECT id, owner, source_id, run_id, crawl_type, status, items_fetched, items_new, error_message, error_details, duration_ms, started_at, completed_at, metadata FROM rota_crawl_logs
WHERE (@owner::text IS NULL OR owner = @owner)
  AND (@source_id::bigint IS NULL OR source_id = @source_id)
  AND (@status::text IS NULL OR status = @status)
  AND (@before_id::bigint IS NULL OR id < @before_id)
ORDER BY id DESC
LIMIT @limit;

-- name: CrawlLogStats
SELECT COUNT(*)::bigint AS total_crawls,
       COALESCE(SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END), 0)::bigint AS successful,
       COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0)::bigint AS failed,
       COALESCE(SUM(CASE WHEN status = 'partial' THEN 1 ELSE 0 END), 0)::bigint AS partial,
       COALESCE(SUM(items_fetched), 0)::bigint AS total_items_fetched,
       COALESCE(SUM(items_new), 0)::bigint AS total_items_new,
       MAX(started_at) AS last_crawl_at,
       COALESCE(AVG(duration_ms), 0)::float8 AS avg_duration_ms
FROM rota_crawl_logs
WHERE status <> 'started' AND (@owner::text IS NULL OR owner = @owner);

-- name: CrawlLogPrune
DELETE FROM rota_crawl_logs WHERE id IN (SELECT id FROM rota_crawl_logs WHERE started_at < @older_than ORDER BY id LIMIT @limit);
