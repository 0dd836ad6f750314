package app

import (
	"context"
	"io"
	"time"

	"amiable/data"
	"amiable/debt"
)

// Store is what the window needs from the database; *data.Store satisfies
// it. Every method is synchronous and runs one transaction.
type Store interface {
	Office(ctx context.Context) (debt.Office, error)
	SaveOffice(ctx context.Context, o debt.Office, author string, now time.Time) error

	SaveParty(ctx context.Context, p debt.Party, author string, now time.Time) (int64, error)
	Party(ctx context.Context, id int64) (debt.Party, error)
	ListParties(ctx context.Context, q data.PartyQuery) ([]data.PartyRow, error)
	CountParties(ctx context.Context, q data.PartyQuery) (int, error)

	CreateCase(ctx context.Context, c debt.Case, author string, now time.Time) (debt.Case, error)
	UpdateCase(ctx context.Context, c debt.Case, author string, now time.Time) error
	Case(ctx context.Context, id int64) (debt.Case, error)
	ListCases(ctx context.Context, q data.CaseQuery) ([]data.CaseRow, error)
	CountCases(ctx context.Context, q data.CaseQuery) (int, error)
	StatusCounts(ctx context.Context, q data.CaseQuery) (map[debt.Status]int, error)
	ChangeStatus(ctx context.Context, caseID int64, to debt.Status, reason, author string, now time.Time) error

	SaveClaimLine(ctx context.Context, caseID int64, l debt.ClaimLine, author string, now time.Time) (int64, error)
	DeleteClaimLine(ctx context.Context, caseID, lineID int64, reason, author string, now time.Time) error

	AddDocument(ctx context.Context, caseID int64, kind debt.DocKind, name string, r io.Reader, author string, now time.Time) (debt.Document, error)
	Documents(ctx context.Context, caseID int64) ([]debt.Document, error)
	LinkProof(ctx context.Context, caseID, lineID, docID int64, author string, now time.Time) error
	WithdrawProof(ctx context.Context, caseID, lineID, docID int64, reason, author string, now time.Time) error

	AddEvent(ctx context.Context, e debt.Event) (int64, error)
	Events(ctx context.Context, caseID int64) ([]debt.Event, error)
	OfficeEvents(ctx context.Context, limit int) ([]debt.Event, error)

	// Rates, rules and figures (calculator, Paramètres, statement).
	Rates(ctx context.Context) (debt.RateTable, error)
	SaveRates(ctx context.Context, r debt.SemesterRates, author string, now time.Time) error
	Rules(ctx context.Context) (debt.Rules, error)
	SaveRules(ctx context.Context, r debt.Rules, author string, now time.Time) error
	Figures(ctx context.Context, caseID int64, at debt.Date) (data.CaseFigures, error)

	// Payment plans and payments.
	PreviewPlan(ctx context.Context, caseID int64, spec debt.PlanSpec, now time.Time) ([]debt.Instalment, []string, debt.Cents, error)
	CreatePlan(ctx context.Context, caseID int64, spec debt.PlanSpec, author string, now time.Time) (data.Plan, []string, error)
	SignPlan(ctx context.Context, caseID, planID int64, signed debt.Date, author string, now time.Time) error
	Plans(ctx context.Context, caseID int64, now time.Time) ([]data.Plan, error)
	RecordPayment(ctx context.Context, caseID int64, in data.PaymentInput, author string, now time.Time) (data.PaymentResult, error)
	CancelPayment(ctx context.Context, caseID, paymentID int64, reason, author string, now time.Time) error
	Payments(ctx context.Context, caseID int64) ([]data.Payment, error)

	// Funds held for creditors.
	CreditorAccounts(ctx context.Context) ([]data.CreditorAccount, error)
	CreditorAccount(ctx context.Context, creditorID int64) (data.CreditorAccount, error)
	RecordRemittance(ctx context.Context, creditorID int64, sent debt.Date, amount debt.Cents, reference, author string, now time.Time) (data.Remittance, error)
	CancelRemittance(ctx context.Context, remittanceID int64, reason, author string, now time.Time) error
	Remittances(ctx context.Context, creditorID int64) ([]data.Remittance, error)
	Movements(ctx context.Context, from, to debt.Date) ([]data.Movement, error)
}
