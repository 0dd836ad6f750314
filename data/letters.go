package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"amiable/debt"
)

// LetterFacts is what composing a letter needs from the database, as
// plain domain values (the letters package never reads the database).
type LetterFacts struct {
	Office    debt.Office
	Rules     debt.Rules
	Case      debt.Case
	Recipient debt.Party
	Figures   CaseFigures
	// First is the first letter sent to this recipient on this case (zero
	// when none yet: the next one carries the personal-data notice).
	FirstRef  string
	FirstDate debt.Date
	// Plan is the running plan's instalments (nil when none).
	Plan []debt.Instalment
	// LastPayment is the case's latest payment not cancelled, if any.
	LastPayment *Payment
	// NextRef is the reference the next letter of the case will have:
	// "2026-00042-03".
	NextRef string
}

// LetterFacts gathers the facts of a letter from the case to recipientID
// (a debtor of the case, or its creditor) dated at.
func (s *Store) LetterFacts(ctx context.Context, caseID, recipientID int64, at debt.Date) (LetterFacts, error) {
	f := LetterFacts{}
	var err error
	if f.Figures, err = s.Figures(ctx, caseID, at); err != nil {
		return f, err
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		if f.Case, err = loadCase(ctx, tx, caseID); err != nil {
			return err
		}
		ok := f.Case.Creditor.ID == recipientID
		if ok {
			f.Recipient = f.Case.Creditor
		}
		for _, d := range f.Case.Debtors {
			if d.Party.ID == recipientID {
				f.Recipient, ok = d.Party, true
			}
		}
		if !ok {
			return invalid("Le destinataire n'est ni le créancier ni un débiteur du dossier %s.", f.Case.Ref)
		}
		if _, err := getSetting(ctx, tx, "office", &f.Office); err != nil {
			return err
		}
		f.Rules = debt.DefaultRules()
		if _, err := getSetting(ctx, tx, "rules", &f.Rules); err != nil {
			return err
		}
		var first sql.NullString
		var firstDate sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT ref, letter_date FROM letters WHERE case_id = ? AND recipient_id = ? ORDER BY letter_date, id LIMIT 1`,
			caseID, recipientID).Scan(&first, &firstDate); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		f.FirstRef, f.FirstDate = first.String, mustDate(firstDate.String)
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM letters WHERE case_id = ?", caseID).Scan(&n); err != nil {
			return err
		}
		f.NextRef = fmt.Sprintf("%s-%02d", f.Case.Ref, n+1)
		plans, err := casePlans(ctx, tx, caseID, at)
		if err != nil {
			return err
		}
		for _, p := range plans {
			if p.Open() {
				for _, in := range p.Instalments {
					f.Plan = append(f.Plan, in.Instalment)
				}
			}
		}
		pays, err := casePayments(ctx, tx, caseID, true)
		if err != nil {
			return err
		}
		for i := len(pays) - 1; i >= 0; i-- {
			if !pays[i].Cancelled {
				f.LastPayment = &pays[i]
				break
			}
		}
		return nil
	})
	return f, err
}

// NewLetter is an issued letter as the store records it.
type NewLetter struct {
	CaseID      int64
	Kind        string // letters.Kind code
	KindLabel   string // "Mise en demeure"
	RecipientID int64
	Ref         string
	Date        debt.Date
	Deadline    debt.Date
	PDF         []byte
	JSON        []byte // the composed letter
	Recipient   string // name, postcode, town for lists
	Postcode    string
	Town        string
	Post        debt.Registered
	// StatusAfter moves the case when the workflow allows it (a formal
	// notice → mise en demeure envoyée); "" leaves it.
	StatusAfter debt.Status
	// FormalNotice: the letter is a formal notice; legal interest runs
	// from its date when the case had none.
	FormalNotice bool
	// ToCreditor: a letter to the creditor, which reports the partial
	// payments queued for it (R124-5).
	ToCreditor bool
}

// LetterRow is an issued letter with where it stands at the post.
type LetterRow struct {
	ID          int64           `json:"id"`
	CaseID      int64           `json:"-"`
	CaseRef     string          `json:"case"`
	Kind        string          `json:"kind"`
	RecipientID int64           `json:"-"`
	Recipient   string          `json:"recipient"`
	Postcode    string          `json:"postcode"`
	Town        string          `json:"town"`
	Ref         string          `json:"ref"`
	Date        debt.Date       `json:"date"`
	Deadline    debt.Date       `json:"deadline,omitzero"`
	DocID       int64           `json:"document"`
	SHA256      string          `json:"sha256"`
	Path        string          `json:"path"`
	Post        debt.Registered `json:"post"`
	Printed     time.Time       `json:"printed,omitzero"`
	Deposit     debt.Date       `json:"deposit,omitzero"`
	AR          debt.ARResult   `json:"ar"`
	ARDocID     int64           `json:"ar_document,omitempty"`
	JSON        []byte          `json:"-"`
}

// Stage says where a letter is in the office's mail room.
func (l LetterRow) Stage() LetterStage {
	switch {
	case l.Printed.IsZero():
		return StageToPrint
	case l.Deposit.IsZero():
		return StageToPost
	case l.Post.AR && l.AR.Outcome == "":
		return StageAwaitingAR
	}
	return StageDone
}

// LetterStage is a letter's place in the Courriers screen.
type LetterStage string

const (
	StageToPrint    LetterStage = "a_imprimer"
	StageToPost     LetterStage = "a_poster"
	StageAwaitingAR LetterStage = "attente_ar"
	StageDone       LetterStage = "termine"
)

// Label returns the French label of the stage.
func (s LetterStage) Label() string {
	switch s {
	case StageToPrint:
		return "À imprimer"
	case StageToPost:
		return "À poster"
	case StageAwaitingAR:
		return "En attente d'AR"
	case StageDone:
		return "Terminé"
	}
	return string(s)
}

// IssueLetter keeps an issued letter: its exact PDF in the document store
// (SHA-256), the letter's record, a journal entry, the deadline it set, and
// the case's status when the kind implies one. The letter is never edited
// afterwards.
func (s *Store) IssueLetter(ctx context.Context, nl NewLetter, author string, now time.Time) (LetterRow, error) {
	if len(nl.PDF) == 0 || !bytes.HasPrefix(nl.PDF, []byte("%PDF-")) {
		return LetterRow{}, invalid("Le courrier à émettre n'est pas un PDF.")
	}
	if errs := nl.Post.Validate(); len(errs) > 0 {
		return LetterRow{}, debt.ValidationError(errs)
	}
	sum, size, err := s.PutBlob(bytes.NewReader(nl.PDF))
	if err != nil {
		return LetterRow{}, err
	}
	var id int64
	err = s.write(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, nl.CaseID)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("%s %s.pdf", nl.Ref, nl.KindLabel)
		docID, err := insertDocument(ctx, tx, debt.Document{CaseID: nl.CaseID, Kind: debt.DocLetter, SHA256: sum, Size: size,
			MediaType: "application/pdf", OriginalName: name, Added: now.UTC()}, author)
		if err != nil {
			return err
		}
		newID, err := insertID(ctx, tx, `INSERT INTO letters (case_id, kind, recipient_id, ref, letter_date, deadline, doc_id, letter_json,
			recipient_name, postcode, town, level, ar, tracking, created_at, author) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			nl.CaseID, nl.Kind, nl.RecipientID, nl.Ref, nl.Date.ISO(), nl.Deadline.ISO(), docID, string(nl.JSON),
			nl.Recipient, nl.Postcode, nl.Town, string(nl.Post.Level), nl.Post.AR, nl.Post.Tracking, instant(now), author)
		if err != nil {
			if isConstraint(err) {
				if nl.Post.Tracking != "" {
					return conflict("Le numéro de suivi %s est déjà celui d'un autre courrier.", debt.FormatTracking(nl.Post.Tracking))
				}
				return conflict("La référence de courrier %s existe déjà.", nl.Ref)
			}
			return fmt.Errorf("insert letter: %w", err)
		}
		id = newID
		text := fmt.Sprintf("Courrier émis : %s (réf. %s) à %s, %s", nl.KindLabel, nl.Ref, nl.Recipient, strings.ToLower(nl.Post.Label()[:1])+nl.Post.Label()[1:])
		if nl.Post.Tracking != "" {
			text += " n° " + debt.FormatTracking(nl.Post.Tracking)
		}
		if !nl.Deadline.IsZero() {
			text += ", délai au " + nl.Deadline.String()
		}
		text += fmt.Sprintf(". PDF conservé (SHA-256 %s…)", sum[:12])
		if _, err := insertEvent(ctx, tx, debt.Event{CaseID: nl.CaseID, At: now, Author: author, Kind: debt.EventLetter, Text: text, DocIDs: []int64{docID}}); err != nil {
			return err
		}
		if nl.FormalNotice {
			if _, err := tx.ExecContext(ctx, "UPDATE cases SET notice_sent = ? WHERE id = ? AND notice_sent = ''", nl.Date.ISO(), nl.CaseID); err != nil {
				return err
			}
		}
		if nl.Kind == "accord-echeancier" {
			// The running plan's agreement to sign: the plan links to it.
			if _, err := tx.ExecContext(ctx, "UPDATE plans SET letter_doc_id = ? WHERE case_id = ? AND closed_on = '' AND letter_doc_id IS NULL", docID, nl.CaseID); err != nil {
				return err
			}
		}
		if nl.ToCreditor {
			if _, err := tx.ExecContext(ctx, "UPDATE creditor_notices SET letter_doc_id = ? WHERE case_id = ? AND letter_doc_id IS NULL", docID, nl.CaseID); err != nil {
				return err
			}
		}
		if nl.StatusAfter != "" && nl.StatusAfter != c.Status && debt.CheckTransition(debt.Transition{From: c.Status, To: nl.StatusAfter}) == nil {
			if _, err := tx.ExecContext(ctx, "UPDATE cases SET status = ? WHERE id = ?", string(nl.StatusAfter), nl.CaseID); err != nil {
				return err
			}
			if _, err := insertEvent(ctx, tx, debt.Event{CaseID: nl.CaseID, At: now, Author: author, Kind: debt.EventStatus,
				Text: fmt.Sprintf("Statut : %s → %s (%s)", c.Status.Label(), nl.StatusAfter.Label(), nl.KindLabel)}); err != nil {
				return err
			}
		}
		return refreshCase(ctx, tx, nl.CaseID)
	})
	if err != nil {
		return LetterRow{}, err
	}
	return s.Letter(ctx, id)
}

const letterColumns = `l.id, l.case_id, c.ref, l.kind, l.recipient_id, l.recipient_name, l.postcode, l.town, l.ref, l.letter_date, l.deadline,
	l.doc_id, d.sha256, l.level, l.ar, l.tracking, l.printed_at, l.deposit_date, l.ar_outcome, l.ar_presented, l.ar_delivered,
	l.ar_signed_by, l.ar_received, coalesce(l.ar_doc_id, 0), l.letter_json`

func (s *Store) scanLetters(rows *sql.Rows) ([]LetterRow, error) {
	defer rows.Close()
	out := []LetterRow{}
	for rows.Next() {
		var l LetterRow
		var date, deadline, level, printed, deposit, outcome, presented, delivered, signed, received, js string
		if err := rows.Scan(&l.ID, &l.CaseID, &l.CaseRef, &l.Kind, &l.RecipientID, &l.Recipient, &l.Postcode, &l.Town, &l.Ref, &date, &deadline,
			&l.DocID, &l.SHA256, &level, &l.Post.AR, &l.Post.Tracking, &printed, &deposit, &outcome, &presented, &delivered,
			&signed, &received, &l.ARDocID, &js); err != nil {
			return nil, err
		}
		l.Date, l.Deadline, l.Deposit = mustDate(date), mustDate(deadline), mustDate(deposit)
		l.Post.Level = debt.RegisteredLevel(level)
		if printed != "" {
			l.Printed = parseInstant(printed)
		}
		l.AR = debt.ARResult{Outcome: debt.AROutcome(outcome), Presented: mustDate(presented), Delivered: mustDate(delivered),
			SignedBy: debt.ARSigner(signed), Received: mustDate(received)}
		l.Path, l.JSON = s.BlobPath(l.SHA256), []byte(js)
		out = append(out, l)
	}
	return out, rows.Err()
}

// Letter returns one issued letter.
func (s *Store) Letter(ctx context.Context, id int64) (LetterRow, error) {
	rows, err := s.ro.QueryContext(ctx, "SELECT "+letterColumns+" FROM letters l JOIN cases c ON c.id = l.case_id JOIN documents d ON d.id = l.doc_id WHERE l.id = ?", id)
	if err != nil {
		return LetterRow{}, err
	}
	ls, err := s.scanLetters(rows)
	if err != nil {
		return LetterRow{}, err
	}
	if len(ls) == 0 {
		return LetterRow{}, notFound("Courrier introuvable (n° interne %d).", id)
	}
	return ls[0], nil
}

// LetterByTracking returns the letter with that tracking number.
func (s *Store) LetterByTracking(ctx context.Context, tracking string) (LetterRow, error) {
	n, _, err := debt.ParseTracking(tracking)
	if err != nil {
		return LetterRow{}, invalid("%s.", upperFirst(err.Error()))
	}
	var id int64
	if err := s.ro.QueryRowContext(ctx, "SELECT id FROM letters WHERE tracking = ?", n).Scan(&id); errors.Is(err, sql.ErrNoRows) {
		return LetterRow{}, notFound("Aucun courrier ne porte le numéro de suivi %s.", debt.FormatTracking(n))
	} else if err != nil {
		return LetterRow{}, err
	}
	return s.Letter(ctx, id)
}

// LetterQuery selects letters for the Courriers screen.
type LetterQuery struct {
	CaseID  int64       // 0: every case
	Stage   LetterStage // "": every stage
	Deposit debt.Date   // letters posted that day (the day's deposit list)
	Limit   int
}

// Letters returns the letters matching q, newest first (oldest first for a
// deposit day, in posting order).
func (s *Store) Letters(ctx context.Context, q LetterQuery) ([]LetterRow, error) {
	var conds []string
	var args []any
	if q.CaseID != 0 {
		conds, args = append(conds, "l.case_id = ?"), append(args, q.CaseID)
	}
	switch q.Stage {
	case StageToPrint:
		conds = append(conds, "l.printed_at = ''")
	case StageToPost:
		conds = append(conds, "l.printed_at != '' AND l.deposit_date = ''")
	case StageAwaitingAR:
		conds = append(conds, "l.deposit_date != '' AND l.ar = 1 AND l.ar_outcome = ''")
	case StageDone:
		conds = append(conds, "l.deposit_date != '' AND (l.ar = 0 OR l.ar_outcome != '')")
	}
	order := " ORDER BY l.letter_date DESC, l.id DESC"
	if !q.Deposit.IsZero() {
		conds, args = append(conds, "l.deposit_date = ?"), append(args, q.Deposit.ISO())
		order = " ORDER BY l.id"
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := s.ro.QueryContext(ctx, "SELECT "+letterColumns+" FROM letters l JOIN cases c ON c.id = l.case_id JOIN documents d ON d.id = l.doc_id"+
		where+order+limitClause(q.Limit, 0), args...)
	if err != nil {
		return nil, fmt.Errorf("letters: %w", err)
	}
	return s.scanLetters(rows)
}

// LetterCounts counts the letters per stage (the Courriers screen's tabs).
func (s *Store) LetterCounts(ctx context.Context) (map[LetterStage]int, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT CASE WHEN printed_at = '' THEN 'a_imprimer' WHEN deposit_date = '' THEN 'a_poster'
		WHEN ar = 1 AND ar_outcome = '' THEN 'attente_ar' ELSE 'termine' END, count(*) FROM letters GROUP BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[LetterStage]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[LetterStage(st)] = n
	}
	return out, rows.Err()
}

// updateLetter runs fn on a letter inside a transaction and journals text.
func (s *Store) updateLetter(ctx context.Context, id int64, author string, now time.Time, fn func(tx *sql.Tx, l LetterRow) (string, error)) error {
	l, err := s.Letter(ctx, id)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		text, err := fn(tx, l)
		if err != nil || text == "" {
			return err
		}
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: l.CaseID, At: now, Author: author, Kind: debt.EventLetter, Text: text})
		return err
	})
}

// MarkPrinted records that letters were printed (they move to "à poster").
func (s *Store) MarkPrinted(ctx context.Context, ids []int64, author string, now time.Time) error {
	for _, id := range ids {
		err := s.updateLetter(ctx, id, author, now, func(tx *sql.Tx, l LetterRow) (string, error) {
			if !l.Printed.IsZero() {
				return "", nil
			}
			_, err := tx.ExecContext(ctx, "UPDATE letters SET printed_at = ? WHERE id = ?", instant(now), id)
			return "", err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// SetPost sends by registered post a letter issued without tracking number
// (a letter to the creditor the office decides to register): level, AR
// option and tracking number, typed or read by a barcode scanner, before it
// is posted. A number already used by another letter is refused; a letter
// whose number is printed keeps it.
func (s *Store) SetPost(ctx context.Context, id int64, post debt.Registered, author string, now time.Time) error {
	if post.Tracking != "" {
		n, _, err := debt.ParseTracking(post.Tracking)
		if err != nil {
			return invalid("%s.", upperFirst(err.Error()))
		}
		post.Tracking = n
	}
	if errs := post.Validate(); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	return s.updateLetter(ctx, id, author, now, func(tx *sql.Tx, l LetterRow) (string, error) {
		if !l.Deposit.IsZero() {
			return "", invalid("Le courrier %s est déjà posté : son envoi ne se modifie plus.", l.Ref)
		}
		if l.Post.Tracking != "" {
			return "", invalid("Le courrier %s porte déjà le numéro %s imprimé : pour un autre envoi, émettez un nouveau courrier.", l.Ref, debt.FormatTracking(l.Post.Tracking))
		}
		if _, err := tx.ExecContext(ctx, "UPDATE letters SET level = ?, ar = ?, tracking = ? WHERE id = ?", string(post.Level), post.AR, post.Tracking, id); err != nil {
			if isConstraint(err) {
				return "", conflict("Le numéro de suivi %s est déjà celui d'un autre courrier.", debt.FormatTracking(post.Tracking))
			}
			return "", err
		}
		text := fmt.Sprintf("Courrier %s : %s", l.Ref, post.Label())
		if post.Tracking != "" {
			text += " n° " + debt.FormatTracking(post.Tracking)
		}
		return text, nil
	})
}

// MarkPosted records the deposit at the post office of the given letters
// on day (the "tournée du jour"), in one transaction: every letter or, on
// error, none. A registered letter needs its tracking number first;
// letters already posted are left as they are.
func (s *Store) MarkPosted(ctx context.Context, ids []int64, day debt.Date, author string, now time.Time) error {
	if day.IsZero() || day.After(debt.DateOf(now)) {
		return invalid("La date de dépôt doit être connue et passée.")
	}
	ls := make([]LetterRow, 0, len(ids))
	for _, id := range ids {
		l, err := s.Letter(ctx, id)
		if err != nil {
			return err
		}
		if !l.Deposit.IsZero() {
			continue
		}
		if l.Post.IsRegistered() && l.Post.Tracking == "" {
			return invalid("Le courrier recommandé %s n'a pas de numéro de suivi : saisissez-le avant le dépôt.", l.Ref)
		}
		if day.Before(l.Date) {
			return invalid("Le courrier %s est daté du %s : il ne peut pas être déposé avant.", l.Ref, l.Date)
		}
		ls = append(ls, l)
	}
	if len(ls) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, l := range ls {
			res, err := tx.ExecContext(ctx, "UPDATE letters SET deposit_date = ?, printed_at = CASE WHEN printed_at = '' THEN ? ELSE printed_at END WHERE id = ? AND deposit_date = ''",
				day.ISO(), instant(now), l.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // posted meanwhile by another desk
			}
			if _, err := insertEvent(ctx, tx, debt.Event{CaseID: l.CaseID, At: now, Author: author, Kind: debt.EventLetter,
				Text: fmt.Sprintf("Courrier %s déposé à La Poste le %s", l.Ref, day)}); err != nil {
				return err
			}
		}
		return nil
	})
}

// RecordAR records what came back of a registered letter (the AR card or
// the returned envelope), with its scan when given. For a formal notice the
// first presentation date is kept: legal interest may run from it (office
// setting).
func (s *Store) RecordAR(ctx context.Context, id int64, r debt.ARResult, scanName string, scan io.Reader, author string, now time.Time) error {
	l, err := s.Letter(ctx, id)
	if err != nil {
		return err
	}
	if !l.Post.IsRegistered() {
		return invalid("Le courrier %s n'est pas recommandé : il n'a pas d'AR.", l.Ref)
	}
	if l.Deposit.IsZero() {
		return invalid("Le courrier %s n'est pas encore déposé à La Poste.", l.Ref)
	}
	if l.AR.Outcome != "" {
		return invalid("L'AR du courrier %s est déjà enregistré (%s).", l.Ref, l.AR.Outcome.Label())
	}
	if r.Received.IsZero() {
		r.Received = debt.DateOf(now)
	}
	if errs := r.Validate(l.Deposit, debt.DateOf(now)); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	var scanID int64
	if scan != nil {
		d, err := s.AddDocument(ctx, l.CaseID, debt.DocARScan, scanName, scan, author, now)
		if err != nil {
			return err
		}
		scanID = d.ID
	}
	return s.updateLetter(ctx, id, author, now, func(tx *sql.Tx, l LetterRow) (string, error) {
		var scanArg any
		if scanID != 0 {
			scanArg = scanID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE letters SET ar_outcome = ?, ar_presented = ?, ar_delivered = ?, ar_signed_by = ?, ar_received = ?, ar_doc_id = ?
			WHERE id = ?`, string(r.Outcome), r.Presented.ISO(), r.Delivered.ISO(), string(r.SignedBy), r.Received.ISO(), scanArg, id); err != nil {
			return "", err
		}
		presented := r.Presented
		if presented.IsZero() && r.Outcome == debt.ARDelivered {
			presented = r.Delivered
		}
		if l.Kind == "mise-en-demeure" && !presented.IsZero() {
			if _, err := tx.ExecContext(ctx, "UPDATE cases SET notice_presented = ? WHERE id = ? AND notice_presented = ''", presented.ISO(), l.CaseID); err != nil {
				return "", err
			}
		}
		text := fmt.Sprintf("AR du courrier %s (n° %s) : %s", l.Ref, debt.FormatTracking(l.Post.Tracking), r.Text())
		if r.Outcome.NeedsNewAddress() {
			text += ". Adresse à vérifier : cherchez la nouvelle adresse du débiteur"
		}
		return text, nil
	})
}
