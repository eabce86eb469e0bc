-- name: ItemInsert
INSERT INTO rota_items (source_id, guid_hash, url, title, author, summary, content, published_at, fetched_at, categories, enclosures)
VALUES (@source_id, @guid_hash, @url, @title, @author, @summary, @content, @published_at, @now, @categories::jsonb, @enclosures::jsonb)
ON CONFLICT (source_id, guid_hash) DO NOTHING
RETURNING id;

-- name: ItemRefresh
UPDATE rota_items SET url = @url, title = @title, author = @author, summary = @summary, content = @content,
    published_at = @published_at, categories = @categories::jsonb, enclosures = @enclosures::jsonb
WHERE source_id = @source_id AND guid_hash = @guid_hash
  AND (url IS DISTINCT FROM @url::text OR title IS DISTINCT FROM @title::text OR author IS DISTINCT FROM @author::text OR summary IS DISTINCT FROM @summary::text OR content IS DISTINCT FROM @content::text
       OR published_at IS DISTINCT FROM @published_at::timestamptz OR categories IS DISTINCT FROM @categories::jsonb OR enclosures IS DISTINCT FROM @enclosures::jsonb);

-- name: ItemGet
SELECT id, source_id, guid_hash, url, title, author, summary, content, published_at, fetched_at, categories, enclosures, page_status, page_url, page_title, page_text, page_fetched_at FROM rota_items WHERE id = @id;

-- name: ItemList
SELECT id, source_id, guid_hash, url, title, author, summary, content, published_at, fetched_at, categories, enclosures, page_status, page_url, page_title, page_text, page_fetched_at FROM rota_items
WHERE source_id = @source_id AND (@before_id::bigint IS NULL OR id < @before_id)
ORDER BY id DESC
LIMIT @limit;

-- name: ItemSetPage
UPDATE rota_items SET page_status = @page_status, page_url = @page_url, page_title = @page_title, page_text = @page_text, page_fetched_at = @now
WHERE id = @id;

-- name: ItemPrune
DELETE FROM rota_items WHERE id IN (SELECT id FROM rota_items WHERE fetched_at < @older_than ORDER BY id LIMIT @limit);
