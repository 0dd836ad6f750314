-- Acts that interrupt or suspend a case's limitation, besides payments and
-- signed plans (which have their own records): a signed acknowledgement of
-- debt (Code civil 2240), a claim in court (2241), an enforcement measure
-- (2244), a conciliation or mediation (suspension, 2238), the small-claims
-- procedure (suspension while it runs, CPCE L125-1) and an enforceable
-- title (ten years, CPCE L111-4). Each has its date and, when the office
-- keeps it, its document. Evidence: a row is never deleted; only the end
-- of a running suspension may be written, once. Written to run again over
-- a base that has it (tests downgrade user_version and migrate again).

CREATE TABLE IF NOT EXISTS interruptions (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    kind       TEXT NOT NULL CHECK (kind IN ('reconnaissance', 'demande_en_justice', 'mesure_execution',
                                            'mediation', 'petites_creances', 'titre_executoire')),
    on_date    TEXT NOT NULL,
    end_date   TEXT NOT NULL DEFAULT '', -- a suspension's end; '' while it runs
    doc_id     INTEGER REFERENCES documents (id),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    author     TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS interruptions_case ON interruptions (case_id);

CREATE TRIGGER IF NOT EXISTS interruptions_no_update BEFORE UPDATE ON interruptions
WHEN OLD.end_date != '' OR NEW.id != OLD.id OR NEW.case_id != OLD.case_id OR NEW.kind != OLD.kind OR NEW.on_date != OLD.on_date
    OR NEW.doc_id IS NOT OLD.doc_id OR NEW.note != OLD.note OR NEW.created_at != OLD.created_at OR NEW.author != OLD.author
BEGIN SELECT RAISE(ABORT, 'un acte interruptif ne se modifie pas : enregistrez-en un nouveau'); END;
CREATE TRIGGER IF NOT EXISTS interruptions_no_delete BEFORE DELETE ON interruptions
BEGIN SELECT RAISE(ABORT, 'un acte interruptif ne se supprime pas'); END;
