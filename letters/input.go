package letters

import "amiable/debt"

// Input is everything Compose and Check need to write one letter. The
// caller (the store, the CLI) gathers it; letters never reads the database.
type Input struct {
	Office debt.Office
	Case   debt.Case
	// Recipient is the debtor the letter is addressed to, or the creditor
	// for a letter to the creditor.
	Recipient debt.Party
	// Statement is the statement of account at the letter's date
	// (debt.ComputeStatement with At = Date).
	Statement debt.Statement
	// Date is the letter's date; deadlines run from it.
	Date debt.Date
	// Ref is the letter's own reference (for example "2026-00042-03");
	// empty: the case reference.
	Ref string
	// Signatory is who signs; empty: the office's first signatory.
	Signatory string
	Rules     debt.Rules // the calendar of deadlines
	Settings  Settings
	// FirstToDebtor is true for the first letter sent to this debtor: it
	// carries the personal-data notice (RGPD art. 14). Later letters
	// recall First instead.
	FirstToDebtor bool
	First         FirstLetter
	// Post is how the letter is sent; a kind that requires registered post
	// and has no level gets R1 with AR.
	Post debt.Registered
	// Plan is the payment plan of a plan proposal or agreement (or the
	// debtor's proposal reported to the creditor).
	Plan []debt.Instalment
	// Payment is the payment a receipt is for, or the partial payment
	// reported to the creditor.
	Payment *ReceivedPayment
	// Report is the subject of a letter to the creditor; Proposal the
	// debtor's proposal in the office's words.
	Report   CreditorReport
	Proposal string
	// Limitation is the case's limitation at the letter's date, when
	// known (nil: not checked): Check refuses a letter demanding a claim
	// it shows time-barred.
	Limitation *debt.Limitation
	// Issuing is set when the letter is about to be issued (not merely
	// previewed): Check then also requires the tracking number of a
	// registered letter.
	Issuing bool
}

// FirstLetter identifies the first letter sent to the debtor, which every
// later letter recalls (R124-4).
type FirstLetter struct {
	Ref  string    `json:"ref"`
	Date debt.Date `json:"date"`
}

// ReceivedPayment is a payment as a receipt prints it.
type ReceivedPayment struct {
	Payment debt.Payment
	// Method as printed: "virement", "chèque n° 1234567"…
	Method string
	// Payer, when someone else than the debtor paid.
	Payer string
}

// Settings are the office's letter settings (Paramètres → Courriers).
type Settings struct {
	// DeadlineDays per kind (8 or 15 in practice); missing or 0: the
	// kind's default (Kind.DefaultDeadlineDays).
	DeadlineDays map[Kind]int `json:"deadline_days,omitempty"`
	// Templates per kind: the free paragraphs, with placeholders; missing:
	// DefaultTemplate(kind).
	Templates map[Kind]Template `json:"templates,omitempty"`
	// Window is where the address block goes; zero: DefaultWindow().
	Window Window `json:"window"`
}

// Deadline returns the deadline in days set for a kind.
func (s Settings) Deadline(k Kind) int {
	if n := s.DeadlineDays[k]; n > 0 {
		return n
	}
	return k.DefaultDeadlineDays()
}

// Template returns the free paragraphs set for a kind.
func (s Settings) Template(k Kind) Template {
	if t, ok := s.Templates[k]; ok {
		return t
	}
	return DefaultTemplate(k)
}

// Window is the position of the recipient's address block on the A4 page,
// in millimetres from the page's top-left corner: where a French window
// envelope shows it.
type Window struct {
	X float64 `json:"x_mm"`
	Y float64 `json:"y_mm"`
	W float64 `json:"w_mm"`
	H float64 `json:"h_mm"`
}

// DefaultWindow is the usual French right-hand window (DL 110 × 220 mm,
// C5/6): the block's top-left corner 110 mm from the left and 55 mm from
// the top, within 85 × 33 mm.
func DefaultWindow() Window { return Window{X: 110, Y: 55, W: 85, H: 33} }

// OrDefault returns w, or the default window when w is zero.
func (w Window) OrDefault() Window {
	if w == (Window{}) {
		return DefaultWindow()
	}
	return w
}

// Validate checks that the window lies on an A4 page.
func (w Window) Validate() []debt.FieldError {
	var errs []debt.FieldError
	if w.W < 60 || w.H < 25 {
		errs = append(errs, debt.FieldError{Field: "window", Message: "La fenêtre doit mesurer au moins 60 × 25 mm pour un bloc adresse de 6 lignes"})
	}
	if w.X < 0 || w.Y < 0 || w.X+w.W > pageW || w.Y+w.H > pageH/2 {
		errs = append(errs, debt.FieldError{Field: "window", Message: "La fenêtre doit tenir dans la moitié haute de la page A4 (210 × 297 mm)"})
	}
	return errs
}
