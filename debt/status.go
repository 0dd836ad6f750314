package debt

import (
	"fmt"
	"strings"
)

// Status is where a case stands in the amicable recovery workflow.
type Status string

const (
	StatusNew          Status = "nouveau"
	StatusVerifying    Status = "verification"
	StatusReminded     Status = "relance"
	StatusFormalNotice Status = "mise_en_demeure"
	StatusNegotiating  Status = "negociation"
	StatusPlan         Status = "echeancier"
	StatusPaid         Status = "solde"      // closed
	StatusEscalated    Status = "judiciaire" // closed: moved to a formal track
	StatusAbandoned    Status = "abandonne"  // closed, with a reason
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusNew, StatusVerifying, StatusReminded, StatusFormalNotice,
	StatusNegotiating, StatusPlan, StatusPaid, StatusEscalated, StatusAbandoned}

var statusLabels = map[Status]string{
	StatusNew:          "Nouveau",
	StatusVerifying:    "Vérification",
	StatusReminded:     "Relancé",
	StatusFormalNotice: "Mise en demeure envoyée",
	StatusNegotiating:  "Négociation",
	StatusPlan:         "Échéancier",
	StatusPaid:         "Soldé",
	StatusEscalated:    "Transmis en judiciaire",
	StatusAbandoned:    "Abandonné",
}

// Label returns the French label of the status.
func (s Status) Label() string {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusLabels[s]; return ok }

// ParseStatus accepts a status code or its French label (case-insensitive).
func ParseStatus(s string) (Status, error) {
	t := strings.TrimSpace(s)
	for _, st := range Statuses {
		if strings.EqualFold(t, string(st)) || strings.EqualFold(t, st.Label()) {
			return st, nil
		}
	}
	codes := make([]string, len(Statuses))
	for i, st := range Statuses {
		codes[i] = string(st)
	}
	return "", fmt.Errorf("statut inconnu « %s » (attendu : %s)", s, strings.Join(codes, ", "))
}

// Closed reports whether the status closes the case.
func (s Status) Closed() bool {
	return s == StatusPaid || s == StatusEscalated || s == StatusAbandoned
}

// forward lists the steps allowed from each open status, besides the
// closing moves to escalated and abandoned that every open status allows.
// The workflow may skip steps forward (a debtor may propose a plan right
// after the reminder) and may step back to negotiation when a plan fails.
var forward = map[Status][]Status{
	StatusNew:          {StatusVerifying, StatusReminded, StatusFormalNotice, StatusNegotiating, StatusPlan, StatusPaid},
	StatusVerifying:    {StatusReminded, StatusFormalNotice, StatusNegotiating, StatusPlan, StatusPaid},
	StatusReminded:     {StatusFormalNotice, StatusNegotiating, StatusPlan, StatusPaid},
	StatusFormalNotice: {StatusNegotiating, StatusPlan, StatusPaid},
	StatusNegotiating:  {StatusFormalNotice, StatusPlan, StatusPaid},
	StatusPlan:         {StatusNegotiating, StatusFormalNotice, StatusPaid},
}

// NextStatuses returns the statuses a case may move to from s, in workflow
// order. A closed case can only be reopened (see Reopen).
func NextStatuses(s Status) []Status {
	if s.Closed() {
		return nil
	}
	next := append([]Status{}, forward[s]...)
	return append(next, StatusEscalated, StatusAbandoned)
}

// Transition is a requested status change.
type Transition struct {
	From, To Status
	Reason   string
}

// CheckTransition says whether a case may move from t.From to t.To, with a
// French message when it may not. Abandoning needs a reason; reopening a
// closed case (To an open status) needs one too.
func CheckTransition(t Transition) error {
	if !t.From.Valid() || !t.To.Valid() {
		return fmt.Errorf("statut inconnu")
	}
	if t.From == t.To {
		return fmt.Errorf("le dossier est déjà au statut « %s »", t.To.Label())
	}
	reason := strings.TrimSpace(t.Reason)
	if t.From.Closed() {
		if t.To.Closed() {
			return fmt.Errorf("un dossier clos (« %s ») doit d'abord être rouvert", t.From.Label())
		}
		if reason == "" {
			return fmt.Errorf("indiquez pourquoi le dossier est rouvert")
		}
		return nil
	}
	for _, n := range NextStatuses(t.From) {
		if n == t.To {
			if t.To == StatusAbandoned && reason == "" {
				return fmt.Errorf("indiquez pourquoi le dossier est abandonné")
			}
			return nil
		}
	}
	return fmt.Errorf("passage de « %s » à « %s » impossible", t.From.Label(), t.To.Label())
}

// ReopenStatuses are the statuses a closed case may be reopened to.
func ReopenStatuses() []Status {
	return []Status{StatusVerifying, StatusReminded, StatusFormalNotice, StatusNegotiating, StatusPlan}
}
