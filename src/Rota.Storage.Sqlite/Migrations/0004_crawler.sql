-- migration: 4 crawler
-- up
CREATE TABLE rota_sources (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    input TEXT NOT NULL,
    url TEXT NOT NULL,
    normalized_url TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('active', 'error', 'pending', 'disabled')),
    error_message TEXT,
    error_code TEXT,
    error_transient INTEGER,
    error_since INTEGER,
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    last_crawled_at INTEGER,
    last_attempt_at INTEGER,
    next_crawl_at INTEGER,
    poll_interval_seconds INTEGER NOT NULL,
    items_total INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    metadata TEXT,
    UNIQUE (owner, normalized_url)
);
CREATE INDEX ix_rota_sources_due ON rota_sources (next_crawl_at);
CREATE TABLE rota_items (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES rota_sources(id) ON DELETE CASCADE,
    guid_hash TEXT NOT NULL,
    url TEXT,
    title TEXT,
    author TEXT,
    summary TEXT,
    content TEXT,
    published_at INTEGER,
    fetched_at INTEGER NOT NULL,
    categories TEXT,
    enclosures TEXT,
    page_status INTEGER,
    page_url TEXT,
    page_title TEXT,
    page_text TEXT,
    page_fetched_at INTEGER,
    UNIQUE (source_id, guid_hash)
);
CREATE INDEX ix_rota_items_fetched ON rota_items (fetched_at);
CREATE TABLE rota_crawl_logs (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    source_id INTEGER REFERENCES rota_sources(id) ON DELETE SET NULL,
    run_id INTEGER,
    crawl_type TEXT NOT NULL CHECK (crawl_type IN ('scheduled', 'manual', 'retry')),
    status TEXT NOT NULL CHECK (status IN ('started', 'success', 'failed', 'partial')),
    items_fetched INTEGER NOT NULL DEFAULT 0,
    items_new INTEGER NOT NULL DEFAULT 0,
    error_message TEXT,
    error_details TEXT,
    duration_ms INTEGER,
    started_at INTEGER NOT NULL,
    completed_at INTEGER,
    metadata TEXT
);
CREATE INDEX ix_rota_crawl_logs_owner ON rota_crawl_logs (owner, id);
CREATE INDEX ix_rota_crawl_logs_source ON rota_crawl_logs (source_id, id);
CREATE INDEX ix_rota_crawl_logs_started ON rota_crawl_logs (started_at);
-- down
DROP TABLE rota_crawl_logs;
DROP TABLE rota_items;
DROP TABLE rota_sources;
