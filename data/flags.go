package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/maphash"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"amiable/debt"
)

// Flags: the daily sweep computes, for one day, every flag that holds
// (debt's rules over facts gathered by a few set-based queries), then in
// the same transaction raises the new ones, reopens those whose cause came
// back, resolves those whose cause disappeared, wakes the snoozed ones
// whose date has come, journals each change and records the day as swept.

// FlagRow is a flag as the morning review and the command line show it.
type FlagRow struct {
	ID       int64          `json:"id"`
	CaseID   int64          `json:"-"` // 0 for the office
	CaseRef  string         `json:"case"`
	Debtor   string         `json:"debtor,omitempty"`
	Kind     debt.FlagKind  `json:"kind"`
	Object   string         `json:"object"`
	Due      debt.Date      `json:"due"`
	Since    debt.Date      `json:"since"`
	Amount   debt.Cents     `json:"amount_cents,omitempty"`
	Text     string         `json:"text"`
	State    debt.FlagState `json:"state"`
	Snoozed  debt.Date      `json:"snoozed_until,omitzero"`
	Closed   time.Time      `json:"closed_at,omitzero"`
	ClosedBy string         `json:"closed_by,omitempty"`
	Comment  string         `json:"comment,omitempty"`
}

// openStatusList is the SQL list of the statuses of open cases.
var openStatusList = func() string {
	var s []string
	for _, st := range debt.Statuses {
		if !st.Closed() {
			s = append(s, "'"+string(st)+"'")
		}
	}
	return "(" + strings.Join(s, ", ") + ")"
}()

func sqlList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return "(" + strings.Join(q, ", ") + ")"
}

// FlagRules returns the office's flag settings (defaults when never saved).
func (s *Store) FlagRules(ctx context.Context) (debt.FlagRules, error) {
	r := debt.DefaultFlagRules()
	_, err := getSetting(ctx, s.ro, "flags", &r)
	return r, err
}

// SaveFlagRules validates and stores the flag settings, journaling the change.
func (s *Store) SaveFlagRules(ctx context.Context, r debt.FlagRules, author string, now time.Time) error {
	if errs := r.Validate(); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	return s.SaveSetting(ctx, "flags", r, "alertes (retour des AR, dossiers sans activité)", author, now)
}

// LastSweep returns the last day swept (zero when the sweep never ran).
func (s *Store) LastSweep(ctx context.Context) (debt.Date, error) {
	var day string
	if err := s.ro.QueryRowContext(ctx, "SELECT coalesce(max(day), '') FROM sweeps").Scan(&day); err != nil {
		return debt.Date{}, fmt.Errorf("last sweep: %w", err)
	}
	return mustDate(day), nil
}

// SweepRun is a completed sweep as the log keeps it.
type SweepRun struct {
	debt.SweepReport
	Finished time.Time     `json:"finished"`
	Took     time.Duration `json:"-"`
}

// Sweeps returns the latest runs, newest first.
func (s *Store) Sweeps(ctx context.Context, limit int) ([]SweepRun, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT day, finished_at, raised, reopened, resolved, woken, open, millis FROM sweeps ORDER BY day DESC LIMIT ?`, max(limit, 1))
	if err != nil {
		return nil, fmt.Errorf("sweeps: %w", err)
	}
	defer rows.Close()
	var out []SweepRun
	for rows.Next() {
		var r SweepRun
		var day, fin string
		var ms int64
		if err := rows.Scan(&day, &fin, &r.Raised, &r.Reopened, &r.Resolved, &r.Woken, &r.Open, &ms); err != nil {
			return nil, err
		}
		r.Day, r.Finished, r.Took = mustDate(day), parseInstant(fin), time.Duration(ms)*time.Millisecond
		out = append(out, r)
	}
	return out, rows.Err()
}

// SweepDay runs the sweep of one day in one transaction: it completes (and
// the day is recorded as swept) or leaves nothing. Running a day again
// raises nothing twice. now is the instant written in the journal.
func (s *Store) SweepDay(ctx context.Context, day debt.Date, now time.Time) (debt.SweepReport, error) {
	rep, _, err := s.sweepDay(ctx, day, now, false)
	return rep, err
}

// SweepNewDay runs the sweep of a day not swept yet, as SweepDay does,
// and does nothing (swept false) when that day or a later one is already
// recorded as swept: the check is made under the write lock, so that two
// desks of the shared base catching up at the same hour sweep each day
// once, the second finding the first one's sweep done.
func (s *Store) SweepNewDay(ctx context.Context, day debt.Date, now time.Time) (rep debt.SweepReport, swept bool, err error) {
	return s.sweepDay(ctx, day, now, true)
}

// errSwept stops the write of a day found swept already (SweepNewDay).
var errSwept = errors.New("day already swept")

func (s *Store) sweepDay(ctx context.Context, day debt.Date, now time.Time, onlyNew bool) (debt.SweepReport, bool, error) {
	rep := debt.SweepReport{Day: day}
	if day.IsZero() {
		return rep, false, invalid("Jour à examiner manquant.")
	}
	start := time.Now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		if onlyNew {
			var last string
			if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(day), '') FROM sweeps").Scan(&last); err != nil {
				return fmt.Errorf("last sweep: %w", err)
			}
			if last >= day.ISO() {
				return errSwept
			}
		}
		rules := debt.DefaultRules()
		if _, err := getSetting(ctx, tx, "rules", &rules); err != nil {
			return err
		}
		frules := debt.DefaultFlagRules()
		if _, err := getSetting(ctx, tx, "flags", &frules); err != nil {
			return err
		}
		// The steps start on their read connections while the active
		// flags they will be matched with are loaded here.
		sw := &sweeper{ctx: ctx, tx: tx, ro: s.ro, d: s.dialect(), day: day, now: now, rep: &rep, seed: maphash.MakeSeed()}
		found, stop := sw.findAll(rules, frules)
		defer stop()
		if err := sw.load(); err != nil {
			return err
		}
		defer sw.close()
		if err := sw.run(rules, frules, found); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sweeps (day, finished_at, raised, reopened, resolved, woken, open, millis)
			VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (day) DO UPDATE SET finished_at = excluded.finished_at, raised = excluded.raised,
			reopened = excluded.reopened, resolved = excluded.resolved, woken = excluded.woken, open = excluded.open, millis = excluded.millis`, day.ISO(), instant(now), rep.Raised, rep.Reopened, rep.Resolved, rep.Woken, rep.Open, time.Since(start).Milliseconds())
		if err != nil {
			return fmt.Errorf("record sweep: %w", err)
		}
		return nil
	})
	if errors.Is(err, errSwept) {
		return debt.SweepReport{Day: day}, false, nil
	}
	if err != nil {
		return debt.SweepReport{Day: day}, false, fmt.Errorf("sweep %s: %w", day.ISO(), err)
	}
	return rep, true, nil
}

// A sweep step finds the flags of some kinds from the facts of every open
// case (and of the creditors' accounts), gathered by a few set-based
// queries, and hands each flag to emit as it goes: the sweep holds no list
// of the day's flags (110 000 on the first sweep of the 50 000-case demo
// office, some 60 MB with their keys and the map matching them).
type sweepStep struct {
	name string
	find func(ctx context.Context, q queryer, d *dialect, day debt.Date, rules debt.Rules, fr debt.FlagRules, emit func(debt.Flag) error) error
}

// sweepSteps run in this order, which is the order the new flags are
// raised (and journaled) in.
// The longest first: they run side by side (see findAll), so that the
// long ones start first keeps the processors busy to the end.
var sweepSteps = []sweepStep{
	{"funds", fundsFlags}, {"plans", planFlags}, {"limitation", limitationFlags}, {"letters", letterFlags},
	{"idle", idleFlags}, {"settled", settledFlags}, {"mails", mailFlags},
	{"commercial", commercialFlags}, // flags_law.go
}

// traceSweep, when set (benchmarks), is told how long each step worked
// (its queries and rules on its read connection, beside the other steps;
// the time waiting for its flags to be written left out) and how many
// flags it found: step i of
// sweepSteps, then len(sweepSteps) for the rest (journal, flags resolved
// and woken), with the number of flags raised. The settled cases' query
// runs before the first step (see sweeper.run): their step only writes.
var traceSweep func(i, n int, d time.Duration)

// planFlagsSQL lists the instalments of the running plans of open cases
// that may raise a flag on the day ?1, plan by plan, with what each plan
// received since it started (payments not cancelled, overpayments
// excluded): a plan paid in full, or one whose instalments due before its
// grace days exceed what it received (some are missed, as PlanStatus
// counts them oldest first). Rows come plan by plan, instalments in
// order (a sort of the few candidates' instalments): planFlags holds one
// plan at a time.
var planFlagsSQL = planFlagsQuery(&sqliteDialect)

func planFlagsQuery(d *dialect) string {
	return `WITH paid AS (
	SELECT pl.id AS plan_id, sum(p.amount_cents - p.credit_cents) AS paid, max(p.received) AS last
	FROM plans pl JOIN payments p ON p.case_id = pl.case_id AND p.received >= pl.base_date
	WHERE pl.closed_on = '' AND +p.cancels IS NULL AND p.id NOT IN (SELECT cancels FROM payments WHERE cancels IS NOT NULL)
	GROUP BY pl.id),
cand AS MATERIALIZED (
	SELECT pl.id, pl.case_id, pl.grace_days, pl.total_cents, coalesce(paid.paid, 0) AS paid, coalesce(paid.last, '') AS last
	FROM plans pl CROSS JOIN cases k LEFT JOIN paid ON paid.plan_id = pl.id
	WHERE k.id = pl.case_id AND pl.closed_on = '' AND k.status IN ` + openStatusList + `
	AND (coalesce(paid.paid, 0) >= pl.total_cents
		OR (SELECT sum(x.amount_cents) FROM instalments x WHERE x.plan_id = pl.id AND x.due < ` + d.daysBefore("?1", "pl.grace_days") + `) > coalesce(paid.paid, 0)))
SELECT c.id, c.case_id, c.grace_days, c.total_cents, c.paid, c.last, i.n, i.due, i.amount_cents
FROM cand c CROSS JOIN instalments i WHERE i.plan_id = c.id
ORDER BY c.id, i.n`
}

func planFlags(ctx context.Context, q queryer, d *dialect, day debt.Date, _ debt.Rules, _ debt.FlagRules, emit func(debt.Flag) error) error {
	rows, err := q.QueryContext(ctx, planFlagsQuery(d), day.ISO())
	if err != nil {
		return fmt.Errorf("plan facts: %w", err)
	}
	defer rows.Close()
	var p debt.PlanFacts // the plan being read; its instalments' array is reused
	flush := func() error {
		if p.PlanID == 0 {
			return nil
		}
		for _, f := range debt.PlanFlags(p, day) {
			if err := emit(f); err != nil {
				return err
			}
		}
		return nil
	}
	for rows.Next() {
		var planID, caseID int64
		var grace int
		var total, paid debt.Cents
		var last, due string
		var in debt.Instalment
		if err := rows.Scan(&planID, &caseID, &grace, &total, &paid, &last, &in.N, &due, &in.Amount); err != nil {
			return err
		}
		if planID != p.PlanID {
			if err := flush(); err != nil {
				return err
			}
			p = debt.PlanFacts{CaseID: caseID, PlanID: planID, GraceDays: grace, Total: total, Paid: paid, LastPayment: isoDate(last),
				Instalments: p.Instalments[:0]}
		}
		in.Due = isoDate(due)
		p.Instalments = append(p.Instalments, in)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// letterFlagsSQL lists the issued letters of open cases that may raise a
// flag on the day ?1: a reminder, notice or small-claims letter past its
// deadline, a registered letter with AR posted before ?2 (the day minus
// the AR wait) and not back, a letter that came back undelivered. Each
// comes with what followed it.
var letterFlagsSQL = `SELECT l.id, l.case_id, l.kind, l.ref, l.letter_date, l.deadline, l.recipient_name, l.deposit_date, l.ar, l.ar_outcome, l.ar_received,
	EXISTS (SELECT 1 FROM letters n WHERE n.case_id = l.case_id AND n.id > l.id AND n.kind IN ` + sqlList(debt.LetterSteps) + `),
	EXISTS (SELECT 1 FROM letters n WHERE n.case_id = l.case_id AND n.id > l.id AND n.recipient_id = l.recipient_id),
	coalesce((SELECT max(e.at) FROM events e WHERE e.case_id = l.case_id AND e.kind IN ('appel', 'courriel', 'encaissement')), ''),
	k.balance_cents,
	EXISTS (SELECT 1 FROM plans p WHERE p.case_id = l.case_id AND p.closed_on = '')
FROM letters l JOIN cases k ON k.id = l.case_id
WHERE k.status IN ` + openStatusList + ` AND (
	(l.deadline != '' AND l.deadline < ?1 AND l.kind IN ` + sqlList(debt.LetterSteps) + `)
	OR (l.ar = 1 AND l.deposit_date != '' AND l.ar_outcome = '' AND l.deposit_date < ?2)
	OR l.ar_outcome IN ('uncollected', 'refused', 'unknown'))
ORDER BY l.id`

func letterFlags(ctx context.Context, q queryer, _ *dialect, day debt.Date, rules debt.Rules, fr debt.FlagRules, emit func(debt.Flag) error) error {
	rows, err := q.QueryContext(ctx, letterFlagsSQL, day.ISO(), day.AddDays(-fr.ARDays).ISO())
	if err != nil {
		return fmt.Errorf("letter facts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l debt.SentLetter
		var date, deadline, deposit, outcome, received, answer string
		if err := rows.Scan(&l.LetterID, &l.CaseID, &l.Kind, &l.Ref, &date, &deadline, &l.Recipient, &deposit, &l.AR, &outcome, &received,
			&l.LaterStep, &l.LaterToRecipient, &answer, &l.Balance, &l.InPlan); err != nil {
			return err
		}
		l.Date, l.Deadline, l.Deposit, l.ARReceived = mustDate(date), mustDate(deadline), mustDate(deposit), mustDate(received)
		l.Outcome, l.Label = debt.AROutcome(outcome), letterKindLabel(l.Kind)
		if answer != "" {
			l.LastAnswer = debt.DateOf(parseInstant(answer))
		}
		for _, f := range debt.LetterFlags(l, fr, rules.Calendar, day) {
			if err := emit(f); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// letterKindLabel names the letter kinds flags talk about (the letters
// package has every label; data does not import it).
func letterKindLabel(kind string) string {
	switch kind {
	case debt.LetterReminder1:
		return "Première relance"
	case debt.LetterReminder2:
		return "Deuxième relance"
	case debt.LetterFormalNotice:
		return "Mise en demeure"
	case debt.LetterSmallClaims:
		return "Invitation à la procédure des petites créances"
	}
	return "Courrier"
}

// limitationFlagsSQL gives, for each open case whose oldest principal due
// date is on or before ?1, what its limitation date is computed from (as
// Figures does): nature, the creditor's and the first debtor's kinds, that
// due date, the dates of payments not cancelled and of signed plans. A
// case whose oldest claim is more recent cannot be near its limitation
// date: no period is shorter than shortestLimitation, and interruptions
// only push the date later. The claim lines are read once, in case order.
var limitationFlagsSQL = limitationFlagsQuery(&sqliteDialect)

func limitationFlagsQuery(d *dialect) string {
	return `SELECT x.case_id, k.nature, cp.legal_kind, coalesce(dp.legal_kind, ''), x.start,
	coalesce((SELECT ` + d.groupConcat("p.received") + ` FROM payments p WHERE p.case_id = x.case_id AND +p.cancels IS NULL
		AND p.id NOT IN (SELECT cancels FROM payments WHERE cancels IS NOT NULL)), ''),
	coalesce((SELECT ` + d.groupConcat("pl.signed_on") + ` FROM plans pl WHERE pl.case_id = x.case_id AND pl.signed_on != ''), ''),
	coalesce((SELECT ` + d.groupConcat("i.kind || ' ' || i.on_date || ' ' || i.end_date") + ` FROM interruptions i WHERE i.case_id = x.case_id), '')
FROM (SELECT l.case_id, min(l.due_date) AS start FROM claim_lines l
		WHERE l.kind = 'principal' AND l.removed_at = '' AND l.due_date != '' AND l.due_date <= ?1 GROUP BY l.case_id) x
	CROSS JOIN cases k
	JOIN parties cp ON cp.id = k.creditor_id
	LEFT JOIN case_debtors d ON d.case_id = k.id AND d.position = 0
	LEFT JOIN parties dp ON dp.id = d.party_id
WHERE k.id = x.case_id AND k.status IN ` + openStatusList
}

// shortestLimitation is the shortest limitation period, in years.
var shortestLimitation = slices.Min([]int{debt.LimitationGeneral.Years, debt.LimitationConsumer.Years, debt.LimitationRent.Years,
	debt.LimitationConsumerCredit.Years, debt.LimitationTitle.Years})

func limitationFlags(ctx context.Context, q queryer, d *dialect, day debt.Date, rules debt.Rules, _ debt.FlagRules, emit func(debt.Flag) error) error {
	cut := day.AddDays(rules.LimitationWarnDays).AddYears(-shortestLimitation)
	rows, err := q.QueryContext(ctx, limitationFlagsQuery(d), cut.ISO())
	if err != nil {
		return fmt.Errorf("limitation facts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var nature, credKind, debtKind, start, pays, signed, acts string
		if err := rows.Scan(&id, &nature, &credKind, &debtKind, &start, &pays, &signed, &acts); err != nil {
			return err
		}
		in := debt.LimitationInput{
			Period: debt.LimitationPeriodFor(debt.Nature(nature), debt.LegalKind(credKind), debt.LegalKind(debtKind), false),
			Start:  isoDate(start),
			At:     day,
		}
		for _, d := range splitList(pays) {
			in.Events = append(in.Events, debt.LimitationEvent{Kind: debt.LimitationPartialPayment, Date: isoDate(d)})
		}
		for _, d := range splitList(signed) {
			in.Events = append(in.Events, debt.LimitationEvent{Kind: debt.LimitationPlanSigned, Date: isoDate(d)})
		}
		in.Events = append(in.Events, actEvents(acts)...) // flags_law.go
		lim, err := debt.ComputeLimitation(in)
		if err != nil {
			continue // no usable start date: the case view says so
		}
		if f, ok := debt.LimitationFlag(id, lim, rules, day); ok {
			if err := emit(f); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// idleFlagsSQL lists the open cases whose latest journal entry that is not
// a flag's is older than ?1 (an instant), with that entry's instant.
var idleFlagsSQL = `SELECT id, last FROM (
	SELECT k.id, (SELECT e.at FROM events e WHERE e.case_id = k.id AND e.kind != '` + string(debt.EventFlag) + `' ORDER BY e.at DESC LIMIT 1) AS last
	FROM cases k WHERE k.status IN ` + openStatusList + `) AS x
WHERE last < ?1`

func idleFlags(ctx context.Context, q queryer, _ *dialect, day debt.Date, _ debt.Rules, fr debt.FlagRules, emit func(debt.Flag) error) error {
	// Idle from the day after the last activity's day + IdleDays − 1: any
	// entry before the start of (day − IdleDays + 1) in Paris qualifies.
	next := day.AddDays(-fr.IdleDays + 1)
	cutoff := time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, debt.Paris())
	rows, err := q.QueryContext(ctx, idleFlagsSQL, instant(cutoff))
	if err != nil {
		return fmt.Errorf("idle facts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var last string
		if err := rows.Scan(&id, &last); err != nil {
			return err
		}
		if f, ok := debt.IdleFlag(id, debt.DateOf(parseInstant(last)), fr, day); ok {
			if err := emit(f); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// settledFlagsSQL lists the open cases with a claim whose principal and
// accessories are paid, with their latest payment.
var settledFlagsSQL = `SELECT k.id, k.balance_cents, coalesce((SELECT max(p.received) FROM payments p WHERE p.case_id = k.id AND +p.cancels IS NULL
		AND p.id NOT IN (SELECT cancels FROM payments WHERE cancels IS NOT NULL)), '')
FROM cases k WHERE k.status IN ` + openStatusList + ` AND k.balance_cents <= 0 AND k.principal_cents > 0`

func settledFlags(ctx context.Context, q queryer, _ *dialect, _ debt.Date, _ debt.Rules, _ debt.FlagRules, emit func(debt.Flag) error) error {
	rows, err := q.QueryContext(ctx, settledFlagsSQL)
	if err != nil {
		return fmt.Errorf("settled facts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var balance debt.Cents
		var last string
		if err := rows.Scan(&id, &balance, &last); err != nil {
			return err
		}
		if f, ok := debt.SettledFlag(id, balance, mustDate(last)); ok {
			if err := emit(f); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// fundsFlagsSQL gives, per creditor whose funds are overdue, what the
// office holds for it (collected less remitted) and what was remitted:
// funds are overdue when what was received on or before ?1 exceeds what
// was remitted (payments are covered oldest first, as CreditorAccount
// counts them). One pass over the payments in creditor order, no sort.
const fundsFlagsSQL = `WITH pay AS (
	SELECT k.creditor_id AS cr, sum(p.amount_cents - p.credit_cents) AS total,
		sum(CASE WHEN p.received <= ?1 THEN p.amount_cents - p.credit_cents ELSE 0 END) AS old
	FROM cases k JOIN payments p ON p.case_id = k.id
	WHERE +p.cancels IS NULL AND p.id NOT IN (SELECT cancels FROM payments WHERE cancels IS NOT NULL)
	GROUP BY k.creditor_id),
remitted AS (
	SELECT r.creditor_id AS cr, sum(r.amount_cents) AS total FROM remittances r
	WHERE r.cancels IS NULL AND NOT EXISTS (SELECT 1 FROM remittances c WHERE c.cancels = r.id) GROUP BY r.creditor_id)
SELECT pay.cr, pa.name, pay.total - coalesce(m.total, 0), coalesce(m.total, 0)
FROM pay LEFT JOIN remitted m ON m.cr = pay.cr JOIN parties pa ON pa.id = pay.cr
WHERE pay.old > coalesce(m.total, 0)`

// fundsFirstSQL gives a creditor's first payment not cancelled (received,
// then recorded, first) and its case.
const fundsFirstSQL = `SELECT p.received, p.case_id FROM cases k JOIN payments p ON p.case_id = k.id
WHERE k.creditor_id = ? AND +p.cancels IS NULL AND p.id NOT IN (SELECT cancels FROM payments WHERE cancels IS NOT NULL)
ORDER BY p.received, p.id LIMIT 1`

// fundsNewestSQL lists the payments newest first (through the index on
// the receipt date, no sort), with their creditor.
const fundsNewestSQL = `SELECT p.received, p.case_id, k.creditor_id, p.amount_cents - p.credit_cents FROM payments p JOIN cases k ON k.id = p.case_id
WHERE +p.cancels IS NULL AND p.id NOT IN (SELECT cancels FROM payments WHERE cancels IS NOT NULL)
ORDER BY p.received DESC, p.id DESC`

// overdueCut returns the last receipt date whose funds are overdue at
// today: the latest d with d + 1 month before today.
func overdueCut(today debt.Date) debt.Date {
	d := today.AddMonths(-1).AddDays(3)
	for !d.AddMonths(1).Before(today) {
		d = d.AddDays(-1)
	}
	return d
}

// fundsFlags flags the creditors whose funds are overdue, on the case of
// the oldest payment not remitted. For a creditor never remitted to, that
// is its first payment. For the others, the amount still held is covered
// by the latest payments: walking the payments from the newest back, each
// creditor is settled as soon as its amount is covered, and the walk
// stops once every creditor is.
func fundsFlags(ctx context.Context, q queryer, _ *dialect, day debt.Date, _ debt.Rules, _ debt.FlagRules, emit func(debt.Flag) error) error {
	rows, err := q.QueryContext(ctx, fundsFlagsSQL, overdueCut(day).ISO())
	if err != nil {
		return fmt.Errorf("funds facts: %w", err)
	}
	type held struct {
		f        debt.FundsHeld
		remitted debt.Cents
		acc      debt.Cents // the newest payments' sum, walking back
		done     bool
	}
	overdue := map[int64]*held{}
	var order []int64
	for rows.Next() {
		h := &held{}
		if err := rows.Scan(&h.f.CreditorID, &h.f.Creditor, &h.f.ToRemit, &h.remitted); err != nil {
			rows.Close()
			return err
		}
		overdue[h.f.CreditorID] = h
		order = append(order, h.f.CreditorID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	left := 0
	for _, cr := range order {
		h := overdue[cr]
		if h.remitted > 0 {
			left++
			continue
		}
		var received string
		if err := q.QueryRowContext(ctx, fundsFirstSQL, cr).Scan(&received, &h.f.CaseID); err != nil {
			return fmt.Errorf("funds facts: %w", err)
		}
		h.f.Oldest, h.done = isoDate(received), true
	}
	if left > 0 {
		rows, err := q.QueryContext(ctx, fundsNewestSQL)
		if err != nil {
			return fmt.Errorf("funds facts: %w", err)
		}
		for left > 0 && rows.Next() {
			var received string
			var caseID, cr int64
			var amount debt.Cents
			if err := rows.Scan(&received, &caseID, &cr, &amount); err != nil {
				rows.Close()
				return err
			}
			h := overdue[cr]
			if h == nil || h.done {
				continue
			}
			// Not remitted (the newer ones do not cover what is held):
			// the oldest so far; once they cover it, the older ones are
			// remitted.
			h.f.Oldest, h.f.CaseID = isoDate(received), caseID
			if h.acc += amount; h.acc >= h.f.ToRemit {
				h.done = true
				left--
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, cr := range order {
		h := overdue[cr]
		if h.f.CaseID == 0 {
			continue
		}
		if err := q.QueryRowContext(ctx, "SELECT ref FROM cases WHERE id = ?", h.f.CaseID).Scan(&h.f.CaseRef); err != nil {
			return fmt.Errorf("funds facts: %w", err)
		}
		if f, ok := debt.FundsFlag(h.f, day); ok {
			if err := emit(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// isoDate reads a stored "AAAA-MM-JJ" date quickly (the sweep reads many);
// anything else goes through debt.ParseDate.
func isoDate(s string) debt.Date {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		n := func(a, b int) int {
			v := 0
			for i := a; i < b; i++ {
				c := s[i]
				if c < '0' || c > '9' {
					return -1
				}
				v = v*10 + int(c-'0')
			}
			return v
		}
		y, m, d := n(0, 4), n(5, 7), n(8, 10)
		if y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			return debt.NewDate(y, time.Month(m), d)
		}
	}
	return mustDate(s)
}

// mailFlagsSQL lists the unread e-mails filed in open cases.
var mailFlagsSQL = `SELECT m.id, m.case_id, m.received_at, m.from_addr, m.subject FROM mails m JOIN cases k ON k.id = m.case_id
WHERE m.read_at = '' AND k.status IN ` + openStatusList

func mailFlags(ctx context.Context, q queryer, _ *dialect, _ debt.Date, _ debt.Rules, _ debt.FlagRules, emit func(debt.Flag) error) error {
	rows, err := q.QueryContext(ctx, mailFlagsSQL)
	if err != nil {
		return fmt.Errorf("mail facts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m debt.UnreadMail
		var received string
		if err := rows.Scan(&m.MailID, &m.CaseID, &received, &m.From, &m.Subject); err != nil {
			return err
		}
		if t := parseInstant(received); !t.IsZero() {
			m.Received = debt.DateOf(t)
		} else {
			m.Received = mustDate(received)
		}
		if err := emit(debt.MailFlag(m)); err != nil {
			return err
		}
	}
	return rows.Err()
}

const flagKeySQL = `coalesce(case_id, 0) || '|' || kind || '|' || object || '|' || due`

// flagsKeyTarget is the conflict target of the unique index flags_key, as
// both engines name it in an upsert.
const flagsKeyTarget = `((coalesce(case_id, 0)), kind, object, due)`

// flagID identifies a flag in the sweep: its case and a hash of its key
// "case|kind|object|due", the flags_key index's columns as one string (64
// bits, with a seed drawn at random by each sweep: two keys of one case
// that collide are as likely as winning a lottery many times over).
type flagID struct {
	caseID int64
	key    uint64
}

// activeFlag is an active flag (open or snoozed) as the sweep matches it,
// without pointers (the map of 100 000 of them is a few megabytes the
// garbage collector need not scan).
type activeFlag struct {
	id     int64
	amount debt.Cents
	text   uint64 // hash of its text
	kind   uint8  // index in debt.FlagKinds
	open   bool   // open (else snoozed)
	found  bool   // true again on the day swept
}

// sweeper writes one day's flags as the steps find them, against the
// active ones (open or snoozed), in the sweep's transaction: an active
// flag still true is left alone (its text and amount follow), one no
// longer true is resolved with its reason, a new one is raised, a resolved
// one whose cause came back is reopened, a handled one stays handled; each
// change is journaled. Only the changes are written, so a day like the one
// before costs little. It holds the active flags' ids and hashes, not the
// day's flags: the first sweep of a large office holds next to nothing.
type sweeper struct {
	ctx      context.Context
	tx       *sql.Tx
	ro       *sql.DB // the steps' read connections
	d        *dialect
	day      debt.Date
	now      time.Time
	rep      *debt.SweepReport
	seed     maphash.Seed
	active   map[flagID]activeFlag
	last     int64 // the highest flag id before the sweep: those above are new
	update   *sql.Stmt
	raise    *sql.Stmt
	reopened []int64
	buf      []byte
}

// load reads the active flags and prepares the statements writing flags.
func (sw *sweeper) load() error {
	ctx, tx := sw.ctx, sw.tx
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0), (SELECT count(*) FROM flags WHERE state IN ('ouverte', 'reportee')) FROM flags").
		Scan(&sw.last, &n); err != nil {
		return fmt.Errorf("active flags: %w", err)
	}
	sw.active = make(map[flagID]activeFlag, n)
	rows, err := tx.QueryContext(ctx, `SELECT id, coalesce(case_id, 0), `+flagKeySQL+`, amount_cents, text, kind, state = 'ouverte' FROM flags
		WHERE state IN ('ouverte', 'reportee') AND kind IN `+sqlList(kindStrings(debt.SweepKinds)))
	if err != nil {
		return fmt.Errorf("active flags: %w", err)
	}
	defer rows.Close()
	var a activeFlag
	var caseID int64
	var key, text, kind sql.RawBytes
	for rows.Next() {
		a = activeFlag{}
		if err := rows.Scan(&a.id, &caseID, &key, &a.amount, &text, &kind, &a.open); err != nil {
			return err
		}
		if a.open {
			sw.rep.Open++
		}
		a.text = maphash.Bytes(sw.seed, text)
		for i, k := range debt.FlagKinds {
			if string(kind) == string(k) {
				a.kind = uint8(i)
			}
		}
		sw.active[flagID{caseID, maphash.Bytes(sw.seed, key)}] = a
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("active flags: %w", err)
	}
	if sw.update, err = tx.PrepareContext(ctx, "UPDATE flags SET text = ?, amount_cents = ? WHERE id = ?"); err != nil {
		return err
	}
	sw.raise, err = tx.PrepareContext(ctx, `INSERT INTO flags (case_id, kind, object, due, since, amount_cents, text) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT `+flagsKeyTarget+` DO UPDATE SET state = 'ouverte', since = excluded.since, amount_cents = excluded.amount_cents, text = excluded.text,
		closed_at = '', closed_by = '', comment = '' WHERE flags.state = 'resolue'
		RETURNING id`)
	if err != nil {
		sw.update.Close()
		return err
	}
	return nil
}

// stepFlags is what a step found: its flags in batches, then, once flags
// is closed, its error and how long it ran (waiting for the writing left
// out).
type stepFlags struct {
	flags chan []debt.Flag
	err   error
	took  time.Duration
}

// stepBatch is how many flags a step hands over at a time, and stepAhead
// how many batches it may be ahead of the writing.
const (
	stepBatch = 256
	stepAhead = 16
)

// findAll starts the steps (but the settled one, found before) in order on
// read transactions, as many at a time as there are processors (three at
// most, leaving the screens a read connection). The step being written
// always runs: the ones after it wait for a processor or for room ahead.
// stop cancels the steps still running and waits for them.
func (sw *sweeper) findAll(rules debt.Rules, fr debt.FlagRules) ([]*stepFlags, func()) {
	ctx, cancel := context.WithCancel(sw.ctx)
	found := make([]*stepFlags, len(sweepSteps))
	for i := range found {
		found[i] = &stepFlags{flags: make(chan []debt.Flag, stepAhead)}
	}
	slots := make(chan struct{}, min(max(1, runtime.GOMAXPROCS(0)), 3))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, step := range sweepSteps {
			out := found[i]
			if step.name == "settled" {
				close(out.flags)
				continue
			}
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				out.err = ctx.Err()
				close(out.flags)
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-slots }()
				defer close(out.flags)
				st := time.Now()
				waited, err := sw.find(ctx, step, rules, fr, out.flags)
				out.err, out.took = err, time.Since(st)-waited
			}()
		}
	}()
	return found, func() {
		cancel()
		for _, out := range found {
			for range out.flags {
			}
		}
		wg.Wait()
	}
}

// find runs one step on a read transaction of its own and sends its flags
// to out in batches. It returns how long it waited for room to send them.
func (sw *sweeper) find(ctx context.Context, step sweepStep, rules debt.Rules, fr debt.FlagRules, out chan<- []debt.Flag) (time.Duration, error) {
	tx, err := sw.ro.BeginTx(ctx, sw.d.readTx)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", step.name, err)
	}
	defer tx.Rollback()
	var waited time.Duration
	batch := make([]debt.Flag, 0, stepBatch)
	send := func() error {
		st := time.Now()
		defer func() { waited += time.Since(st) }()
		select {
		case out <- batch:
			batch = make([]debt.Flag, 0, stepBatch)
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err = step.find(ctx, tx, sw.d, sw.day, rules, fr, func(f debt.Flag) error {
		batch = append(batch, f)
		if len(batch) == stepBatch {
			return send()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = send()
	}
	return waited, err
}

func (sw *sweeper) close() {
	sw.update.Close()
	sw.raise.Close()
}

// id returns f's flagID: the hash of the bytes flagKeySQL gives for it.
func (sw *sweeper) id(f debt.Flag) flagID {
	b := strconv.AppendInt(sw.buf[:0], f.CaseID, 10)
	b = append(b, '|')
	b = append(b, f.Kind...)
	b = append(b, '|')
	b = append(b, f.Object...)
	b = append(b, '|')
	if !f.Due.IsZero() {
		y, m, d := f.Due.Year(), int(f.Due.Month()), f.Due.Day()
		b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
			byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
	}
	sw.buf = b
	return flagID{f.CaseID, maphash.Bytes(sw.seed, b)}
}

// put writes a flag that holds on the day: an active one's text and
// amount follow; any other is raised, or reopened when it was resolved
// (one handled stays handled). A flag found twice counts once: the first
// one found is kept.
func (sw *sweeper) put(f debt.Flag) error {
	id := sw.id(f)
	if a, ok := sw.active[id]; ok {
		if a.found {
			return nil
		}
		a.found = true
		sw.active[id] = a
		if a.amount != f.Amount || a.text != maphash.String(sw.seed, f.Text) {
			if _, err := sw.update.ExecContext(sw.ctx, f.Text, int64(f.Amount), a.id); err != nil {
				return fmt.Errorf("update flag: %w", err)
			}
		}
		return nil
	}
	// Not active: raised, reopened, or left alone when handled or when
	// raised already by this sweep (the same flag found twice).
	var caseID any
	if f.CaseID != 0 {
		caseID = f.CaseID
	}
	var n int64
	err := sw.raise.QueryRowContext(sw.ctx, caseID, string(f.Kind), f.Object, f.Due.ISO(), sw.day.ISO(), int64(f.Amount), f.Text).Scan(&n)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("raise flag: %w", err)
	case n > sw.last:
		sw.rep.Raised++
	default:
		sw.reopened = append(sw.reopened, n)
	}
	return nil
}

// run runs the steps, then journals the new and reopened flags, resolves
// the active flags no longer true and wakes the snoozed ones whose date
// has come.
func (sw *sweeper) run(rules debt.Rules, fr debt.FlagRules, found []*stepFlags) error {
	ctx, tx := sw.ctx, sw.tx
	// A case whose balance is zero needs one request to close it, not
	// one more for its completed plan: the settled cases (a few hundred)
	// are found first, and their flags written in their step's turn.
	var settled []debt.Flag
	if err := settledFlags(ctx, tx, sw.d, sw.day, rules, fr, func(f debt.Flag) error { settled = append(settled, f); return nil }); err != nil {
		return err
	}
	zero := make(map[int64]bool, len(settled))
	for _, f := range settled {
		if f.Kind == debt.FlagCloseCase && f.Object == "balance" {
			zero[f.CaseID] = true
		}
	}
	// The steps' queries run side by side on read connections (they read
	// the facts, which nothing else can change while the sweep holds the
	// write lock), while their flags are written here in step order: each
	// step hands them over in batches, a few thousand ahead at most.
	for i, step := range sweepSteps {
		st := time.Now()
		n := 0
		emit := func(f debt.Flag) error {
			if f.Kind == debt.FlagCloseCase && f.Object != "balance" && zero[f.CaseID] {
				return nil
			}
			n++
			return sw.put(f)
		}
		if step.name == "settled" {
			for _, f := range settled {
				if err := emit(f); err != nil {
					return err
				}
			}
		} else {
			for batch := range found[i].flags {
				for _, f := range batch {
					if err := emit(f); err != nil {
						return err
					}
				}
			}
			if found[i].err != nil {
				return found[i].err
			}
		}
		if traceSweep != nil {
			d := found[i].took // the step's own work, side by side with others
			if step.name == "settled" {
				d = time.Since(st)
			}
			traceSweep(i, n, d)
		}
	}
	st := time.Now()
	rep := sw.rep
	at := instant(sw.now)
	// The new flags' journal entries, in one statement.
	if _, err := tx.ExecContext(ctx, `INSERT INTO events (case_id, at, author, kind, text)
		SELECT case_id, ?, 'Amiable', ?, 'Alerte : ' || text FROM flags WHERE id > ? AND case_id IS NOT NULL ORDER BY id`,
		at, string(debt.EventFlag), sw.last); err != nil {
		return fmt.Errorf("journal flags: %w", err)
	}
	slices.Sort(sw.reopened)
	rep.Reopened = len(sw.reopened)
	if err := journalFlags(ctx, tx, sw.reopened, at, "Alerte de nouveau à traiter : "); err != nil {
		return err
	}
	// Active flags no longer true: resolved, with the reason (a closed
	// case, or the kind's).
	type gone struct {
		id, caseID int64
		kind       debt.FlagKind
		open       bool
	}
	var vanished []gone
	for id, a := range sw.active {
		if !a.found {
			vanished = append(vanished, gone{id: a.id, caseID: id.caseID, kind: debt.FlagKinds[a.kind], open: a.open})
		}
	}
	sw.active = nil
	slices.SortFunc(vanished, func(a, b gone) int { return cmp.Compare(a.id, b.id) })
	for _, g := range vanished {
		if g.open {
			rep.Open--
		}
		reason := g.kind.ResolvedReason()
		if g.caseID != 0 && g.kind != debt.FlagFundsHeld {
			var status string
			if err := tx.QueryRowContext(ctx, "SELECT status FROM cases WHERE id = ?", g.caseID).Scan(&status); err != nil {
				return fmt.Errorf("resolve flag: %w", err)
			}
			if st := debt.Status(status); st.Closed() {
				reason = "le dossier est clos (" + strings.ToLower(st.Label()) + ")"
			}
		}
		var text string
		if err := tx.QueryRowContext(ctx, "UPDATE flags SET state = 'resolue', closed_at = ?, closed_by = 'Amiable', comment = ? WHERE id = ? RETURNING text",
			at, reason, g.id).Scan(&text); err != nil {
			return fmt.Errorf("resolve flag: %w", err)
		}
		if g.caseID != 0 {
			if _, err := insertEvent(ctx, tx, debt.Event{CaseID: g.caseID, At: sw.now, Author: "Amiable", Kind: debt.EventFlag,
				Text: "Alerte résolue : " + reason + ". (" + text + ")"}); err != nil {
				return err
			}
		}
	}
	rep.Resolved = len(vanished)
	// Snoozed flags whose date has come.
	res, err := tx.ExecContext(ctx, "UPDATE flags SET state = 'ouverte' WHERE state = 'reportee' AND snoozed_until <= ? AND case_id IS NOT NULL", sw.day.ISO())
	if err != nil {
		return fmt.Errorf("wake flags: %w", err)
	}
	n, _ := res.RowsAffected()
	res, err = tx.ExecContext(ctx, "UPDATE flags SET state = 'ouverte' WHERE state = 'reportee' AND snoozed_until <= ? AND case_id IS NULL", sw.day.ISO())
	if err != nil {
		return fmt.Errorf("wake flags: %w", err)
	}
	office, _ := res.RowsAffected()
	rep.Woken = int(n + office)
	// Open now: the sweep's kinds counted as they went, and the office's.
	var officeOpen int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM flags WHERE case_id IS NULL AND state = 'ouverte'").Scan(&officeOpen); err != nil {
		return err
	}
	rep.Open += rep.Raised + rep.Reopened + int(n) + officeOpen
	if traceSweep != nil {
		traceSweep(len(sweepSteps), rep.Raised, time.Since(st))
	}
	return nil
}

func kindStrings(ks []debt.FlagKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// journalFlags writes a journal entry for each flag of a case among ids.
func journalFlags(ctx context.Context, tx *sql.Tx, ids []int64, at, prefix string) error {
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (case_id, at, author, kind, text)
			SELECT case_id, ?, 'Amiable', ?, ? || text FROM flags WHERE id = ? AND case_id IS NOT NULL`, at, string(debt.EventFlag), prefix, id); err != nil {
			return fmt.Errorf("journal flag: %w", err)
		}
	}
	return nil
}

const flagColumns = `f.id, coalesce(f.case_id, 0), coalesce(k.ref, ''), coalesce(k.debtor_name, ''), f.kind, f.object, f.due, f.since,
	f.amount_cents, f.text, f.state, f.snoozed_until, f.closed_at, f.closed_by, f.comment`

func scanFlags(rows *sql.Rows) ([]FlagRow, error) {
	defer rows.Close()
	out := []FlagRow{}
	for rows.Next() {
		var f FlagRow
		var kind, due, since, state, snoozed, closed string
		if err := rows.Scan(&f.ID, &f.CaseID, &f.CaseRef, &f.Debtor, &kind, &f.Object, &due, &since, &f.Amount, &f.Text, &state,
			&snoozed, &closed, &f.ClosedBy, &f.Comment); err != nil {
			return nil, err
		}
		f.Kind, f.State, f.Due, f.Since, f.Snoozed = debt.FlagKind(kind), debt.FlagState(state), mustDate(due), mustDate(since), mustDate(snoozed)
		if closed != "" {
			f.Closed = parseInstant(closed)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// SortFlags orders flags for the review: by kind, most urgent first
// (unknown kinds last, by name, each in one group), then by due date,
// oldest first, case reference and id. FlagPage pages in this order.
func SortFlags(fs []FlagRow) {
	slices.SortStableFunc(fs, func(a, b FlagRow) int {
		return cmp.Or(cmp.Compare(a.Kind.Rank(), b.Kind.Rank()), cmp.Compare(a.Kind, b.Kind), a.Due.Compare(b.Due),
			cmp.Compare(a.CaseRef, b.CaseRef), cmp.Compare(a.ID, b.ID))
	})
}

// OpenFlags returns the flags to handle on today: open ones, and snoozed
// ones whose date has come, most urgent kind first, oldest due first.
func (s *Store) OpenFlags(ctx context.Context, today debt.Date) ([]FlagRow, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT `+flagColumns+` FROM flags f LEFT JOIN cases k ON k.id = f.case_id
		WHERE f.state IN ('ouverte', 'reportee') AND (f.state = 'ouverte' OR f.snoozed_until <= ?)`, today.ISO())
	if err != nil {
		return nil, fmt.Errorf("open flags: %w", err)
	}
	fs, err := scanFlags(rows)
	SortFlags(fs)
	return fs, err
}

// CountOpenFlags counts the flags to handle on today (the rail's badge).
func (s *Store) CountOpenFlags(ctx context.Context, today debt.Date) (int, error) {
	var n int
	err := s.ro.QueryRowContext(ctx, `SELECT count(*) FROM flags WHERE state IN ('ouverte', 'reportee') AND (state = 'ouverte' OR snoozed_until <= ?)`,
		today.ISO()).Scan(&n)
	return n, err
}

// CaseFlags returns every flag of a case, newest first (handled and
// resolved ones too).
func (s *Store) CaseFlags(ctx context.Context, caseID int64) ([]FlagRow, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT `+flagColumns+` FROM flags f LEFT JOIN cases k ON k.id = f.case_id
		WHERE f.case_id = ? ORDER BY f.since DESC, f.id DESC`, caseID)
	if err != nil {
		return nil, fmt.Errorf("case flags: %w", err)
	}
	return scanFlags(rows)
}

// Flag returns one flag.
func (s *Store) Flag(ctx context.Context, id int64) (FlagRow, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT `+flagColumns+` FROM flags f LEFT JOIN cases k ON k.id = f.case_id WHERE f.id = ?`, id)
	if err != nil {
		return FlagRow{}, fmt.Errorf("flag: %w", err)
	}
	fs, err := scanFlags(rows)
	if err != nil {
		return FlagRow{}, err
	}
	if len(fs) == 0 {
		return FlagRow{}, notFound("Alerte introuvable (n° interne %d).", id)
	}
	return fs[0], nil
}

// HandleFlag marks a flag handled by author, with an optional comment;
// the case journal (or the office's, for an office flag) records it.
func (s *Store) HandleFlag(ctx context.Context, id int64, comment, author string, now time.Time) error {
	if errs := debt.CheckText("comment", "Le commentaire", comment, false, debt.MaxLongText); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	comment = strings.TrimSpace(comment)
	return s.changeFlag(ctx, id, func(tx *sql.Tx, f FlagRow) (string, error) {
		if _, err := tx.ExecContext(ctx, "UPDATE flags SET state = 'traitee', closed_at = ?, closed_by = ?, comment = ? WHERE id = ?",
			instant(now), author, comment, id); err != nil {
			return "", err
		}
		text := fmt.Sprintf("Alerte traitée (%s) : %s", f.Kind.Label(), f.Text)
		if comment != "" {
			text += " Commentaire : " + comment
		}
		return text, nil
	}, author, now)
}

// SnoozeFlag puts a flag aside until the date until (after today): it comes
// back in the review that day, unless its cause has disappeared.
func (s *Store) SnoozeFlag(ctx context.Context, id int64, until debt.Date, comment, author string, now time.Time) error {
	var errs []debt.FieldError
	if until.IsZero() || !until.After(debt.DateOf(now)) {
		errs = append(errs, debt.FieldError{Field: "until", Message: "La date de report doit être postérieure à aujourd'hui"})
	} else if until.After(debt.DateOf(now).AddYears(1)) {
		errs = append(errs, debt.FieldError{Field: "until", Message: "La date de report ne peut pas dépasser un an"})
	}
	errs = append(errs, debt.CheckText("comment", "Le commentaire", comment, false, debt.MaxLongText)...)
	if len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	comment = strings.TrimSpace(comment)
	return s.changeFlag(ctx, id, func(tx *sql.Tx, f FlagRow) (string, error) {
		if _, err := tx.ExecContext(ctx, "UPDATE flags SET state = 'reportee', snoozed_until = ?, comment = ? WHERE id = ?", until.ISO(), comment, id); err != nil {
			return "", err
		}
		text := fmt.Sprintf("Alerte reportée au %s (%s) : %s", until, f.Kind.Label(), f.Text)
		if comment != "" {
			text += " Commentaire : " + comment
		}
		return text, nil
	}, author, now)
}

// changeFlag runs fn on an open or snoozed flag and journals its text.
func (s *Store) changeFlag(ctx context.Context, id int64, fn func(tx *sql.Tx, f FlagRow) (string, error), author string, now time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+flagColumns+` FROM flags f LEFT JOIN cases k ON k.id = f.case_id WHERE f.id = ?`, id)
		if err != nil {
			return err
		}
		fs, err := scanFlags(rows)
		if err != nil {
			return err
		}
		if len(fs) == 0 {
			return notFound("Alerte introuvable (n° interne %d).", id)
		}
		f := fs[0]
		if f.State == debt.FlagHandled || f.State == debt.FlagResolved {
			return conflict("Cette alerte est déjà %s.", strings.ToLower(f.State.Label()))
		}
		text, err := fn(tx, f)
		if err != nil {
			return err
		}
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: f.CaseID, At: now, Author: author, Kind: debt.EventNote, Text: text})
		return err
	})
}

// RaiseOfficeFlag raises a flag of the office (no case), such as a failed
// backup, on day; an identical flag is not raised twice, and a resolved one
// comes back. The office journal records it.
func (s *Store) RaiseOfficeFlag(ctx context.Context, f debt.Flag, day debt.Date, now time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO flags (case_id, kind, object, due, since, amount_cents, text) VALUES (NULL,?,?,?,?,?,?)
			ON CONFLICT `+flagsKeyTarget+` DO UPDATE SET state = 'ouverte', text = excluded.text, closed_at = '', closed_by = '', comment = ''
			WHERE flags.state = 'resolue'`,
			string(f.Kind), f.Object, f.Due.ISO(), day.ISO(), int64(f.Amount), f.Text)
		if err != nil {
			return fmt.Errorf("raise office flag: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		_, err = insertEvent(ctx, tx, debt.Event{At: now, Author: "Amiable", Kind: debt.EventFlag, Text: "Alerte : " + f.Text})
		return err
	})
}

// ResolveOfficeFlags resolves the office's open flags of a kind (a backup
// that succeeded resolves the failed ones) with the reason given.
func (s *Store) ResolveOfficeFlags(ctx context.Context, kind debt.FlagKind, reason string, now time.Time) (int, error) {
	var n int
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE flags SET state = 'resolue', closed_at = ?, closed_by = 'Amiable', comment = ?
			WHERE case_id IS NULL AND kind = ? AND state IN ('ouverte', 'reportee')`, instant(now), reason, string(kind))
		if err != nil {
			return fmt.Errorf("resolve office flags: %w", err)
		}
		k, _ := res.RowsAffected()
		if n = int(k); n == 0 {
			return nil
		}
		_, err = insertEvent(ctx, tx, debt.Event{At: now, Author: "Amiable", Kind: debt.EventFlag,
			Text: fmt.Sprintf("Alerte résolue (%s) : %s", kind.Label(), reason)})
		return err
	})
	return n, err
}
