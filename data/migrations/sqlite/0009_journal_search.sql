-- The case search finds the cases of a journal word straight from the
-- full-text index. event_fts indexed each entry under its event id, so every
-- hit cost a lookup in events to find its case: half a second for a common
-- word ("relance") over a million entries. journal_fts indexes each entry
-- under (case_id << 24) + n, n its rank in its case's journal (append-only:
-- ranks never change), so a match gives its case by a shift. Contentless: the
-- text stays in events. Office entries (no case) are not searched.
DROP TRIGGER events_fts_insert;
DROP TABLE event_fts;

CREATE VIRTUAL TABLE journal_fts USING fts5 (
    text,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO journal_fts (rowid, text)
SELECT (case_id << 24) + row_number() OVER (PARTITION BY case_id ORDER BY id), text
FROM events WHERE case_id IS NOT NULL;

CREATE TRIGGER events_journal_fts AFTER INSERT ON events WHEN new.case_id IS NOT NULL
BEGIN
    INSERT INTO journal_fts (rowid, text)
    VALUES ((new.case_id << 24) + (SELECT count(*) FROM events WHERE case_id = new.case_id), new.text);
END;
