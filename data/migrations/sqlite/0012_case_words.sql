-- The case search reads one document per case. Searching the journal entry
-- by entry (journal_fts) and the e-mails mail by mail found the cases of a
-- common word ("relance": 135 000 entries of 47 000 cases) through a
-- temporary set of every matching entry, then looked each case up to count
-- it per status: a quarter of a second on 50 000 cases.
--
-- case_words holds, for each case, its references and parties (the text of
-- case_fts), its journal and its e-mails, under the rowid
-- (status code << 32) | case id: a match gives the case and its status
-- without reading cases. Its column "every" holds "x" in every row, so that
-- the cases NOT matching a word are a query too (the case list of a word
-- found almost everywhere reads the few cases without it). Its prefix
-- indexes answer the short last token of what is typed ("orange.fr",
-- "06 97 25") without merging every word that starts with it.
--
-- Contentless, a row can only be rewritten whole. Writes therefore do not
-- touch case_words: a new journal entry, a filed e-mail, a new status or new
-- party details add a row to case_words_pending (with the new words, if
-- any, in pending_words under the same id), which the search reads as well;
-- the store folds pending rows into case_words, in the same transaction when
-- a write concerns a few cases, in the background after a bulk write (the
-- daily sweep, a mail sync). case_words_keys remembers the rowid each case
-- has in case_words, which a new status changes.
DROP TRIGGER events_journal_fts;
DROP TABLE journal_fts;
-- The e-mails' own index and the covering index that mapped a matching
-- mail to its case (0010) served that search only.
DROP TRIGGER mails_fts_insert;
DROP TABLE mail_fts;
DROP INDEX mails_id_case;

CREATE TABLE case_status_codes (
    status TEXT PRIMARY KEY,
    code   INTEGER NOT NULL UNIQUE CHECK (code BETWEEN 1 AND 1000)
) STRICT, WITHOUT ROWID;
INSERT INTO case_status_codes (status, code) VALUES
    ('nouveau', 1), ('verification', 2), ('relance', 3), ('mise_en_demeure', 4),
    ('negociation', 5), ('echeancier', 6), ('solde', 7), ('judiciaire', 8), ('abandonne', 9);

CREATE VIRTUAL TABLE case_words USING fts5 (
    text, every,
    content = '', contentless_delete = 1,
    prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE case_words_keys (
    case_id INTEGER PRIMARY KEY REFERENCES cases (id),
    key     INTEGER NOT NULL
) STRICT;
CREATE TABLE case_words_pending (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL
) STRICT;
CREATE INDEX case_words_pending_case ON case_words_pending (case_id);
CREATE VIRTUAL TABLE pending_words USING fts5 (
    text,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO case_words_keys (case_id, key)
SELECT c.id, (k.code << 32) | c.id FROM cases c JOIN case_status_codes k ON k.status = c.status;
INSERT INTO case_words (rowid, text, every)
SELECT (k.code << 32) | c.id,
    coalesce((SELECT refs || ' ' || parties FROM case_fts WHERE rowid = c.id), '') || ' '
    || coalesce((SELECT group_concat(text, ' ') FROM events WHERE case_id = c.id), '') || ' '
    || coalesce((SELECT group_concat(subject || ' ' || body, ' ') FROM mails WHERE case_id = c.id), ''),
    'x'
FROM cases c JOIN case_status_codes k ON k.status = c.status;
INSERT INTO case_words (case_words) VALUES ('optimize');

-- A new case gets its row at once (empty until folded), so that every case
-- has one: the cases not matching a word are read from case_words.
CREATE TRIGGER cases_case_words AFTER INSERT ON cases
BEGIN
    INSERT INTO case_words (rowid, text, every)
    VALUES (((SELECT code FROM case_status_codes WHERE status = new.status) << 32) | new.id, '', 'x');
    INSERT INTO case_words_keys (case_id, key)
    VALUES (new.id, ((SELECT code FROM case_status_codes WHERE status = new.status) << 32) | new.id);
    INSERT INTO case_words_pending (case_id) VALUES (new.id);
    INSERT INTO pending_words (rowid, text) VALUES (last_insert_rowid(), '');
END;
CREATE TRIGGER cases_case_words_status AFTER UPDATE OF status ON cases WHEN new.status IS NOT old.status
BEGIN
    INSERT INTO case_words_pending (case_id) VALUES (new.id);
    INSERT INTO pending_words (rowid, text) VALUES (last_insert_rowid(), '');
END;
CREATE TRIGGER events_case_words AFTER INSERT ON events WHEN new.case_id IS NOT NULL
BEGIN
    INSERT INTO case_words_pending (case_id) VALUES (new.case_id);
    INSERT INTO pending_words (rowid, text) VALUES (last_insert_rowid(), new.text);
END;
CREATE TRIGGER mails_case_words AFTER INSERT ON mails WHEN new.case_id IS NOT NULL
BEGIN
    INSERT INTO case_words_pending (case_id) VALUES (new.case_id);
    INSERT INTO pending_words (rowid, text) VALUES (last_insert_rowid(), new.subject || ' ' || new.body);
END;
-- An e-mail filed from triage or moved: its new case gains its words, the
-- case it left is rewritten without them.
CREATE TRIGGER mails_case_words_move AFTER UPDATE OF case_id ON mails WHEN new.case_id IS NOT old.case_id
BEGIN
    INSERT INTO case_words_pending (case_id) SELECT old.case_id WHERE old.case_id IS NOT NULL;
    INSERT INTO pending_words (rowid, text) SELECT last_insert_rowid(), '' WHERE old.case_id IS NOT NULL;
    INSERT INTO case_words_pending (case_id) SELECT new.case_id WHERE new.case_id IS NOT NULL;
    INSERT INTO pending_words (rowid, text) SELECT last_insert_rowid(), new.subject || ' ' || new.body WHERE new.case_id IS NOT NULL;
END;
