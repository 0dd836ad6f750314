package debt

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Nature is what the claim is for; it chooses the limitation period.
type Nature string

const (
	NatureInvoice Nature = "facture"
	NatureRent    Nature = "loyer"
	NatureLoan    Nature = "pret"
	NatureService Nature = "prestation"
	NatureAlimony Nature = "pension"
	NatureOther   Nature = "autre"
)

// Natures lists every nature, for choosers.
var Natures = []Nature{NatureInvoice, NatureRent, NatureLoan, NatureService, NatureAlimony, NatureOther}

// Label returns the French label of the nature.
func (n Nature) Label() string {
	switch n {
	case NatureInvoice:
		return "Facture impayée"
	case NatureRent:
		return "Loyers et charges"
	case NatureLoan:
		return "Prêt"
	case NatureService:
		return "Prestation de service"
	case NatureAlimony:
		return "Pension alimentaire"
	case NatureOther:
		return "Autre"
	}
	return string(n)
}

// Valid reports whether n is a known nature.
func (n Nature) Valid() bool {
	for _, v := range Natures {
		if v == n {
			return true
		}
	}
	return false
}

// InterestKind is the interest the contract or the law provides for.
type InterestKind string

const (
	InterestUnset       InterestKind = ""            // not yet verified
	InterestNone        InterestKind = "aucun"       // verified: nothing claimed
	InterestLegal       InterestKind = "legal"       // taux légal from the formal notice
	InterestBusiness    InterestKind = "commercial"  // L441-10: ECB rate + 10 points
	InterestContractual InterestKind = "contractuel" // a rate written in the contract
)

// InterestKinds lists the kinds a person can choose.
var InterestKinds = []InterestKind{InterestNone, InterestLegal, InterestBusiness, InterestContractual}

// Label returns the French label of the interest kind.
func (k InterestKind) Label() string {
	switch k {
	case InterestUnset:
		return "Non vérifié"
	case InterestNone:
		return "Aucun intérêt réclamé"
	case InterestLegal:
		return "Intérêts au taux légal"
	case InterestBusiness:
		return "Pénalités de retard (taux BCE + 10 points)"
	case InterestContractual:
		return "Taux contractuel"
	}
	return string(k)
}

// InterestTerms are the interest and penalties the claim carries.
type InterestTerms struct {
	Kind InterestKind `json:"kind"`
	// RatePercent is the contractual annual rate in hundredths of a percent
	// (1050 = 10,50 %); only for InterestContractual.
	RateBP int64 `json:"rate_bp,omitempty"`
	// From overrides the start date (else: formal notice for legal
	// interest, day after each due date for business penalties).
	From Date `json:"from,omitzero"`
}

// Case is a recovery file (dossier).
type Case struct {
	ID          int64         `json:"id"`
	Ref         string        `json:"ref"` // AAAA-NNNNN
	Creditor    Party         `json:"creditor"`
	Debtors     []CaseDebtor  `json:"debtors"`
	Nature      Nature        `json:"nature"`
	CreditorRef string        `json:"creditor_ref,omitempty"`
	Status      Status        `json:"status"`
	AssignedTo  string        `json:"assigned_to,omitempty"`
	Opened      Date          `json:"opened"`
	Closed      Date          `json:"closed,omitzero"`
	CloseReason string        `json:"close_reason,omitempty"`
	Basis       string        `json:"basis,omitempty"` // contractual basis: contract, clause, order
	Interest    InterestTerms `json:"interest"`
	Lines       []ClaimLine   `json:"lines"`
}

// CaseDebtor is a debtor of a case.
type CaseDebtor struct {
	Party   Party `json:"party"`
	Jointly bool  `json:"jointly"` // jointly and severally liable (solidaire)
}

// FirstDebtor returns the first debtor's party, or a zero Party.
func (c Case) FirstDebtor() Party {
	if len(c.Debtors) == 0 {
		return Party{}
	}
	return c.Debtors[0].Party
}

// Principal returns the sum of the principal claim lines.
func (c Case) Principal() Cents {
	var s Cents
	for _, l := range c.Lines {
		if l.Kind == LinePrincipal {
			s += l.Amount
		}
	}
	return s
}

// Total returns the sum of every claim line.
func (c Case) Total() Cents {
	var s Cents
	for _, l := range c.Lines {
		s += l.Amount
	}
	return s
}

var refPattern = regexp.MustCompile(`^(\d{4})-(\d{5})$`)

// RefPattern finds case references in free text (e-mail subjects, bodies).
var RefPattern = regexp.MustCompile(`\b(?:19|20|21)\d{2}-\d{5}\b`)

// FormatRef returns the reference of the n-th case of year y: "2026-00042".
func FormatRef(year, n int) string { return fmt.Sprintf("%04d-%05d", year, n) }

// ParseRef splits "2026-00042" into its year and sequence number.
func ParseRef(ref string) (year, n int, err error) {
	m := refPattern.FindStringSubmatch(ref)
	if m == nil {
		return 0, 0, fmt.Errorf("référence de dossier « %s » invalide (attendu AAAA-NNNNN)", ref)
	}
	year, _ = strconv.Atoi(m[1])
	n, _ = strconv.Atoi(m[2])
	if n == 0 {
		return 0, 0, fmt.Errorf("référence de dossier « %s » invalide", ref)
	}
	return year, n, nil
}

// ClaimKind is the kind of a claim line.
type ClaimKind string

const (
	LinePrincipal ClaimKind = "principal"
	LinePenalty   ClaimKind = "penalite"  // contractual penalty (clause pénale)
	LineIndemnity ClaimKind = "indemnite" // 40 € fixed recovery indemnity (L441-10)
	LineAccessory ClaimKind = "accessoire"
)

// ClaimKinds lists every claim line kind.
var ClaimKinds = []ClaimKind{LinePrincipal, LinePenalty, LineIndemnity, LineAccessory}

// Label returns the French label of the kind.
func (k ClaimKind) Label() string {
	switch k {
	case LinePrincipal:
		return "Principal"
	case LinePenalty:
		return "Pénalité contractuelle"
	case LineIndemnity:
		return "Indemnité forfaitaire de recouvrement (40 €)"
	case LineAccessory:
		return "Autre accessoire"
	}
	return string(k)
}

// FixedIndemnity is the recovery indemnity a professional debtor owes per
// late invoice (Code de commerce L441-10, D441-5).
const FixedIndemnity Cents = 4000

// ClaimLine is one item of the claim.
type ClaimLine struct {
	ID        int64     `json:"id"`
	Kind      ClaimKind `json:"kind"`
	Label     string    `json:"label"`
	DocNumber string    `json:"doc_number,omitempty"` // invoice or contract number
	IssueDate Date      `json:"issue_date,omitzero"`
	DueDate   Date      `json:"due_date,omitzero"`
	Amount    Cents     `json:"amount_cents"`
	Proofs    []int64   `json:"proofs"` // document IDs
}

// Validate checks a claim line against the case it belongs to.
func (l ClaimLine) Validate(c Case, today Date) []FieldError {
	var errs []FieldError
	switch l.Kind {
	case LinePrincipal, LinePenalty, LineAccessory:
	case LineIndemnity:
		// Code de commerce L441-10, D441-5: between professionals only.
		if pro, known := c.Between(); known && !pro {
			errs = append(errs, FieldError{"kind", fmt.Sprintf(msgIndemnity, c.whoIsNot())})
		}
		if l.Amount != FixedIndemnity {
			errs = append(errs, FieldError{"amount", "L'indemnité forfaitaire de recouvrement est de 40,00 € par facture"})
		}
	default:
		errs = append(errs, FieldError{"kind", "Choisissez le type de ligne"})
	}
	errs = append(errs, CheckText("label", "Le libellé", l.Label, true, MaxShortText)...)
	errs = append(errs, CheckText("doc_number", "Le numéro de pièce", l.DocNumber, false, 60)...)
	if l.Amount <= 0 {
		errs = append(errs, FieldError{"amount", "Le montant doit être supérieur à zéro"})
	} else if l.Amount > maxAmount {
		errs = append(errs, FieldError{"amount", "Le montant dépasse un milliard d'euros"})
	}
	if l.DueDate.IsZero() {
		errs = append(errs, FieldError{"due_date", "La date d'échéance est obligatoire"})
	}
	plausible := func(field, label string, d Date) {
		if d.IsZero() {
			return
		}
		if d.Before(today.AddYears(-30)) {
			errs = append(errs, FieldError{field, label + " est invraisemblable (plus de 30 ans)"})
		}
		if d.After(today.AddYears(5)) {
			errs = append(errs, FieldError{field, label + " est invraisemblable (plus de 5 ans dans le futur)"})
		}
	}
	plausible("issue_date", "La date d'émission", l.IssueDate)
	plausible("due_date", "La date d'échéance", l.DueDate)
	if !l.IssueDate.IsZero() && !l.DueDate.IsZero() && l.DueDate.Before(l.IssueDate) {
		errs = append(errs, FieldError{"due_date", "L'échéance précède la date d'émission"})
	}
	if l.IssueDate.After(today) {
		errs = append(errs, FieldError{"issue_date", "La date d'émission est dans le futur"})
	}
	return errs
}

// Validate checks a case's own fields (not its parties or lines).
func (c Case) Validate(today Date) []FieldError {
	var errs []FieldError
	if c.Creditor.ID == 0 {
		errs = append(errs, FieldError{"creditor", "Choisissez le créancier"})
	}
	if len(c.Debtors) == 0 {
		errs = append(errs, FieldError{"debtors", "Ajoutez au moins un débiteur"})
	}
	seen := map[int64]bool{}
	for _, d := range c.Debtors {
		if d.Party.ID == c.Creditor.ID && d.Party.ID != 0 {
			errs = append(errs, FieldError{"debtors", "Le créancier ne peut pas être aussi débiteur"})
		}
		if seen[d.Party.ID] {
			errs = append(errs, FieldError{"debtors", "Un débiteur figure deux fois"})
		}
		seen[d.Party.ID] = true
	}
	if !c.Nature.Valid() {
		errs = append(errs, FieldError{"nature", "Choisissez la nature de la créance"})
	}
	errs = append(errs, CheckText("creditor_ref", "La référence du créancier", c.CreditorRef, false, 60)...)
	errs = append(errs, CheckText("assigned_to", "Le gestionnaire", c.AssignedTo, false, 100)...)
	errs = append(errs, CheckText("basis", "Le fondement de la créance", c.Basis, false, 2000)...)
	if c.Opened.IsZero() {
		errs = append(errs, FieldError{"opened", "La date d'ouverture est obligatoire"})
	} else if c.Opened.After(today) {
		errs = append(errs, FieldError{"opened", "La date d'ouverture est dans le futur"})
	}
	// Code de commerce L441-10: business penalties between professionals only.
	if pro, known := c.Between(); c.Interest.Kind == InterestBusiness && known && !pro {
		errs = append(errs, FieldError{"interest", fmt.Sprintf(msgBusinessRate, c.whoIsNot())})
	}
	if c.Interest.Kind == InterestContractual {
		if c.Interest.RateBP <= 0 || c.Interest.RateBP > 5000 {
			errs = append(errs, FieldError{"interest", "Le taux contractuel doit être compris entre 0 et 50 %"})
		}
	}
	return errs
}

// DocKind is what a stored document is.
type DocKind string

const (
	DocProof     DocKind = "justificatif"
	DocLetter    DocKind = "courrier"
	DocARScan    DocKind = "ar"
	DocEmail     DocKind = "courriel"
	DocAgreement DocKind = "accord"
	DocOther     DocKind = "autre"
)

// DocKinds lists the kinds a person can choose when adding a document.
var DocKinds = []DocKind{DocProof, DocAgreement, DocARScan, DocLetter, DocEmail, DocOther}

// Label returns the French label of the document kind.
func (k DocKind) Label() string {
	switch k {
	case DocProof:
		return "Justificatif"
	case DocLetter:
		return "Courrier"
	case DocARScan:
		return "Accusé de réception"
	case DocEmail:
		return "Courriel"
	case DocAgreement:
		return "Accord signé"
	case DocOther:
		return "Autre"
	}
	return string(k)
}

// Document is a file kept in the document store, named by its SHA-256.
type Document struct {
	ID           int64     `json:"id"`
	CaseID       int64     `json:"case_id"`
	Kind         DocKind   `json:"kind"`
	SHA256       string    `json:"sha256"`
	Size         int64     `json:"size"`
	MediaType    string    `json:"media_type"`
	OriginalName string    `json:"original_name"`
	Added        time.Time `json:"added"`
	Path         string    `json:"path,omitempty"` // filled by the store
}

// EventKind is the kind of a journal entry.
type EventKind string

const (
	EventNote         EventKind = "note"
	EventCall         EventKind = "appel"
	EventStatus       EventKind = "statut"
	EventDocument     EventKind = "piece"
	EventLetter       EventKind = "courrier"
	EventEmail        EventKind = "courriel"
	EventPayment      EventKind = "encaissement"
	EventCaseCreated  EventKind = "ouverture"
	EventCaseEdited   EventKind = "modification"
	EventClaimChanged EventKind = "creance"
	EventSettings     EventKind = "parametres"
)

// Label returns the French label of the event kind.
func (k EventKind) Label() string {
	switch k {
	case EventNote:
		return "Note"
	case EventCall:
		return "Appel téléphonique"
	case EventStatus:
		return "Changement de statut"
	case EventDocument:
		return "Pièce ajoutée"
	case EventLetter:
		return "Courrier émis"
	case EventEmail:
		return "Courriel"
	case EventPayment:
		return "Encaissement"
	case EventCaseCreated:
		return "Ouverture du dossier"
	case EventCaseEdited:
		return "Modification du dossier"
	case EventClaimChanged:
		return "Créance modifiée"
	case EventSettings:
		return "Paramètres"
	case EventFlag:
		return "Alerte"
	}
	return string(k)
}

// CallOutcome is the outcome of a phone call with a debtor.
type CallOutcome string

const (
	CallNoAnswer  CallOutcome = "sans_reponse"
	CallMessage   CallOutcome = "message"
	CallPromise   CallOutcome = "promesse"
	CallDispute   CallOutcome = "contestation"
	CallRefusal   CallOutcome = "refus"
	CallPlanAsked CallOutcome = "demande_echeancier"
	CallWrongNum  CallOutcome = "faux_numero"
	CallOther     CallOutcome = "autre"
)

// CallOutcomes lists every outcome, for choosers.
var CallOutcomes = []CallOutcome{CallNoAnswer, CallMessage, CallPromise, CallPlanAsked, CallDispute, CallRefusal, CallWrongNum, CallOther}

// Label returns the French label of the outcome.
func (o CallOutcome) Label() string {
	switch o {
	case CallNoAnswer:
		return "Pas de réponse"
	case CallMessage:
		return "Message laissé"
	case CallPromise:
		return "Promesse de paiement"
	case CallPlanAsked:
		return "Demande d'échéancier"
	case CallDispute:
		return "Contestation"
	case CallRefusal:
		return "Refus de payer"
	case CallWrongNum:
		return "Faux numéro"
	case CallOther:
		return "Autre"
	}
	return string(o)
}

// Event is an entry of a case's journal. The journal is append-only: a
// correction is a new entry.
type Event struct {
	ID      int64       `json:"id"`
	CaseID  int64       `json:"case_id"`
	At      time.Time   `json:"at"` // UTC instant
	Author  string      `json:"author"`
	Kind    EventKind   `json:"kind"`
	Text    string      `json:"text"`
	Outcome CallOutcome `json:"outcome,omitempty"`
	DocIDs  []int64     `json:"documents,omitempty"`
}
