-- name: ItemInsert
-- Set-based: one row per array element, in feed order (identity ids follow it).
INSERT INTO rota_items (source_id, guid_hash, url, title, author, summary, content, published_at, fetched_at, categories, enclosures, quality, quality_signals)
SELECT @source_id::bigint, t.guid_hash, t.url, t.title, t.author, t.summary, t.content, t.published_at, @now::timestamptz, t.categories::jsonb, t.enclosures::jsonb,
       t.quality, t.quality_signals::jsonb
FROM unnest(@guid_hash::text[], @url::text[], @title::text[], @author::text[], @summary::text[], @content::text[], @published_at::timestamptz[],
            @categories::text[], @enclosures::text[], @quality::integer[], @quality_signals::text[])
     WITH ORDINALITY AS t(guid_hash, url, title, author, summary, content, published_at, categories, enclosures, quality, quality_signals, ord)
ORDER BY t.ord
ON CONFLICT (source_id, guid_hash) DO NOTHING
RETURNING id;

-- name: ItemRefresh
-- Runs after ItemInsert in the same transaction: rows it just inserted are identical and so not counted.
UPDATE rota_items i SET url = t.url, title = t.title, author = t.author, summary = t.summary, content = t.content,
    published_at = t.published_at, categories = t.categories::jsonb, enclosures = t.enclosures::jsonb,
    quality = COALESCE(t.quality, i.quality), quality_signals = COALESCE(t.quality_signals::jsonb, i.quality_signals)
FROM unnest(@guid_hash::text[], @url::text[], @title::text[], @author::text[], @summary::text[], @content::text[], @published_at::timestamptz[],
            @categories::text[], @enclosures::text[], @quality::integer[], @quality_signals::text[])
     AS t(guid_hash, url, title, author, summary, content, published_at, categories, enclosures, quality, quality_signals)
WHERE i.source_id = @source_id::bigint AND i.guid_hash = t.guid_hash
  AND (i.url IS DISTINCT FROM t.url OR i.title IS DISTINCT FROM t.title OR i.author IS DISTINCT FROM t.author
       OR i.summary IS DISTINCT FROM t.summary OR i.content IS DISTINCT FROM t.content OR i.published_at IS DISTINCT FROM t.published_at
       OR i.categories IS DISTINCT FROM t.categories::jsonb OR i.enclosures IS DISTINCT FROM t.enclosures::jsonb);

-- name: ItemGet
SELECT id, source_id, guid_hash, url, title, author, summary, content, published_at, fetched_at, categories, enclosures, page_status, page_url, page_title, page_text, page_fetched_at, quality, quality_signals FROM rota_items WHERE id = @id;

-- name: ItemList
SELECT id, source_id, guid_hash, url, title, author, summary, content, published_at, fetched_at, categories, enclosures, page_status, page_url, page_title, page_text, page_fetched_at, quality, quality_signals FROM rota_items
WHERE source_id = @source_id AND (@before_id::bigint IS NULL OR id < @before_id)
  AND (@min_quality::integer IS NULL OR quality >= @min_quality)
ORDER BY id DESC
LIMIT @limit;

-- name: ItemExistingKeys
-- Which of these dedup keys the source already holds.
SELECT guid_hash FROM rota_items WHERE source_id = @source_id AND guid_hash = ANY(@guid_hashes::text[]);

-- name: ItemSetPage
UPDATE rota_items SET page_status = @page_status, page_url = @page_url, page_title = @page_title, page_text = @page_text, page_fetched_at = @now
WHERE id = @id;

-- name: ItemPrune
DELETE FROM rota_items WHERE id IN (SELECT id FROM rota_items WHERE fetched_at < @older_than ORDER BY id LIMIT @limit);

-- name: ItemTimeList
SELECT published_at, fetched_at FROM rota_items WHERE source_id = @source_id ORDER BY id DESC LIMIT @limit;
