-- name: RunEventsListen
-- SQLite has one process per file: every run event is raised in that process, nothing is relayed.
SELECT 1;

-- name: RunEventsNotify
SELECT 1;
