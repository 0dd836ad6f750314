package debt

import (
	"fmt"
	"slices"
	"strings"
)

// Flags are what the daily sweep raises for the morning review ("À
// traiter"): a missed instalment, an expired deadline, an AR that did not
// come back… Each flag names its case, its kind, the object it is about
// ("instalment:12:3", "letter:40"), the date it is about (Due) and a short
// French explanation. The rules below decide, from a case's facts at a
// day, which flags are true that day; the store keeps them unique per
// (case, kind, object, due) and resolves those no longer true.

// FlagKind is what a flag is about.
type FlagKind string

const (
	FlagBackupFailed     FlagKind = "sauvegarde_echouee"
	FlagLimitationUrgent FlagKind = "prescription_urgente" // within LimitationUrgentDays (30), still savable
	// FlagPrescribed: the limitation date has passed (Code civil 2219):
	// the claim can no longer be demanded.
	FlagPrescribed FlagKind = "prescription_acquise"
	// FlagCommercialTerms: L441-10 penalties or the 40 € indemnity on a
	// case that is not between professionals, or more indemnities than
	// late invoices (Code de commerce L441-10, D441-5).
	FlagCommercialTerms  FlagKind = "penalites_irregulieres"
	FlagInstalmentMissed FlagKind = "echeance_impayee"
	FlagNoticeExpired    FlagKind = "mise_en_demeure_expiree"
	FlagFundsHeld        FlagKind = "fonds_a_reverser"
	FlagLetterReturned   FlagKind = "pli_revenu"
	FlagSmallClaimsEnded FlagKind = "petites_creances_expiree"
	FlagUnreadMail       FlagKind = "courriel_non_lu"
	FlagReminderExpired  FlagKind = "relance_sans_reponse"
	FlagARMissing        FlagKind = "ar_non_revenu"
	FlagLimitationSoon   FlagKind = "prescription_proche" // within LimitationWarnDays (90)
	FlagCloseCase        FlagKind = "dossier_a_clore"
	FlagIdle             FlagKind = "sans_activite"
	FlagEvidence         FlagKind = "piece_absente_ou_alteree" // a stored file missing or changed (verify)
	FlagClockAhead       FlagKind = "horloge_en_avance"        // the last sweep recorded is after today
)

// FlagKinds lists every kind, most urgent first: the order of the morning
// review's groups.
var FlagKinds = []FlagKind{
	FlagBackupFailed, FlagLimitationUrgent, FlagPrescribed, FlagCommercialTerms, FlagInstalmentMissed, FlagNoticeExpired, FlagFundsHeld,
	FlagLetterReturned, FlagSmallClaimsEnded, FlagUnreadMail, FlagReminderExpired, FlagARMissing,
	FlagLimitationSoon, FlagCloseCase, FlagIdle,
	FlagEvidence, FlagClockAhead,
}

// SweepKinds are the kinds the daily sweep computes from the cases' facts
// (and resolves when they are no longer true); a failed backup is raised
// and resolved by the backup itself.
var SweepKinds = slices.DeleteFunc(slices.Clone(FlagKinds), func(k FlagKind) bool {
	return k == FlagBackupFailed || k == FlagEvidence || k == FlagClockAhead
})

// Rank orders kinds by urgency: 0 is the most urgent; an unknown kind
// comes last.
func (k FlagKind) Rank() int {
	if i := slices.Index(FlagKinds, k); i >= 0 {
		return i
	}
	return len(FlagKinds)
}

// Valid reports whether k is a known kind.
func (k FlagKind) Valid() bool { return slices.Contains(FlagKinds, k) }

// Label returns the French title of the kind's group in the morning review.
func (k FlagKind) Label() string {
	switch k {
	case FlagBackupFailed:
		return "Sauvegarde en échec"
	case FlagLimitationUrgent:
		return "Prescription imminente"
	case FlagPrescribed:
		return "Créances prescrites"
	case FlagCommercialTerms:
		return "Pénalités commerciales irrégulières"
	case FlagInstalmentMissed:
		return "Échéances impayées"
	case FlagNoticeExpired:
		return "Mises en demeure expirées"
	case FlagFundsHeld:
		return "Fonds à reverser"
	case FlagLetterReturned:
		return "Plis revenus"
	case FlagSmallClaimsEnded:
		return "Petites créances : délai d'un mois écoulé"
	case FlagUnreadMail:
		return "Courriels non lus"
	case FlagReminderExpired:
		return "Relances sans réponse"
	case FlagARMissing:
		return "AR non revenus"
	case FlagLimitationSoon:
		return "Prescription proche"
	case FlagCloseCase:
		return "Dossiers à clore"
	case FlagIdle:
		return "Dossiers sans activité"
	case FlagEvidence:
		return "Pièces absentes ou altérées"
	case FlagClockAhead:
		return "Horloge de l'ordinateur en avance"
	}
	return string(k)
}

// Advice returns what the office usually does next, in French.
func (k FlagKind) Advice() string {
	switch k {
	case FlagBackupFailed:
		return "Vérifiez le dossier de sauvegarde (disque branché, réseau accessible) dans Paramètres."
	case FlagLimitationUrgent, FlagLimitationSoon:
		return "Obtenez un acte interruptif (paiement, reconnaissance de dette, échéancier signé) ou informez le créancier pour une action en justice."
	case FlagPrescribed:
		// Code civil 2219 (prescription extinguishes the action), 2249
		// (a voluntary payment cannot be recovered): professional rules
		// art. 29, tell the client.
		return "La créance ne peut plus être exigée : informez le créancier, puis clôturez le dossier ou n'acceptez qu'un paiement volontaire (sans relance ni mise en demeure)."
	case FlagCommercialTerms:
		return "Entre un professionnel et un particulier, réclamez les intérêts au taux légal (ou un taux contractuel avec sa clause) et retirez l'indemnité de 40 € ; une seule indemnité par facture en retard (C. com. L. 441-10, D. 441-5)."
	case FlagInstalmentMissed:
		return "Appelez le débiteur ; à défaut, mise en demeure ou renégociation de l'échéancier."
	case FlagNoticeExpired:
		return "Décidez la suite : négociation, seconde mise en demeure ou transmission en judiciaire."
	case FlagFundsHeld:
		return "Reversez les fonds au créancier (un mois au plus, CPCE R124-6)."
	case FlagLetterReturned:
		return "Cherchez une autre adresse ou un autre moyen de joindre le débiteur."
	case FlagSmallClaimsEnded:
		return "Sans accord, délivrez le titre ou transmettez en judiciaire."
	case FlagUnreadMail:
		return "Lisez la réponse du débiteur et notez la suite au journal."
	case FlagReminderExpired:
		return "Appelez le débiteur ou émettez le courrier suivant."
	case FlagARMissing:
		return "Suivez le pli sur le site de La Poste et enregistrez l'AR ou le retour."
	case FlagCloseCase:
		return "Clôturez le dossier comme soldé et émettez l'attestation de solde."
	case FlagIdle:
		return "Faites le point : appel, relance ou décision sur le dossier."
	case FlagEvidence:
		return "Vérifiez le dossier des documents (amiable verify) ; sans copie correcte, retrouvez l'original ou une sauvegarde plus ancienne."
	case FlagClockAhead:
		return "Remettez l'ordinateur à l'heure ; les alertes des jours « futurs » déjà calculés restent au journal."
	}
	return ""
}

// ResolvedReason says, in French, why a flag of kind k no longer holds,
// for the journal: the sweep records it when it resolves the flag.
func (k FlagKind) ResolvedReason() string {
	switch k {
	case FlagBackupFailed:
		return "une sauvegarde a réussi depuis"
	case FlagLimitationUrgent, FlagLimitationSoon:
		return "la date de prescription n'est plus dans le délai d'alerte (acte interruptif enregistré, ou alerte suivante)"
	case FlagPrescribed:
		return "un acte interruptif enregistré a repoussé la date de prescription"
	case FlagCommercialTerms:
		return "les intérêts et indemnités du dossier sont conformes à l'article L. 441-10 du code de commerce"
	case FlagInstalmentMissed:
		return "l'échéance est payée, ou l'échéancier a été remplacé"
	case FlagNoticeExpired:
		return "la créance est réglée, un échéancier est en place ou une nouvelle étape a été engagée"
	case FlagFundsHeld:
		return "les fonds ont été reversés au créancier"
	case FlagLetterReturned:
		return "un nouveau courrier a été émis pour ce destinataire"
	case FlagSmallClaimsEnded:
		return "le dossier a suivi son cours"
	case FlagUnreadMail:
		return "le courriel a été lu"
	case FlagReminderExpired:
		return "le débiteur a répondu ou payé, ou le courrier suivant a été émis"
	case FlagARMissing:
		return "l'AR ou le pli est revenu et a été enregistré"
	case FlagCloseCase:
		return "le dossier a été clos, ou un solde reste dû"
	case FlagIdle:
		return "le dossier a connu une activité"
	case FlagEvidence:
		return "la pièce a été retrouvée intacte"
	case FlagClockAhead:
		return "l'horloge a été remise à l'heure"
	}
	return "la cause a disparu"
}

// Flag is a reason to act on a case (or on the office, CaseID 0).
type Flag struct {
	CaseID int64    `json:"-"`
	Kind   FlagKind `json:"kind"`
	// Object is what the flag is about, with the ids that make it unique
	// within its case and kind: "instalment:PLAN:N", "letter:ID",
	// "plan:ID", "creditor:ID", "mail:ID", "limitation", "activity",
	// "balance", "backup".
	Object string `json:"object"`
	// Due is the date the flag is about: the instalment's due date, the
	// letter's deadline, the day the AR was expected, the limitation date,
	// the day of the thirtieth idle day…
	Due    Date   `json:"due"`
	Amount Cents  `json:"amount_cents,omitempty"` // amount late or held, when it applies
	Text   string `json:"text"`                   // French: why it was raised
}

// FlagRules are the office's settings of the flags that the computation
// rules (Rules) do not already hold.
type FlagRules struct {
	// ARDays: a registered letter with AR posted that many days ago whose
	// AR has not come back is flagged (the wait ends on a working day).
	ARDays int `json:"ar_days"`
	// IdleDays: an open case with no journal entry for that many days is
	// flagged.
	IdleDays int `json:"idle_days"`
}

// DefaultFlagRules returns the defaults: 21 days for the AR, 30 days
// without activity.
func DefaultFlagRules() FlagRules { return FlagRules{ARDays: 21, IdleDays: 30} }

// Validate checks the settings a person typed.
func (r FlagRules) Validate() []FieldError {
	var errs []FieldError
	if r.ARDays < 1 || r.ARDays > 120 {
		errs = append(errs, FieldError{"ar_days", "Le délai de retour des AR doit être compris entre 1 et 120 jours"})
	}
	if r.IdleDays < 1 || r.IdleDays > 365 {
		errs = append(errs, FieldError{"idle_days", "Le délai sans activité doit être compris entre 1 et 365 jours"})
	}
	return errs
}

// FlagState is where a flag stands.
type FlagState string

const (
	FlagOpen     FlagState = "ouverte"
	FlagSnoozed  FlagState = "reportee" // back in the review on its snooze date
	FlagHandled  FlagState = "traitee"  // staff dealt with it (who, when, comment)
	FlagResolved FlagState = "resolue"  // its cause disappeared (reason recorded)
)

// Label returns the French label of the state.
func (s FlagState) Label() string {
	switch s {
	case FlagOpen:
		return "À traiter"
	case FlagSnoozed:
		return "Reportée"
	case FlagHandled:
		return "Traitée"
	case FlagResolved:
		return "Résolue"
	}
	return string(s)
}

// EventFlag is the kind of the journal entries the sweep writes when it
// raises or resolves a flag. They are not the case's activity: a case
// with only these entries stays idle.
const EventFlag EventKind = "alerte"

// Letter kind codes, as the letters package and the store write them
// (letters.Kind): debt does not import letters.
const (
	LetterReminder1    = "relance1"
	LetterReminder2    = "relance2"
	LetterFormalNotice = "mise-en-demeure"
	LetterSmallClaims  = "petites-creances"
)

// LetterSteps are the letters that move a case forward towards payment:
// one of them issued after a letter makes that letter's deadline moot.
var LetterSteps = []string{LetterReminder1, LetterReminder2, LetterFormalNotice, LetterSmallClaims}

// PlanFacts is a running payment plan of an open case.
type PlanFacts struct {
	CaseID, PlanID int64
	GraceDays      int
	Total          Cents
	Paid           Cents // received since the plan started, cancelled payments excluded
	LastPayment    Date  // the latest of those payments (zero when none)
	Instalments    []Instalment
}

// PlanFlags returns the flags of a running plan at today: one per missed
// instalment (past its grace days, something left to pay, oldest first),
// and a request to close the case once the plan is paid in full.
func PlanFlags(p PlanFacts, today Date) []Flag {
	var out []Flag
	if p.Total > 0 && p.Paid >= p.Total {
		due := p.LastPayment
		if due.IsZero() {
			due = today
		}
		return []Flag{{CaseID: p.CaseID, Kind: FlagCloseCase, Object: fmt.Sprintf("plan:%d", p.PlanID), Due: due,
			Text: fmt.Sprintf("Échéancier n° %d payé en totalité (%s) : le dossier peut être clos comme soldé.", p.PlanID, p.Total)}}
	}
	for _, in := range PlanStatus(p.Instalments, p.Paid, today, p.GraceDays) {
		if in.State != InstMissed {
			continue
		}
		what := fmt.Sprintf("Échéance n° %d", in.N)
		if in.N == 0 {
			what = "Acompte"
		}
		text := fmt.Sprintf("%s du %s (%s) impayée : %s restent dus, délai de grâce de %d jour%s dépassé (échéancier n° %d).",
			what, in.Due, in.Amount, in.Left, p.GraceDays, plural(p.GraceDays), p.PlanID)
		if in.Paid > 0 {
			text = fmt.Sprintf("%s du %s (%s) payée en partie : %s restent dus, délai de grâce de %d jour%s dépassé (échéancier n° %d).",
				what, in.Due, in.Amount, in.Left, p.GraceDays, plural(p.GraceDays), p.PlanID)
		}
		out = append(out, Flag{CaseID: p.CaseID, Kind: FlagInstalmentMissed, Object: fmt.Sprintf("instalment:%d:%d", p.PlanID, in.N),
			Due: in.Due, Amount: in.Left, Text: text})
	}
	return out
}

// SentLetter is an issued letter of an open case with what followed it.
type SentLetter struct {
	CaseID, LetterID int64
	Kind             string // letters.Kind code
	Label            string // French kind label for texts ("Première relance"); Kind when empty
	Ref              string // the letter's reference
	Date             Date   // the letter's date
	Deadline         Date   // the deadline it gave (zero when none)
	Recipient        string
	Deposit          Date // posted that day (zero: not posted yet)
	AR               bool // registered with acknowledgement of receipt
	Outcome          AROutcome
	ARReceived       Date // the day the AR card or the envelope came back
	// LaterStep: a reminder, formal notice or small-claims invitation was
	// issued on the case after this letter.
	LaterStep bool
	// LaterToRecipient: another letter was issued to the same recipient
	// after this one (a new address was found).
	LaterToRecipient bool
	// LastAnswer is the day of the case's latest phone call, e-mail or
	// payment (zero when none): the debtor's answer.
	LastAnswer Date
	Balance    Cents // what the case still owes (principal and accessories)
	InPlan     bool  // a payment plan runs on the case
}

func (l SentLetter) label() string {
	if l.Label != "" {
		return l.Label
	}
	return l.Kind
}

// LetterFlags returns the flags an issued letter raises at today:
//   - a formal notice whose deadline has passed while something is still
//     owed, no plan runs and no later step was taken;
//   - a reminder whose deadline has passed with no answer (call, e-mail
//     or payment since the letter) and no later step;
//   - a small-claims invitation whose one-month window has ended;
//   - a registered letter with AR posted, whose AR is not back after
//     r.ARDays (the wait ending on a working day of cal);
//   - a registered letter that came back not collected, refused or
//     addressee unknown, until a new letter goes to that recipient.
func LetterFlags(l SentLetter, r FlagRules, cal Calendar, today Date) []Flag {
	var out []Flag
	object := fmt.Sprintf("letter:%d", l.LetterID)
	add := func(kind FlagKind, due Date, text string) {
		out = append(out, Flag{CaseID: l.CaseID, Kind: kind, Object: object, Due: due, Text: text})
	}
	expired := !l.Deadline.IsZero() && today.After(l.Deadline)
	switch l.Kind {
	case LetterFormalNotice:
		if expired && !l.LaterStep && !l.InPlan && l.Balance > 0 {
			add(FlagNoticeExpired, l.Deadline, fmt.Sprintf("Mise en demeure %s du %s : délai expiré le %s, %s restent dus.",
				l.Ref, l.Date, l.Deadline, l.Balance))
			out[len(out)-1].Amount = l.Balance
		}
	case LetterReminder1, LetterReminder2:
		answered := !l.LastAnswer.IsZero() && !l.LastAnswer.Before(l.Date)
		if expired && !l.LaterStep && !l.InPlan && !answered && l.Balance > 0 {
			add(FlagReminderExpired, l.Deadline, fmt.Sprintf("%s %s du %s : délai expiré le %s sans réponse ni paiement du débiteur.",
				l.label(), l.Ref, l.Date, l.Deadline))
		}
	case LetterSmallClaims:
		if expired {
			add(FlagSmallClaimsEnded, l.Deadline, fmt.Sprintf("Invitation à la procédure des petites créances %s du %s : le délai d'un mois a pris fin le %s.",
				l.Ref, l.Date, l.Deadline))
		}
	}
	if l.AR && !l.Deposit.IsZero() && l.Outcome == "" {
		if wait := cal.DeadlineDays(l.Deposit, r.ARDays); today.After(wait) {
			add(FlagARMissing, wait, fmt.Sprintf("%s %s à %s posté le %s : AR non revenu après %d jours (attendu le %s au plus tard).",
				l.label(), l.Ref, l.Recipient, l.Deposit, r.ARDays, wait))
		}
	}
	switch l.Outcome {
	case ARUncollected, ARRefused, ARUnknown:
		if !l.LaterToRecipient {
			due := l.ARReceived
			if due.IsZero() {
				due = l.Deposit
			}
			text := fmt.Sprintf("%s %s à %s : pli revenu, %s.", l.label(), l.Ref, l.Recipient, strings.ToLower(l.Outcome.Label()[:1])+l.Outcome.Label()[1:])
			if l.Outcome.NeedsNewAddress() {
				text += " Cherchez la nouvelle adresse du débiteur."
			}
			add(FlagLetterReturned, due, text)
		}
	}
	return out
}

// LimitationFlag grades a case's limitation date at today against the
// office rules: FlagLimitationSoon within LimitationWarnDays (but more
// than LimitationUrgentDays), FlagLimitationUrgent within
// LimitationUrgentDays while the claim can still be saved (an
// interruption on its last day still counts), FlagPrescribed from the day
// after the limitation date (Code civil 2219: the claim can no longer be
// demanded). The bands do not overlap, so that each flag takes over from
// the one before.
func LimitationFlag(caseID int64, lim Limitation, r Rules, today Date) (Flag, bool) {
	if lim.Expires.IsZero() {
		return Flag{}, false
	}
	left := lim.Expires.DaysSince(today)
	kind := FlagLimitationSoon
	switch {
	case left > r.LimitationWarnDays:
		return Flag{}, false
	case left < 0:
		kind = FlagPrescribed
	case left <= r.LimitationUrgentDays:
		kind = FlagLimitationUrgent
	}
	// The text does not count the days left: it stays the same from one
	// day to the next (the review shows the date).
	text := "Dernier jour pour agir avant prescription : le " + lim.Expires.String()
	if left < 0 {
		text = fmt.Sprintf("Créance prescrite depuis le %s (dernier jour pour agir : %s) : elle ne peut plus être exigée",
			lim.Expires.AddDays(1), lim.Expires)
	}
	text += " (" + lim.Period.Label
	if lim.FromEvent != LimitationStart {
		text += ", délai reparti le " + lim.From.String() + " : " + strings.ToLower(lim.FromEvent.Label())
	}
	text += ")."
	return Flag{CaseID: caseID, Kind: kind, Object: "limitation", Due: lim.Expires, Text: text}, true
}

// IdleFlag raises FlagIdle on an open case whose last activity (the latest
// journal entry that is not a flag's) was r.IdleDays or more days ago.
func IdleFlag(caseID int64, lastActivity Date, r FlagRules, today Date) (Flag, bool) {
	if lastActivity.IsZero() {
		return Flag{}, false
	}
	due := lastActivity.AddDays(r.IdleDays)
	if today.Before(due) {
		return Flag{}, false
	}
	return Flag{CaseID: caseID, Kind: FlagIdle, Object: "activity", Due: due,
		Text: fmt.Sprintf("Aucune activité depuis le %s (%d jours ou plus).", lastActivity, r.IdleDays)}, true
}

// SettledFlag asks to close an open case whose principal and accessories
// are paid (balance zero) after a payment received on lastPayment.
func SettledFlag(caseID int64, balance Cents, lastPayment Date) (Flag, bool) {
	if balance > 0 || lastPayment.IsZero() {
		return Flag{}, false
	}
	return Flag{CaseID: caseID, Kind: FlagCloseCase, Object: "balance", Due: lastPayment,
		Text: fmt.Sprintf("Solde nul depuis l'encaissement du %s : le dossier peut être clos comme soldé.", lastPayment)}, true
}

// FundsHeld is what the office holds for one creditor.
type FundsHeld struct {
	CreditorID int64
	Creditor   string
	ToRemit    Cents
	Oldest     Date  // receipt date of the oldest payment not yet remitted
	CaseID     int64 // the case that payment was made on
	CaseRef    string
}

// FundsFlag raises FlagFundsHeld when funds have been held more than one
// month (CPCE R124-6). The flag is put on the case of the oldest payment
// not remitted: the creditor's account is reached from it.
func FundsFlag(f FundsHeld, today Date) (Flag, bool) {
	if f.ToRemit <= 0 || f.Oldest.IsZero() {
		return Flag{}, false
	}
	due := f.Oldest.AddMonths(1)
	if !today.After(due) {
		return Flag{}, false
	}
	return Flag{CaseID: f.CaseID, Kind: FlagFundsHeld, Object: fmt.Sprintf("creditor:%d", f.CreditorID), Due: due, Amount: f.ToRemit,
		Text: fmt.Sprintf("%s à reverser à %s : fonds détenus depuis le %s (encaissement du dossier %s), plus d'un mois.",
			f.ToRemit, f.Creditor, f.Oldest, f.CaseRef)}, true
}

// UnreadMail is a debtor's e-mail filed in a case and not read yet.
type UnreadMail struct {
	CaseID, MailID int64
	Received       Date
	From, Subject  string
}

// MailFlag raises FlagUnreadMail for an unread e-mail filed in a case.
func MailFlag(m UnreadMail) Flag {
	subject := strings.TrimSpace(m.Subject)
	if subject == "" {
		subject = "(sans objet)"
	}
	return Flag{CaseID: m.CaseID, Kind: FlagUnreadMail, Object: fmt.Sprintf("mail:%d", m.MailID), Due: m.Received,
		Text: fmt.Sprintf("Courriel de %s reçu le %s non lu : « %s ».", m.From, m.Received, subject)}
}

// BackupFlag raises FlagBackupFailed for the office on day, with the
// French reason the backup failed.
func BackupFlag(day Date, reason string) Flag {
	return Flag{Kind: FlagBackupFailed, Object: "backup", Due: day,
		Text: fmt.Sprintf("La sauvegarde du %s a échoué : %s", day, strings.TrimSpace(reason))}
}

// SweepReport says what one day's sweep did.
type SweepReport struct {
	Day      Date `json:"day"`
	Raised   int  `json:"raised"`   // new flags
	Reopened int  `json:"reopened"` // flags resolved earlier whose cause came back
	Resolved int  `json:"resolved"` // flags whose cause disappeared
	Woken    int  `json:"woken"`    // snoozed flags back in the review
	Open     int  `json:"open"`     // flags to handle after the sweep
}

// CommercialFlag raises FlagCommercialTerms on an open case that breaks
// Code de commerce L441-10 / D441-5 (see CheckCommercial): typed before
// the rule was enforced, the office must correct it.
func CommercialFlag(c Case) (Flag, bool) {
	breach := CommercialBreach(c)
	if breach == "" {
		return Flag{}, false
	}
	return Flag{CaseID: c.ID, Kind: FlagCommercialTerms, Object: "terms", Due: c.Opened, Text: breach}, true
}
