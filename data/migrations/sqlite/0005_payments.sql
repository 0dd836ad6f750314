-- Payments (encaissements), payment plans (échéanciers) and remittances to
-- creditors (reversements). Money records are append-only: a wrong payment
-- or remittance is cancelled by a counter-entry (a row naming the one it
-- cancels), never edited or deleted.

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    received     TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    method       TEXT NOT NULL CHECK (method IN ('virement', 'cheque', 'carte', 'especes', 'prelevement', 'annulation')),
    payer        TEXT NOT NULL DEFAULT '',
    bank_ref     TEXT NOT NULL DEFAULT '',
    lines        TEXT NOT NULL DEFAULT '', -- the debtor's choice of claim lines, "12,15"
    credit_cents INTEGER NOT NULL DEFAULT 0, -- overpayment owed back to the debtor
    cancels      INTEGER UNIQUE REFERENCES payments (id),
    reason       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    author       TEXT NOT NULL
) STRICT;
CREATE INDEX payments_case ON payments (case_id, received);
CREATE INDEX payments_received ON payments (received);

-- How each payment was allocated when it was recorded (what its receipt says).
CREATE TABLE payment_allocations (
    payment_id      INTEGER NOT NULL REFERENCES payments (id),
    line_id         INTEGER NOT NULL REFERENCES claim_lines (id),
    principal_cents INTEGER NOT NULL,
    interest_cents  INTEGER NOT NULL,
    accessory_cents INTEGER NOT NULL,
    PRIMARY KEY (payment_id, line_id)
) STRICT;

CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    base_date     TEXT NOT NULL,      -- the balance it settles was computed at this date
    total_cents   INTEGER NOT NULL CHECK (total_cents > 0),
    frequency     TEXT NOT NULL,
    grace_days    INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 60),
    signed_on     TEXT NOT NULL DEFAULT '',
    letter_doc_id INTEGER REFERENCES documents (id),
    replaces      INTEGER REFERENCES plans (id),
    closed_on     TEXT NOT NULL DEFAULT '',
    close_reason  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    author        TEXT NOT NULL
) STRICT;
CREATE INDEX plans_case ON plans (case_id);

CREATE TABLE instalments (
    plan_id      INTEGER NOT NULL REFERENCES plans (id),
    n            INTEGER NOT NULL,
    due          TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (plan_id, n)
) STRICT;
CREATE INDEX instalments_due ON instalments (due);

CREATE TABLE remittances (
    id           INTEGER PRIMARY KEY,
    creditor_id  INTEGER NOT NULL REFERENCES parties (id),
    sent         TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    reference    TEXT NOT NULL DEFAULT '',
    cancels      INTEGER UNIQUE REFERENCES remittances (id),
    reason       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    author       TEXT NOT NULL
) STRICT;
CREATE INDEX remittances_creditor ON remittances (creditor_id, sent);

-- Partial payments the creditor must be told of (R124-5), until a letter
-- to the creditor is issued for them.
CREATE TABLE creditor_notices (
    payment_id    INTEGER PRIMARY KEY REFERENCES payments (id),
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    letter_doc_id INTEGER REFERENCES documents (id)
) STRICT;

CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'un encaissement ne se modifie pas : annulez-le par une contre-écriture'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'un encaissement ne se supprime pas : annulez-le par une contre-écriture'); END;
CREATE TRIGGER payment_allocations_no_update BEFORE UPDATE ON payment_allocations
BEGIN SELECT RAISE(ABORT, 'une imputation ne se modifie pas'); END;
CREATE TRIGGER payment_allocations_no_delete BEFORE DELETE ON payment_allocations
BEGIN SELECT RAISE(ABORT, 'une imputation ne se supprime pas'); END;
CREATE TRIGGER instalments_no_update BEFORE UPDATE ON instalments
BEGIN SELECT RAISE(ABORT, 'un échéancier ne se modifie pas : renégociez-le'); END;
CREATE TRIGGER instalments_no_delete BEFORE DELETE ON instalments
BEGIN SELECT RAISE(ABORT, 'un échéancier ne se supprime pas : renégociez-le'); END;
CREATE TRIGGER remittances_no_update BEFORE UPDATE ON remittances
BEGIN SELECT RAISE(ABORT, 'un reversement ne se modifie pas : annulez-le par une contre-écriture'); END;
CREATE TRIGGER remittances_no_delete BEFORE DELETE ON remittances
BEGIN SELECT RAISE(ABORT, 'un reversement ne se supprime pas : annulez-le par une contre-écriture'); END;
