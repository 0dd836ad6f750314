package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"amiable/debt"
)

// CreateCase opens a case: it gives the next reference of the year
// (AAAA-NNNNN, never reused), status "nouveau", and journals the opening.
// c.Creditor.ID and each c.Debtors[i].Party.ID name saved parties; claim
// lines in c.Lines are saved too.
func (s *Store) CreateCase(ctx context.Context, c debt.Case, author string, now time.Time) (debt.Case, error) {
	today := debt.DateOf(now)
	if c.Opened.IsZero() {
		c.Opened = today
	}
	c.Status = debt.StatusNew
	c = normalizeCase(c)
	errs := c.Validate(today)
	for i, l := range c.Lines {
		for _, e := range l.Validate(c, today) {
			e.Field = fmt.Sprintf("lines[%d].%s", i, e.Field)
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		return c, debt.ValidationError(errs)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := checkParties(ctx, tx, c); err != nil {
			return err
		}
		if err := checkCommercialTx(ctx, tx, c); err != nil {
			return err
		}
		var err error
		c.Ref, err = nextRef(ctx, tx, c.Opened.Year())
		if err != nil {
			return err
		}
		c.ID, err = insertCase(ctx, tx, c, now)
		if err != nil {
			return err
		}
		for i := range c.Lines {
			c.Lines[i].ID, err = insertLine(ctx, tx, c.ID, c.Lines[i], now)
			if err != nil {
				return err
			}
		}
		if err := refreshCase(ctx, tx, c.ID); err != nil {
			return err
		}
		text := fmt.Sprintf("Dossier %s ouvert pour %s contre %s (%s)", c.Ref, partyName(ctx, tx, c.Creditor.ID), debtorNames(ctx, tx, c), c.Nature.Label())
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: c.ID, At: now, Author: author, Kind: debt.EventCaseCreated, Text: text})
		return err
	})
	if err != nil {
		return c, err
	}
	return s.Case(ctx, c.ID)
}

func normalizeCase(c debt.Case) debt.Case {
	c.CreditorRef = strings.TrimSpace(c.CreditorRef)
	c.AssignedTo = strings.TrimSpace(c.AssignedTo)
	c.Basis = strings.TrimSpace(c.Basis)
	if c.Interest.Kind != debt.InterestContractual {
		c.Interest.RateBP = 0
	}
	return c
}

func checkParties(ctx context.Context, tx *sql.Tx, c debt.Case) error {
	ids := []int64{c.Creditor.ID}
	for _, d := range c.Debtors {
		ids = append(ids, d.Party.ID)
	}
	for _, id := range ids {
		var one int
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM parties WHERE id = ?", id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return notFound("Partie introuvable (n° interne %d) : enregistrez-la d'abord.", id)
		} else if err != nil {
			return err
		}
	}
	return nil
}

func nextRef(ctx context.Context, tx *sql.Tx, year int) (string, error) {
	var n int
	err := tx.QueryRowContext(ctx, `INSERT INTO case_sequence (year, last) VALUES (?, 1)
		ON CONFLICT (year) DO UPDATE SET last = case_sequence.last + 1 RETURNING last`, year).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("next reference: %w", err)
	}
	if n > 99999 {
		return "", conflict("Plus de 99 999 dossiers ouverts en %d : la numérotation est épuisée.", year)
	}
	return debt.FormatRef(year, n), nil
}

func insertCase(ctx context.Context, tx *sql.Tx, c debt.Case, now time.Time) (int64, error) {
	at := instant(now)
	id, err := insertID(ctx, tx, `INSERT INTO cases (ref, creditor_id, nature, creditor_ref, status, assigned_to, opened, closed, close_reason,
		basis, interest_kind, interest_rate_bp, interest_from, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		c.Ref, c.Creditor.ID, string(c.Nature), c.CreditorRef, string(c.Status), c.AssignedTo, c.Opened.ISO(), c.Closed.ISO(), c.CloseReason,
		c.Basis, string(c.Interest.Kind), c.Interest.RateBP, c.Interest.From.ISO(), at, at)
	if err != nil {
		if isConstraint(err) {
			return 0, conflict("La référence %s existe déjà.", c.Ref)
		}
		return 0, fmt.Errorf("insert case: %w", err)
	}
	if err := writeDebtors(ctx, tx, id, c.Debtors); err != nil {
		return 0, err
	}
	return id, nil
}

func writeDebtors(ctx context.Context, tx *sql.Tx, caseID int64, ds []debt.CaseDebtor) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM case_debtors WHERE case_id = ?", caseID); err != nil {
		return fmt.Errorf("debtors: %w", err)
	}
	for i, d := range ds {
		if _, err := tx.ExecContext(ctx, "INSERT INTO case_debtors (case_id, party_id, position, jointly) VALUES (?,?,?,?)",
			caseID, d.Party.ID, i, d.Jointly); err != nil {
			return fmt.Errorf("debtors: %w", err)
		}
	}
	return nil
}

func partyName(ctx context.Context, q queryer, id int64) string {
	var n string
	q.QueryRowContext(ctx, "SELECT name FROM parties WHERE id = ?", id).Scan(&n)
	return n
}

func debtorNames(ctx context.Context, q queryer, c debt.Case) string {
	var names []string
	for _, d := range c.Debtors {
		names = append(names, partyName(ctx, q, d.Party.ID))
	}
	return strings.Join(names, ", ")
}

// UpdateCase changes a case's own fields (nature, creditor reference,
// assigned staff member, basis, interest terms) and its parties, and
// journals what changed. The status changes through ChangeStatus only.
func (s *Store) UpdateCase(ctx context.Context, c debt.Case, author string, now time.Time) error {
	c = normalizeCase(c)
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := loadCase(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		c.Opened, c.Status, c.Ref = old.Opened, old.Status, old.Ref
		if errs := c.Validate(debt.DateOf(now)); len(errs) > 0 {
			return debt.ValidationError(errs)
		}
		if err := checkParties(ctx, tx, c); err != nil {
			return err
		}
		if c.Interest != old.Interest || !sameDebtors(c, old) {
			if c.Lines = nil; !sameDebtors(c, old) {
				c.Lines = old.Lines
			}
			if err := checkCommercialTx(ctx, tx, c); err != nil {
				return err
			}
		}
		changes := caseChanges(ctx, tx, old, c)
		if len(changes) == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET creditor_id=?, nature=?, creditor_ref=?, assigned_to=?, basis=?,
			interest_kind=?, interest_rate_bp=?, interest_from=?, updated_at=? WHERE id=?`,
			c.Creditor.ID, string(c.Nature), c.CreditorRef, c.AssignedTo, c.Basis,
			string(c.Interest.Kind), c.Interest.RateBP, c.Interest.From.ISO(), instant(now), c.ID); err != nil {
			return fmt.Errorf("update case: %w", err)
		}
		if err := writeDebtors(ctx, tx, c.ID, c.Debtors); err != nil {
			return err
		}
		if err := refreshCase(ctx, tx, c.ID); err != nil {
			return err
		}
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: c.ID, At: now, Author: author, Kind: debt.EventCaseEdited,
			Text: "Dossier modifié : " + strings.Join(changes, " ; ")})
		return err
	})
}

func caseChanges(ctx context.Context, q queryer, old, c debt.Case) []string {
	var ch []string
	diff := func(label, a, b string) {
		if a != b {
			if a == "" {
				a = "(vide)"
			}
			if b == "" {
				b = "(vide)"
			}
			ch = append(ch, fmt.Sprintf("%s : « %s » → « %s »", label, a, b))
		}
	}
	diff("créancier", partyName(ctx, q, old.Creditor.ID), partyName(ctx, q, c.Creditor.ID))
	diff("débiteurs", debtorNames(ctx, q, old), debtorNames(ctx, q, c))
	diff("nature", old.Nature.Label(), c.Nature.Label())
	diff("référence créancier", old.CreditorRef, c.CreditorRef)
	diff("gestionnaire", old.AssignedTo, c.AssignedTo)
	diff("fondement", old.Basis, c.Basis)
	interest := func(t debt.InterestTerms) string {
		s := t.Kind.Label()
		if t.Kind == debt.InterestContractual {
			s += fmt.Sprintf(" %d,%02d %%", t.RateBP/100, t.RateBP%100)
		}
		if !t.From.IsZero() {
			s += " à compter du " + t.From.String()
		}
		return s
	}
	diff("intérêts", interest(old.Interest), interest(c.Interest))
	jointly := func(c debt.Case) string {
		var b strings.Builder
		for _, d := range c.Debtors {
			if d.Jointly {
				b.WriteString("S")
			} else {
				b.WriteString("-")
			}
		}
		return b.String()
	}
	if jointly(old) != jointly(c) && debtorNames(ctx, q, old) == debtorNames(ctx, q, c) {
		ch = append(ch, "solidarité des débiteurs modifiée")
	}
	return ch
}

// Case returns a case with its creditor, debtors and claim lines.
func (s *Store) Case(ctx context.Context, id int64) (debt.Case, error) {
	var c debt.Case
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = loadCase(ctx, tx, id)
		return err
	})
	return c, err
}

// CaseByRef returns the case with that reference.
func (s *Store) CaseByRef(ctx context.Context, ref string) (debt.Case, error) {
	ref = strings.TrimSpace(ref)
	if _, _, err := debt.ParseRef(ref); err != nil {
		return debt.Case{}, invalid("Référence de dossier « %s » invalide (attendu AAAA-NNNNN).", ref)
	}
	var id int64
	err := s.ro.QueryRowContext(ctx, "SELECT id FROM cases WHERE ref = ?", ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return debt.Case{}, notFound("Aucun dossier %s.", ref)
	}
	if err != nil {
		return debt.Case{}, err
	}
	return s.Case(ctx, id)
}

func loadCase(ctx context.Context, q queryer, id int64) (debt.Case, error) {
	var c debt.Case
	var nature, status, opened, closed, ikind, ifrom string
	err := q.QueryRowContext(ctx, `SELECT id, ref, creditor_id, nature, creditor_ref, status, assigned_to, opened, closed, close_reason,
		basis, interest_kind, interest_rate_bp, interest_from FROM cases WHERE id = ?`, id).Scan(
		&c.ID, &c.Ref, &c.Creditor.ID, &nature, &c.CreditorRef, &status, &c.AssignedTo, &opened, &closed, &c.CloseReason,
		&c.Basis, &ikind, &c.Interest.RateBP, &ifrom)
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFound("Dossier introuvable (n° interne %d).", id)
	}
	if err != nil {
		return c, fmt.Errorf("load case %d: %w", id, err)
	}
	c.Nature, c.Status, c.Interest.Kind = debt.Nature(nature), debt.Status(status), debt.InterestKind(ikind)
	c.Opened, _ = debt.ParseDate(opened)
	c.Closed, _ = debt.ParseDate(closed)
	c.Interest.From, _ = debt.ParseDate(ifrom)
	if c.Creditor, err = loadParty(ctx, q, c.Creditor.ID); err != nil {
		return c, err
	}
	rows, err := q.QueryContext(ctx, "SELECT party_id, jointly FROM case_debtors WHERE case_id = ? ORDER BY position", id)
	if err != nil {
		return c, fmt.Errorf("load debtors: %w", err)
	}
	var ds []debt.CaseDebtor
	for rows.Next() {
		var d debt.CaseDebtor
		if err := rows.Scan(&d.Party.ID, &d.Jointly); err != nil {
			rows.Close()
			return c, err
		}
		ds = append(ds, d)
	}
	rows.Close()
	for i := range ds {
		if ds[i].Party, err = loadParty(ctx, q, ds[i].Party.ID); err != nil {
			return c, err
		}
	}
	c.Debtors = ds
	c.Lines, err = caseLines(ctx, q, id)
	return c, err
}

// ChangeStatus moves a case to another status after debt.CheckTransition,
// closing or reopening it as the status says, and journals the change.
func (s *Store) ChangeStatus(ctx context.Context, caseID int64, to debt.Status, reason, author string, now time.Time) error {
	if errs := debt.CheckText("reason", "Le motif", reason, false, debt.MaxLongText); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	reason = strings.TrimSpace(reason)
	return s.write(ctx, func(tx *sql.Tx) error {
		var from string
		err := tx.QueryRowContext(ctx, "SELECT status FROM cases WHERE id = ?", caseID).Scan(&from)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Dossier introuvable (n° interne %d).", caseID)
		} else if err != nil {
			return err
		}
		t := debt.Transition{From: debt.Status(from), To: to, Reason: reason}
		if err := debt.CheckTransition(t); err != nil {
			return invalid("%s.", upperFirst(err.Error()))
		}
		closed, closeReason := "", ""
		if to.Closed() {
			closed, closeReason = debt.DateOf(now).ISO(), reason
		}
		if _, err := tx.ExecContext(ctx, "UPDATE cases SET status = ?, closed = ?, close_reason = ?, updated_at = ? WHERE id = ?",
			string(to), closed, closeReason, instant(now), caseID); err != nil {
			return fmt.Errorf("change status: %w", err)
		}
		if to == debt.StatusFormalNotice {
			// Legal interest runs from the first formal notice sent.
			if _, err := tx.ExecContext(ctx, "UPDATE cases SET notice_sent = ? WHERE id = ? AND notice_sent = ''", debt.DateOf(now).ISO(), caseID); err != nil {
				return fmt.Errorf("notice date: %w", err)
			}
		}
		text := fmt.Sprintf("Statut : %s → %s", t.From.Label(), to.Label())
		if t.From.Closed() {
			text = fmt.Sprintf("Dossier rouvert (%s → %s)", t.From.Label(), to.Label())
		}
		if reason != "" {
			text += ". Motif : " + reason
		}
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventStatus, Text: text})
		return err
	})
}

// refreshCase recomputes what the case list shows (names, totals) and the
// case's search row, after any change to the case, its parties or lines.
func refreshCase(ctx context.Context, tx *sql.Tx, id int64) error {
	if err := refreshTotals(ctx, tx, id); err != nil {
		return err
	}
	return indexCase(ctx, tx, id)
}

// refreshTotals recomputes the case list's copy of names and totals.
func refreshTotals(ctx context.Context, tx *sql.Tx, id int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE cases SET
		creditor_name = (SELECT name FROM parties WHERE id = cases.creditor_id),
		creditor_sort = (SELECT sort_key FROM parties WHERE id = cases.creditor_id),
		debtor_name = coalesce((SELECT p.name FROM case_debtors d JOIN parties p ON p.id = d.party_id WHERE d.case_id = cases.id ORDER BY d.position LIMIT 1), ''),
		debtor_sort = coalesce((SELECT p.sort_key FROM case_debtors d JOIN parties p ON p.id = d.party_id WHERE d.case_id = cases.id ORDER BY d.position LIMIT 1), ''),
		debtor_count = (SELECT count(*) FROM case_debtors WHERE case_id = cases.id),
		principal_cents = coalesce((SELECT sum(amount_cents) FROM claim_lines WHERE case_id = cases.id AND kind = 'principal' AND removed_at = ''), 0),
		balance_cents = coalesce((SELECT sum(amount_cents) FROM claim_lines WHERE case_id = cases.id AND removed_at = ''), 0)
		WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("refresh case %d: %w", id, err)
	}
	if err := refreshBalance(ctx, tx, id); err != nil {
		return err
	}
	next, err := planNextDue(ctx, tx, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE cases SET next_deadline = ? WHERE id = ?", next.ISO(), id); err != nil {
		return fmt.Errorf("refresh case %d: %w", id, err)
	}
	return nil
}

// refreshBalance sets the list's balance when the case has payments: the
// principal and accessories still owed after them, interest excluded (the
// interest accrued to today is in the statement of account). Payments pay
// interest first, so the statement allocates them.
func refreshBalance(ctx context.Context, tx *sql.Tx, id int64) error {
	var last string
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(received), '') FROM payments WHERE case_id = ? AND +cancels IS NULL", id).Scan(&last); err != nil || last == "" {
		return err
	}
	c, err := loadCase(ctx, tx, id)
	if err != nil {
		return err
	}
	at := mustDate(last)
	st, _, err := statementTx(ctx, tx, c, at)
	if err != nil {
		c.Interest.Kind = debt.InterestNone
		if st, _, err = statementTx(ctx, tx, c, at); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, "UPDATE cases SET balance_cents = ? WHERE id = ?", int64(st.Balance.Principal+st.Balance.Accessory), id)
	return err
}

// planNextDue returns the due date of the running plan's first instalment
// not fully paid (zero when there is none).
func planNextDue(ctx context.Context, tx *sql.Tx, caseID int64) (debt.Date, error) {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM plans WHERE case_id = ? AND closed_on = ''", caseID).Scan(&n); err != nil || n == 0 {
		return debt.Date{}, err
	}
	plans, err := casePlans(ctx, tx, caseID, debt.Date{})
	if err != nil {
		return debt.Date{}, err
	}
	for _, p := range plans {
		if p.Open() {
			if in, ok := p.Next(); ok {
				return in.Due, nil
			}
		}
	}
	return debt.Date{}, nil
}

// indexCase rewrites the case's full-text row from the database.
func indexCase(ctx context.Context, tx *sql.Tx, id int64) error {
	var ref, credRef string
	var creditor int64
	if err := tx.QueryRowContext(ctx, "SELECT ref, creditor_ref, creditor_id FROM cases WHERE id = ?", id).Scan(&ref, &credRef, &creditor); err != nil {
		return fmt.Errorf("index case %d: %w", id, err)
	}
	ids := []int64{creditor}
	rows, err := tx.QueryContext(ctx, "SELECT party_id FROM case_debtors WHERE case_id = ? ORDER BY position", id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p int64
		rows.Scan(&p)
		ids = append(ids, p)
	}
	rows.Close()
	parties := make([]debt.Party, len(ids))
	for i, pid := range ids {
		if parties[i], err = loadParty(ctx, tx, pid); err != nil {
			return err
		}
	}
	return writeCaseIndex(ctx, tx, id, ref+" "+credRef, parties)
}

// writeCaseIndex writes the case's full-text row: its references, and the
// names, addresses, e-mails and phones of its creditor and debtors.
func writeCaseIndex(ctx context.Context, tx *sql.Tx, id int64, refs string, parties []debt.Party) error {
	text := make([]string, len(parties))
	for i, p := range parties {
		text[i] = partySearchText(p)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM case_fts WHERE rowid = ?", id); err != nil {
		return fmt.Errorf("index case %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO case_fts (rowid, refs, parties) VALUES (?, ?, ?)", id, refs, strings.Join(text, " \n ")); err != nil {
		return fmt.Errorf("index case %d: %w", id, err)
	}
	// The case's search document is rewritten with these words when folded.
	pending, err := insertID(ctx, tx, "INSERT INTO case_words_pending (case_id) VALUES (?)", id)
	if err != nil {
		return fmt.Errorf("index case %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO pending_words (rowid, text) VALUES (?, ?)", pending, refs+" \n "+strings.Join(text, " \n ")); err != nil {
		return fmt.Errorf("index case %d: %w", id, err)
	}
	return nil
}

// partySearchText is what a party contributes to the search index. Phones
// are also indexed without their separators so that "0612345678" finds
// "06 12 34 56 78".
func partySearchText(p debt.Party) string {
	parts := []string{p.Name(), p.FirstName, p.LastName, p.CompanyName, p.SIREN}
	for _, a := range p.Addresses {
		parts = append(parts, a.OneLine())
	}
	parts = append(parts, p.Emails...)
	for _, ph := range p.Phones {
		parts = append(parts, ph, strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == '+' {
				return r
			}
			return -1
		}, ph))
	}
	return strings.Join(parts, " ")
}
