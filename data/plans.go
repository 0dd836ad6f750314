package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"amiable/debt"
)

// Plan is a payment plan (échéancier) with the state of its instalments.
type Plan struct {
	ID          int64                   `json:"id"`
	CaseID      int64                   `json:"-"`
	BaseDate    debt.Date               `json:"base_date"`
	Total       debt.Cents              `json:"total_cents"`
	Frequency   debt.Frequency          `json:"frequency"`
	GraceDays   int                     `json:"grace_days"`
	Signed      debt.Date               `json:"signed_on,omitzero"`
	LetterDocID int64                   `json:"letter_document,omitempty"` // the agreement letter, once issued
	Replaces    int64                   `json:"replaces,omitempty"`
	Closed      debt.Date               `json:"closed_on,omitzero"`
	CloseReason string                  `json:"close_reason,omitempty"`
	Created     time.Time               `json:"created"`
	Author      string                  `json:"author"`
	Paid        debt.Cents              `json:"paid_cents"` // received since the plan started
	Instalments []debt.InstalmentStatus `json:"instalments"`
}

// Open reports whether the plan is the running one.
func (p Plan) Open() bool { return p.Closed.IsZero() }

// Late returns the amount of instalments late or missed.
func (p Plan) Late() debt.Cents {
	var s debt.Cents
	for _, in := range p.Instalments {
		if in.State == debt.InstLate || in.State == debt.InstMissed {
			s += in.Left
		}
	}
	return s
}

// Next returns the first instalment not fully paid.
func (p Plan) Next() (debt.InstalmentStatus, bool) {
	for _, in := range p.Instalments {
		if in.Left > 0 {
			return in, true
		}
	}
	return debt.InstalmentStatus{}, false
}

// PreviewPlan builds a plan's instalments from the case's balance at today
// without saving anything: the table shown before saving.
func (s *Store) PreviewPlan(ctx context.Context, caseID int64, spec debt.PlanSpec, now time.Time) ([]debt.Instalment, []string, debt.Cents, error) {
	f, err := s.Figures(ctx, caseID, debt.DateOf(now))
	if err != nil {
		return nil, nil, 0, err
	}
	if f.StatementErr != "" {
		return nil, nil, 0, invalid("%s", f.StatementErr)
	}
	spec.Total = f.Statement.Due()
	inst, warn, err := debt.BuildPlan(spec)
	if err != nil {
		return nil, nil, spec.Total, invalid("%s.", upperFirst(err.Error()))
	}
	if err := CheckFirstInstalment(firstDue(inst), debt.DateOf(now)); err != nil {
		return nil, nil, spec.Total, err
	}
	return inst, warn, spec.Total, nil
}

// CreatePlan saves a payment plan for the case's balance at today. A
// running plan is closed ("renégocié") with its history and the new one
// starts from the remaining balance; nothing is overwritten. The case
// moves to the "échéancier" status when the workflow allows it.
func (s *Store) CreatePlan(ctx context.Context, caseID int64, spec debt.PlanSpec, author string, now time.Time) (Plan, []string, error) {
	today := debt.DateOf(now)
	var warnings []string
	var planID int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if c.Status.Closed() {
			return invalid("Le dossier %s est clos : rouvrez-le pour convenir d'un échéancier.", c.Ref)
		}
		st, sc, err := statementTx(ctx, tx, c, today)
		if err != nil {
			return invalid("%s", Message(err))
		}
		if spec.Total != 0 && spec.Total != st.Due() {
			return conflict("Le solde a changé (%s au lieu de %s) : refaites l'aperçu de l'échéancier.", st.Due(), spec.Total)
		}
		spec.Total = st.Due()
		inst, warn, err := debt.BuildPlan(spec)
		if err != nil {
			return invalid("%s.", upperFirst(err.Error()))
		}
		warnings = warn
		if err := CheckFirstInstalment(firstDue(inst), today); err != nil {
			return err
		}
		if inst[0].Due.Before(today.AddDays(-31)) {
			return invalid("La première échéance (%s) est trop ancienne.", inst[0].Due)
		}
		var old sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM plans WHERE case_id = ? AND closed_on = ''", caseID).Scan(&old); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if planID, err = insertPlan(ctx, tx, caseID, today, spec, inst, sc.rules.PlanGraceDays, old, author, now); err != nil {
			return err
		}
		text := fmt.Sprintf("Échéancier n° %d : %s en %d échéance(s) du %s au %s (%s)", planID, spec.Total, len(inst), inst[0].Due, inst[len(inst)-1].Due, spec.Every.Label())
		if old.Valid {
			if _, err := tx.ExecContext(ctx, "UPDATE plans SET closed_on = ?, close_reason = ? WHERE id = ?", today.ISO(),
				fmt.Sprintf("Renégocié : remplacé par l'échéancier n° %d", planID), old.Int64); err != nil {
				return err
			}
			text += fmt.Sprintf(", en remplacement de l'échéancier n° %d", old.Int64)
		}
		text += ". Accord à faire signer (aucun courrier d'accord émis)."
		for _, w := range warn {
			text += " " + w
		}
		if _, err := insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventPayment, Text: text}); err != nil {
			return err
		}
		if c.Status != debt.StatusPlan && debt.CheckTransition(debt.Transition{From: c.Status, To: debt.StatusPlan}) == nil {
			if _, err := tx.ExecContext(ctx, "UPDATE cases SET status = ? WHERE id = ?", string(debt.StatusPlan), caseID); err != nil {
				return err
			}
			if _, err := insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventStatus,
				Text: fmt.Sprintf("Statut : %s → %s", c.Status.Label(), debt.StatusPlan.Label())}); err != nil {
				return err
			}
		}
		return refreshCase(ctx, tx, caseID)
	})
	if err != nil {
		return Plan{}, nil, err
	}
	plans, err := s.Plans(ctx, caseID, now)
	if err != nil {
		return Plan{}, warnings, err
	}
	for _, p := range plans {
		if p.ID == planID {
			return p, warnings, nil
		}
	}
	return Plan{}, warnings, notFound("Échéancier introuvable.")
}

// SignPlan records the date the debtor signed the plan: it interrupts the
// limitation period (Code civil 2240).
func (s *Store) SignPlan(ctx context.Context, caseID, planID int64, signed debt.Date, author string, now time.Time) error {
	if signed.IsZero() || signed.After(debt.DateOf(now)) {
		return invalid("La date de signature doit être connue et passée.")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var base, already, closed string
		err := tx.QueryRowContext(ctx, "SELECT base_date, signed_on, closed_on FROM plans WHERE id = ? AND case_id = ?", planID, caseID).Scan(&base, &already, &closed)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Échéancier introuvable dans ce dossier.")
		} else if err != nil {
			return err
		}
		if already != "" {
			return invalid("Cet échéancier est déjà signé (le %s).", mustDate(already))
		}
		if closed != "" {
			return invalid("Cet échéancier a été remplacé : faites signer le nouveau.")
		}
		if b := mustDate(base); signed.Before(b.AddDays(-60)) {
			return invalid("La signature (%s) précède de loin l'échéancier (%s).", signed, b)
		}
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		before, err := caseLimitationTx(ctx, tx, c, debt.DateOf(now))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE plans SET signed_on = ? WHERE id = ?", signed.ISO(), planID); err != nil {
			return err
		}
		after, err := caseLimitationTx(ctx, tx, c, debt.DateOf(now))
		if err != nil {
			return err
		}
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventPayment,
			Text: fmt.Sprintf("Échéancier n° %d signé par le débiteur le %s : la prescription est interrompue à cette date (Code civil 2240). %s",
				planID, signed, describeEffect(before, after, debt.LimitationPlanSigned))})
		return err
	})
}

func mustDate(s string) debt.Date {
	d, _ := debt.ParseDate(s)
	return d
}

// Plans returns a case's plans, newest first, each with its instalments'
// states at now.
func (s *Store) Plans(ctx context.Context, caseID int64, now time.Time) ([]Plan, error) {
	var out []Plan
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := caseExists(ctx, tx, caseID); err != nil {
			return err
		}
		var err error
		out, err = casePlans(ctx, tx, caseID, debt.DateOf(now))
		return err
	})
	return out, err
}

func casePlans(ctx context.Context, q queryer, caseID int64, today debt.Date) ([]Plan, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, base_date, total_cents, frequency, grace_days, signed_on, coalesce(letter_doc_id, 0),
		coalesce(replaces, 0), closed_on, close_reason, created_at, author FROM plans WHERE case_id = ? ORDER BY id DESC`, caseID)
	if err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	var plans []Plan
	var createdAt []string // as stored, the bounds of the payments' query
	for rows.Next() {
		p := Plan{CaseID: caseID}
		var base, freq, signed, closed, created string
		if err := rows.Scan(&p.ID, &base, &p.Total, &freq, &p.GraceDays, &signed, &p.LetterDocID, &p.Replaces, &closed, &p.CloseReason, &created, &p.Author); err != nil {
			rows.Close()
			return nil, err
		}
		p.BaseDate, p.Frequency, p.Signed, p.Closed, p.Created = mustDate(base), debt.Frequency(freq), mustDate(signed), mustDate(closed), parseInstant(created)
		plans = append(plans, p)
		createdAt = append(createdAt, created)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range plans {
		p := &plans[i]
		// What the plan received: the payments recorded while it ran (its
		// total already reflects those recorded before), not cancelled. A
		// renegotiated plan ran until its replacement was created.
		// (Its replacement is a plan of the same case, read above: looked up
		// in plans, with no index on replaces, it cost a scan of every plan
		// of the office per closed plan, 8 ms at 200 000 cases.)
		end := "9999-12-31"
		if !p.Closed.IsZero() {
			end = p.Closed.AddDays(1).ISO()
			next := ""
			for j, o := range plans {
				if o.Replaces == p.ID && (next == "" || createdAt[j] < next) {
					next = createdAt[j]
				}
			}
			if next != "" {
				end = next
			}
		}
		if err := q.QueryRowContext(ctx, `SELECT coalesce(sum(p.amount_cents - p.credit_cents), 0) FROM payments p
			WHERE p.case_id = ? AND +p.cancels IS NULL AND p.created_at >= ? AND p.created_at < ?
			AND NOT EXISTS (SELECT 1 FROM payments c WHERE c.cancels = p.id)`, caseID, instant(p.Created), end).Scan(&p.Paid); err != nil {
			return nil, err
		}
		r, err := q.QueryContext(ctx, "SELECT n, due, amount_cents FROM instalments WHERE plan_id = ? ORDER BY n", p.ID)
		if err != nil {
			return nil, err
		}
		var inst []debt.Instalment
		for r.Next() {
			var in debt.Instalment
			var due string
			if err := r.Scan(&in.N, &due, &in.Amount); err != nil {
				r.Close()
				return nil, err
			}
			in.Due = mustDate(due)
			inst = append(inst, in)
		}
		r.Close()
		p.Instalments = debt.PlanStatus(inst, p.Paid, today, p.GraceDays)
	}
	return plans, nil
}

// signedPlanOpen reports whether the case has a running plan the debtor
// signed (the creditor knows of its payments).
func signedPlanOpen(ctx context.Context, q queryer, caseID int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM plans WHERE case_id = ? AND closed_on = '' AND signed_on != ''", caseID).Scan(&n)
	return n > 0, err
}

// insertPlan writes a plan and its instalments.
func insertPlan(ctx context.Context, tx *sql.Tx, caseID int64, base debt.Date, spec debt.PlanSpec, inst []debt.Instalment, grace int, replaces sql.NullInt64, author string, now time.Time) (int64, error) {
	id, err := insertID(ctx, tx, `INSERT INTO plans (case_id, base_date, total_cents, frequency, grace_days, replaces, created_at, author)
		VALUES (?,?,?,?,?,?,?,?)`, caseID, base.ISO(), int64(spec.Total), string(spec.Every), grace, replaces, instant(now), author)
	if err != nil {
		return 0, fmt.Errorf("insert plan: %w", err)
	}
	for _, in := range inst {
		if _, err := tx.ExecContext(ctx, "INSERT INTO instalments (plan_id, n, due, amount_cents) VALUES (?,?,?,?)", id, in.N, in.Due.ISO(), int64(in.Amount)); err != nil {
			return 0, fmt.Errorf("insert instalment: %w", err)
		}
	}
	return id, nil
}

// SignCurrentPlan records the debtor's signature of the case's current
// plan (the one not replaced) on the date signed: see SignPlan.
func (s *Store) SignCurrentPlan(ctx context.Context, caseID int64, signed debt.Date, author string, now time.Time) (Plan, error) {
	plans, err := s.Plans(ctx, caseID, now)
	if err != nil {
		return Plan{}, err
	}
	for _, p := range plans {
		if p.Open() {
			if err := s.SignPlan(ctx, caseID, p.ID, signed, author, now); err != nil {
				return p, err
			}
			p.Signed = signed
			return p, nil
		}
	}
	return Plan{}, invalid("Le dossier n'a pas d'échéancier en cours : convenez-en d'abord d'un (amiable plan REF -instalments N -first AAAA-MM-JJ).")
}
