-- The case search maps each matching e-mail to its case. Read through the
-- table, that lookup loads the mail's row with its whole text (80 MB of
-- mails in the 50 000-case office); this small covering index answers it
-- alone. The search names it (INDEXED BY): SQLite otherwise always looks a
-- rowid up in the table.
CREATE INDEX mails_id_case ON mails (id, case_id);
