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

	AddEvent(ctx context.Context, e debt.Event) (int64, error)
	Events(ctx context.Context, caseID int64) ([]debt.Event, error)
}
