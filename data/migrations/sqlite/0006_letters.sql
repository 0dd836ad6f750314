-- Issued letters and their registered post. The PDF of an issued letter is
-- a document (kept by SHA-256) and is never changed: a correction is a new
-- letter. The posting columns (tracking, deposit, AR) are filled as the
-- letter goes through the post, each change journaled.
CREATE TABLE letters (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases (id),
    kind           TEXT NOT NULL,
    recipient_id   INTEGER NOT NULL REFERENCES parties (id),
    ref            TEXT NOT NULL UNIQUE,
    letter_date    TEXT NOT NULL,
    deadline       TEXT NOT NULL DEFAULT '',
    doc_id         INTEGER NOT NULL REFERENCES documents (id),
    letter_json    TEXT NOT NULL, -- the composed letter, to print it again in a batch
    recipient_name TEXT NOT NULL,
    postcode       TEXT NOT NULL DEFAULT '',
    town           TEXT NOT NULL DEFAULT '',
    level          TEXT NOT NULL DEFAULT '' CHECK (level IN ('', 'R1', 'R2', 'R3')),
    ar             INTEGER NOT NULL DEFAULT 0 CHECK (ar IN (0, 1)),
    tracking       TEXT NOT NULL DEFAULT '',
    printed_at     TEXT NOT NULL DEFAULT '',
    deposit_date   TEXT NOT NULL DEFAULT '',
    ar_outcome     TEXT NOT NULL DEFAULT '',
    ar_presented   TEXT NOT NULL DEFAULT '',
    ar_delivered   TEXT NOT NULL DEFAULT '',
    ar_signed_by   TEXT NOT NULL DEFAULT '',
    ar_received    TEXT NOT NULL DEFAULT '',
    ar_doc_id      INTEGER REFERENCES documents (id),
    created_at     TEXT NOT NULL,
    author         TEXT NOT NULL
) STRICT;
CREATE INDEX letters_case ON letters (case_id, letter_date);
CREATE UNIQUE INDEX letters_tracking ON letters (tracking) WHERE tracking != '';
CREATE INDEX letters_deposit ON letters (deposit_date);
CREATE INDEX letters_deadline ON letters (deadline) WHERE deadline != '';

CREATE TRIGGER letters_content_frozen BEFORE UPDATE OF case_id, kind, recipient_id, ref, letter_date, deadline, doc_id, letter_json ON letters
BEGIN SELECT RAISE(ABORT, 'un courrier émis ne se modifie pas : émettez un courrier rectificatif'); END;
CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters
BEGIN SELECT RAISE(ABORT, 'un courrier émis ne se supprime pas'); END;
