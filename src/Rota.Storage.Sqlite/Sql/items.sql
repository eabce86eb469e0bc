-- name: ItemInsert
INSERT INTO rota_items (source_id, guid_hash, url, title, author, summary, content, published_at, fetched_at, categories, enclosures, quality, quality_signals)
VALUES (@source_id, @guid_hash, @url, @title, @author, @summary, @content, @published_at, @now, @categories, @enclosures, @quality, @quality_signals)
ON CONFLICT (source_id, guid_hash) DO NOTHING
RETURNING id;

-- name: ItemRefresh
UPDATE rota_items SET url = @url, title = @title, author = @author, summary = @summary, content = @content,
    published_at = @published_at, categories = @categories, enclosures = @enclosures,
    quality = COALESCE(@quality, quality), quality_signals = COALESCE(@quality_signals, quality_signals)
WHERE source_id = @source_id AND guid_hash = @guid_hash
  AND (url IS NOT @url OR title IS NOT @title OR author IS NOT @author OR summary IS NOT @summary OR content IS NOT @content
       OR published_at IS NOT @published_at OR categories IS NOT @categories OR enclosures IS NOT @enclosures);

-- name: ItemGet
SELECT id, source_id, guid_hash, url, title, author, summary, content, published_at, fetched_at, categories, enclosures, page_status, page_url, page_title, page_text, page_fetched_at, quality, quality_signals FROM rota_items WHERE id = @id;

-- name: ItemList
SELECT id, source_id, guid_hash, url, title, author, summary, content, published_at, fetched_at, categories, enclosures, page_status, page_url, page_title, page_text, page_fetched_at, quality, quality_signals FROM rota_items
WHERE source_id = @source_id AND (@before_id IS NULL OR id < @before_id)
  AND (@min_quality IS NULL OR quality >= @min_quality)
ORDER BY id DESC
LIMIT (@limit + 0);

-- name: ItemExistingKeys
-- Which of these dedup keys the source already holds (@guid_hashes: a JSON array of strings).
SELECT guid_hash FROM rota_items WHERE source_id = @source_id AND guid_hash IN (SELECT value FROM json_each(@guid_hashes));

-- name: ItemSetPage
UPDATE rota_items SET page_status = @page_status, page_url = @page_url, page_title = @page_title, page_text = @page_text, page_fetched_at = @now
WHERE id = @id;

-- name: ItemPrune
DELETE FROM rota_items WHERE id IN (SELECT id FROM rota_items WHERE fetched_at < @older_than ORDER BY id LIMIT @limit);

-- name: ItemTimeList
SELECT published_at, fetched_at FROM rota_items WHERE source_id = @source_id ORDER BY id DESC LIMIT (@limit + 0);
