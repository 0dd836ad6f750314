package letters

import (
	"strings"
	"testing"

	"amiable/debt"
)

// TestCheckFixtureIssuable: the fixture of every kind is complete, so Check
// finds nothing; the refusals below are each one change away from it.
func TestCheckFixtureIssuable(t *testing.T) {
	for _, k := range Kinds {
		if ps := Check(k, inputFor(t, k)); len(ps) > 0 {
			t.Errorf("Check(%s) on the complete fixture = %v, want no problem", k, ps)
		}
	}
}

func TestCheckRefuses(t *testing.T) {
	professional := func(in *Input) {
		in.Recipient.LegalKind = debt.Professional
		in.Case.Debtors[0].Party.LegalKind = debt.Professional
	}
	addLine := func(in *Input, l debt.ClaimLine) {
		in.Case.Lines = append(in.Case.Lines, l)
	}
	restate := func(t *testing.T, in *Input) { in.Statement = statementOf(t, in.Case, in.Date, testPayment) }
	indemnity := debt.ClaimLine{ID: 3, Kind: debt.LineIndemnity, Label: "Indemnité forfaitaire de recouvrement", DueDate: debt.MustDate("2026-02-01"), Amount: debt.FixedIndemnity}

	tests := []struct {
		name   string
		kind   Kind
		change func(t *testing.T, in *Input)
		code   string
		msg    string // part of the message
	}{
		{"checklist: no basis", Reminder1, func(t *testing.T, in *Input) { in.Case.Basis = "" }, "checklist", "fondement contractuel"},
		{"checklist: no proof", FormalNotice, func(t *testing.T, in *Input) { in.Case.Lines[1].Proofs = nil }, "checklist", "preuve écrite"},
		{"checklist: interest not verified", PlanProposal, func(t *testing.T, in *Input) { in.Case.Interest.Kind = debt.InterestUnset }, "checklist", "intérêts et pénalités"},
		{"no creditor address", Reminder1, func(t *testing.T, in *Input) { in.Case.Creditor.Addresses = nil }, "creditor_address", "Boulangerie Dupré n'a pas d'adresse"},
		{"no office IBAN", FormalNotice, func(t *testing.T, in *Input) { in.Office.IBAN = "" }, "office_iban", "pas d'IBAN"},
		{"wrong office IBAN", Receipt, func(t *testing.T, in *Input) { in.Office.IBAN = "FR7630006000011234567890188" }, "office_iban", "clé de contrôle"},
		{"no office BIC", Reminder2, func(t *testing.T, in *Input) { in.Office.BIC = "" }, "office_bic", "pas de BIC"},
		{"office without town", Reminder2, func(t *testing.T, in *Input) { in.Office.Town = "" }, "office", "La ville des courriers est obligatoire"},
		{"recipient without address", FormalNotice, func(t *testing.T, in *Input) { in.Recipient.Addresses = nil }, "recipient_address", "n'a pas d'adresse postale"},
		{"address line over 38", FormalNotice, func(t *testing.T, in *Input) {
			in.Recipient.Addresses[0].Street = "27 rue du Maréchal de Lattre de Tassigny prolongée"
		}, "recipient_address", "La Poste"},
		{"seven address lines", FormalNotice, func(t *testing.T, in *Input) {
			in.Recipient.Addresses[0].Locality = "Lieu-dit Le Moulin"
			in.Recipient.Addresses[0].Country = "Belgique"
			in.Recipient.Addresses[0].Postcode = "7500"
		}, "recipient_address", "7 lignes"},
		{"bad postcode", Reminder1, func(t *testing.T, in *Input) { in.Recipient.Addresses[0].Postcode = "5913" }, "recipient_address", "5 chiffres"},
		{"recipient not a debtor", Reminder1, func(t *testing.T, in *Input) { in.Recipient.ID = 99 }, "recipient", "n'est pas débiteur du dossier"},
		{"letter to the creditor sent to the debtor", ToCreditor, func(t *testing.T, in *Input) { in.Recipient = testDebtor() }, "recipient", "n'est pas le créancier"},
		{"40 € indemnity to a consumer", FormalNotice, func(t *testing.T, in *Input) { addLine(in, indemnity); restate(t, in) }, "fee_consumer", "n'est pas un professionnel"},
		{"other accessory to a consumer", Reminder1, func(t *testing.T, in *Input) {
			addLine(in, debt.ClaimLine{ID: 3, Kind: debt.LineAccessory, Label: "Frais de relance", DueDate: debt.MustDate("2026-02-01"), Amount: 1500})
			restate(t, in)
		}, "fee_consumer", "une somme autre que la créance"},
		{"collection fees to a professional", FormalNotice, func(t *testing.T, in *Input) {
			professional(in)
			addLine(in, debt.ClaimLine{ID: 3, Kind: debt.LineAccessory, Label: "Frais de dossier contentieux", DueDate: debt.MustDate("2026-02-01"), Amount: 5000})
			restate(t, in)
		}, "fee", "frais de recouvrement à la charge du débiteur"},
		{"penalty named as a fee", Receipt, func(t *testing.T, in *Input) {
			professional(in)
			addLine(in, debt.ClaimLine{ID: 3, Kind: debt.LinePenalty, Label: "Honoraires de recouvrement", DueDate: debt.MustDate("2026-02-01"), Amount: 5000})
			restate(t, in)
		}, "fee", "Honoraires"},
		{"indemnity for a private creditor", FormalNotice, func(t *testing.T, in *Input) {
			professional(in)
			in.Case.Creditor.LegalKind = debt.Consumer
			addLine(in, indemnity)
			restate(t, in)
		}, "fee_indemnity", "créancier particulier"},
		{"more indemnities than invoices", FormalNotice, func(t *testing.T, in *Input) {
			professional(in)
			for i := range 3 {
				l := indemnity
				l.ID = int64(3 + i)
				addLine(in, l)
			}
			restate(t, in)
		}, "fee_indemnity", "3 indemnités forfaitaires pour 2 factures"},
		{"small claim over 5 000 €", SmallClaims, func(t *testing.T, in *Input) {
			in.Case.Lines[1].Amount = 400000
			restate(t, in)
		}, "small_claims_limit", "dépasse 5\u202f000,00\u00a0€ en principal et intérêts"},
		{"formal notice, nothing due yet", FormalNotice, func(t *testing.T, in *Input) {
			for i := range in.Case.Lines {
				in.Case.Lines[i].DueDate = debt.MustDate("2026-06-30")
			}
			in.Case.Interest.Kind = debt.InterestNone
			in.Statement = statementOf(t, in.Case, in.Date)
		}, "not_due", "Aucune ligne de principal n'est échue au 15/05/2026"},
		{"reminder, all paid", Reminder2, func(t *testing.T, in *Input) {
			on := debt.MustDate("2026-05-12")
			all := debt.Payment{ID: 8, Received: on, Amount: statementOf(t, in.Case, on, testPayment).Due()}
			in.Statement = statementOf(t, in.Case, in.Date, testPayment, all)
		}, "nothing_due", "aucune somme due"},
		{"statement at another date", FormalNotice, func(t *testing.T, in *Input) {
			in.Statement = statementOf(t, in.Case, debt.MustDate("2026-05-01"), testPayment)
		}, "statement_date", "arrêté au 01/05/2026"},
		{"no tracking number when issuing", FormalNotice, func(t *testing.T, in *Input) { in.Post.Tracking = "" }, "tracking_missing", "numéro de l'envoi recommandé"},
		{"no tracking number for a registered reminder", Reminder2, func(t *testing.T, in *Input) { in.Post = debt.Registered{Level: debt.LevelR1} }, "tracking_missing", "recommandé"},
		{"bad tracking number", SmallClaims, func(t *testing.T, in *Input) { in.Post.Tracking = "RW799210634FR" }, "post", "chiffre de contrôle 4, attendu 3"},
		{"later letter without the first one", Reminder2, func(t *testing.T, in *Input) { in.First = FirstLetter{} }, "first_letter", "premier courrier"},
		{"plan missing", PlanAgreement, func(t *testing.T, in *Input) { in.Plan = nil }, "plan_missing", "L'échéancier est vide"},
		{"plan short of the balance", PlanProposal, func(t *testing.T, in *Input) { in.Plan = in.Plan[:5] }, "plan_total", "le solde dû est de 3\u202f464,40\u00a0€"},
		{"plan before the letter", PlanAgreement, func(t *testing.T, in *Input) { in.Plan[0].Due = debt.MustDate("2026-05-01") }, "plan_dates", "précède la date du courrier"},
		{"receipt without payment", Receipt, func(t *testing.T, in *Input) { in.Payment = nil }, "payment_missing", "aucun n'est indiqué"},
		{"receipt for an unknown payment", Receipt, func(t *testing.T, in *Input) {
			in.Payment = &ReceivedPayment{Payment: debt.Payment{ID: 99, Received: debt.MustDate("2026-05-02"), Amount: 5000}}
		}, "payment_unknown", "n'est pas dans le décompte"},
		{"settled while money is due", Settled, func(t *testing.T, in *Input) { in.Statement = statementOf(t, in.Case, in.Date, testPayment) }, "balance_not_zero", "Il reste dû 3\u202f464,40\u00a0€"},
		{"letter to the creditor without subject", ToCreditor, func(t *testing.T, in *Input) { in.Report = "" }, "report", "n'est pas choisi"},
		{"empty proposal", ToCreditor, func(t *testing.T, in *Input) { in.Proposal, in.Plan = "", nil }, "proposal_missing", "elle est vide"},
		{"partial payment without payment", ToCreditor, func(t *testing.T, in *Input) { in.Report = ReportPayment }, "payment_missing", "encaissement partiel"},
		{"template with an unknown placeholder", Reminder1, func(t *testing.T, in *Input) {
			in.Settings.Templates = map[Kind]Template{Reminder1: {After: []string{"Réglez {montant_du}."}}}
		}, "template", "{montant_du}"},
		{"deadline of 90 days", FormalNotice, func(t *testing.T, in *Input) { in.Settings.DeadlineDays = map[Kind]int{FormalNotice: 90} }, "deadline_days", "90 jours"},
		{"window off the page", Reminder1, func(t *testing.T, in *Input) { in.Settings.Window = Window{X: 150, Y: 55, W: 85, H: 33} }, "window", "moitié haute"},
		{"no date", Reminder1, func(t *testing.T, in *Input) { in.Date = debt.Date{} }, "date", "pas de date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := inputFor(t, tt.kind)
			tt.change(t, &in)
			ps := Check(tt.kind, in)
			found := false
			for _, p := range ps {
				if p.Message == "" || p.Fix == "" {
					t.Errorf("problem %q has an empty message or fix: %+v", p.Code, p)
				}
				if p.Code == tt.code && strings.Contains(p.Message, tt.msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("Check(%s) = %v, want a %q problem mentioning %q", tt.kind, ps, tt.code, tt.msg)
			}
		})
	}
}

// TestCheckAllows covers what must not be refused.
func TestCheckAllows(t *testing.T) {
	indemnity := debt.ClaimLine{ID: 3, Kind: debt.LineIndemnity, Label: "Indemnité forfaitaire de recouvrement (FA-2026-0012)", DueDate: debt.MustDate("2026-02-01"), Amount: debt.FixedIndemnity}
	tests := []struct {
		name   string
		kind   Kind
		change func(t *testing.T, in *Input)
	}{
		{"40 € indemnity per invoice between professionals", FormalNotice, func(t *testing.T, in *Input) {
			in.Recipient.LegalKind = debt.Professional
			in.Case.Debtors[0].Party.LegalKind = debt.Professional
			second := indemnity
			second.ID, second.Label = 4, "Indemnité forfaitaire de recouvrement (FA-2026-0047)"
			in.Case.Lines = append(in.Case.Lines, indemnity, second)
			in.Statement = statementOf(t, in.Case, in.Date, testPayment)
		}},
		{"contractual penalty for a consumer", Reminder2, func(t *testing.T, in *Input) {
			in.Case.Lines = append(in.Case.Lines, debt.ClaimLine{ID: 3, Kind: debt.LinePenalty, Label: "Clause pénale (article 9 des CGV)", DueDate: debt.MustDate("2026-02-01"), Amount: 5000})
			in.Statement = statementOf(t, in.Case, in.Date, testPayment)
		}},
		{"small claim of exactly 5 000 €", SmallClaims, func(t *testing.T, in *Input) {
			in.Case.Interest.Kind = debt.InterestNone
			in.Case.Lines[1].Amount = 500000 - 125000
			in.Statement = statementOf(t, in.Case, in.Date)
		}},
		{"formal notice prepared before the label is stuck", FormalNotice, func(t *testing.T, in *Input) {
			in.Issuing = false
			in.Post.Tracking = ""
		}},
		{"deadline of 8 days", FormalNotice, func(t *testing.T, in *Input) { in.Settings.DeadlineDays = map[Kind]int{FormalNotice: 8} }},
		{"letter to the creditor about a payment", ToCreditor, func(t *testing.T, in *Input) {
			in.Report = ReportPayment
			in.Payment = &ReceivedPayment{Payment: testPayment}
		}},
	}
	for _, tt := range tests {
		in := inputFor(t, tt.kind)
		tt.change(t, &in)
		if ps := Check(tt.kind, in); len(ps) > 0 {
			t.Errorf("%s: Check(%s) = %v, want no problem", tt.name, tt.kind, ps)
		}
	}
}

func TestCheckUnknownKind(t *testing.T) {
	ps := Check("relance9", inputFor(t, Reminder1))
	if len(ps) != 1 || ps[0].Code != "kind" {
		t.Errorf("Check(relance9) = %v, want one kind problem", ps)
	}
}
