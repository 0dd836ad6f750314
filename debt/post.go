package debt

import (
	"errors"
	"fmt"
	"strings"
)

// Registered post (lettre recommandée, La Poste): tracking numbers, levels,
// the acknowledgement-of-receipt option (AR) and what the AR card says came
// of the letter. Facts: legal.md §6.

// TrackingKind is the shape of a registered letter's tracking number.
type TrackingKind string

const (
	// TrackingDomestic is the French counter number "1A 123 456 7890 1":
	// a digit, a letter, ten digits and a check digit whose algorithm is
	// not published (only the shape is checked).
	TrackingDomestic TrackingKind = "national"
	// TrackingOnline is a 13- or 15-digit number given by La Poste's online
	// and hybrid registered letters.
	TrackingOnline TrackingKind = "en_ligne"
	// TrackingS10 is an international UPU S10 number "RW 799 210 633 FR":
	// two letters, eight digits, a check digit, two letters (country).
	TrackingS10 TrackingKind = "international"
)

// Label returns the French label of the kind.
func (k TrackingKind) Label() string {
	switch k {
	case TrackingDomestic:
		return "Recommandé national"
	case TrackingOnline:
		return "Recommandé en ligne"
	case TrackingS10:
		return "Recommandé international (UPU S10)"
	}
	return string(k)
}

// ErrTracking is wrapped by every error ParseTracking returns.
var ErrTracking = errors.New("numéro de suivi invalide")

// s10Weights are the UPU S10 weights of the eight serial digits.
var s10Weights = [8]int{8, 6, 4, 2, 3, 5, 9, 7}

// S10CheckDigit returns the UPU S10 check digit of an eight-digit serial:
// 11 − (Σ digit × weight mod 11), where 10 gives 0 and 11 gives 5.
func S10CheckDigit(serial string) (int, bool) {
	if len(serial) != 8 || !allDigits(serial) {
		return 0, false
	}
	sum := 0
	for i := range 8 {
		sum += int(serial[i]-'0') * s10Weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 0, true
	case 11:
		return 5, true
	default:
		return c, true
	}
}

// normalizeTracking removes what a person or a barcode scanner may add
// around a tracking number (spaces, no-break spaces, dashes, dots) and
// upper-cases it.
func normalizeTracking(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u00a0', '\u202f', '-', '.':
			return -1
		}
		return r
	}, s))
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

// ParseTracking normalises a tracking number typed or scanned ("1a 123 456
// 7890 1", "RW799210633FR") and recognises its shape: domestic, online (13
// or 15 digits) or UPU S10, whose check digit is verified. It returns the
// number without spaces, in capitals. Errors are in French and say what
// shape was expected.
func ParseTracking(s string) (string, TrackingKind, error) {
	n := normalizeTracking(s)
	if n == "" {
		return "", "", fmt.Errorf("%w : le numéro est vide", ErrTracking)
	}
	for i := 0; i < len(n); i++ {
		if !isUpper(n[i]) && (n[i] < '0' || n[i] > '9') {
			return "", "", fmt.Errorf("%w : « %s » contient un caractère inattendu (chiffres et lettres seulement)", ErrTracking, strings.TrimSpace(s))
		}
	}
	switch {
	case allDigits(n) && (len(n) == 13 || len(n) == 15):
		return n, TrackingOnline, nil
	case len(n) == 13 && n[0] >= '0' && n[0] <= '9' && isUpper(n[1]) && allDigits(n[2:]):
		return n, TrackingDomestic, nil
	case len(n) == 13 && isUpper(n[0]) && isUpper(n[1]) && allDigits(n[2:11]) && isUpper(n[11]) && isUpper(n[12]):
		want, _ := S10CheckDigit(n[2:10])
		if got := int(n[10] - '0'); got != want {
			return "", "", fmt.Errorf("%w : « %s » est erroné (chiffre de contrôle %d, attendu %d) : vérifiez la saisie", ErrTracking, strings.TrimSpace(s), got, want)
		}
		return n, TrackingS10, nil
	}
	return "", "", fmt.Errorf("%w : « %s » n'a pas une forme connue (attendu 1A 123 456 7890 1, 13 ou 15 chiffres, ou RW 799 210 633 FR)", ErrTracking, strings.TrimSpace(s))
}

// FormatTracking groups a tracking number for printing: "1A 123 456 7890 1",
// "RW 799 210 633 FR", online numbers by four digits. A number that does
// not parse is returned trimmed, as typed.
func FormatTracking(s string) string {
	n, kind, err := ParseTracking(s)
	if err != nil {
		return strings.TrimSpace(s)
	}
	group := func(parts ...int) string {
		var out []string
		i := 0
		for _, p := range parts {
			out = append(out, n[i:i+p])
			i += p
		}
		return strings.Join(out, " ")
	}
	switch kind {
	case TrackingDomestic:
		return group(2, 3, 3, 4, 1)
	case TrackingS10:
		return group(2, 3, 3, 3, 2)
	}
	if len(n) == 13 {
		return group(4, 4, 4, 1)
	}
	return group(4, 4, 4, 3)
}

// Tracking is a parsed tracking number.
type Tracking struct {
	Number string       `json:"number"` // normalised: no spaces, capitals
	Kind   TrackingKind `json:"kind"`
}

// NewTracking parses s (see ParseTracking).
func NewTracking(s string) (Tracking, error) {
	n, k, err := ParseTracking(s)
	if err != nil {
		return Tracking{}, err
	}
	return Tracking{Number: n, Kind: k}, nil
}

// String returns the number grouped for printing.
func (t Tracking) String() string { return FormatTracking(t.Number) }

// RegisteredLevel is the compensation level of a registered letter (R1,
// R2, R3). The compensation amounts and the prices are La Poste's tariffs:
// they change, so they belong to the office's settings, not to the code.
type RegisteredLevel string

const (
	LevelR1 RegisteredLevel = "R1"
	LevelR2 RegisteredLevel = "R2"
	LevelR3 RegisteredLevel = "R3"
)

// RegisteredLevels lists the levels, for choosers.
var RegisteredLevels = []RegisteredLevel{LevelR1, LevelR2, LevelR3}

// Valid reports whether l is R1, R2 or R3.
func (l RegisteredLevel) Valid() bool { return l == LevelR1 || l == LevelR2 || l == LevelR3 }

// Label returns the French label: "Recommandé R1".
func (l RegisteredLevel) Label() string { return "Recommandé " + string(l) }

// ParseRegisteredLevel reads "R1", "r2", "3".
func ParseRegisteredLevel(s string) (RegisteredLevel, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if len(t) == 1 {
		t = "R" + t
	}
	if l := RegisteredLevel(t); l.Valid() {
		return l, nil
	}
	return "", fmt.Errorf("niveau de recommandé « %s » inconnu (attendu R1, R2 ou R3)", s)
}

// Registered is how a letter is posted as registered mail: its level, the
// acknowledgement-of-receipt option and, once the label is stuck on the
// envelope, its tracking number. The zero value is an ordinary letter.
type Registered struct {
	Level    RegisteredLevel `json:"level,omitempty"`
	AR       bool            `json:"ar"`
	Tracking string          `json:"tracking,omitempty"` // normalised (ParseTracking)
}

// IsRegistered reports whether the letter goes by registered post.
func (r Registered) IsRegistered() bool { return r.Level != "" }

// Label returns the French description of the posting: "Lettre recommandée
// R1 avec avis de réception", "Lettre simple".
func (r Registered) Label() string {
	if !r.IsRegistered() {
		return "Lettre simple"
	}
	s := "Lettre recommandée " + string(r.Level)
	if r.AR {
		s += " avec avis de réception"
	}
	return s
}

// Validate checks the level and, when given, the tracking number.
func (r Registered) Validate() []FieldError {
	var errs []FieldError
	if r.Level != "" && !r.Level.Valid() {
		errs = append(errs, FieldError{"level", fmt.Sprintf("Niveau de recommandé « %s » inconnu (R1, R2 ou R3)", r.Level)})
	}
	if r.Level == "" && (r.AR || r.Tracking != "") {
		errs = append(errs, FieldError{"level", "Choisissez le niveau de recommandé (R1, R2 ou R3)"})
	}
	if r.Tracking != "" {
		if _, _, err := ParseTracking(r.Tracking); err != nil {
			errs = append(errs, FieldError{"tracking", upperFirst(err.Error())})
		}
	}
	return errs
}

// ARHoldDays is how long La Poste keeps a registered letter it could not
// deliver: 15 days from the day after the first presentation, then it goes
// back to the sender "pli avisé et non réclamé".
const ARHoldDays = 15

// HeldUntil returns the last day a letter first presented on presented
// waits at the post office.
func HeldUntil(presented Date) Date { return presented.AddDays(ARHoldDays) }

// AROutcome is what the acknowledgement of receipt (or the returned
// envelope) says came of a registered letter. The codes are those of the
// command line (`amiable post ar -outcome …`).
type AROutcome string

const (
	ARDelivered   AROutcome = "delivered"   // distribué, AR signé
	ARUncollected AROutcome = "uncollected" // pli avisé et non réclamé
	ARRefused     AROutcome = "refused"     // refusé par le destinataire
	ARUnknown     AROutcome = "unknown"     // destinataire inconnu à l'adresse (NPAI)
)

// AROutcomes lists the outcomes, for choosers.
var AROutcomes = []AROutcome{ARDelivered, ARUncollected, ARRefused, ARUnknown}

// Valid reports whether o is a known outcome.
func (o AROutcome) Valid() bool {
	for _, v := range AROutcomes {
		if v == o {
			return true
		}
	}
	return false
}

// Label returns the French label, as La Poste words it.
func (o AROutcome) Label() string {
	switch o {
	case ARDelivered:
		return "Distribué"
	case ARUncollected:
		return "Pli avisé et non réclamé"
	case ARRefused:
		return "Refusé par le destinataire"
	case ARUnknown:
		return "Destinataire inconnu à l'adresse (NPAI)"
	}
	return string(o)
}

// NeedsNewAddress reports whether the outcome means the debtor must be
// found at another address.
func (o AROutcome) NeedsNewAddress() bool { return o == ARUnknown }

// ParseAROutcome reads an outcome code.
func ParseAROutcome(s string) (AROutcome, error) {
	o := AROutcome(strings.ToLower(strings.TrimSpace(s)))
	if o.Valid() {
		return o, nil
	}
	codes := make([]string, len(AROutcomes))
	for i, v := range AROutcomes {
		codes[i] = string(v)
	}
	return "", fmt.Errorf("issue d'AR « %s » inconnue (attendu : %s)", s, strings.Join(codes, ", "))
}

// ARSigner is who signed the acknowledgement of receipt of a delivered
// letter.
type ARSigner string

const (
	SignedByAddressee ARSigner = "destinataire"
	SignedByProxy     ARSigner = "mandataire"
)

// Label returns the French label.
func (s ARSigner) Label() string {
	switch s {
	case SignedByAddressee:
		return "le destinataire"
	case SignedByProxy:
		return "un mandataire"
	}
	return string(s)
}

// ARResult is what came back for one registered letter: the outcome, the
// first presentation date (on the AR card and on a returned envelope), the
// delivery date and the signer for a delivered letter, and the date the
// office received the card or the envelope back.
type ARResult struct {
	Outcome   AROutcome `json:"outcome"`
	Presented Date      `json:"presented,omitzero"`
	Delivered Date      `json:"delivered,omitzero"`
	SignedBy  ARSigner  `json:"signed_by,omitempty"`
	Received  Date      `json:"received,omitzero"` // card or envelope back at the office
}

// Validate checks the result against the posting date of the letter and
// today: dates in order, none in the future, a delivered letter has its
// delivery date and signer, a letter not collected has its presentation
// date.
func (r ARResult) Validate(posted, today Date) []FieldError {
	var errs []FieldError
	if !r.Outcome.Valid() {
		return []FieldError{{"outcome", "Choisissez l'issue de l'envoi (distribué, non réclamé, refusé, destinataire inconnu)"}}
	}
	date := func(field, label string, d Date) {
		if d.IsZero() {
			return
		}
		if !posted.IsZero() && d.Before(posted) {
			errs = append(errs, FieldError{field, fmt.Sprintf("%s (%s) précède le dépôt du %s", label, d, posted)})
		}
		if d.After(today) {
			errs = append(errs, FieldError{field, fmt.Sprintf("%s (%s) est dans le futur", label, d)})
		}
	}
	date("presented", "La date de première présentation", r.Presented)
	date("delivered", "La date de distribution", r.Delivered)
	date("received", "La date de retour à l'étude", r.Received)
	if !r.Presented.IsZero() && !r.Delivered.IsZero() && r.Delivered.Before(r.Presented) {
		errs = append(errs, FieldError{"delivered", "La distribution précède la première présentation"})
	}
	switch r.Outcome {
	case ARDelivered:
		if r.Delivered.IsZero() {
			errs = append(errs, FieldError{"delivered", "Indiquez la date de distribution portée sur l'AR"})
		}
		if r.SignedBy != SignedByAddressee && r.SignedBy != SignedByProxy {
			errs = append(errs, FieldError{"signed_by", "Indiquez qui a signé l'AR : le destinataire ou un mandataire"})
		}
	case ARUncollected:
		if r.Presented.IsZero() {
			errs = append(errs, FieldError{"presented", "Indiquez la date de première présentation (avis de passage)"})
		}
		fallthrough
	default:
		if !r.Delivered.IsZero() || r.SignedBy != "" {
			errs = append(errs, FieldError{"delivered", "Un pli non distribué n'a ni date de distribution ni signataire"})
		}
	}
	return errs
}

// Text describes the result for the case journal: "Distribué le
// 12/05/2026 (première présentation le 11/05/2026), AR signé par le
// destinataire".
func (r ARResult) Text() string {
	var b strings.Builder
	b.WriteString(r.Outcome.Label())
	if r.Outcome == ARDelivered && !r.Delivered.IsZero() {
		b.WriteString(" le " + r.Delivered.String())
	}
	if !r.Presented.IsZero() {
		b.WriteString(" (première présentation le " + r.Presented.String() + ")")
	}
	if r.Outcome == ARDelivered && r.SignedBy != "" {
		b.WriteString(", AR signé par " + r.SignedBy.Label())
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
