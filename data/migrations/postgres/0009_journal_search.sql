-- SQLite only: migrations/0009_journal_search.sql replaced the FTS5 index
-- event_fts by journal_fts, SQLite internals that 0012 replaced again.
-- The shared base has neither; its search index is created by 0012. This
-- file keeps the numbers of both engines equal.
SELECT 1;
