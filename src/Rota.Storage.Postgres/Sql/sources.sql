-- name: SourceUpsert
INSERT INTO rota_sources (owner, name, kind, input, url, normalized_url, status, poll_interval_seconds, next_crawl_at, created_at, updated_at, metadata)
VALUES (@owner, @name, @kind, @input, @url, @normalized_url, 'pending', @poll_interval_seconds, @now, @now, @now, @metadata::jsonb)
ON CONFLICT (owner, normalized_url) DO UPDATE SET
    name = excluded.name, kind = excluded.kind, input = excluded.input, url = excluded.url,
    metadata = COALESCE(excluded.metadata, rota_sources.metadata), updated_at = excluded.updated_at
RETURNING id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules;

-- name: SourceGet
SELECT id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules FROM rota_sources WHERE id = @id AND (@owner::text IS NULL OR owner = @owner);

-- name: SourceList
SELECT id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules FROM rota_sources
WHERE (@owner::text IS NULL OR owner = @owner)
  AND (@status::text IS NULL OR status = @status)
  AND (@due_before::timestamptz IS NULL OR (status <> 'disabled' AND (next_crawl_at IS NULL OR next_crawl_at <= @due_before)))
ORDER BY id
LIMIT @limit;

-- name: SourceDelete
DELETE FROM rota_sources WHERE id = @id AND (@owner::text IS NULL OR owner = @owner);

-- name: SourceUpdateAfterCrawl
UPDATE rota_sources SET
    status = @status,
    url = COALESCE(@url::text, url),
    error_code = CASE WHEN @failed::boolean THEN @error_code::text END,
    error_message = CASE WHEN @failed::boolean THEN @error_message::text END,
    error_transient = CASE WHEN @failed::boolean THEN @error_transient::boolean END,
    error_since = CASE WHEN @failed::boolean THEN COALESCE(error_since, @now::timestamptz) END,
    consecutive_errors = CASE WHEN @failed::boolean THEN consecutive_errors + 1 ELSE 0 END,
    etag = CASE WHEN @failed::boolean THEN etag ELSE @etag::text END,
    last_modified = CASE WHEN @failed::boolean THEN last_modified ELSE @last_modified::text END,
    last_crawled_at = CASE WHEN @failed::boolean THEN last_crawled_at ELSE @now::timestamptz END,
    last_attempt_at = @now,
    next_crawl_at = @next_crawl_at,
    poll_interval_seconds = @poll_interval_seconds,
    metadata = CASE WHEN @schedule_reason::text IS NULL THEN metadata ELSE COALESCE(metadata, '{}'::jsonb) || jsonb_build_object('schedule_reason', @schedule_reason::text) END,
    items_total = (SELECT COUNT(*) FROM rota_items i WHERE i.source_id = rota_sources.id),
    updated_at = @now
WHERE id = @id
RETURNING id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules;

-- name: SourceSetRules
UPDATE rota_sources SET rules = @rules::jsonb, updated_at = @now
WHERE id = @id AND (@owner::text IS NULL OR owner = @owner)
RETURNING id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules;

-- name: SourceSetSchedule
UPDATE rota_sources SET
    metadata = (CASE WHEN @mode::text IS NULL THEN COALESCE(metadata, '{}'::jsonb) - 'schedule'
                     ELSE COALESCE(metadata, '{}'::jsonb) || jsonb_build_object('schedule', @mode::text) END)
               || jsonb_build_object('schedule_reason', @reason::text),
    poll_interval_seconds = COALESCE(@poll_interval_seconds::integer, poll_interval_seconds),
    next_crawl_at = COALESCE(@next_crawl_at::timestamptz, next_crawl_at),
    updated_at = @now
WHERE id = @id AND (@owner::text IS NULL OR owner = @owner)
RETURNING id, owner, name, kind, input, url, normalized_url, status, error_message, error_code, error_transient, error_since, consecutive_errors, etag, last_modified, last_crawled_at, last_attempt_at, next_crawl_at, poll_interval_seconds, items_total, created_at, updated_at, metadata, rules;
