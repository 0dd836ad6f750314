-- The write generation and the document check's cursor
-- (migrations/0013_evidence.sql).
CREATE TABLE generation (
    id bigint PRIMARY KEY CHECK (id = 1),
    n  bigint NOT NULL
);
INSERT INTO generation (id, n) VALUES (1, (SELECT coalesce(max(id), 0) FROM events));

CREATE TABLE evidence_checks (
    id            bigint PRIMARY KEY CHECK (id = 1),
    cursor        bigint NOT NULL DEFAULT 0,
    pass_started  text COLLATE "C" NOT NULL DEFAULT '',
    pass_finished text COLLATE "C" NOT NULL DEFAULT ''
);
INSERT INTO evidence_checks (id) VALUES (1);
