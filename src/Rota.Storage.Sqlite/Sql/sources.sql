-- name: SourceUpsert
INSERT INTO rota_sources (owner, name, kind, input, url, normalized_url, status, poll_interval_seconds, next_crawl_at, created_at, updated_at, metadata)
VALUES (@owner, @name, @kind, @input, @url, @normalized_url, 'pending', @poll_interval_seconds, @now, @now, @now, @metadata)
ON CONFLICT (owner, normalized_url) DO UPDATE SET
    name = excluded.name, kind = excluded.kind, input = excluded.input, url = excluded.url,
    metadata = COALESCE(excluded.metadata, rota_sources.metadata), updated_at = excluded.updated_at
RETURNING id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules;

-- name: SourceGet
SELECT id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules FROM rota_sources WHERE id = @id AND (@owner IS NULL OR owner = @owner);

-- name: SourceList
SELECT id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules FROM rota_sources
WHERE (@owner IS NULL OR owner = @owner)
  AND (@status IS NULL OR status = @status)
  AND (@due_before IS NULL OR (status <> 'disabled' AND (next_crawl_at IS NULL OR next_crawl_at <= @due_before)))
ORDER BY id
LIMIT @limit;

-- name: SourceDelete
DELETE FROM rota_sources WHERE id = @id AND (@owner IS NULL OR owner = @owner);

-- name: SourceUpdateAfterCrawl
UPDATE rota_sources SET
    status = @status,
    url = COALESCE(@url, url),
    error_code = CASE WHEN @failed THEN @error_code END,
    error_message = CASE WHEN @failed THEN @error_message END,
    error_transient = CASE WHEN @failed THEN @error_transient END,
    error_since = CASE WHEN @failed THEN COALESCE(error_since, @now) END,
    consecutive_errors = CASE WHEN @failed THEN consecutive_errors + 1 ELSE 0 END,
    etag = CASE WHEN @failed THEN etag ELSE @etag END,
    last_modified = CASE WHEN @failed THEN last_modified ELSE @last_modified END,
    last_crawled_at = CASE WHEN @failed THEN last_crawled_at ELSE @now END,
    last_attempt_at = @now,
    next_crawl_at = @next_crawl_at,
    poll_interval_seconds = @poll_interval_seconds,
    metadata = CASE WHEN @schedule_reason IS NULL THEN metadata ELSE json_set(COALESCE(metadata, '{}'), '$.schedule_reason', @schedule_reason) END,
    items_total = (SELECT COUNT(*) FROM rota_items i WHERE i.source_id = rota_sources.id),
    updated_at = @now
WHERE id = @id
RETURNING id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules;

-- name: SourceSetRules
UPDATE rota_sources SET rules = @rules, updated_at = @now
WHERE id = @id AND (@owner IS NULL OR owner = @owner)
RETURNING id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules;

-- name: SourceSetSchedule
UPDATE rota_sources SET
    metadata = json_set(
        CASE WHEN @mode IS NULL THEN json_remove(COALESCE(metadata, '{}'), '$.schedule') ELSE json_set(COALESCE(metadata, '{}'), '$.schedule', @mode) END,
        '$.schedule_reason', @reason),
    poll_interval_seconds = COALESCE(@poll_interval_seconds, poll_interval_seconds),
    next_crawl_at = COALESCE(@next_crawl_at, next_crawl_at),
    updated_at = @now
WHERE id = @id AND (@owner IS NULL OR owner = @owner)
RETURNING id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules;
