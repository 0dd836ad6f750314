package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"amiable/debt"
)

// Method is how a payment was made.
type Method string

const (
	MethodTransfer Method = "virement"
	MethodCheque   Method = "cheque"
	MethodCard     Method = "carte"
	MethodCash     Method = "especes"
	MethodDebit    Method = "prelevement"
	methodCancel   Method = "annulation" // a counter-entry
)

// Methods lists the methods a person can choose.
var Methods = []Method{MethodTransfer, MethodCheque, MethodCard, MethodCash, MethodDebit}

// Label returns the French label of the method.
func (m Method) Label() string {
	switch m {
	case MethodTransfer:
		return "Virement"
	case MethodCheque:
		return "Chèque"
	case MethodCard:
		return "Carte bancaire"
	case MethodCash:
		return "Espèces"
	case MethodDebit:
		return "Prélèvement"
	case methodCancel:
		return "Annulation"
	}
	return string(m)
}

// ParseMethod accepts a method code, its label, or the code without accent.
func ParseMethod(s string) (Method, error) {
	t := fold(s)
	for _, m := range Methods {
		if t == string(m) || t == fold(m.Label()) {
			return m, nil
		}
	}
	if t == "cheque" {
		return MethodCheque, nil
	}
	return "", invalid("Mode de paiement « %s » inconnu (virement, cheque, carte, especes, prelevement).", s)
}

// PaymentInput is a payment as the office records it.
type PaymentInput struct {
	Received debt.Date
	Amount   debt.Cents
	Method   Method
	Payer    string
	BankRef  string
	Lines    []int64 // the debtor's own choice of claim lines, if any
}

// Payment is a recorded payment with how it was allocated.
type Payment struct {
	ID          int64                 `json:"id"`
	CaseID      int64                 `json:"-"`
	Received    debt.Date             `json:"received"`
	Amount      debt.Cents            `json:"amount_cents"`
	Method      Method                `json:"method"`
	Payer       string                `json:"payer,omitempty"`
	BankRef     string                `json:"bank_ref,omitempty"`
	Lines       []int64               `json:"lines,omitempty"`
	Credit      debt.Cents            `json:"credit_cents"` // overpaid: to refund to the debtor
	Allocation  []debt.LineAllocation `json:"allocation"`
	Cancelled   bool                  `json:"cancelled"`
	CancelledBy int64                 `json:"cancelled_by,omitempty"` // the counter-entry
	Reason      string                `json:"cancel_reason,omitempty"`
	Author      string                `json:"author"`
	Created     time.Time             `json:"created"`
}

// PaymentResult tells the person what a recorded payment did.
type PaymentResult struct {
	Payment   Payment        `json:"payment"`
	Statement debt.Statement `json:"statement"` // at the payment's date, after it
	// Settled: the balance reached zero; propose closing the case as paid
	// with the statement that the debt is settled.
	Settled bool `json:"settled"`
	// NotifyCreditor: a partial payment outside a plan the creditor knows;
	// it is queued for the next letter to the creditor (R124-5).
	NotifyCreditor bool `json:"notify_creditor"`
}

// RecordPayment records money received from a debtor, allocates it (Code
// civil 1343-1, 1342-10 or the debtor's choice), journals it, and queues
// the creditor's notice of a partial payment made outside a signed plan.
// Bad input changes nothing.
func (s *Store) RecordPayment(ctx context.Context, caseID int64, in PaymentInput, author string, now time.Time) (PaymentResult, error) {
	var res PaymentResult
	// Outside text (a bank statement pasted, a cheque's drawer): one
	// clean line each before the journal, the receipt and the export.
	in.BankRef, in.Payer = debt.CleanLine(in.BankRef), debt.CleanLine(in.Payer)
	today := debt.DateOf(now)
	var errs []debt.FieldError
	if in.Amount <= 0 {
		errs = append(errs, debt.FieldError{Field: "amount", Message: "Le montant doit être supérieur à zéro"})
	}
	if in.Received.IsZero() {
		errs = append(errs, debt.FieldError{Field: "received", Message: "La date de réception est obligatoire"})
	} else if in.Received.After(today) {
		errs = append(errs, debt.FieldError{Field: "received", Message: "La date de réception est dans le futur"})
	}
	if _, err := ParseMethod(string(in.Method)); err != nil {
		errs = append(errs, debt.FieldError{Field: "method", Message: "Choisissez le mode de paiement"})
	}
	errs = append(errs, debt.CheckText("payer", "Le payeur", in.Payer, false, debt.MaxShortText)...)
	errs = append(errs, debt.CheckText("bank_ref", "La référence bancaire", in.BankRef, false, 100)...)
	if len(errs) > 0 {
		return res, debt.ValidationError(errs)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if c.Status.Closed() {
			return invalid("Le dossier %s est clos : rouvrez-le pour enregistrer un encaissement.", c.Ref)
		}
		if in.Received.Before(c.Opened) {
			return invalid("La date de réception (%s) précède l'ouverture du dossier (%s).", in.Received, c.Opened)
		}
		for _, id := range in.Lines {
			found := false
			for _, l := range c.Lines {
				found = found || l.ID == id
			}
			if !found {
				return invalid("La ligne choisie par le débiteur n'appartient pas au dossier %s.", c.Ref)
			}
		}
		var st debt.Statement
		if res.Payment, st, err = insertPayment(ctx, tx, c, in, author, now); err != nil {
			return err
		}
		res.Statement = st
		res.Settled = st.Due() == 0
		inPlan, err := signedPlanOpen(ctx, tx, caseID)
		if err != nil {
			return err
		}
		res.NotifyCreditor = !res.Settled && !inPlan
		if res.NotifyCreditor {
			if _, err := tx.ExecContext(ctx, "INSERT INTO creditor_notices (payment_id, case_id) VALUES (?, ?)", res.Payment.ID, caseID); err != nil {
				return fmt.Errorf("creditor notice: %w", err)
			}
		}
		if err := refreshCase(ctx, tx, caseID); err != nil {
			return err
		}
		text := fmt.Sprintf("Encaissement de %s reçu le %s par %s", in.Amount, in.Received, strings.ToLower(in.Method.Label()))
		if res.Payment.BankRef != "" {
			text += " (réf. " + res.Payment.BankRef + ")"
		}
		text += " : " + describeAllocation(res.Payment.Allocation)
		if res.Payment.Credit > 0 {
			text += fmt.Sprintf(". Trop-perçu de %s à rembourser au débiteur", res.Payment.Credit)
		}
		if res.Settled {
			text += ". Solde nul : le dossier peut être clos comme soldé"
		} else if res.NotifyCreditor {
			text += ". Paiement partiel à signaler au créancier"
		}
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventPayment, Text: text})
		return err
	})
	return res, err
}

func describeAllocation(a []debt.LineAllocation) string {
	var tot debt.Amounts
	for _, l := range a {
		tot = tot.Add(l.Amounts)
	}
	var parts []string
	if tot.Accessory > 0 {
		parts = append(parts, "accessoires "+tot.Accessory.String())
	}
	if tot.Interest > 0 {
		parts = append(parts, "intérêts "+tot.Interest.String())
	}
	if tot.Principal > 0 {
		parts = append(parts, "principal "+tot.Principal.String())
	}
	if len(parts) == 0 {
		return "rien à imputer"
	}
	return "imputé sur " + strings.Join(parts, ", ")
}

// CancelPayment cancels a wrong payment by a counter-entry with a reason.
// Both stay in the journal; the statement no longer counts the payment.
func (s *Store) CancelPayment(ctx context.Context, caseID, paymentID int64, reason, author string, now time.Time) error {
	if errs := debt.CheckText("reason", "Le motif de l'annulation", reason, true, debt.MaxLongText); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var amount int64
		var received, method string
		var cancels sql.NullInt64
		err := tx.QueryRowContext(ctx, "SELECT amount_cents, received, method, cancels FROM payments WHERE id = ? AND case_id = ?",
			paymentID, caseID).Scan(&amount, &received, &method, &cancels)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Encaissement introuvable dans ce dossier.")
		} else if err != nil {
			return err
		}
		if cancels.Valid {
			return invalid("Une annulation ne s'annule pas : enregistrez de nouveau l'encaissement.")
		}
		var n int
		tx.QueryRowContext(ctx, "SELECT count(*) FROM payments WHERE cancels = ?", paymentID).Scan(&n)
		if n > 0 {
			return invalid("Cet encaissement est déjà annulé.")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO payments (case_id, received, amount_cents, method, cancels, reason, created_at, author)
			VALUES (?,?,?,?,?,?,?,?)`, caseID, debt.DateOf(now).ISO(), amount, string(methodCancel), paymentID, strings.TrimSpace(reason), instant(now), author); err != nil {
			return fmt.Errorf("cancel payment: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM creditor_notices WHERE payment_id = ? AND letter_doc_id IS NULL", paymentID); err != nil {
			return err
		}
		if err := refreshCase(ctx, tx, caseID); err != nil {
			return err
		}
		d, _ := debt.ParseDate(received)
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventPayment,
			Text: fmt.Sprintf("Encaissement de %s du %s annulé par contre-écriture. Motif : %s", debt.Cents(amount), d, strings.TrimSpace(reason))})
		return err
	})
}

// Payments returns a case's payments, oldest first, with their allocation
// and whether a counter-entry cancelled them. Counter-entries themselves
// are not listed: they show as the Cancelled flag and reason.
func (s *Store) Payments(ctx context.Context, caseID int64) ([]Payment, error) {
	var ps []Payment
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := caseExists(ctx, tx, caseID); err != nil {
			return err
		}
		var err error
		ps, err = casePayments(ctx, tx, caseID, true)
		return err
	})
	return ps, err
}

// casePayments returns a case's payments, with their recorded allocation
// when withAllocation (the statement replays them).
func casePayments(ctx context.Context, q queryer, caseID int64, withAllocation bool) ([]Payment, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.received, p.amount_cents, p.method, p.payer, p.bank_ref, p.lines, p.credit_cents,
		  p.created_at, p.author, coalesce(c.id, 0), coalesce(c.reason, '')
		FROM payments p LEFT JOIN payments c ON c.cancels = p.id
		WHERE p.case_id = ? AND +p.cancels IS NULL ORDER BY p.received, p.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("payments: %w", err)
	}
	ps := []Payment{}
	for rows.Next() {
		p := Payment{CaseID: caseID}
		var received, method, lines, created string
		if err := rows.Scan(&p.ID, &received, &p.Amount, &method, &p.Payer, &p.BankRef, &lines, &p.Credit, &created, &p.Author, &p.CancelledBy, &p.Reason); err != nil {
			rows.Close()
			return nil, err
		}
		p.Received, _ = debt.ParseDate(received)
		p.Method, p.Lines, p.Created, p.Cancelled = Method(method), parseIDList(lines), parseInstant(created), p.CancelledBy != 0
		ps = append(ps, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || !withAllocation || len(ps) == 0 {
		return ps, err
	}
	// The recorded allocations of the case's payments, in one query.
	at := make(map[int64]int, len(ps))
	for i, p := range ps {
		at[p.ID] = i
		// A payment recorded without any part (nothing owed) has an
		// empty, not a missing, allocation.
		ps[i].Allocation = []debt.LineAllocation{}
	}
	r, err := q.QueryContext(ctx, `SELECT a.payment_id, a.line_id, a.principal_cents, a.interest_cents, a.accessory_cents
		FROM payments p JOIN payment_allocations a ON a.payment_id = p.id
		WHERE p.case_id = ? ORDER BY a.payment_id, a.line_id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("payment allocations: %w", err)
	}
	defer r.Close()
	for r.Next() {
		var id int64
		var a debt.LineAllocation
		if err := r.Scan(&id, &a.LineID, &a.Principal, &a.Interest, &a.Accessory); err != nil {
			return nil, err
		}
		if i, ok := at[id]; ok {
			ps[i].Allocation = append(ps[i].Allocation, a)
		}
	}
	return ps, r.Err()
}

// debtPayments turns recorded payments into the statement's input.
func debtPayments(ps []Payment) []debt.Payment {
	out := make([]debt.Payment, len(ps))
	for i, p := range ps {
		out[i] = debt.Payment{ID: p.ID, Received: p.Received, Amount: p.Amount, Lines: p.Lines, Cancelled: p.Cancelled,
			Recorded: p.Allocation}
	}
	return out
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

// insertPayment writes a validated payment of case c, allocated among every
// payment up to its date, and returns it with the statement at its date.
func insertPayment(ctx context.Context, tx *sql.Tx, c debt.Case, in PaymentInput, author string, now time.Time) (Payment, debt.Statement, error) {
	p := Payment{CaseID: c.ID, Received: in.Received, Amount: in.Amount, Method: in.Method,
		Payer: strings.TrimSpace(in.Payer), BankRef: strings.TrimSpace(in.BankRef), Lines: in.Lines, Author: author, Created: now.UTC()}
	// Allocate it among every payment up to its date: it gets the
	// largest ID, as it will once inserted.
	pending := debt.Payment{ID: math.MaxInt64, Received: in.Received, Amount: in.Amount, Lines: in.Lines}
	st, _, err := statementTx(ctx, tx, c, in.Received, pending)
	if err != nil {
		return p, st, err
	}
	for _, pa := range st.Payments {
		if pa.Payment.ID == pending.ID {
			p.Allocation, p.Credit = pa.Lines, pa.Credit
		}
	}
	id, err := insertID(ctx, tx, `INSERT INTO payments (case_id, received, amount_cents, method, payer, bank_ref, lines, credit_cents, created_at, author)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, c.ID, in.Received.ISO(), int64(in.Amount), string(in.Method), p.Payer,
		p.BankRef, joinIDs(in.Lines), int64(p.Credit), instant(now), author)
	if err != nil {
		return p, st, fmt.Errorf("insert payment: %w", err)
	}
	p.ID = id
	for i := range st.Payments {
		if st.Payments[i].Payment.ID == pending.ID {
			st.Payments[i].Payment.ID = p.ID
		}
	}
	for _, a := range p.Allocation {
		if _, err := tx.ExecContext(ctx, `INSERT INTO payment_allocations (payment_id, line_id, principal_cents, interest_cents, accessory_cents)
			VALUES (?,?,?,?,?)`, p.ID, a.LineID, int64(a.Principal), int64(a.Interest), int64(a.Accessory)); err != nil {
			return p, st, fmt.Errorf("insert allocation: %w", err)
		}
	}
	return p, st, nil
}
