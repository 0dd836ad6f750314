-- Amiable schema, version 1: office settings, parties, cases, claim lines,
-- documents, the append-only journal and full-text search.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE parties (
    id           INTEGER PRIMARY KEY,
    type         TEXT NOT NULL CHECK (type IN ('personne', 'societe')),
    legal_kind   TEXT NOT NULL CHECK (legal_kind IN ('particulier', 'professionnel')),
    civility     TEXT NOT NULL DEFAULT '',
    first_name   TEXT NOT NULL DEFAULT '',
    last_name    TEXT NOT NULL DEFAULT '',
    birth_date   TEXT NOT NULL DEFAULT '',
    company_name TEXT NOT NULL DEFAULT '',
    legal_form   TEXT NOT NULL DEFAULT '',
    siren        TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL,  -- as printed
    sort_key     TEXT NOT NULL,  -- folded (no case, no accents) for sorting and prefix search
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX parties_sort ON parties (sort_key);

CREATE TABLE addresses (
    id         INTEGER PRIMARY KEY,
    party_id   INTEGER NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    complement TEXT NOT NULL DEFAULT '',
    building   TEXT NOT NULL DEFAULT '',
    street     TEXT NOT NULL,
    locality   TEXT NOT NULL DEFAULT '',
    postcode   TEXT NOT NULL,
    town       TEXT NOT NULL,
    country    TEXT NOT NULL DEFAULT '',
    current    INTEGER NOT NULL DEFAULT 0 CHECK (current IN (0, 1))
) STRICT;
CREATE INDEX addresses_party ON addresses (party_id, position);

CREATE TABLE party_emails (
    party_id INTEGER NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    email    TEXT NOT NULL,
    PRIMARY KEY (party_id, position)
) STRICT;
CREATE INDEX party_emails_email ON party_emails (email COLLATE NOCASE);

CREATE TABLE party_phones (
    party_id INTEGER NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    phone    TEXT NOT NULL,
    PRIMARY KEY (party_id, position)
) STRICT;

-- The last sequence number given per year: references are never reused.
CREATE TABLE case_sequence (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    ref              TEXT NOT NULL UNIQUE,
    creditor_id      INTEGER NOT NULL REFERENCES parties (id),
    nature           TEXT NOT NULL,
    creditor_ref     TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,
    assigned_to      TEXT NOT NULL DEFAULT '',
    opened           TEXT NOT NULL,
    closed           TEXT NOT NULL DEFAULT '',
    close_reason     TEXT NOT NULL DEFAULT '',
    basis            TEXT NOT NULL DEFAULT '',
    interest_kind    TEXT NOT NULL DEFAULT '',
    interest_rate_bp INTEGER NOT NULL DEFAULT 0,
    interest_from    TEXT NOT NULL DEFAULT '',
    -- Kept by the store for the case list (sorting 50 000 cases by a join is too slow).
    creditor_name    TEXT NOT NULL DEFAULT '',
    creditor_sort    TEXT NOT NULL DEFAULT '',
    debtor_name      TEXT NOT NULL DEFAULT '',
    debtor_sort      TEXT NOT NULL DEFAULT '',
    debtor_count     INTEGER NOT NULL DEFAULT 0,
    principal_cents  INTEGER NOT NULL DEFAULT 0,
    balance_cents    INTEGER NOT NULL DEFAULT 0,
    next_deadline    TEXT NOT NULL DEFAULT '', -- '' when none; set by letters and plans
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX cases_status ON cases (status);
CREATE INDEX cases_creditor ON cases (creditor_id);
CREATE INDEX cases_creditor_sort ON cases (creditor_sort);
CREATE INDEX cases_debtor_sort ON cases (debtor_sort);
CREATE INDEX cases_opened ON cases (opened);
CREATE INDEX cases_principal ON cases (principal_cents);
CREATE INDEX cases_balance ON cases (balance_cents);
CREATE INDEX cases_deadline ON cases (next_deadline);

CREATE TABLE case_debtors (
    case_id  INTEGER NOT NULL REFERENCES cases (id),
    party_id INTEGER NOT NULL REFERENCES parties (id),
    position INTEGER NOT NULL,
    jointly  INTEGER NOT NULL DEFAULT 0 CHECK (jointly IN (0, 1)),
    PRIMARY KEY (case_id, party_id)
) STRICT;
CREATE INDEX case_debtors_party ON case_debtors (party_id);

CREATE TABLE claim_lines (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    kind         TEXT NOT NULL CHECK (kind IN ('principal', 'penalite', 'indemnite', 'accessoire')),
    label        TEXT NOT NULL,
    doc_number   TEXT NOT NULL DEFAULT '',
    issue_date   TEXT NOT NULL DEFAULT '',
    due_date     TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    created_at   TEXT NOT NULL,
    removed_at   TEXT NOT NULL DEFAULT '' -- a removed line is kept for the record
) STRICT;
CREATE INDEX claim_lines_case ON claim_lines (case_id);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER REFERENCES cases (id),
    kind          TEXT NOT NULL,
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    size          INTEGER NOT NULL,
    media_type    TEXT NOT NULL,
    original_name TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    author        TEXT NOT NULL
) STRICT;
CREATE INDEX documents_case ON documents (case_id);
CREATE INDEX documents_sha ON documents (sha256);

CREATE TABLE claim_proofs (
    line_id INTEGER NOT NULL REFERENCES claim_lines (id),
    doc_id  INTEGER NOT NULL REFERENCES documents (id),
    PRIMARY KEY (line_id, doc_id)
) STRICT;

-- The journal. case_id is NULL for office-wide entries (settings, rates).
CREATE TABLE events (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES cases (id),
    at      TEXT NOT NULL,
    author  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    text    TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX events_case ON events (case_id, at);
CREATE INDEX events_at ON events (at);

CREATE TABLE event_documents (
    event_id INTEGER NOT NULL REFERENCES events (id),
    doc_id   INTEGER NOT NULL REFERENCES documents (id),
    PRIMARY KEY (event_id, doc_id)
) STRICT;

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'le journal ne se modifie pas : ajoutez une nouvelle entrée'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'le journal ne se supprime pas'); END;
CREATE TRIGGER event_documents_no_update BEFORE UPDATE ON event_documents
BEGIN SELECT RAISE(ABORT, 'le journal ne se modifie pas'); END;
CREATE TRIGGER event_documents_no_delete BEFORE DELETE ON event_documents
BEGIN SELECT RAISE(ABORT, 'le journal ne se supprime pas'); END;

-- Full-text search. case_fts: one row per case (rowid = case id) with its
-- references and the names, addresses, e-mails and phones of its parties,
-- rewritten by the store whenever one of them changes. event_fts indexes
-- the journal text; the journal is append-only, so an insert trigger keeps it.
CREATE VIRTUAL TABLE case_fts USING fts5 (
    refs, parties,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE event_fts USING fts5 (
    text,
    content = 'events', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_insert AFTER INSERT ON events
BEGIN INSERT INTO event_fts (rowid, text) VALUES (new.id, new.text); END;
