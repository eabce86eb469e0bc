-- migration: 2 cluster
-- up
CREATE TABLE rota_nodes (
    name text PRIMARY KEY,
    started_at timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    role text NOT NULL DEFAULT 'follower',
    running integer NOT NULL DEFAULT 0,
    version text NOT NULL
);
-- One row: who holds the maintenance leadership, in which term, until when.
CREATE TABLE rota_leader (
    id integer PRIMARY KEY CHECK (id = 1),
    holder text,
    term bigint NOT NULL,
    lease_until timestamptz NOT NULL
);
INSERT INTO rota_leader (id, holder, term, lease_until) VALUES (1, NULL, 0, '1970-01-01 00:00:00+00');
-- down
DROP TABLE rota_leader;
DROP TABLE rota_nodes;
