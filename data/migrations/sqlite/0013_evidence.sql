-- The write generation: a counter every write transaction raises by one
-- (Store.rawWrite), so that a restore can tell whether the base it
-- replaces holds work its backup lacks without trusting a clock. It starts
-- from the journal's highest id, which only grows.
CREATE TABLE IF NOT EXISTS generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
) STRICT;
INSERT OR IGNORE INTO generation (id, n) VALUES (1, (SELECT coalesce(max(id), 0) FROM events));

-- Where the check of the stored documents stands (VerifyDocuments): the
-- pass under way goes through the documents by id, a slice each run.
CREATE TABLE IF NOT EXISTS evidence_checks (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    cursor        INTEGER NOT NULL DEFAULT 0,  -- the last document id checked by the pass under way
    pass_started  TEXT NOT NULL DEFAULT '',    -- instant the pass under way began ('' when none)
    pass_finished TEXT NOT NULL DEFAULT ''     -- instant the last complete pass ended
) STRICT;
INSERT OR IGNORE INTO evidence_checks (id) VALUES (1);
