package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"amiable/debt"
)

// Interruption is an act recorded on a case that interrupts or suspends
// its limitation (see debt.InterruptionKinds), with its document.
type Interruption struct {
	ID      int64                    `json:"id"`
	CaseID  int64                    `json:"-"`
	Kind    debt.LimitationEventKind `json:"kind"`
	Date    debt.Date                `json:"date"`
	End     debt.Date                `json:"end,omitzero"` // a suspension's end; zero while it runs
	DocID   int64                    `json:"document,omitempty"`
	Note    string                   `json:"note,omitempty"`
	Author  string                   `json:"author"`
	Created time.Time                `json:"created"`
}

// InterruptionInput is an act as the office records it. Doc, when given,
// is the act's document (its file name and content), kept by SHA-256.
type InterruptionInput struct {
	Kind    debt.LimitationEventKind
	Date    debt.Date
	End     debt.Date // a suspension already over
	Note    string
	DocName string
	Doc     []byte
}

// InterruptionResult is what a recorded act did to the limitation.
type InterruptionResult struct {
	Interruption Interruption    `json:"interruption"`
	Before       debt.Limitation `json:"before"`
	After        debt.Limitation `json:"after"`
}

// RecordInterruption records an act that interrupts or suspends a case's
// limitation (Code civil 2238, 2240, 2241, 2244; CPCE L125-1, L111-4),
// with its document, recomputes the limitation date and journals both, in
// one transaction. Bad input changes nothing.
func (s *Store) RecordInterruption(ctx context.Context, caseID int64, in InterruptionInput, author string, now time.Time) (InterruptionResult, error) {
	var res InterruptionResult
	today := debt.DateOf(now)
	var errs []debt.FieldError
	if !validInterruption(in.Kind) {
		errs = append(errs, debt.FieldError{Field: "kind", Message: "Choisissez l'acte : reconnaissance de dette, demande en justice, mesure d'exécution, conciliation ou médiation, procédure des petites créances, titre exécutoire"})
	}
	switch {
	case in.Date.IsZero():
		errs = append(errs, debt.FieldError{Field: "date", Message: "La date de l'acte est obligatoire"})
	case in.Date.After(today):
		errs = append(errs, debt.FieldError{Field: "date", Message: "La date de l'acte est dans le futur"})
	}
	if !in.End.IsZero() {
		switch {
		case !in.Kind.Suspends():
			errs = append(errs, debt.FieldError{Field: "end", Message: "Seules une conciliation, une médiation ou la procédure des petites créances ont une date de fin"})
		case in.End.Before(in.Date):
			errs = append(errs, debt.FieldError{Field: "end", Message: "La fin précède le début de l'acte"})
		case in.End.After(today):
			errs = append(errs, debt.FieldError{Field: "end", Message: "La date de fin est dans le futur"})
		}
	}
	errs = append(errs, debt.CheckText("note", "La note", in.Note, false, debt.MaxLongText)...)
	if in.Doc != nil && len(in.Doc) == 0 {
		errs = append(errs, debt.FieldError{Field: "doc", Message: fmt.Sprintf("Le fichier « %s » est vide", in.DocName)})
	}
	if len(errs) > 0 {
		return res, debt.ValidationError(errs)
	}
	// The file goes to the document store first (content-addressed: a
	// file whose rows are then refused is harmless); its row is written
	// with the act's.
	var doc debt.Document
	if len(in.Doc) > 0 {
		name := strings.TrimSpace(filepath.Base(strings.ReplaceAll(in.DocName, "\\", "/")))
		if name == "" || name == "." {
			name = "acte-" + string(in.Kind)
		}
		sum, size, err := s.PutBlob(bytes.NewReader(in.Doc))
		if err != nil {
			return res, err
		}
		head := in.Doc[:min(len(in.Doc), 512)]
		doc = debt.Document{CaseID: caseID, Kind: debt.DocAgreement, SHA256: sum, Size: size, MediaType: mediaType(name, head),
			OriginalName: name, Added: now.UTC()}
		if in.Kind == debt.LimitationCourtDemand || in.Kind == debt.LimitationEnforcement || in.Kind == debt.LimitationTitleObtained {
			doc.Kind = debt.DocOther
		}
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if in.Date.Before(c.Opened.AddYears(-30)) {
			return invalid("La date de l'acte (%s) est invraisemblable.", in.Date)
		}
		if res.Before, err = caseLimitationTx(ctx, tx, c, today); err != nil {
			return err
		}
		it := Interruption{CaseID: caseID, Kind: in.Kind, Date: in.Date, End: in.End, Note: strings.TrimSpace(in.Note), Author: author, Created: now.UTC()}
		var docID sql.NullInt64
		if doc.SHA256 != "" {
			if it.DocID, err = insertDocument(ctx, tx, doc, author); err != nil {
				return err
			}
			docID = sql.NullInt64{Int64: it.DocID, Valid: true}
		}
		it.ID, err = insertID(ctx, tx, `INSERT INTO interruptions (case_id, kind, on_date, end_date, doc_id, note, created_at, author)
			VALUES (?,?,?,?,?,?,?,?)`, caseID, string(it.Kind), it.Date.ISO(), it.End.ISO(), docID, it.Note, instant(now), author)
		if err != nil {
			return fmt.Errorf("insert interruption: %w", err)
		}
		res.Interruption = it
		if res.After, err = caseLimitationTx(ctx, tx, c, today); err != nil {
			return err
		}
		ev := debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventClaimChanged,
			Text: describeInterruption(it, doc.OriginalName) + " " + describeEffect(res.Before, res.After, it.Kind)}
		if it.DocID != 0 {
			ev.DocIDs = []int64{it.DocID}
		}
		_, err = insertEvent(ctx, tx, ev)
		return err
	})
	return res, err
}

// EndSuspension records the end of a running conciliation, mediation or
// small-claims procedure (Code civil 2238 al. 2: the period runs again,
// for six months at least), and journals the new limitation date.
func (s *Store) EndSuspension(ctx context.Context, caseID, id int64, end debt.Date, author string, now time.Time) (InterruptionResult, error) {
	var res InterruptionResult
	today := debt.DateOf(now)
	if end.IsZero() || end.After(today) {
		return res, invalid("Indiquez la date de fin (au plus tard aujourd'hui).")
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		its, err := caseInterruptions(ctx, tx, caseID)
		if err != nil {
			return err
		}
		var it *Interruption
		for i := range its {
			if its[i].ID == id {
				it = &its[i]
			}
		}
		switch {
		case it == nil:
			return notFound("Acte n° %d introuvable dans le dossier %s.", id, c.Ref)
		case !it.Kind.Suspends():
			return invalid("%s du %s n'a pas de fin : ce n'est pas une suspension.", it.Kind.Label(), it.Date)
		case !it.End.IsZero():
			return invalid("%s du %s a déjà pris fin le %s.", it.Kind.Label(), it.Date, it.End)
		case end.Before(it.Date):
			return invalid("La fin (%s) précède le début (%s).", end, it.Date)
		}
		if res.Before, err = caseLimitationTx(ctx, tx, c, today); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE interruptions SET end_date = ? WHERE id = ?", end.ISO(), id); err != nil {
			return fmt.Errorf("end suspension: %w", err)
		}
		it.End = end
		res.Interruption = *it
		if res.After, err = caseLimitationTx(ctx, tx, c, today); err != nil {
			return err
		}
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventClaimChanged,
			Text: fmt.Sprintf("Fin de la suspension : %s du %s terminée le %s. %s", strings.ToLower(it.Kind.Label()), it.Date, end,
				describeEffect(res.Before, res.After, it.Kind))})
		return err
	})
	return res, err
}

// Interruptions returns the acts recorded on a case, oldest first.
func (s *Store) Interruptions(ctx context.Context, caseID int64) ([]Interruption, error) {
	var out []Interruption
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := caseExists(ctx, tx, caseID); err != nil {
			return err
		}
		var err error
		out, err = caseInterruptions(ctx, tx, caseID)
		return err
	})
	return out, err
}

func caseInterruptions(ctx context.Context, q queryer, caseID int64) ([]Interruption, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, kind, on_date, end_date, coalesce(doc_id, 0), note, created_at, author
		FROM interruptions WHERE case_id = ? ORDER BY on_date, id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("interruptions: %w", err)
	}
	defer rows.Close()
	out := []Interruption{}
	for rows.Next() {
		it := Interruption{CaseID: caseID}
		var kind, on, end, created string
		if err := rows.Scan(&it.ID, &kind, &on, &end, &it.DocID, &it.Note, &created, &it.Author); err != nil {
			return nil, err
		}
		it.Kind, it.Date, it.End, it.Created = debt.LimitationEventKind(kind), mustDate(on), mustDate(end), parseInstant(created)
		out = append(out, it)
	}
	return out, rows.Err()
}

func validInterruption(k debt.LimitationEventKind) bool {
	for _, v := range debt.InterruptionKinds {
		if v == k {
			return true
		}
	}
	return false
}

// caseLimitationTx computes case c's limitation on the day at from every
// act on record (limitationEvents).
func caseLimitationTx(ctx context.Context, tx *sql.Tx, c debt.Case, at debt.Date) (debt.Limitation, error) {
	pays, err := casePayments(ctx, tx, c.ID, false)
	if err != nil {
		return debt.Limitation{}, err
	}
	events, err := limitationEvents(ctx, tx, c.ID, pays)
	if err != nil {
		return debt.Limitation{}, err
	}
	lim, err := debt.CaseLimitationAt(c, events, at)
	if errors.Is(err, debt.ErrLimitation) {
		return debt.Limitation{}, nil // no start date yet: nothing to recompute
	}
	return lim, err
}

func describeInterruption(it Interruption, docName string) string {
	s := fmt.Sprintf("Acte enregistré : %s du %s (%s)", strings.ToLower(it.Kind.Label()), it.Date, it.Kind.Article())
	if !it.End.IsZero() {
		s += ", terminée le " + it.End.String()
	} else if it.Kind.Suspends() {
		s += ", en cours"
	}
	if docName != "" {
		s += ", pièce « " + docName + " »"
	}
	if it.Note != "" {
		s += ". " + it.Note
	}
	return s + "."
}

func describeEffect(before, after debt.Limitation, k debt.LimitationEventKind) string {
	switch {
	case after.Expires.IsZero() && after.Suspended:
		return "Prescription suspendue."
	case after.Expires.IsZero():
		return "Prescription non calculée (point de départ manquant)."
	case before.Expires.Equal(after.Expires):
		for _, ig := range after.Ignored {
			if ig.Event.Kind == k {
				return fmt.Sprintf("Date de prescription inchangée (%s) : %s.", after.Expires, ig.Reason)
			}
		}
		return fmt.Sprintf("Date de prescription inchangée : %s.", after.Expires)
	case before.Expires.IsZero():
		return fmt.Sprintf("Prescription le %s.", after.Expires)
	}
	return fmt.Sprintf("Date de prescription : %s → %s.", before.Expires, after.Expires)
}
