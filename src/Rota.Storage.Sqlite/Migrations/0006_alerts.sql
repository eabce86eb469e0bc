-- migration: 6 alerts
-- up
CREATE TABLE rota_alert_config (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    document TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE rota_alert_state (
    rule TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
    since INTEGER NOT NULL,
    last_sent_at INTEGER,
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (rule, subject_key)
);
CREATE TABLE rota_alert_deliveries (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    channel TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('fired', 'resolved', 'test')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    summary TEXT NOT NULL
);
CREATE INDEX ix_rota_alert_deliveries_rule ON rota_alert_deliveries (rule, id);
-- down
DROP TABLE rota_alert_deliveries;
DROP TABLE rota_alert_state;
DROP TABLE rota_alert_config;
