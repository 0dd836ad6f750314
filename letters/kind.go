package letters

import (
	"fmt"
	"strings"

	"amiable/debt"
)

// Kind is the kind of a letter. The codes are those of the command line
// (`amiable letter REF KIND`) and of the store.
type Kind string

const (
	Reminder1     Kind = "relance1"               // first reminder
	Reminder2     Kind = "relance2"               // second reminder
	FormalNotice  Kind = "mise-en-demeure"        // formal notice, LRAR
	PlanProposal  Kind = "proposition-echeancier" // payment plan proposal
	PlanAgreement Kind = "accord-echeancier"      // payment plan agreement to sign
	Acknowledge   Kind = "reconnaissance-dette"   // acknowledgement of debt to sign
	Receipt       Kind = "quittance"              // receipt for a payment (R124-6)
	Settled       Kind = "attestation-solde"      // statement that the debt is settled
	ToCreditor    Kind = "lettre-creancier"       // letter to the creditor (R124-5)
	SmallClaims   Kind = "petites-creances"       // small-claims procedure invitation (L125-1)
)

// Kinds lists every kind in workflow order.
var Kinds = []Kind{Reminder1, Reminder2, FormalNotice, PlanProposal, PlanAgreement,
	Acknowledge, Receipt, Settled, ToCreditor, SmallClaims}

// ParseKind reads a kind code.
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	for _, v := range Kinds {
		if v == k {
			return k, nil
		}
	}
	codes := make([]string, len(Kinds))
	for i, v := range Kinds {
		codes[i] = string(v)
	}
	return "", fmt.Errorf("type de courrier « %s » inconnu (attendu : %s)", s, strings.Join(codes, ", "))
}

// Label returns the French name of the kind, as in lists and journals.
func (k Kind) Label() string {
	switch k {
	case Reminder1:
		return "Première relance"
	case Reminder2:
		return "Deuxième relance"
	case FormalNotice:
		return "Mise en demeure"
	case PlanProposal:
		return "Proposition d'échéancier"
	case PlanAgreement:
		return "Accord d'échéancier"
	case Acknowledge:
		return "Reconnaissance de dette"
	case Receipt:
		return "Quittance"
	case Settled:
		return "Attestation de solde"
	case ToCreditor:
		return "Lettre au créancier"
	case SmallClaims:
		return "Procédure simplifiée de recouvrement des petites créances"
	}
	return string(k)
}

// ToDebtor reports whether the letter is addressed to a debtor (every kind
// but the letter to the creditor).
func (k Kind) ToDebtor() bool { return k != ToCreditor }

// RequiresRegistered reports whether the letter must go by registered post
// with acknowledgement of receipt: the formal notice (its date and receipt
// are evidence) and the small-claims invitation (L125-1: the one-month
// window runs from its sending).
func (k Kind) RequiresRegistered() bool { return k == FormalNotice || k == SmallClaims }

// DefaultDeadlineDays is the time given to the debtor, in days, when the
// office has not set its own: 15 for a formal notice, 8 for reminders, 0
// for kinds that set no deadline in days (the small-claims invitation
// gives one month, by law).
func (k Kind) DefaultDeadlineDays() int {
	switch k {
	case FormalNotice:
		return 15
	case Reminder1, Reminder2:
		return 8
	}
	return 0
}

// HasDeadline reports whether the letter sets a deadline.
func (k Kind) HasDeadline() bool { return k.DefaultDeadlineDays() > 0 || k == SmallClaims }

// StatusAfter returns the case status the issued letter implies, if any
// (the caller checks the transition with debt.CheckTransition).
func (k Kind) StatusAfter() (debt.Status, bool) {
	switch k {
	case Reminder1, Reminder2:
		return debt.StatusReminded, true
	case FormalNotice:
		return debt.StatusFormalNotice, true
	case PlanProposal, PlanAgreement, Acknowledge:
		return debt.StatusNegotiating, true
	}
	return "", false
}

// CreditorReport is the subject of a letter to the creditor (R124-5: the
// creditor is told of every partial payment and every proposal of the
// debtor).
type CreditorReport string

const (
	ReportStatus   CreditorReport = "etat"        // where the case stands
	ReportPayment  CreditorReport = "paiement"    // a partial payment was received
	ReportProposal CreditorReport = "proposition" // the debtor proposes something
)

// CreditorReports lists the subjects, for choosers.
var CreditorReports = []CreditorReport{ReportStatus, ReportPayment, ReportProposal}

// Label returns the French label of the subject.
func (r CreditorReport) Label() string {
	switch r {
	case ReportStatus:
		return "Point sur le dossier"
	case ReportPayment:
		return "Encaissement partiel"
	case ReportProposal:
		return "Proposition du débiteur"
	}
	return string(r)
}
