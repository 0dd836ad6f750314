-- The daily job: the flags of the morning review ("À traiter"), the log of
-- each day's sweep, and the log of the backups.

-- A flag is unique per (case, kind, object, due): re-running a day's sweep
-- or catching up never raises it twice. case_id is NULL for the office
-- (a failed backup). The state moves from 'ouverte' to 'traitee' (staff,
-- with who, when and a comment), 'reportee' (snoozed to snoozed_until) or
-- 'resolue' (its cause disappeared: the reason is the comment).
CREATE TABLE flags (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER REFERENCES cases (id),
    kind          TEXT NOT NULL,
    object        TEXT NOT NULL,
    due           TEXT NOT NULL,
    since         TEXT NOT NULL, -- the day of the sweep that raised it
    amount_cents  INTEGER NOT NULL DEFAULT 0,
    text          TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'ouverte' CHECK (state IN ('ouverte', 'reportee', 'traitee', 'resolue')),
    snoozed_until TEXT NOT NULL DEFAULT '',
    closed_at     TEXT NOT NULL DEFAULT '', -- instant it was handled or resolved
    closed_by     TEXT NOT NULL DEFAULT '',
    comment       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX flags_key ON flags (coalesce(case_id, 0), kind, object, due);
CREATE INDEX flags_active ON flags (kind, due) WHERE state IN ('ouverte', 'reportee');
CREATE INDEX flags_case ON flags (case_id, state);

-- One row per day swept (a re-run of the same day replaces it): the last
-- completed sweep is the latest day.
CREATE TABLE sweeps (
    day         TEXT PRIMARY KEY,
    finished_at TEXT NOT NULL,
    raised      INTEGER NOT NULL,
    reopened    INTEGER NOT NULL,
    resolved    INTEGER NOT NULL,
    woken       INTEGER NOT NULL,
    open        INTEGER NOT NULL,
    millis      INTEGER NOT NULL
) STRICT;

CREATE TABLE backups (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    path      TEXT NOT NULL,       -- the copy written ('' when it failed early)
    size      INTEGER NOT NULL DEFAULT 0,
    documents INTEGER NOT NULL DEFAULT 0, -- documents copied
    error     TEXT NOT NULL DEFAULT ''    -- French; '' when it succeeded
) STRICT;

-- The journal's index per case also carries the kind, so that the sweep
-- finds a case's latest activity (an entry that is not a flag's) and its
-- latest call, e-mail or payment without reading the entries themselves.
DROP INDEX events_case;
CREATE INDEX events_case ON events (case_id, at, kind);
