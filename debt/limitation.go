package debt

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// LimitationPeriod is how long a claim can be acted on (prescription, or
// forclusion for consumer credit), with its legal basis.
type LimitationPeriod struct {
	Key   string `json:"key"` // general, consumer, rent, consumer_credit, title, custom
	Years int    `json:"years"`
	Label string `json:"label"` // French, for screens and letters
	Text  string `json:"text"`  // legal basis
	// Forclusion marks a time limit that a debtor's acknowledgement does
	// not interrupt (consumer credit): only a court demand does (Code
	// civil 2241).
	Forclusion bool `json:"forclusion"`
}

// The periods of legal.md §5.
var (
	LimitationGeneral = LimitationPeriod{Key: "general", Years: 5,
		Label: "Prescription de droit commun (5 ans)", Text: "Code civil 2224, Code de commerce L110-4"}
	LimitationConsumer = LimitationPeriod{Key: "consumer", Years: 2,
		Label: "Action d'un professionnel contre un consommateur (2 ans)", Text: "Code de la consommation L218-2"}
	LimitationRent = LimitationPeriod{Key: "rent", Years: 3,
		Label: "Loyers et charges d'un bail d'habitation (3 ans)", Text: "Loi du 6 juillet 1989, art. 7-1"}
	LimitationConsumerCredit = LimitationPeriod{Key: "consumer_credit", Years: 2,
		Label: "Crédit à la consommation : forclusion (2 ans)", Text: "Code de la consommation R312-35",
		Forclusion: true}
	LimitationTitle = LimitationPeriod{Key: "title", Years: 10,
		Label: "Exécution d'un titre exécutoire (10 ans)", Text: "CPCE L111-4"}
)

// CustomLimitation is a period of n years typed by a person (the
// calculator).
func CustomLimitation(years int) LimitationPeriod {
	return LimitationPeriod{Key: "custom", Years: years, Label: fmt.Sprintf("Délai de %d ans", years)}
}

// LimitationPeriodFor returns the period of a claim from its nature and the
// parties' kinds:
//   - an enforceable title (judgment, notarial deed): 10 years;
//   - a professional creditor against a consumer debtor: 2 years, as a
//     forclusion for a loan (consumer credit, from the first unpaid
//     instalment not made good);
//   - rent owed by a consumer (a residential lease): 3 years; a
//     professional tenant's rent falls under the general rule;
//   - everything else, business to business included: 5 years.
func LimitationPeriodFor(nature Nature, creditor, debtor LegalKind, enforceableTitle bool) LimitationPeriod {
	switch {
	case enforceableTitle:
		return LimitationTitle
	case nature == NatureRent && debtor == Consumer:
		return LimitationRent
	case nature == NatureAlimony:
		return LimitationGeneral
	case creditor == Professional && debtor == Consumer && nature == NatureLoan:
		return LimitationConsumerCredit
	case creditor == Professional && debtor == Consumer:
		return LimitationConsumer
	}
	return LimitationGeneral
}

// LimitationEventKind is an event that may restart the limitation period.
type LimitationEventKind string

const (
	LimitationStart           LimitationEventKind = "depart"             // the period's start (due date)
	LimitationAcknowledgement LimitationEventKind = "reconnaissance"     // signed acknowledgement of debt
	LimitationPlanSigned      LimitationEventKind = "echeancier"         // signed payment plan
	LimitationPartialPayment  LimitationEventKind = "paiement"           // partial payment
	LimitationCourtDemand     LimitationEventKind = "demande_en_justice" // court demand, even summary
	LimitationFormalNotice    LimitationEventKind = "mise_en_demeure"    // does NOT interrupt
	// An enforcement measure or a protective measure of the CPCE
	// interrupts, a forclusion too (Code civil 2244).
	LimitationEnforcement LimitationEventKind = "mesure_execution"
	// Conciliation or mediation agreed after the dispute arose suspends
	// the period until it ends (Code civil 2238 al. 1 and 2).
	LimitationMediation LimitationEventKind = "mediation"
	// The debtor's agreement to the small-claims procedure, recorded by
	// the commissaire de justice, suspends the period until the procedure
	// ends or he refuses (CPCE L125-1, Code civil 2238).
	LimitationSmallClaims LimitationEventKind = "petites_creances"
	// An enforceable title (judgment, notarial deed, small-claims
	// agreement made enforceable): a new period of 10 years from it (CPCE
	// L111-4).
	LimitationTitleObtained LimitationEventKind = "titre_executoire"
)

// InterruptionKinds are the acts a person records on a case (besides
// payments and signed plans, which the store takes from their own
// records), in the order screens offer them.
var InterruptionKinds = []LimitationEventKind{LimitationAcknowledgement, LimitationCourtDemand, LimitationEnforcement,
	LimitationMediation, LimitationSmallClaims, LimitationTitleObtained}

// ParseInterruptionKind accepts a kind code or its French label.
func ParseInterruptionKind(s string) (LimitationEventKind, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, k := range InterruptionKinds {
		if t == string(k) || t == strings.ToLower(k.Label()) {
			return k, nil
		}
	}
	return "", fmt.Errorf("acte « %s » inconnu (reconnaissance, demande_en_justice, mesure_execution, mediation, petites_creances, titre_executoire)", s)
}

// Suspends reports whether the kind suspends the period (Code civil 2230:
// the time already run is kept) rather than restarting it.
func (k LimitationEventKind) Suspends() bool {
	return k == LimitationMediation || k == LimitationSmallClaims
}

// Article returns the legal basis of the kind's effect on limitation.
func (k LimitationEventKind) Article() string {
	switch k {
	case LimitationAcknowledgement, LimitationPlanSigned, LimitationPartialPayment:
		return "Code civil 2240"
	case LimitationCourtDemand:
		return "Code civil 2241"
	case LimitationEnforcement:
		return "Code civil 2244"
	case LimitationMediation:
		return "Code civil 2238"
	case LimitationSmallClaims:
		return "CPCE L125-1, Code civil 2238"
	case LimitationTitleObtained:
		return "CPCE L111-4"
	case LimitationFormalNotice:
		return "Cass. com. 18 mai 2022, n° 20-23.204"
	}
	return ""
}

// Label returns the French label of the event kind.
func (k LimitationEventKind) Label() string {
	switch k {
	case LimitationStart:
		return "Point de départ"
	case LimitationAcknowledgement:
		return "Reconnaissance de dette"
	case LimitationPlanSigned:
		return "Échéancier signé"
	case LimitationPartialPayment:
		return "Paiement partiel"
	case LimitationCourtDemand:
		return "Demande en justice"
	case LimitationFormalNotice:
		return "Mise en demeure"
	case LimitationEnforcement:
		return "Mesure d'exécution"
	case LimitationMediation:
		return "Conciliation ou médiation"
	case LimitationSmallClaims:
		return "Procédure des petites créances"
	case LimitationTitleObtained:
		return "Titre exécutoire"
	}
	return string(k)
}

// interrupts reports whether an event of kind k restarts a period p: the
// debtor's acknowledgement (Code civil 2240: signed acknowledgement, signed
// plan, partial payment) and a court demand (2241). A formal notice, even
// by registered letter with AR, does not. A forclusion is only
// interrupted by a court demand.
func (k LimitationEventKind) interrupts(p LimitationPeriod) bool {
	switch k {
	case LimitationCourtDemand, LimitationEnforcement: // 2241, 2244
		return true
	case LimitationAcknowledgement, LimitationPlanSigned, LimitationPartialPayment:
		return !p.Forclusion
	}
	return false
}

// LimitationEvent is a dated event of the claim's life.
type LimitationEvent struct {
	Kind LimitationEventKind `json:"kind"`
	Date Date                `json:"date"`
	// End is the day a suspension ended (the mediation declared over, the
	// debtor's refusal or the end of the small-claims procedure recorded);
	// zero while it runs.
	End Date `json:"end,omitzero"`
}

// LimitationInput is what a limitation computation needs: plain values.
type LimitationInput struct {
	Period LimitationPeriod
	Start  Date // when the period starts: usually the due date
	Events []LimitationEvent
	// At is the day of the computation: a suspension still running is
	// counted as ending that day. Zero: a running suspension leaves the
	// expiry unknown.
	At Date
}

// IgnoredEvent is an event that did not restart the period, and why.
type IgnoredEvent struct {
	Event  LimitationEvent `json:"event"`
	Reason string          `json:"reason"` // French
}

// Limitation is the result of a limitation computation.
type Limitation struct {
	Period LimitationPeriod `json:"period"`
	// From is the date the running period started: the start date or the
	// last interruption; FromEvent says which.
	From      Date                `json:"from"`
	FromEvent LimitationEventKind `json:"from_event"`
	// Expires is the last day on which the claim can still be acted on:
	// the same day number Years later (28 February for a 29 February).
	// There is no move to a working day: from the day after, the claim is
	// time-barred.
	Expires Date           `json:"expires"`
	Ignored []IgnoredEvent `json:"ignored,omitempty"`
	// Suspended is set while a suspension runs (2238): the period does
	// not run; Expires then assumes it ends on the computation's day.
	Suspended bool `json:"suspended,omitempty"`
}

// ErrLimitation is wrapped by the errors ComputeLimitation returns.
var ErrLimitation = errors.New("calcul de la prescription impossible")

// ComputeLimitation computes when a claim becomes time-barred. Each event
// that interrupts (see LimitationEventKind) starts a new full period from
// its date (Code civil 2231), provided it comes while the period still
// runs: an event before the start does not count, and one after the
// expiry does not revive a dead claim. A court demand is treated as
// restarting the period on its date, the earliest the new period can end
// (the interruption really lasts as long as the proceedings, 2242).
//
// A suspension (conciliation or mediation, the small-claims procedure:
// Code civil 2238, CPCE L125-1) stops the clock without erasing the time
// already run (2230): the expiry moves by the days it lasted, and the
// period runs again for at least six months from its end (2238 al. 2). A
// forclusion is not suspended (2220). An enforceable title starts a new
// period of ten years from its date (CPCE L111-4), whatever ran before.
func ComputeLimitation(in LimitationInput) (Limitation, error) {
	if in.Period.Years <= 0 || in.Period.Years > 30 {
		return Limitation{}, fmt.Errorf("%w : durée de %d ans invraisemblable", ErrLimitation, in.Period.Years)
	}
	if in.Start.IsZero() {
		return Limitation{}, fmt.Errorf("%w : point de départ manquant", ErrLimitation)
	}
	res := Limitation{Period: in.Period, From: in.Start, FromEvent: LimitationStart,
		Expires: in.Start.AddYears(in.Period.Years)}
	events := slices.Clone(in.Events)
	slices.SortStableFunc(events, func(a, b LimitationEvent) int { return a.Date.Compare(b.Date) })
	for _, e := range events {
		ignore := func(reason string) { res.Ignored = append(res.Ignored, IgnoredEvent{e, reason}) }
		switch {
		case e.Date.IsZero():
			return Limitation{}, fmt.Errorf("%w : événement « %s » sans date", ErrLimitation, e.Kind.Label())
		case e.Kind == LimitationFormalNotice:
			ignore("une mise en demeure n'interrompt pas la prescription")
		case e.Kind == LimitationTitleObtained:
			// CPCE L111-4: ten years from the title.
			res.Period = LimitationTitle
			res.From, res.FromEvent = e.Date, e.Kind
			res.Expires = e.Date.AddYears(LimitationTitle.Years)
		case e.Kind.Suspends():
			switch {
			case res.Period.Forclusion:
				ignore("un délai de forclusion n'est pas suspendu (article 2220 du code civil)")
			case e.Date.Before(in.Start):
				ignore("antérieur au point de départ du délai")
			case e.Date.After(res.Expires):
				ignore("postérieur à l'expiration du délai (le " + res.Expires.String() + ")")
			case !e.End.IsZero() && e.End.Before(e.Date):
				return Limitation{}, fmt.Errorf("%w : « %s » finit (%s) avant de commencer (%s)", ErrLimitation, e.Kind.Label(), e.End, e.Date)
			default:
				end := e.End
				if end.IsZero() {
					res.Suspended = true
					if end = in.At; end.IsZero() || end.Before(e.Date) {
						res.Expires = Date{}
						return res, nil
					}
				}
				// 2230: the days suspended are added; 2238 al. 2: at
				// least six months from the end.
				res.Expires = res.Expires.AddDays(end.DaysSince(e.Date))
				if floor := end.AddMonths(6); res.Expires.Before(floor) {
					res.Expires = floor
				}
			}
		case !e.Kind.interrupts(res.Period):
			if res.Period.Forclusion {
				ignore("seule une demande en justice interrompt un délai de forclusion")
			} else {
				ignore("cet événement n'interrompt pas la prescription")
			}
		case e.Date.Before(in.Start):
			ignore("antérieur au point de départ du délai")
		case e.Date.After(res.Expires):
			ignore("postérieur à l'expiration du délai (le " + res.Expires.String() + ")")
		default:
			res.From, res.FromEvent = e.Date, e.Kind
			res.Expires = e.Date.AddYears(res.Period.Years)
		}
	}
	return res, nil
}

// CaseLimitation computes the limitation of a case from its nature, its
// creditor and first debtor, and its oldest principal line's due date
// (the first claim to die, so the one to warn about).
func CaseLimitation(c Case, enforceableTitle bool, events []LimitationEvent) (Limitation, error) {
	var start Date
	for _, l := range c.Lines {
		if l.Kind == LinePrincipal && !l.DueDate.IsZero() && (start.IsZero() || l.DueDate.Before(start)) {
			start = l.DueDate
		}
	}
	p := LimitationPeriodFor(c.Nature, c.Creditor.LegalKind, c.FirstDebtor().LegalKind, enforceableTitle)
	return ComputeLimitation(LimitationInput{Period: p, Start: start, Events: events})
}

// LimitationLevel grades how close a claim is to being time-barred.
type LimitationLevel int

const (
	LimitationUnknown LimitationLevel = iota // no expiry date
	LimitationOK                             // more than warnDays left
	LimitationSoon                           // warnDays or fewer left
	LimitationExpired                        // the claim is time-barred
)

// LimitationAlert is what the case view and the daily sweep show.
type LimitationAlert struct {
	Level    LimitationLevel `json:"level"`
	DaysLeft int             `json:"days_left"` // expiry − today; negative once expired
	Message  string          `json:"message"`   // French
}

// LimitationWarning grades an expiry date at today: Soon within warnDays
// days (90 by default, and 30 for the second warning), Expired from the
// day after the expiry.
func LimitationWarning(expiry, today Date, warnDays int) LimitationAlert {
	if expiry.IsZero() {
		return LimitationAlert{Level: LimitationUnknown, Message: "Prescription non calculée (point de départ manquant)"}
	}
	left := expiry.DaysSince(today)
	a := LimitationAlert{DaysLeft: left}
	switch {
	case left < 0:
		a.Level = LimitationExpired
		a.Message = fmt.Sprintf("Créance prescrite depuis le %s (dernier jour pour agir : %s) : informez le créancier",
			expiry.AddDays(1), expiry)
	case left == 0:
		a.Level = LimitationSoon
		a.Message = fmt.Sprintf("Dernier jour pour agir avant prescription : aujourd'hui, %s", expiry)
	case left <= warnDays:
		a.Level = LimitationSoon
		a.Message = fmt.Sprintf("Prescription le %s : plus que %d jour%s", expiry, left, plural(left))
	default:
		a.Level = LimitationOK
		a.Message = fmt.Sprintf("Prescription le %s", expiry)
	}
	return a
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}

// CaseLimitationAt is CaseLimitation computed on the day at: a suspension
// still running (2238) is counted as ending that day.
func CaseLimitationAt(c Case, events []LimitationEvent, at Date) (Limitation, error) {
	var start Date
	for _, l := range c.Lines {
		if l.Kind == LinePrincipal && !l.DueDate.IsZero() && (start.IsZero() || l.DueDate.Before(start)) {
			start = l.DueDate
		}
	}
	p := LimitationPeriodFor(c.Nature, c.Creditor.LegalKind, c.FirstDebtor().LegalKind, false)
	return ComputeLimitation(LimitationInput{Period: p, Start: start, Events: events, At: at})
}
