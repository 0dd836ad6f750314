package letters

import (
	"testing"

	"amiable/debt"
)

// The fixed office, case and statement every letter test starts from.
//
// Statement at Friday 15 May 2026, legal interest (creditor professional:
// "all other cases" rate, 2,62 % in 2026 S1) from the formal notice of
// 2 March 2026, one payment of 150,00 € on 10 April 2026.
//
// To 10 April (2 March excluded: 39 days): line 1, 1 250,00 × 39 × 2,62 /
// 36 500 = 3,4995… → 3,50 €; line 2, 2 345,67 × 39 × 2,62 / 36 500 =
// 6,5664… → 6,57 €. Both lines bear the same rate: the payment goes to
// the oldest debt, line 1 (C. civ. 1342-10), its interest first (3,50 €),
// then its principal (146,50 €, 1343-1): line 1 owes 1 103,50 €.
// 10 April → 15 May (35 days): line 1, 1 103,50 × 35 × 2,62 / 36 500 =
// 2,7723… → 2,77 €; line 2, 2 345,67 × 35 × 2,62 / 36 500 = 5,8929… →
// 5,89 €. Balance: principal 1 103,50 + 2 345,67 = 3 449,17 €; interest
// 2,77 + 6,57 + 5,89 = 15,23 €; total 3 464,40 €.

var letterDate = debt.MustDate("2026-05-15")

func testOffice() debt.Office {
	return debt.Office{
		Name:        "SELARL Cœurdacier & Associés",
		Address:     debt.Address{Street: "12 rue Esquermoise", Postcode: "59800", Town: "Lille"},
		SIRET:       "81234567800013",
		Phone:       "03 20 12 34 56",
		Email:       "recouvrement@coeurdacier-cj.fr",
		IBAN:        "FR7630006000011234567890189",
		BIC:         "AGRIFRPP",
		Signatories: []string{"Maître Agnès Cœurdacier"},
		Town:        "Lille",
	}
}

func testCase() debt.Case {
	return debt.Case{
		ID:  42,
		Ref: "2026-00042",
		Creditor: debt.Party{
			ID: 1, Type: debt.Company, LegalKind: debt.Professional,
			CompanyName: "Boulangerie Dupré", LegalForm: "SARL", SIREN: "512345679",
			Addresses: []debt.Address{{Street: "8 place du Théâtre", Postcode: "59000", Town: "Lille", Current: true}},
		},
		Debtors: []debt.CaseDebtor{{Party: testDebtor()}},
		Nature:  debt.NatureInvoice, CreditorRef: "F-2026-118",
		Status:     debt.StatusReminded,
		AssignedTo: "Julie Mercier",
		Opened:     debt.MustDate("2026-02-20"),
		Basis:      "Bon de commande du 5 janvier 2026 et conditions générales de vente, article 7",
		Interest:   debt.InterestTerms{Kind: debt.InterestLegal},
		Lines: []debt.ClaimLine{
			{ID: 1, Kind: debt.LinePrincipal, Label: "Facture de janvier", DocNumber: "FA-2026-0012", IssueDate: debt.MustDate("2026-01-05"), DueDate: debt.MustDate("2026-01-31"), Amount: 125000, Proofs: []int64{11}},
			{ID: 2, Kind: debt.LinePrincipal, Label: "Facture de février", DocNumber: "FA-2026-0047", IssueDate: debt.MustDate("2026-02-02"), DueDate: debt.MustDate("2026-02-28"), Amount: 234567, Proofs: []int64{12}},
		},
	}
}

func testDebtor() debt.Party {
	return debt.Party{
		ID: 2, Type: debt.Person, LegalKind: debt.Consumer,
		Civility: "Mme", FirstName: "Hélène", LastName: "Lefèvre",
		Addresses: []debt.Address{{
			Complement: "Appartement 4, 2e étage", Building: "Résidence Les Tilleuls",
			Street: "27 rue de l'Église", Postcode: "59130", Town: "Lambersart", Current: true,
		}},
	}
}

var testPayment = debt.Payment{ID: 7, Received: debt.MustDate("2026-04-10"), Amount: 15000}

func statementOf(t testing.TB, c debt.Case, at debt.Date, pays ...debt.Payment) debt.Statement {
	t.Helper()
	return statementFrom(t, c, at, debt.MustDate("2026-03-02"), pays...)
}

// statementFrom computes the statement with legal interest from notice
// (none when notice is zero).
func statementFrom(t testing.TB, c debt.Case, at, notice debt.Date, pays ...debt.Payment) debt.Statement {
	t.Helper()
	st, err := debt.ComputeStatement(debt.StatementInput{
		Case: c, At: at, NoticeDate: notice, Payments: pays, Rates: debt.DefaultRates(),
	})
	if err != nil {
		t.Fatalf("ComputeStatement: %v", err)
	}
	return st
}

// baseInput is a later letter to the debtor (not the first one).
func baseInput(t testing.TB) Input {
	t.Helper()
	c := testCase()
	return Input{
		Office:    testOffice(),
		Case:      c,
		Recipient: testDebtor(),
		Statement: statementOf(t, c, letterDate, testPayment),
		Date:      letterDate,
		Rules:     debt.DefaultRules(),
		First:     FirstLetter{Ref: "2026-00042", Date: debt.MustDate("2026-03-02")},
	}
}

func testPlan(t testing.TB, total debt.Cents) []debt.Instalment {
	t.Helper()
	plan, _, err := debt.BuildPlan(debt.PlanSpec{Total: total, Count: 6, First: debt.MustDate("2026-06-05"), Every: debt.Monthly})
	if err != nil {
		t.Fatalf("BuildPlan: %v", err)
	}
	return plan
}

// inputFor returns the fixture input of each kind, complete enough to be
// issued.
func inputFor(t testing.TB, k Kind) Input {
	t.Helper()
	in := baseInput(t)
	in.Issuing = true
	switch k {
	case Reminder1:
		// The first letter: no formal notice yet, so no legal interest;
		// the 150,00 € went to principal (3 595,67 − 150,00 = 3 445,67 €).
		in.FirstToDebtor = true
		in.First = FirstLetter{}
		in.Statement = statementFrom(t, in.Case, letterDate, debt.Date{}, testPayment)
	case FormalNotice:
		in.Post = debt.Registered{Level: debt.LevelR1, AR: true, Tracking: "1A12345678901"}
	case PlanProposal, PlanAgreement:
		in.Plan = testPlan(t, in.Statement.Due())
	case Receipt:
		in.Payment = &ReceivedPayment{Payment: testPayment, Method: "virement"}
	case Settled:
		// The debtor pays everything due on 12 May.
		on := debt.MustDate("2026-05-12")
		paid := debt.Payment{ID: 8, Received: on, Amount: statementOf(t, in.Case, on, testPayment).Due()}
		in.Statement = statementOf(t, in.Case, letterDate, testPayment, paid)
	case ToCreditor:
		in.Recipient = in.Case.Creditor
		in.Report = ReportProposal
		in.Proposal = "Règlement en six mensualités à compter du 5 juin 2026, par virement."
		in.Plan = testPlan(t, in.Statement.Due())
	case SmallClaims:
		in.Post = debt.Registered{Level: debt.LevelR1, AR: true, Tracking: "2C12345678903"}
	}
	return in
}
