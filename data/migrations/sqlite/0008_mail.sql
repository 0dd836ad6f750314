-- E-mail: the office mailbox synced over IMAP. Each message is kept raw
-- (a document named by SHA-256) and parsed; a message placed in a case has
-- case_id, one waiting in the triage list has none. Nothing is ever changed
-- or deleted on the server.
CREATE TABLE mail_folders (
    account      TEXT NOT NULL,
    folder       TEXT NOT NULL,
    uid_validity INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL,
    PRIMARY KEY (account, folder)
) STRICT;

CREATE TABLE mails (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE, -- Message-ID, or SHA-256 of the raw message
    account      TEXT NOT NULL,
    folder       TEXT NOT NULL,
    uid_validity INTEGER NOT NULL,
    uid          INTEGER NOT NULL,
    message_id   TEXT NOT NULL DEFAULT '',
    in_reply_to  TEXT NOT NULL DEFAULT '',
    refs         TEXT NOT NULL DEFAULT '',
    from_addr    TEXT NOT NULL DEFAULT '',
    from_name    TEXT NOT NULL DEFAULT '',
    to_addrs     TEXT NOT NULL DEFAULT '',
    cc_addrs     TEXT NOT NULL DEFAULT '',
    subject      TEXT NOT NULL DEFAULT '',
    sent_at      TEXT NOT NULL,            -- the Date header, else the server's arrival date
    received_at  TEXT NOT NULL,            -- when Amiable filed it
    body         TEXT NOT NULL DEFAULT '',
    raw_doc_id   INTEGER NOT NULL REFERENCES documents (id),
    case_id      INTEGER REFERENCES cases (id),
    rule         TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    warnings     TEXT NOT NULL DEFAULT '',
    read_at      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX mails_case ON mails (case_id, sent_at);
CREATE INDEX mails_sent ON mails (sent_at);
CREATE INDEX mails_from ON mails (from_addr COLLATE NOCASE);

CREATE TABLE mail_attachments (
    mail_id INTEGER NOT NULL REFERENCES mails (id),
    doc_id  INTEGER NOT NULL REFERENCES documents (id),
    PRIMARY KEY (mail_id, doc_id)
) STRICT;

-- Messages the office sent about a case, for replies that quote them.
CREATE TABLE sent_messages (
    message_id TEXT PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    sent_at    TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE mail_fts USING fts5 (
    subject, body,
    content = 'mails', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER mails_fts_insert AFTER INSERT ON mails
BEGIN INSERT INTO mail_fts (rowid, subject, body) VALUES (new.id, new.subject, new.body); END;
CREATE TRIGGER mails_keep BEFORE DELETE ON mails
BEGIN SELECT RAISE(ABORT, 'un courriel reçu ne se supprime pas'); END;
CREATE TRIGGER mails_frozen BEFORE UPDATE OF key, raw_doc_id, body, subject, from_addr, sent_at ON mails
BEGIN SELECT RAISE(ABORT, 'un courriel reçu ne se modifie pas'); END;
