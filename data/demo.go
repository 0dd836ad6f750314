package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"amiable/debt"
	"amiable/mailsync"
)

// DemoOptions sets the size and the randomness of a demonstration database.
type DemoOptions struct {
	Cases    int
	Seed     uint64
	Now      time.Time             // the day the demo office "is"; case dates lie before it
	Progress func(done, total int) // called every few hundred cases, may be nil
}

// DemoResult counts what Demo wrote.
type DemoResult struct {
	Cases, Parties, Lines, Events, Documents, Plans, Instalments, Payments, Remittances, Mails int
	// Letters are the letters the demo cases received, in the order they
	// were issued: data does not compose letters, so the caller issues
	// them (internal/demodb does, through mailroom) and counts them here.
	Letters []DemoLetter
	Issued  int
}

// DemoLetter is a letter a demo case received at a step of its story.
type DemoLetter struct {
	CaseID   int64
	Author   string    // who issued it: the case's clerk
	Kind     string    // letters.Kind: "relance1", "mise-en-demeure", "accord-echeancier"
	At       time.Time // when it was issued
	Tracking string    // registered with AR when set
	Deposit  debt.Date // handed to La Poste
	// AR is what the acknowledgement of receipt said; zero when the card
	// has not come back yet.
	AR debt.ARResult
}

// Demo fills an empty database with a realistic, fictional French office:
// its identity (with a valid IBAN), creditors of every kind (landlords,
// property companies, small businesses, utilities, private people),
// debtors with plausible names, real postcode/town pairs, e-mails and
// phones, and cases in every status with claim lines, proofs and journal
// entries. The same seed gives the same data. It refuses a database that
// already holds cases.
func (s *Store) Demo(ctx context.Context, opt DemoOptions) (DemoResult, error) {
	var res DemoResult
	if opt.Cases <= 0 || opt.Cases > 300_000 {
		return res, invalid("Le nombre de dossiers de démonstration doit être compris entre 1 et 300 000.")
	}
	if n, err := s.CountCases(ctx, CaseQuery{}); err != nil {
		return res, err
	} else if n > 0 {
		return res, conflict("La base contient déjà %d dossiers : la démonstration se construit sur une base vide (choisissez un autre fichier avec -db).", n)
	}
	// The demo "is" on opt.Now's day at noon: the same seed gives the same
	// data (names, amounts, statuses, story), with dates relative to that day.
	// No random draw depends on the date.
	today := debt.DateOf(opt.Now)
	noon := time.Date(today.Year(), today.Month(), today.Day(), 12, 0, 0, 0, debt.Paris())
	g := &demoGen{r: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)), now: noon.UTC(), today: today}

	office := g.office()
	if err := s.write(ctx, func(tx *sql.Tx) error {
		if err := putSetting(ctx, tx, "office", office); err != nil {
			return err
		}
		// The demo office has entered a (fictional) rate for the current
		// semester, so that interest runs to today in every demo case.
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO rates (semester, legal_consumer_bp, legal_other_bp, ecb_bp, note)
			VALUES (?, 650, 260, 200, 'Valeur fictive de la base de démonstration')`, debt.SemesterOf(g.today).String())
		return err
	}); err != nil {
		return res, err
	}
	// Creditors: one for about 25 cases, at least 12, every kind represented.
	nCred := max(12, opt.Cases/25)
	creditors := make([]debt.Party, nCred)
	for i := range creditors {
		creditors[i] = g.creditor(i)
	}
	if err := s.write(ctx, func(tx *sql.Tx) error {
		for i := range creditors {
			id, err := saveParty(ctx, tx, creditors[i], g.now)
			if err != nil {
				return err
			}
			creditors[i].ID = id
		}
		return nil
	}); err != nil {
		return res, err
	}
	res.Parties = nCred

	// Opening dates over five years, oldest first, so that references
	// follow the order in which cases were opened.
	ages := make([]int, opt.Cases)
	for i := range ages {
		ages[i] = 20 + g.r.IntN(5*365)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ages)))

	// Search documents are written once at the end, not after each batch.
	resume := s.pauseFold()
	defer resume()
	const batch = 500
	var debtorPool []debt.Party
	g.blobs = newBlobWriter(s.docDir, 2)
	defer g.blobs.close()
	for start := 0; start < opt.Cases; start += batch {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := g.blobs.failed(); err != nil {
			return res, err
		}
		end := min(start+batch, opt.Cases)
		err := s.write(ctx, func(tx *sql.Tx) error {
			for i := start; i < end; i++ {
				if err := g.demoCase(ctx, tx, ages[i], creditors, &debtorPool, &res); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return res, err
		}
		if opt.Progress != nil {
			opt.Progress(end, opt.Cases)
		}
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := setFolderState(ctx, tx, demoAccount, "INBOX", mailsync.FolderState{UIDValidity: 1, LastUID: g.uid}); err != nil {
			return err
		}
		// The office reads its mail as it comes: only the last three days'
		// messages are still unread.
		if _, err := tx.ExecContext(ctx, "UPDATE mails SET read_at = received_at WHERE received_at < ?", instant(g.now.AddDate(0, 0, -3))); err != nil {
			return err
		}
		if err := g.demoRemit(ctx, tx, creditors, &res); err != nil {
			return err
		}
		return s.dialect().rebuildWords(ctx, tx)
	})
	if err != nil {
		return res, err
	}
	// The files the database names must be there before it is used.
	return res, g.blobs.close()
}

type demoGen struct {
	r       *rand.Rand
	now     time.Time
	today   debt.Date
	blobs   *blobWriter
	mailSeq int
	uid     uint32
}

func (g *demoGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *demoGen) chance(p float64) bool { return g.r.Float64() < p }

func (g *demoGen) digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + g.r.IntN(10)))
	}
	return b.String()
}

// luhnKey appends the digit that makes s pass the Luhn check.
func luhnKey(s string) string {
	for d := '0'; d <= '9'; d++ {
		if debt.CheckSIREN(s+string(d)) == nil || (len(s) == 13 && debt.CheckSIRET(s+string(d)) == nil) {
			return s + string(d)
		}
	}
	return s + "0"
}

// frenchIBAN computes the IBAN check digits of a French BBAN.
func frenchIBAN(bban string) string {
	num := bban + "152700" // "FR00" with F=15, R=27
	n, _ := new(big.Int).SetString(num, 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("FR%02d%s", check, bban)
}

func (g *demoGen) office() debt.Office {
	return debt.Office{
		Name:        "Étude Marchand & Castel, commissaires de justice",
		Address:     debt.Address{Street: "18 rue Esquermoise", Postcode: "59000", Town: "Lille"},
		SIRET:       luhnKey("8123456780001"),
		Phone:       "03 20 55 12 34",
		Email:       "recouvrement@etude-marchand-castel.fr",
		IBAN:        frenchIBAN("30004005780001234567843"),
		BIC:         "BNPAFRPPLIL",
		Signatories: []string{"Maître Hélène Marchand", "Maître Julien Castel"},
		Town:        "Lille",
	}
}

func (g *demoGen) address() debt.Address {
	t := demoTowns[g.r.IntN(len(demoTowns))]
	a := debt.Address{Street: fmt.Sprintf("%d %s", 1+g.r.IntN(180), g.pick(demoStreets)), Postcode: t[0], Town: t[1], Current: true}
	if g.chance(0.2) {
		a.Complement = fmt.Sprintf("Appartement %d", 1+g.r.IntN(60))
	}
	if g.chance(0.15) {
		a.Building = g.pick(demoBuildings)
	}
	return a
}

func (g *demoGen) phone(mobile bool) string {
	if mobile {
		return fmt.Sprintf("0%d %s %s %s %s", 6+g.r.IntN(2), g.digits(2), g.digits(2), g.digits(2), g.digits(2))
	}
	return fmt.Sprintf("03 %s %s %s %s", g.digits(2), g.digits(2), g.digits(2), g.digits(2))
}

func emailLocal(s string) string {
	return strings.NewReplacer(" ", "-", "'", "").Replace(fold(s))
}

func (g *demoGen) person(kind debt.LegalKind) debt.Party {
	p := debt.Party{Type: debt.Person, LegalKind: kind, LastName: g.pick(demoLastNames)}
	if g.chance(0.5) {
		p.Civility, p.FirstName = "Mme", g.pick(demoWomen)
	} else {
		p.Civility, p.FirstName = "M.", g.pick(demoMen)
	}
	if g.chance(0.6) {
		y := g.today.Year() - 20 - g.r.IntN(55)
		p.BirthDate = debt.NewDate(y, time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28))
	}
	p.Addresses = []debt.Address{g.address()}
	if g.chance(0.75) {
		domain := []string{"orange.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr", "outlook.fr", "wanadoo.fr"}[g.r.IntN(7)]
		p.Emails = []string{fmt.Sprintf("%s.%s%d@%s", emailLocal(p.FirstName), emailLocal(p.LastName), g.r.IntN(100), domain)}
	}
	if g.chance(0.8) {
		p.Phones = []string{g.phone(true)}
	}
	return p
}

func (g *demoGen) company(name, form string) debt.Party {
	p := debt.Party{Type: debt.Company, LegalKind: debt.Professional, CompanyName: name, LegalForm: form,
		SIREN: luhnKey(fmt.Sprintf("%d%s", 3+g.r.IntN(6), g.digits(7)))}
	a := g.address()
	a.Complement, a.Building = "", ""
	p.Addresses = []debt.Address{a}
	p.Emails = []string{"contact@" + strings.ReplaceAll(emailLocal(name), "-", "") + ".fr"}
	p.Phones = []string{g.phone(false)}
	return p
}

// creditor i: the kinds turn so that every kind exists in any demo.
func (g *demoGen) creditor(i int) debt.Party {
	switch i % 6 {
	case 0, 3: // private landlord
		return g.person(debt.Consumer)
	case 1: // property company
		return g.company(demoLandlordCompanies[g.r.IntN(len(demoLandlordCompanies))]+fmt.Sprintf(" %d", 1+i/6), "SCI")
	case 2: // small business
		return g.company(g.pick(demoBusinesses), []string{"SARL", "SAS", "EURL", "SASU"}[g.r.IntN(4)])
	case 4: // utility
		return g.company(demoUtilities[(i/6)%len(demoUtilities)]+func() string {
			if i/6 >= len(demoUtilities) {
				return fmt.Sprintf(" %d", i/6)
			}
			return ""
		}(), "SA")
	default: // private person lending or owed alimony
		return g.person(debt.Consumer)
	}
}

var demoStatusWeights = []struct {
	s debt.Status
	w int
}{
	{debt.StatusNew, 5}, {debt.StatusVerifying, 5}, {debt.StatusReminded, 11}, {debt.StatusFormalNotice, 11},
	{debt.StatusNegotiating, 8}, {debt.StatusPlan, 24}, {debt.StatusPaid, 24}, {debt.StatusEscalated, 8}, {debt.StatusAbandoned, 4},
}

func (g *demoGen) status() debt.Status {
	n := g.r.IntN(100)
	for _, sw := range demoStatusWeights {
		if n < sw.w {
			return sw.s
		}
		n -= sw.w
	}
	return debt.StatusReminded
}

// path returns the statuses a case went through to reach st: most went
// through reminders and a formal notice, many through a payment plan that
// was kept, settled early, broken or renegotiated on the way.
func (g *demoGen) path(st debt.Status) []debt.Status {
	V, R, F, N, P := debt.StatusVerifying, debt.StatusReminded, debt.StatusFormalNotice, debt.StatusNegotiating, debt.StatusPlan
	switch st {
	case debt.StatusVerifying:
		return []debt.Status{V}
	case R:
		return []debt.Status{V, R}
	case F:
		return []debt.Status{V, R, F}
	case N:
		if g.chance(0.4) { // a plan broke: negotiating again
			return []debt.Status{V, R, F, N, P, N}
		}
		return []debt.Status{V, R, F, N}
	case P:
		switch {
		case g.chance(0.2): // renegotiated
			return []debt.Status{V, R, F, N, P, N, P}
		case g.chance(0.3): // agreed right after the reminder
			return []debt.Status{V, R, P}
		}
		return []debt.Status{V, R, F, N, P}
	case debt.StatusPaid:
		if g.chance(0.6) {
			return []debt.Status{V, R, F, P, st}
		}
		return []debt.Status{V, R, F, st}
	case debt.StatusEscalated:
		if g.chance(0.6) {
			return []debt.Status{V, R, F, N, P, st}
		}
		return []debt.Status{V, R, F, st}
	case debt.StatusAbandoned:
		if g.chance(0.4) {
			return []debt.Status{V, R, P, st}
		}
		return []debt.Status{V, R, st}
	}
	return nil
}

// letterWindow is how far back the demo office has issued its letters
// with Amiable: older steps were written before (their journal says so,
// their letters are not in the database).
const letterWindow = 240

// stepLetter is the letter a case received when it reached st, if any.
func stepLetter(st debt.Status, last bool) string {
	switch {
	case st == debt.StatusReminded:
		return "relance1"
	case st == debt.StatusFormalNotice:
		return "mise-en-demeure"
	case st == debt.StatusPlan && last:
		return "accord-echeancier"
	}
	return ""
}

// tracking returns a registered letter's number in La Poste's domestic
// shape ("1A 123 456 7890 1").
func (g *demoGen) tracking() string { return "1A" + g.digits(11) }

// ar is what the AR card of a letter deposited on deposit says, if it has
// come back by today.
func (g *demoGen) ar(deposit debt.Date) debt.ARResult {
	presented := deposit.AddDays(1 + g.r.IntN(3))
	r := debt.ARResult{Presented: presented}
	switch n := g.r.IntN(100); {
	case n < 70:
		r.Outcome, r.Delivered, r.Presented = debt.ARDelivered, presented, debt.Date{}
		r.SignedBy = debt.SignedByAddressee
		if g.chance(0.1) {
			r.SignedBy = debt.SignedByProxy
		}
	case n < 90:
		r.Outcome = debt.ARUncollected
	case n < 96:
		r.Outcome = debt.ARRefused
	default:
		r.Outcome = debt.ARUnknown
	}
	back := presented.AddDays(2 + g.r.IntN(6))
	if r.Outcome == debt.ARUncollected {
		back = presented.AddDays(16 + g.r.IntN(6)) // kept 15 days at the post office
	}
	if back.After(g.today) || g.chance(0.03) { // not back yet, or lost
		return debt.ARResult{}
	}
	r.Received = back
	return r
}

func (g *demoGen) demoCase(ctx context.Context, tx *sql.Tx, age int, creditors []debt.Party, pool *[]debt.Party, res *DemoResult) error {
	ci := g.r.IntN(len(creditors))
	cred := creditors[ci]
	kind := ci % 6
	var nature debt.Nature
	switch kind {
	case 0, 1, 3:
		nature = debt.NatureRent
	case 2:
		nature = []debt.Nature{debt.NatureInvoice, debt.NatureService}[g.r.IntN(2)]
	case 4:
		nature = debt.NatureInvoice
	default:
		nature = []debt.Nature{debt.NatureLoan, debt.NatureAlimony, debt.NatureOther}[g.r.IntN(3)]
	}
	// The case's story fits between its opening and now.
	opened := g.today.AddDays(-age)
	openedAt := opened.Time().Add(time.Duration(8*60+g.r.IntN(9*60)) * time.Minute)
	author := g.pick(demoStaff)

	// Debtors: mostly new people, sometimes a debtor already known, a
	// business debtor for business creditors, a second jointly liable debtor.
	var debtors []debt.CaseDebtor
	var first debt.Party
	switch {
	case len(*pool) > 20 && g.chance(0.05):
		first = (*pool)[g.r.IntN(len(*pool))]
	case (kind == 2 || kind == 4) && g.chance(0.45):
		trade := []string{"Boulangerie", "Garage", "Café", "Restaurant", "Épicerie", "Salon de coiffure", "Boutique", "Atelier"}[g.r.IntN(8)]
		first = g.company(trade+" "+g.pick(demoLastNames), []string{"SARL", "SAS", "EURL"}[g.r.IntN(3)])
	default:
		first = g.person(debt.Consumer)
	}
	if first.ID == 0 {
		id, err := saveParty(ctx, tx, first, openedAt)
		if err != nil {
			return err
		}
		first.ID = id
		*pool = append(*pool, first)
		if len(*pool) > 2000 {
			*pool = (*pool)[1000:]
		}
		res.Parties++
	}
	debtors = append(debtors, debt.CaseDebtor{Party: first})
	if nature == debt.NatureRent && first.Type == debt.Person && g.chance(0.15) {
		second := g.person(debt.Consumer)
		second.LastName, second.Addresses = first.LastName, first.Addresses
		if first.Civility == "M." {
			second.Civility, second.FirstName = "Mme", g.pick(demoWomen)
		} else {
			second.Civility, second.FirstName = "M.", g.pick(demoMen)
		}
		id, err := saveParty(ctx, tx, second, openedAt)
		if err != nil {
			return err
		}
		second.ID = id
		res.Parties++
		debtors[0].Jointly = true
		debtors = append(debtors, debt.CaseDebtor{Party: second, Jointly: true})
	}

	st := g.status()
	c := debt.Case{Creditor: cred, Debtors: debtors, Nature: nature, Status: st, Opened: opened, AssignedTo: author}
	if g.chance(0.7) {
		c.CreditorRef = fmt.Sprintf("%s-%s", strings.ToUpper(string(nature[:3])), g.digits(6))
	}
	verified := st != debt.StatusNew || g.chance(0.3)
	if verified {
		switch nature {
		case debt.NatureRent:
			c.Basis = fmt.Sprintf("Bail d'habitation du %s, article 3 (loyer et charges payables le 5 de chaque mois)", opened.AddDays(-400-g.r.IntN(1500)))
			c.Interest.Kind = debt.InterestLegal
		case debt.NatureInvoice, debt.NatureService:
			c.Basis = fmt.Sprintf("Conditions générales de vente acceptées le %s (paiement à 30 jours)", opened.AddDays(-200-g.r.IntN(600)))
			if first.LegalKind == debt.Professional {
				c.Interest.Kind = debt.InterestBusiness
			} else {
				c.Interest.Kind = debt.InterestLegal
			}
		case debt.NatureLoan:
			c.Basis = fmt.Sprintf("Reconnaissance de dette signée le %s", opened.AddDays(-300-g.r.IntN(700)))
			c.Interest = debt.InterestTerms{Kind: debt.InterestContractual, RateBP: int64(200 + g.r.IntN(6)*50)}
		default:
			c.Basis = "Jugement du juge aux affaires familiales fixant la contribution mensuelle"
			c.Interest.Kind = debt.InterestNone
		}
	}
	if st.Closed() {
		c.Closed = debt.DateOf(g.now).AddDays(-g.r.IntN(max(1, age/3)))
		if c.Closed.Before(opened) {
			c.Closed = opened
		}
		switch st {
		case debt.StatusPaid:
			c.CloseReason = "Créance intégralement réglée"
		case debt.StatusEscalated:
			c.CloseReason = "Échec de l'amiable : transmis pour injonction de payer"
		default:
			c.CloseReason = []string{"Débiteur insolvable", "Créancier renonce", "Débiteur introuvable"}[g.r.IntN(3)]
		}
	}
	var err error
	if c.Ref, err = nextRef(ctx, tx, opened.Year()); err != nil {
		return err
	}
	if c.ID, err = insertCase(ctx, tx, c, openedAt); err != nil {
		return err
	}
	res.Cases++

	// Proof: a copy of the invoices / statement, one file per case.
	var proof int64
	nLines := 1 + g.r.IntN(4)
	if verified || g.chance(0.5) {
		content := fmt.Sprintf("Relevé de compte établi par %s\nDossier %s — %s\nDébiteur : %s\n%d pièce(s) jointe(s) au dossier du créancier.\n",
			cred.Name(), c.Ref, nature.Label(), first.Name(), nLines)
		sum, size := g.blobs.put([]byte(content))
		var err error
		proof, err = insertDocument(ctx, tx, debt.Document{CaseID: c.ID, Kind: debt.DocProof, SHA256: sum, Size: size,
			MediaType: "text/plain; charset=utf-8", OriginalName: "releve-" + c.Ref + ".txt", Added: openedAt}, author)
		if err != nil {
			return err
		}
		res.Documents++
	}
	// Claim lines, due before the case opened.
	base := int64(4000 + g.r.IntN(120000))
	if nature == debt.NatureRent {
		base = int64(38000 + g.r.IntN(70000))
	}
	due := opened.AddDays(-15 - g.r.IntN(60))
	for i := nLines - 1; i >= 0; i-- {
		d := due.AddMonths(-i)
		l := debt.ClaimLine{Kind: debt.LinePrincipal, DueDate: d, IssueDate: d.AddDays(-30), Amount: debt.Cents(base + int64(g.r.IntN(3000)))}
		switch nature {
		case debt.NatureRent:
			l.Label = "Loyer et charges " + frMonth(d)
			l.IssueDate = d.AddDays(-5)
		case debt.NatureInvoice, debt.NatureService:
			l.DocNumber = fmt.Sprintf("F%d-%s", d.Year(), g.digits(5))
			l.Label = "Facture " + l.DocNumber
		case debt.NatureLoan:
			l.Label = "Échéance de remboursement " + frMonth(d)
		case debt.NatureAlimony:
			l.Label = "Pension alimentaire " + frMonth(d)
		default:
			l.Label = "Somme due " + frMonth(d)
		}
		if proof != 0 && (verified || g.chance(0.5)) {
			l.Proofs = []int64{proof}
		}
		if _, err := insertLine(ctx, tx, c.ID, l, openedAt); err != nil {
			return err
		}
		res.Lines++
		if first.LegalKind == debt.Professional && c.Interest.Kind == debt.InterestBusiness && l.DocNumber != "" && g.chance(0.6) {
			ind := debt.ClaimLine{Kind: debt.LineIndemnity, Label: "Indemnité forfaitaire de recouvrement " + l.DocNumber,
				DocNumber: l.DocNumber, DueDate: d.AddDays(1), Amount: debt.FixedIndemnity}
			if _, err := insertLine(ctx, tx, c.ID, ind, openedAt); err != nil {
				return err
			}
			res.Lines++
		}
	}
	if err := refreshTotals(ctx, tx, c.ID); err != nil {
		return err
	}
	parties := []debt.Party{cred}
	for _, d := range debtors {
		parties = append(parties, d.Party)
	}
	if err := writeCaseIndex(ctx, tx, c.ID, c.Ref+" "+c.CreditorRef, parties); err != nil {
		return err
	}

	// Journal: the opening, the status steps, notes and calls in between.
	events := []debt.Event{{At: openedAt, Kind: debt.EventCaseCreated,
		Text: fmt.Sprintf("Dossier %s ouvert pour %s contre %s (%s)", c.Ref, cred.Name(), first.Name(), nature.Label())}}
	if proof != 0 {
		events = append(events, debt.Event{At: openedAt.Add(time.Minute), Kind: debt.EventDocument,
			Text: "Justificatif ajouté : « releve-" + c.Ref + ".txt »", DocIDs: []int64{proof}})
	}
	path := g.path(st)
	paymentsBefore := res.Payments
	full, err := loadCase(ctx, tx, c.ID) // with its lines, for the payments
	if err != nil {
		return err
	}
	end := g.now
	if st.Closed() {
		end = c.Closed.Time().Add(17 * time.Hour)
	}
	span := end.Sub(openedAt)
	// The steps spread over the case's life; a plan still running started
	// within the last year, so that it is running today.
	times := make([]time.Time, len(path))
	for i := range path {
		times[i] = openedAt.Add(span * time.Duration(i+1) / time.Duration(len(path)+1))
	}
	if n := len(path); n > 0 && path[n-1] == debt.StatusPlan {
		if recent := g.now.AddDate(0, 0, -(60 + g.r.IntN(300))); times[n-1].Before(recent) {
			times[n-1] = recent
		}
	}
	if n := len(path); n > 0 && path[n-1].Closed() {
		times[n-1] = end
	}
	prev := debt.StatusNew
	var plan int64
	for i, next := range path {
		at := times[i]
		for range g.r.IntN(3) {
			events = append(events, g.contact(at.Add(-time.Duration(1+g.r.IntN(96))*time.Hour)))
		}
		text := fmt.Sprintf("Statut : %s → %s", prev.Label(), next.Label())
		if next.Closed() {
			text += ". Motif : " + c.CloseReason
		}
		events = append(events, debt.Event{At: at, Kind: debt.EventStatus, Text: text})
		last := i == len(path)-1
		// Half the reminders were made by telephone.
		if kind := stepLetter(next, last); kind != "" && !at.Before(g.now.AddDate(0, 0, -letterWindow)) && (kind != "relance1" || g.chance(0.5)) {
			l := DemoLetter{CaseID: c.ID, Author: author, Kind: kind, At: officeHours(at)}
			if kind == "mise-en-demeure" {
				l.Tracking, l.Deposit = g.tracking(), debt.DateOf(l.At)
				l.AR = g.ar(l.Deposit)
			}
			res.Letters = append(res.Letters, l)
		}
		if next == debt.StatusFormalNotice {
			if _, err := tx.ExecContext(ctx, "UPDATE cases SET notice_sent = ? WHERE id = ?", debt.DateOf(officeHours(at)).ISO(), c.ID); err != nil {
				return err
			}
		}
		var money []debt.Event
		var err error
		switch next {
		case debt.StatusPlan:
			until, then := g.now, debt.Status("")
			if !last {
				until, then = times[i+1], path[i+1]
			}
			money, plan, err = g.demoPlan(ctx, tx, full, debt.DateOf(officeHours(at)), until, then, plan, author, res)
		case debt.StatusPaid:
			money, err = g.demoSettle(ctx, tx, full, c.Closed, author, res)
		}
		if err != nil {
			return err
		}
		events = append(events, money...)
		prev = next
	}
	// Some debtors pay part of the claim on their own.
	partial := g.chance(0.15)
	share, when := 0.1+0.3*g.r.Float64(), g.r.Float64()
	if partial && (st == debt.StatusReminded || st == debt.StatusFormalNotice || st == debt.StatusNegotiating) {
		d := debt.DateOf(openedAt.Add(time.Duration(when * float64(span))))
		ev, err := g.demoPay(ctx, tx, full, d, debt.Cents(float64(base)*share), author, res)
		if err != nil {
			return err
		}
		events = append(events, ev...)
	}
	if res.Payments > paymentsBefore {
		if err := g.demoBalance(ctx, tx, full); err != nil {
			return err
		}
	}
	// Calls and notes over the case's life, more for older cases; a few
	// long-running cases have a very long journal.
	extra := g.r.IntN(3) + age/200
	if g.chance(1.0 / 2500) {
		extra += 480 + g.r.IntN(150)
	}
	for range extra {
		events = append(events, g.contact(openedAt.Add(time.Duration(g.r.Float64()*float64(span)))))
	}
	for _, e := range events {
		e.At = officeHours(e.At)
		if e.At.After(g.now) {
			e.At = g.now
		}
		e.CaseID, e.Author = c.ID, author
		if _, err := insertEvent(ctx, tx, e); err != nil {
			return err
		}
		res.Events++
	}
	if st != debt.StatusNew {
		return g.demoMails(ctx, tx, full, openedAt, end, res)
	}
	return nil
}

// demoPay records a payment received on d (when d is not after today).
func (g *demoGen) demoPay(ctx context.Context, tx *sql.Tx, c debt.Case, d debt.Date, amount debt.Cents, author string, res *DemoResult) ([]debt.Event, error) {
	method := Methods[g.r.IntN(len(Methods))]
	ref := "DEMO-" + g.digits(8)
	if d.After(g.today) || amount <= 0 {
		return nil, nil
	}
	at := officeHours(d.Time().Add(10 * time.Hour))
	p, _, err := insertPayment(ctx, tx, c, PaymentInput{Received: d, Amount: amount, Method: method, BankRef: ref}, author, at)
	if err != nil {
		return nil, err
	}
	res.Payments++
	text := fmt.Sprintf("Encaissement de %s reçu le %s par %s (réf. %s) : %s", amount, d, strings.ToLower(method.Label()), ref, describeAllocation(p.Allocation))
	return []debt.Event{{At: at, Kind: debt.EventPayment, Text: text}}, nil
}

// demoBalance sets the case list's balance and next deadline after the
// demo's payments: what refreshTotals does, without loading the case again.
func (g *demoGen) demoBalance(ctx context.Context, tx *sql.Tx, c debt.Case) error {
	var last string
	if err := tx.QueryRowContext(ctx, "SELECT max(received) FROM payments WHERE case_id = ?", c.ID).Scan(&last); err != nil {
		return err
	}
	st, _, err := statementTx(ctx, tx, c, mustDate(last))
	if err != nil {
		c.Interest.Kind = debt.InterestNone
		if st, _, err = statementTx(ctx, tx, c, mustDate(last)); err != nil {
			return err
		}
	}
	next, err := planNextDue(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE cases SET balance_cents = ?, next_deadline = ? WHERE id = ?",
		int64(st.Balance.Principal+st.Balance.Accessory), next.ISO(), c.ID)
	return err
}

// due returns what the case owes on d.
func (g *demoGen) due(ctx context.Context, tx *sql.Tx, c debt.Case, d debt.Date) (debt.Cents, error) {
	st, _, err := statementTx(ctx, tx, c, d)
	if err != nil {
		c.Interest.Kind = debt.InterestNone
		if st, _, err = statementTx(ctx, tx, c, d); err != nil {
			return 0, err
		}
	}
	return st.Due(), nil
}

// demoSettle pays the whole balance by the day the case closed: in one
// payment, or a down payment three weeks before and the rest.
func (g *demoGen) demoSettle(ctx context.Context, tx *sql.Tx, c debt.Case, closed debt.Date, author string, res *DemoResult) ([]debt.Event, error) {
	twice := g.chance(0.5)
	var events []debt.Event
	if twice {
		d := closed.AddDays(-21)
		owed, err := g.due(ctx, tx, c, d)
		if err != nil {
			return nil, err
		}
		ev, err := g.demoPay(ctx, tx, c, d, owed*2/5, author, res)
		if err != nil {
			return nil, err
		}
		events = append(events, ev...)
	}
	owed, err := g.due(ctx, tx, c, closed)
	if err != nil {
		return nil, err
	}
	ev, err := g.demoPay(ctx, tx, c, closed, owed, author, res)
	return append(events, ev...), err
}

// demoPlan agrees a monthly plan on base, signed most of the time, and pays
// its instalments when due, with a few late or missed, until the case's
// next step (then, zero while the plan runs): paid off early at the
// settlement, broken after a few instalments otherwise, which closes it.
// A plan that follows an earlier one replaces it. It returns the plan's id.
func (g *demoGen) demoPlan(ctx context.Context, tx *sql.Tx, c debt.Case, base debt.Date, until time.Time, then debt.Status, replaces int64,
	author string, res *DemoResult) ([]debt.Event, int64, error) {
	count, delay, signDelay := 4+g.r.IntN(13), 8+g.r.IntN(12), g.r.IntN(8)
	signs := g.chance(0.8)
	breaks := 1 + g.r.IntN(count) // a broken plan's debtor stops after this many
	owed, err := g.due(ctx, tx, c, base)
	if err != nil || owed < debt.Cents(count) {
		return nil, 0, err
	}
	spec := debt.PlanSpec{Total: owed, Count: count, First: base.AddDays(delay), Every: debt.Monthly}
	inst, _, err := debt.BuildPlan(spec)
	if err != nil {
		return nil, 0, err
	}
	at := officeHours(base.Time().Add(11 * time.Hour))
	var prev sql.NullInt64
	if replaces != 0 {
		prev = sql.NullInt64{Int64: replaces, Valid: true}
	}
	id, err := insertPlan(ctx, tx, c.ID, base, spec, inst, 10, prev, author, at)
	if err != nil {
		return nil, 0, err
	}
	res.Plans++
	res.Instalments += count
	events := []debt.Event{{At: at, Kind: debt.EventPayment,
		Text: fmt.Sprintf("Échéancier n° %d : %s en %d échéance(s) du %s au %s (Mensuelle)", id, owed, count, inst[0].Due, inst[count-1].Due)}}
	if signed := base.AddDays(signDelay); signs && !signed.After(g.today) && signed.Time().Before(until) {
		if _, err := tx.ExecContext(ctx, "UPDATE plans SET signed_on = ? WHERE id = ?", signed.ISO(), id); err != nil {
			return nil, 0, err
		}
		events = append(events, debt.Event{At: officeHours(signed.Time().Add(15 * time.Hour)), Kind: debt.EventPayment,
			Text: fmt.Sprintf("Échéancier n° %d signé par le débiteur le %s : la prescription est interrompue à cette date", id, signed)})
	}
	stop := debt.DateOf(until)
	for i, in := range inst {
		late, missed := g.r.IntN(9), g.chance(0.12)
		day := in.Due.AddDays(late - 2)
		if then != "" && then != debt.StatusPaid && i >= breaks || !day.Before(stop) {
			break
		}
		if missed {
			continue
		}
		ev, err := g.demoPay(ctx, tx, c, day, in.Amount, author, res)
		if err != nil {
			return nil, 0, err
		}
		events = append(events, ev...)
	}
	if then != "" {
		reason := "Échéancier rompu : échéances impayées"
		switch then {
		case debt.StatusPaid:
			reason = "Dossier soldé"
		case debt.StatusPlan:
			reason = "Renégocié : remplacé par un nouvel échéancier"
		}
		if _, err := tx.ExecContext(ctx, "UPDATE plans SET closed_on = ?, close_reason = ? WHERE id = ?", stop.ISO(), reason, id); err != nil {
			return nil, 0, err
		}
		events = append(events, debt.Event{At: until.Add(-time.Minute), Kind: debt.EventPayment,
			Text: fmt.Sprintf("Échéancier n° %d clos le %s : %s", id, stop, reason)})
	}
	return events, id, nil
}

// demoRemit transfers to each creditor the funds collected more than 40
// days ago, as an office does once a month; one creditor in ten is behind.
func (g *demoGen) demoRemit(ctx context.Context, tx *sql.Tx, creditors []debt.Party, res *DemoResult) error {
	cutoff := g.today.AddDays(-40)
	for _, c := range creditors {
		behind := g.chance(0.1)
		ref := "VIR-REV-" + g.digits(6)
		var held debt.Cents
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(p.amount_cents - p.credit_cents), 0) FROM payments p JOIN cases k ON k.id = p.case_id
			WHERE k.creditor_id = ? AND +p.cancels IS NULL AND p.received <= ?`, c.ID, cutoff.ISO()).Scan(&held); err != nil {
			return err
		}
		if behind || held <= 0 {
			continue
		}
		sent := cutoff.AddDays(5)
		at := officeHours(sent.Time().Add(14 * time.Hour))
		if _, err := tx.ExecContext(ctx, `INSERT INTO remittances (creditor_id, sent, amount_cents, reference, created_at, author) VALUES (?,?,?,?,?,?)`,
			c.ID, sent.ISO(), int64(held), ref, instant(at), demoStaff[0]); err != nil {
			return err
		}
		if _, err := insertEvent(ctx, tx, debt.Event{At: at, Author: demoStaff[0], Kind: debt.EventPayment,
			Text: fmt.Sprintf("Reversement de %s à %s le %s (réf. %s)", held, c.Name(), sent, ref)}); err != nil {
			return err
		}
		res.Remittances++
	}
	return nil
}

func (g *demoGen) contact(at time.Time) debt.Event {
	if g.chance(0.5) {
		o := debt.CallOutcomes[g.r.IntN(len(debt.CallOutcomes))]
		return debt.Event{At: at, Kind: debt.EventCall, Outcome: o, Text: "Appel : " + o.Label() + "."}
	}
	return debt.Event{At: at, Kind: debt.EventNote, Text: g.pick(demoNotes)}
}

func frMonth(d debt.Date) string {
	l := d.Long() // "5 mars 2026"
	_, rest, _ := strings.Cut(l, " ")
	return rest
}

// officeHours moves an instant into the office's working hours (Monday to
// Friday, 8:30 to 18:30 in Paris), keeping its minutes, so that the demo
// journal looks like an office's.
func officeHours(t time.Time) time.Time {
	p := t.In(debt.Paris())
	for p.Weekday() == time.Saturday || p.Weekday() == time.Sunday {
		p = p.AddDate(0, 0, 1)
	}
	h := p.Hour()
	if h < 8 || h > 18 || (h == 8 && p.Minute() < 30) {
		h = 9 + (h % 9)
	}
	return time.Date(p.Year(), p.Month(), p.Day(), h, p.Minute(), p.Second(), 0, debt.Paris()).UTC()
}

// DemoVersion changes whenever Demo writes different data for the same
// seed: cached demo databases of another version are rebuilt.
const DemoVersion = 6
