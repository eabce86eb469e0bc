-- name: RunEventsListen
-- Live run events between nodes (IRunEventRelay), apart from the wake-ups: one channel for every schema, the payload
-- names the schema and the sending store instance.
LISTEN rota_events;

-- name: RunEventsNotify
-- Outside any transaction: a live event is sent when it happens, not when something commits.
SELECT pg_notify('rota_events', @payload);
