-- name: WakeListen
-- SQLite has one process per file (in-process signals wake the engine): nothing to listen to.
SELECT 1;

-- name: WakeNotify
SELECT 1;

-- name: SessionInit
-- One process per file: nobody else waits for this connection's locks beyond the busy timeout.
SELECT 1;

-- name: GenericPlanForThisTransaction
-- SQLite keeps one plan per prepared statement: nothing to choose.
SELECT 1;

-- name: AuthChangesListen
-- SQLite servers read tokens on every request: nothing to listen to.
SELECT 1;
