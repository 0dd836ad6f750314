-- migrations/0010_mail_case_index.sql added a covering index for SQLite's
-- mail_fts lookups, dropped again by 0012: nothing to do on PostgreSQL.
-- This file keeps the numbers of both engines equal.
SELECT 1;
