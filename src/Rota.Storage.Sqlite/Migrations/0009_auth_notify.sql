-- migration: 9 auth_notify
-- up
-- PostgreSQL announces token and user changes through triggers here. SQLite has one process per file and servers read
-- tokens on every request (~4 µs in-process), so there is nothing to announce: the version is kept in step only.
SELECT 1;
-- down
SELECT 1;
