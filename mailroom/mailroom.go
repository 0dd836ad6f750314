// Package mailroom is the office's mail room: it gathers from the store
// what a letter needs, runs the legal checks, composes and renders the
// letter, issues it (the exact PDF kept in the store), and prints the day's
// batch of letters to post with its deposit list. The window and the
// command line both go through it, so a letter is the same whichever
// issued it.
package mailroom

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
)

// Request is a letter a person asks for.
type Request struct {
	CaseID int64
	Kind   letters.Kind
	// RecipientID is the debtor (or, for a letter to the creditor, the
	// creditor); 0: the case's first debtor, or its creditor.
	RecipientID int64
	Date        debt.Date       // zero: today
	Post        debt.Registered // registered post, with its tracking number when issuing
	Report      letters.CreditorReport
	Proposal    string
	// Plan for a plan proposal written before any plan is saved; nil: the
	// running plan.
	Plan []debt.Instalment
	// Force issues a formal notice before a reminder's deadline has
	// expired (see EarlyNotice): the person confirmed it.
	Force bool
}

// EarlyNotice refuses, until a person confirms it (Request.Force), a
// formal notice issued while a reminder's deadline still runs
// (debt.PendingReminder).
type EarlyNotice struct {
	Reminder debt.IssuedStep
}

func (e *EarlyNotice) Error() string {
	return fmt.Sprintf("La relance %s du %s laisse au débiteur jusqu'au %s pour payer : la mise en demeure viendrait avant l'expiration de ce délai",
		e.Reminder.Ref, e.Reminder.Date, e.Reminder.Deadline)
}

// Draft is a prepared letter: its input, the composed letter, the problems
// that stop it from being issued, and its PDF for review.
type Draft struct {
	Input    letters.Input
	Letter   letters.Letter
	Problems []letters.Problem
	PDF      []byte
}

// ErrRefused is returned by Issue when the legal checks found problems.
var ErrRefused = errors.New("courrier refusé")

// Refusal lists the problems that stop a letter, in French.
type Refusal struct{ Problems []letters.Problem }

func (r *Refusal) Error() string {
	lines := make([]string, len(r.Problems))
	for i, p := range r.Problems {
		lines[i] = "- " + p.String()
	}
	return "Le courrier ne peut pas être émis :\n" + strings.Join(lines, "\n")
}

func (r *Refusal) Unwrap() error { return ErrRefused }

// Settings reads the office's letter settings (defaults when never saved).
func Settings(ctx context.Context, st *data.Store) (letters.Settings, error) {
	var s letters.Settings
	_, err := st.Setting(ctx, settingsKey, &s)
	return s, err
}

const settingsKey = "letters"

// SaveSettings checks and stores the office's letter settings.
func SaveSettings(ctx context.Context, st *data.Store, s letters.Settings, author string, now time.Time) error {
	var errs []debt.FieldError
	if s.Window != (letters.Window{}) {
		errs = append(errs, s.Window.Validate()...)
	}
	for k, n := range s.DeadlineDays {
		if n < 1 || n > 90 {
			errs = append(errs, debt.FieldError{Field: "deadline_days", Message: fmt.Sprintf("Le délai de « %s » doit être compris entre 1 et 90 jours", k.Label())})
		}
	}
	for k, t := range s.Templates {
		if err := letters.CheckTemplate(t); err != nil {
			errs = append(errs, debt.FieldError{Field: "templates", Message: fmt.Sprintf("Modèle « %s » : %v", k.Label(), err)})
		}
	}
	if len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	return st.SaveSetting(ctx, settingsKey, s, "courriers (délais, modèles, position de la fenêtre)", author, now)
}

// Prepare gathers, checks, composes and renders a letter without issuing
// it: what the person reviews before issuing.
func Prepare(ctx context.Context, st *data.Store, req Request, now time.Time) (Draft, error) {
	return prepare(ctx, st, req, now, false)
}

func prepare(ctx context.Context, st *data.Store, req Request, now time.Time, issuing bool) (Draft, error) {
	var d Draft
	if req.Date.IsZero() {
		req.Date = debt.DateOf(now)
	}
	if req.RecipientID == 0 {
		c, err := st.Case(ctx, req.CaseID)
		if err != nil {
			return d, err
		}
		if req.Kind == letters.ToCreditor {
			req.RecipientID = c.Creditor.ID
		} else if len(c.Debtors) > 0 {
			req.RecipientID = c.FirstDebtor().ID
		}
	}
	facts, err := st.LetterFacts(ctx, req.CaseID, req.RecipientID, req.Date)
	if err != nil {
		return d, err
	}
	if facts.Figures.StatementErr != "" {
		return d, &Refusal{Problems: []letters.Problem{{Code: "taux", Message: facts.Figures.StatementErr, Fix: "Ajoutez le taux dans Paramètres → Taux"}}}
	}
	settings, err := Settings(ctx, st)
	if err != nil {
		return d, err
	}
	in := letters.Input{
		Office: facts.Office, Case: facts.Case, Recipient: facts.Recipient, Statement: facts.Figures.Statement,
		Date: req.Date, Ref: facts.NextRef, Rules: facts.Rules, Settings: settings,
		FirstToDebtor: facts.FirstRef == "" && req.Kind.ToDebtor(),
		First:         letters.FirstLetter{Ref: facts.FirstRef, Date: facts.FirstDate},
		Post:          req.Post, Plan: req.Plan, Report: req.Report, Proposal: req.Proposal, Issuing: issuing,
	}
	if in.Plan == nil {
		in.Plan = facts.Plan
	}
	if lim := facts.Figures.Limitation; !lim.Expires.IsZero() {
		in.Limitation = &lim
	}
	if facts.LastPayment != nil && (req.Kind == letters.Receipt || req.Kind == letters.ToCreditor) {
		p := facts.LastPayment
		method := strings.ToLower(p.Method.Label())
		if p.BankRef != "" {
			method += " (réf. " + p.BankRef + ")"
		}
		in.Payment = &letters.ReceivedPayment{Payment: debt.Payment{ID: p.ID, Received: p.Received, Amount: p.Amount, Lines: p.Lines},
			Method: method, Payer: p.Payer}
	}
	if in.Post.Tracking != "" {
		n, _, err := debt.ParseTracking(in.Post.Tracking)
		if err != nil {
			return d, &Refusal{Problems: []letters.Problem{{Code: "suivi", Message: upperFirst(err.Error()), Fix: "Recopiez le numéro de l'étiquette du recommandé"}}}
		}
		in.Post.Tracking = n
	}
	d.Input = in
	d.Problems = letters.Check(req.Kind, in)
	d.Letter, err = letters.Compose(req.Kind, in)
	if err != nil {
		if len(d.Problems) > 0 {
			return d, nil
		}
		return d, err
	}
	d.Input.Post = d.Letter.Post
	d.PDF, err = letters.Render(d.Letter)
	if err != nil {
		return d, err
	}
	return d, nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// Issue prepares the letter for issuing and, when no check fails, keeps
// its exact PDF, journals it, records its deadline and moves the case. A
// refused letter returns a *Refusal listing what to fix.
func Issue(ctx context.Context, st *data.Store, req Request, author string, now time.Time) (data.LetterRow, Draft, error) {
	return issue(ctx, st, req, author, now, true)
}

// IssueHistory issues a letter of a case's past (the demonstration
// office's history): composed, checked, kept and journaled like any letter
// at now, the moment it was issued, but the case keeps its present status.
func IssueHistory(ctx context.Context, st *data.Store, req Request, author string, now time.Time) (data.LetterRow, error) {
	req.Force = true // the past as it happened
	row, _, err := issue(ctx, st, req, author, now, false)
	return row, err
}

func issue(ctx context.Context, st *data.Store, req Request, author string, now time.Time, moveStatus bool) (data.LetterRow, Draft, error) {
	d, err := prepare(ctx, st, req, now, true)
	if err != nil {
		return data.LetterRow{}, d, err
	}
	if len(d.Problems) > 0 {
		return data.LetterRow{}, d, &Refusal{Problems: d.Problems}
	}
	if req.Kind == letters.FormalNotice && !req.Force {
		p, early, err := st.PendingReminder(ctx, req.CaseID, d.Letter.Date)
		if err != nil {
			return data.LetterRow{}, d, err
		}
		if early {
			return data.LetterRow{}, d, &EarlyNotice{Reminder: p}
		}
	}
	js, err := json.Marshal(d.Letter)
	if err != nil {
		return data.LetterRow{}, d, err
	}
	status, _ := req.Kind.StatusAfter()
	if !moveStatus {
		status = ""
	}
	row, err := st.IssueLetter(ctx, data.NewLetter{
		CaseID: req.CaseID, Kind: string(req.Kind), KindLabel: req.Kind.Label(), RecipientID: d.Input.Recipient.ID,
		Ref: d.Letter.Ref, Date: d.Letter.Date, Deadline: d.Letter.Deadline, PDF: d.PDF, JSON: js,
		Recipient: d.Letter.Recipient, Postcode: d.Letter.Postcode, Town: d.Letter.Town, Post: d.Letter.Post,
		StatusAfter: status, FormalNotice: req.Kind == letters.FormalNotice, ToCreditor: req.Kind == letters.ToCreditor,
	}, author, now)
	return row, d, err
}

// Batch is the day's run: the letters to post and the PDF to print.
type Batch struct {
	Day     debt.Date
	Letters []data.LetterRow
	PDF     []byte
	// Pending are the letters not yet recorded as posted: ConfirmDeposit
	// records them as deposited on Day.
	Pending []int64
}

// ConfirmDeposit records the batch's pending letters as deposited at La
// Poste on b.Day, in one transaction: all of them or, on error, none. Call
// it only once the deposit list exists (the PDF is written) and, in the
// window, once the clerk confirms the batch left. Confirming twice is
// harmless (letters already posted are left as they are).
func ConfirmDeposit(ctx context.Context, st *data.Store, b Batch, author string, now time.Time) error {
	if len(b.Pending) == 0 {
		return nil
	}
	return st.MarkPosted(ctx, b.Pending, b.Day, author, now)
}

// PrepareDay prints every letter not yet posted (dated on or before day),
// in issuing order, followed by the deposit list of the registered ones:
// the list is stamped at the counter that day. Letters already posted on
// day are printed again with them. It changes nothing: ConfirmDeposit
// records the letters as posted. A registered letter without tracking
// number stops the batch.
func PrepareDay(ctx context.Context, st *data.Store, day debt.Date) (Batch, error) {
	b := Batch{Day: day}
	office, err := st.Office(ctx)
	if err != nil {
		return b, err
	}
	var pending []data.LetterRow
	for _, stage := range []data.LetterStage{data.StageToPrint, data.StageToPost} {
		ls, err := st.Letters(ctx, data.LetterQuery{Stage: stage})
		if err != nil {
			return b, err
		}
		for _, l := range ls {
			if !l.Date.After(day) {
				pending = append(pending, l)
			}
		}
	}
	posted, err := st.Letters(ctx, data.LetterQuery{Deposit: day})
	if err != nil {
		return b, err
	}
	slices.SortFunc(pending, func(a, b data.LetterRow) int { return cmp.Compare(a.ID, b.ID) })
	all := append(posted, pending...)
	if len(all) == 0 {
		return b, &data.Error{Code: data.EINVALID, Message: fmt.Sprintf("Aucun courrier à poster le %s.", day)}
	}
	var missing []string
	ls := make([]letters.Letter, len(all))
	dep := letters.Deposit{Office: office, Date: day}
	for i, row := range all {
		if err := json.Unmarshal(row.JSON, &ls[i]); err != nil {
			return b, fmt.Errorf("letter %s: %w", row.Ref, err)
		}
		ls[i].Post = row.Post
		if row.Post.IsRegistered() && row.Post.Tracking == "" {
			missing = append(missing, row.Ref)
		}
		if it, ok := ls[i].DepositItem(); ok {
			dep.Items = append(dep.Items, it)
		}
	}
	if len(missing) > 0 {
		return b, &data.Error{Code: data.EINVALID, Message: "Numéro de suivi manquant pour les recommandés " + strings.Join(missing, ", ") + " : saisissez-les avant la tournée."}
	}
	if b.PDF, err = letters.RenderBatch(ls, dep); err != nil {
		return b, err
	}
	b.Pending = make([]int64, len(pending))
	for i, l := range pending {
		b.Pending[i] = l.ID
	}
	b.Letters = all
	return b, nil
}

// SameDayLetter returns a letter of that kind already issued to the case
// on day, if any: issuing the same letter twice the same day is nearly
// always a slip (a retry, a double click), so the command line asks for
// -force and the window should ask the person to confirm.
func SameDayLetter(ctx context.Context, st *data.Store, caseID int64, kind letters.Kind, day debt.Date) (data.LetterRow, bool, error) {
	ls, err := st.Letters(ctx, data.LetterQuery{CaseID: caseID})
	if err != nil {
		return data.LetterRow{}, false, err
	}
	for _, l := range ls {
		if l.Kind == string(kind) && l.Date == day {
			return l, true, nil
		}
	}
	return data.LetterRow{}, false, nil
}
