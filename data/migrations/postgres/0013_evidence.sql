-- The write generation and the state of the documents check
-- (migrations/sqlite/0013_evidence.sql). The generation is raised by one in every
-- write transaction (Store.rawWrite), under the writer lock; it starts
-- from the journal's highest id. On the shared base it says how much was
-- written, for the manifest; restoring a backup file is SQLite's only.
CREATE TABLE generation (
    id bigint PRIMARY KEY CHECK (id = 1),
    n  bigint NOT NULL
);
INSERT INTO generation (id, n) VALUES (1, (SELECT coalesce(max(id), 0) FROM events));

-- Where the check of the stored documents stands (VerifyDocuments): the
-- pass under way goes through the documents by id, a slice each run.
CREATE TABLE evidence_checks (
    id            bigint PRIMARY KEY CHECK (id = 1),
    cursor        bigint NOT NULL DEFAULT 0,
    pass_started  text COLLATE "C" NOT NULL DEFAULT '',
    pass_finished text COLLATE "C" NOT NULL DEFAULT ''
);
INSERT INTO evidence_checks (id) VALUES (1);
