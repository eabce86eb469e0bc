-- migration: 2 cluster
-- up
CREATE TABLE rota_nodes (
    name TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    role TEXT NOT NULL DEFAULT 'follower',
    running INTEGER NOT NULL DEFAULT 0,
    version TEXT NOT NULL
);
-- One row: who holds the maintenance leadership, in which term, until when.
CREATE TABLE rota_leader (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    holder TEXT,
    term INTEGER NOT NULL,
    lease_until INTEGER NOT NULL
);
INSERT INTO rota_leader (id, holder, term, lease_until) VALUES (1, NULL, 0, 0);
-- down
DROP TABLE rota_leader;
DROP TABLE rota_nodes;
