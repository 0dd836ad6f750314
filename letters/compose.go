package letters

import (
	"errors"
	"fmt"
	"strings"

	"amiable/debt"
)

// ErrCompose is wrapped by the errors Compose returns.
var ErrCompose = errors.New("courrier impossible à rédiger")

// Compose writes a letter of kind k: every block, in French, from the
// office, the case, its statement of account and the office's settings.
// It fails only when the letter cannot be written at all (unknown kind, no
// date, a template with an unknown placeholder, a receipt without its
// payment); whether the letter may be issued is Check's business.
//
// A zero Recipient defaults to the case's first debtor (or its creditor
// for a letter to the creditor).
func Compose(k Kind, in Input) (Letter, error) {
	if _, err := ParseKind(string(k)); err != nil {
		return Letter{}, fmt.Errorf("%w : %w", ErrCompose, err)
	}
	if in.Date.IsZero() {
		return Letter{}, fmt.Errorf("%w : date du courrier manquante", ErrCompose)
	}
	c := newComposer(k, in)
	if err := c.compose(); err != nil {
		return Letter{}, fmt.Errorf("%w : %w", ErrCompose, err)
	}
	return c.l, nil
}

type composer struct {
	k      Kind
	in     Input
	office debt.Office
	ref    string
	values map[string]string
	l      Letter
	body   []Block
}

func newComposer(k Kind, in Input) *composer {
	if in.Recipient.Name() == "" {
		if k.ToDebtor() {
			in.Recipient = in.Case.FirstDebtor()
		} else {
			in.Recipient = in.Case.Creditor
		}
	}
	if k.RequiresRegistered() && !in.Post.IsRegistered() {
		in.Post.Level, in.Post.AR = debt.LevelR1, true
	}
	c := &composer{k: k, in: in, office: in.Office, ref: in.Ref}
	if c.ref == "" {
		c.ref = in.Case.Ref
	}
	return c
}

// deadline returns the date the letter gives the debtor, and the delay in
// words ("15 jours", "un mois"); zero when the kind sets none.
func deadline(k Kind, in Input) (debt.Date, string) {
	if k == SmallClaims {
		// L125-1: one month from the sending of the invitation.
		return in.Rules.Calendar.DeadlineMonths(in.Date, 1), "un mois"
	}
	if !k.HasDeadline() {
		return debt.Date{}, ""
	}
	n := in.Settings.Deadline(k)
	return in.Rules.Calendar.DeadlineDays(in.Date, n), fmt.Sprintf("%d jours", n)
}

func civility(p debt.Party) string {
	if p.Type == debt.Person {
		switch strings.ToLower(strings.TrimSuffix(strings.TrimSpace(p.Civility), ".")) {
		case "mme", "madame":
			return "Madame"
		case "m", "monsieur":
			return "Monsieur"
		}
	}
	return "Madame, Monsieur"
}

// joinNames joins names the French way: "A", "A et B", "A, B et C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " et " + names[len(names)-1]
}

func debtorNames(c debt.Case) string {
	var names []string
	for _, d := range c.Debtors {
		names = append(names, d.Party.Name())
	}
	return joinNames(names)
}

func oneLine(p debt.Party) string {
	if a, ok := p.CurrentAddress(); ok {
		return a.OneLine()
	}
	return ""
}

func (c *composer) compose() error {
	in, k := c.in, c.k
	st := in.Statement
	end, delay := deadline(k, in)
	debtor := in.Recipient.Name()
	if !k.ToDebtor() {
		debtor = debtorNames(in.Case)
	}
	c.values = map[string]string{
		"debiteur":            debtor,
		"civilite":            civility(in.Recipient),
		"creancier":           in.Case.Creditor.Name(),
		"reference":           in.Case.Ref,
		"reference_creancier": in.Case.CreditorRef,
		"nature":              strings.ToLower(in.Case.Nature.Label()),
		"solde":               st.Due().String(),
		"principal":           st.Balance.Principal.String(),
		"interets":            st.Balance.Interest.String(),
		"accessoires":         st.Balance.Accessory.String(),
		"date":                in.Date.Long(),
		"echeance":            end.Long(),
		"delai":               delay,
		"premier_courrier":    in.First.Date.Long(),
		"etude":               c.office.Name,
		"telephone":           c.office.Phone,
		"courriel":            c.office.Email,
	}
	addr, _ := in.Recipient.CurrentAddress()
	l := Letter{
		Kind:       k,
		CaseRef:    in.Case.Ref,
		Ref:        c.ref,
		Date:       in.Date,
		Deadline:   end,
		Recipient:  in.Recipient.Name(),
		Postcode:   strings.TrimSpace(addr.Postcode),
		Town:       strings.ToUpper(strings.TrimSpace(addr.Town)),
		Letterhead: c.letterhead(),
		Window:     in.Settings.Window.OrDefault(),
		Address:    c.addressBlock(),
		PlaceDate:  fmt.Sprintf("%s, le %s", c.office.Town, in.Date.Long()),
		Refs:       c.refs(),
		Post:       in.Post,
		Object:     c.object(),
		Footer:     fmt.Sprintf("%s — N/Réf. %s", c.office.Name, c.ref),
	}
	if in.Post.IsRegistered() {
		l.PostLine = in.Post.Label()
		if in.Post.Tracking != "" {
			l.PostLine += " n° " + debt.FormatTracking(in.Post.Tracking)
		}
	}
	c.l = l

	tpl := in.Settings.Template(k)
	before, err := c.expandAll(tpl.Before)
	if err != nil {
		return err
	}
	after, err := c.expandAll(tpl.After)
	if err != nil {
		return err
	}
	var build func(before, after []string) error
	switch k {
	case Reminder1, Reminder2, FormalNotice:
		build = c.demandLetter
	case PlanProposal:
		build = c.planProposal
	case PlanAgreement:
		build = c.planAgreement
	case Acknowledge:
		build = c.acknowledgement
	case Receipt:
		build = c.receipt
	case Settled:
		build = c.settled
	case ToCreditor:
		build = c.toCreditor
	case SmallClaims:
		build = c.smallClaims
	}
	if err := build(before, after); err != nil {
		return err
	}
	c.l.Body = c.body
	return nil
}

func (c *composer) expandAll(paras []string) ([]string, error) {
	out := make([]string, 0, len(paras))
	for _, p := range paras {
		s, err := expand(p, c.values)
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// v formats a mandatory sentence with the placeholder values.
func (c *composer) v(name string) string { return c.values[name] }

func (c *composer) add(b Block) { c.body = append(c.body, b) }

func (c *composer) text(paras ...string) {
	if len(paras) > 0 {
		c.add(Block{Kind: BlockText, Paras: paras})
	}
}

func (c *composer) bold(paras ...string) { c.add(Block{Kind: BlockText, Paras: paras, Bold: true}) }

func (c *composer) letterhead() []string {
	o := c.office
	lines := o.Address.Lines(o.Name)
	var contact []string
	if o.Phone != "" {
		contact = append(contact, "Tél. "+o.Phone)
	}
	if o.Email != "" {
		contact = append(contact, o.Email)
	}
	if len(contact) > 0 {
		lines = append(lines, strings.Join(contact, " — "))
	}
	if o.SIRET != "" {
		lines = append(lines, "SIRET "+o.SIRET)
	}
	return lines
}

func (c *composer) addressBlock() []string {
	p := c.in.Recipient
	if a, ok := p.CurrentAddress(); ok {
		return a.Lines(p.Name())
	}
	return []string{p.Name()}
}

func (c *composer) refs() []string {
	in := c.in
	refs := []string{"N/Réf. : " + c.ref}
	if c.k.ToDebtor() {
		refs = append(refs, "Créancier : "+in.Case.Creditor.Name())
		if in.Case.CreditorRef != "" {
			refs = append(refs, "Réf. du créancier : "+in.Case.CreditorRef)
		}
		if !in.FirstToDebtor {
			first := "Premier courrier : réf. " + firstRef(in)
			if !in.First.Date.IsZero() {
				first += " du " + in.First.Date.String()
			}
			refs = append(refs, first)
		}
	} else {
		if in.Case.CreditorRef != "" {
			refs = append(refs, "V/Réf. : "+in.Case.CreditorRef)
		}
		refs = append(refs, "Débiteur : "+debtorNames(in.Case))
	}
	if in.Case.AssignedTo != "" {
		refs = append(refs, "Affaire suivie par : "+in.Case.AssignedTo)
	}
	return refs
}

func firstRef(in Input) string {
	if in.First.Ref != "" {
		return in.First.Ref
	}
	return in.Case.Ref
}

func (c *composer) object() string {
	cr := c.in.Case.Creditor.Name()
	switch c.k {
	case Reminder1:
		return "Première relance — somme restant due à " + cr
	case Reminder2:
		return "Deuxième relance — somme restant due à " + cr
	case FormalNotice:
		return "Mise en demeure de payer — créance de " + cr
	case PlanProposal:
		return "Proposition d'échéancier — créance de " + cr
	case PlanAgreement:
		return "Accord d'échéancier à signer — créance de " + cr
	case Acknowledge:
		return "Reconnaissance de dette à signer — créance de " + cr
	case Receipt:
		if p := c.in.Payment; p != nil {
			return "Quittance — paiement du " + p.Payment.Received.String()
		}
		return "Quittance"
	case Settled:
		return "Attestation de solde — créance de " + cr
	case ToCreditor:
		return fmt.Sprintf("%s — dossier %s — débiteur : %s", c.in.Report.Label(), c.in.Case.Ref, debtorNames(c.in.Case))
	case SmallClaims:
		return "Procédure simplifiée de recouvrement des petites créances — invitation à y participer"
	}
	return c.k.Label()
}

// identification is the R124-4 opening: who recovers, for whom (name and
// address), that the recovery is amicable, and the claim's basis.
func (c *composer) identification() {
	in := c.in
	o := nameOfOffice(c.office.Name)
	who := o.Subject()
	if !strings.Contains(strings.ToLower(c.office.Name), "commissaire") {
		who += ", commissaire de justice,"
	}
	creditor := in.Case.Creditor.Name()
	if a := oneLine(in.Case.Creditor); a != "" {
		creditor += ", " + a + ","
	}
	p1 := fmt.Sprintf("%s est %s par %s du recouvrement amiable de sa créance à votre encontre. Il s'agit d'une démarche amiable, qui n'est pas une mesure d'exécution forcée.", who, o.Agree("chargé"), creditor)
	// Nature and basis in one sentence without nested parentheses (a
	// basis often ends with its own: « … (paiement à 30 jours) »).
	nature := natureArticle(in.Case.Nature)
	basis := strings.TrimSuffix(strings.TrimSpace(in.Case.Basis), ".")
	var p2 string
	switch {
	case basis == "" && nature == "":
		p2 = "Cette créance est détaillée dans le décompte ci-dessous."
	case basis == "":
		p2 = "Cette créance a pour origine " + nature + "."
	case nature == "":
		p2 = "Cette créance a pour fondement : " + basis + "."
	default:
		p2 = fmt.Sprintf("Cette créance a pour origine %s ; elle a pour fondement : %s.", nature, basis)
	}
	c.text(p1, p2)
}

func (c *composer) salutation() { c.text(c.v("civilite") + ",") }

// claim adds the statement of account: the claim lines, the split into
// principal, interest and accessories (R124-4), the interest breakdown and
// the payments received.
func (c *composer) claim() {
	st := c.in.Statement
	lines := &Table{Columns: []Column{
		{"Libellé", 58, false}, {"Échéance", 20, false}, {"Montant", 23, true},
		{"Intérêts", 23, true}, {"Réglé", 23, true}, {"Solde", 23, true},
	}}
	for _, sl := range st.Lines {
		label := lineLabel(sl.Label, sl.DocNumber)
		lines.Rows = append(lines.Rows, Row{Cells: []string{
			label, sl.DueDate.String(), (sl.Owed.Principal + sl.Owed.Accessory).String(),
			sl.Owed.Interest.String(), sl.Paid.Total().String(), sl.Balance.Total().String(),
		}})
	}
	lines.Rows = append(lines.Rows, Row{Bold: true, Cells: []string{
		"Total", "", (st.Owed.Principal + st.Owed.Accessory).String(), st.Owed.Interest.String(),
		st.Paid.Total().String(), st.Balance.Total().String(),
	}})
	c.add(Block{Kind: BlockTable, Title: "Décompte arrêté au " + st.At.String(), Table: lines})

	accessories := "Accessoires"
	if ind := st.Indemnities(); ind > 0 {
		accessories = "Accessoires (dont indemnités forfaitaires de recouvrement : " + ind.String() + ")"
	}
	split := &Table{Columns: []Column{{"", 85, false}, {"Dû", 28, true}, {"Réglé", 28, true}, {"Reste dû", 29, true}}}
	for _, r := range []struct {
		label          string
		owed, paid, bl debt.Cents
	}{
		{"Principal", st.Owed.Principal, st.Paid.Principal, st.Balance.Principal},
		{"Intérêts", st.Owed.Interest, st.Paid.Interest, st.Balance.Interest},
		{accessories, st.Owed.Accessory, st.Paid.Accessory, st.Balance.Accessory},
	} {
		split.Rows = append(split.Rows, Row{Cells: []string{r.label, r.owed.String(), r.paid.String(), r.bl.String()}})
	}
	split.Rows = append(split.Rows, Row{Bold: true, Cells: []string{"Solde restant dû", st.Owed.Total().String(), st.Paid.Total().String(), st.Due().String()}})
	c.add(Block{Kind: BlockTable, Title: "Récapitulatif", Table: split})

	c.interest()
	c.payments()
	if st.Credit > 0 {
		c.text(fmt.Sprintf("Vos versements dépassent la somme due de %s : ce trop-perçu vous sera remboursé.", st.Credit))
	}
}

func (c *composer) interest() {
	st := c.in.Statement
	t := &Table{Columns: []Column{
		{"Ligne", 48, false}, {"Période", 42, false}, {"Jours", 12, true},
		{"Base", 24, true}, {"Taux", 18, true}, {"Intérêts", 26, true},
	}}
	var total debt.Cents
	for _, sl := range st.Lines {
		for _, p := range sl.Interest.Periods {
			t.Rows = append(t.Rows, Row{Cells: []string{
				sl.Label, "du " + p.From.AddDays(1).String() + " au " + p.To.String(), fmt.Sprint(p.Days),
				p.Base.String(), debt.FormatRate(p.RateBP), p.Amount.String(),
			}})
			total += p.Amount
		}
	}
	if len(t.Rows) == 0 {
		return
	}
	t.Rows = append(t.Rows, Row{Bold: true, Cells: []string{"Total des intérêts", "", "", "", "", total.String()}})
	var basis string
	switch st.InterestKind {
	case debt.InterestLegal:
		basis = "Intérêts au taux légal (articles 1231-6 et 1344-1 du code civil), à compter de la mise en demeure."
	case debt.InterestBusiness:
		// Code de commerce L441-10 is cited between professionals only
		// (Check refuses such penalties otherwise).
		basis = "Pénalités de retard au taux de la Banque centrale européenne majoré de 10 points, à compter du lendemain de chaque échéance."
		if citesCommercialLaw(c.in) {
			basis = "Pénalités de retard au taux de la Banque centrale européenne majoré de 10 points (article L. 441-10 du code de commerce), à compter du lendemain de chaque échéance."
		}
	case debt.InterestContractual:
		basis = "Intérêts au taux prévu au contrat, à compter du lendemain de chaque échéance."
	}
	divisor := "365"
	if c.in.Rules.LeapDivisor366 {
		divisor = "365 (366 les années bissextiles)"
	}
	c.add(Block{Kind: BlockTable, Title: "Calcul des intérêts", Table: t, Paras: []string{
		basis + " Intérêts simples, par période : base × jours × taux annuel / " + divisor + ".",
	}})
}

func (c *composer) payments() {
	st := c.in.Statement
	if len(st.Payments) == 0 {
		return
	}
	t := &Table{Columns: []Column{
		{"Reçu le", 30, false}, {"Montant", 28, true}, {"Sur accessoires", 28, true},
		{"Sur intérêts", 28, true}, {"Sur principal", 28, true}, {"Trop-perçu", 28, true},
	}}
	var total debt.Cents
	for _, pa := range st.Payments {
		var a debt.Amounts
		for _, la := range pa.Lines {
			a = a.Add(la.Amounts)
		}
		t.Rows = append(t.Rows, Row{Cells: []string{
			pa.Payment.Received.String(), pa.Payment.Amount.String(), a.Accessory.String(),
			a.Interest.String(), a.Principal.String(), pa.Credit.String(),
		}})
		total += pa.Payment.Amount
	}
	t.Rows = append(t.Rows, Row{Bold: true, Cells: []string{"Total", total.String(), "", "", "", ""}})
	c.add(Block{Kind: BlockTable, Title: "Versements reçus et leur imputation (article 1343-1 du code civil)", Table: t})
}

// howToPay is the framed block with the office's client-funds account and
// the reference to quote.
func (c *composer) howToPay() {
	o := c.office
	acct := "IBAN : " + debt.FormatIBAN(o.IBAN)
	if o.BIC != "" {
		acct += " — BIC : " + strings.ToUpper(strings.TrimSpace(o.BIC))
	}
	c.add(Block{Kind: BlockBox, Title: "Comment régler", Paras: []string{
		"Par virement sur le compte de l'étude réservé aux fonds de ses clients, au nom de " + o.Name + " :",
		acct,
		"Référence à indiquer impérativement : " + c.in.Case.Ref,
		"Ou par chèque à l'ordre de " + o.Name + ", adressé à l'étude, avec la référence " + c.in.Case.Ref + " au dos.",
	}})
}

func (c *composer) signature() {
	name := strings.TrimSpace(c.in.Signatory)
	if name == "" && len(c.office.Signatories) > 0 {
		name = c.office.Signatories[0]
	}
	paras := []string{"Pour l'étude,"}
	if name != "" {
		paras = append(paras, name, "Commissaire de justice")
	} else {
		paras = append(paras, c.office.Name)
	}
	c.add(Block{Kind: BlockSignature, Paras: paras})
}

// legal adds L111-8 paragraphs 2 and 3 (every letter to a debtor) and, on
// the first letter to a debtor, the personal-data notice (RGPD art. 14).
func (c *composer) legal() {
	c.add(Block{Kind: BlockLegal, Title: l111_8Title, Paras: l111_8})
	if c.in.FirstToDebtor {
		c.add(Block{Kind: BlockLegal, Title: "Vos données personnelles", Paras: c.privacyNotice()})
	}
}

func (c *composer) privacyNotice() []string {
	o := c.office
	addr := o.Address.OneLine()
	contact := "par courrier à l'étude"
	if o.Email != "" {
		contact = "à " + o.Email + " ou par courrier à l'étude"
	}
	cr := c.in.Case.Creditor.Name()
	return []string{
		fmt.Sprintf("%s, %s, responsable du traitement, utilise les données vous concernant (identité, coordonnées, éléments de la créance, échanges et paiements) pour le seul recouvrement amiable de la créance de %s, sur le fondement de l'intérêt légitime du créancier à être payé et des obligations légales et professionnelles de l'étude. Elles ne servent à aucune autre fin et ne font l'objet d'aucune décision automatisée.", nameOfOffice(o.Name).Subject(), addr, cr),
		fmt.Sprintf("Ces données nous ont été communiquées par le créancier, %s, et sont complétées par ce que vous nous transmettez. Elles sont destinées aux seules personnes de l'étude chargées du dossier, au créancier et, le cas échéant, aux juridictions et auxiliaires de justice saisis.", cr),
		"Elles sont conservées pendant le recouvrement, puis archivées pendant la durée de prescription applicable avant d'être supprimées ou anonymisées ; les pièces comptables sont conservées dix ans.",
		fmt.Sprintf("Vous pouvez, dans les conditions prévues par le règlement (UE) 2016/679, accéder à ces données, les faire rectifier ou effacer, en limiter le traitement ou vous y opposer, en écrivant %s. Vous pouvez aussi introduire une réclamation auprès de la CNIL (www.cnil.fr).", contact),
	}
}

// demandLetter is a reminder or a formal notice.
func (c *composer) demandLetter(before, after []string) error {
	in := c.in
	c.salutation()
	c.identification()
	c.text(before...)
	c.claim()
	due := in.Statement.Due().String()
	switch c.k {
	case FormalNotice:
		c.bold(fmt.Sprintf("En conséquence, nous vous mettons en demeure de régler la somme de %s au plus tard le %s, soit dans un délai de %s à compter de la date de la présente lettre.", due, c.l.Deadline.Long(), c.v("delai")))
		switch in.Case.Interest.Kind {
		case debt.InterestLegal:
			c.text("La présente mise en demeure fait courir les intérêts au taux légal sur le principal restant dû (articles 1231-6 et 1344-1 du code civil).")
		case debt.InterestBusiness:
			// L441-10 only between professionals (see citesCommercialLaw).
			if citesCommercialLaw(in) {
				c.text("Des pénalités de retard continuent de courir jusqu'au paiement complet (article L. 441-10 du code de commerce).")
			}
		case debt.InterestContractual:
			c.text("Les intérêts prévus au contrat continuent de courir jusqu'au paiement complet.")
		}
	default:
		c.bold(fmt.Sprintf("Nous vous demandons de régler la somme de %s au plus tard le %s.", due, c.l.Deadline.Long()))
	}
	c.howToPay()
	c.text(after...)
	c.signature()
	c.legal()
	return nil
}

func instalmentTable(plan []debt.Instalment) *Table {
	t := &Table{Columns: []Column{{"Échéance", 50, false}, {"Date", 60, false}, {"Montant", 60, true}}}
	// Instalments from BuildPlan are numbered, 0 being the down payment; a
	// plain list (N unset) is numbered by position.
	numbered := false
	for _, in := range plan {
		numbered = numbered || in.N != 0
	}
	var total debt.Cents
	for i, in := range plan {
		n := fmt.Sprintf("n° %d", in.N)
		switch {
		case !numbered:
			n = fmt.Sprintf("n° %d", i+1)
		case in.N == 0:
			n = "Acompte"
		}
		t.Rows = append(t.Rows, Row{Cells: []string{n, in.Due.String(), in.Amount.String()}})
		total += in.Amount
	}
	t.Rows = append(t.Rows, Row{Bold: true, Cells: []string{"Total", "", total.String()}})
	return t
}

func (c *composer) planProposal(before, after []string) error {
	c.salutation()
	c.identification()
	c.text(before...)
	c.claim()
	c.add(Block{Kind: BlockTable, Title: "Échéancier proposé", Table: instalmentTable(c.in.Plan)})
	c.text("Tant que cet échéancier n'est pas accepté et signé, la totalité de la somme reste exigible ; cette proposition ne vaut pas renonciation de " + c.v("creancier") + " à sa créance.")
	c.howToPay()
	c.text(after...)
	c.signature()
	c.legal()
	return nil
}

func (c *composer) planAgreement(before, after []string) error {
	in := c.in
	c.salutation()
	c.identification()
	c.text(before...)
	c.text("Merci de nous en retourner un exemplaire daté et signé, précédé de la mention manuscrite « Lu et approuvé, bon pour accord ». L'accord prend effet à sa signature.")
	c.claim()
	c.howToPay()
	c.text(after...)
	c.signature()
	c.legal()

	cure := in.Settings.Deadline(FormalNotice)
	creditor := c.v("creancier")
	if a := oneLine(in.Case.Creditor); a != "" {
		creditor += ", " + a
	}
	debtor := c.v("debiteur")
	if a := oneLine(in.Recipient); a != "" {
		debtor += ", " + a
	}
	st := in.Statement
	c.add(Block{Kind: BlockHeading, Title: "ACCORD D'ÉCHÉANCIER — dossier " + in.Case.Ref, NewPage: true})
	c.text("Entre "+creditor+", créancier, représenté par "+nameOfOffice(c.office.Name).The()+", commissaire de justice,",
		"et "+debtor+", débiteur,",
		"il est convenu ce qui suit.")
	c.add(Block{Kind: BlockHeading, Title: "1. Somme due"})
	c.text(fmt.Sprintf("Le débiteur reconnaît devoir au créancier la somme de %s au %s, soit %s en principal, %s d'intérêts et %s d'accessoires, selon le décompte joint.",
		st.Due(), st.At.Long(), st.Balance.Principal, st.Balance.Interest, st.Balance.Accessory))
	c.add(Block{Kind: BlockHeading, Title: "2. Échéancier"})
	c.add(Block{Kind: BlockTable, Table: instalmentTable(in.Plan)})
	c.text("Chaque échéance est payée au plus tard à sa date, sur le compte de l'étude indiqué ci-dessus, avec la référence " + in.Case.Ref + ".")
	c.add(Block{Kind: BlockHeading, Title: "3. Échéance impayée"})
	c.text(fmt.Sprintf("Si une échéance n'est pas payée à sa date, l'étude adressera au débiteur une mise en demeure par lettre recommandée avec avis de réception lui laissant un délai de %d jours pour régulariser. Faute de régularisation dans ce délai, la déchéance du terme sera encourue : le solde restant dû deviendra immédiatement exigible en totalité et le créancier pourra en poursuivre le recouvrement par les voies de droit.", cure))
	// The last clause stays on the page of the signatures.
	c.add(Block{Kind: BlockHeading, Title: "4. Effets de l'accord", KeepWithNext: true})
	c.add(Block{Kind: BlockText, KeepWithNext: true, Paras: []string{
		"Tant que l'échéancier est respecté, le créancier s'abstient de toute autre démarche de recouvrement. Les paiements s'imputent sur les accessoires, puis sur les intérêts, puis sur le principal (article 1343-1 du code civil).",
		"Par cet accord, le débiteur reconnaît la dette, ce qui interrompt la prescription (article 2240 du code civil).",
	}})
	c.add(Block{Kind: BlockForm, Title: "Signatures", Fields: []Field{
		{Label: "Fait à (lieu et date)", Lines: 1},
		{Label: "Le débiteur — « Lu et approuvé, bon pour accord », signature", Lines: 2},
		{Label: "Pour le créancier, " + nameOfOffice(c.office.Name).The(), Lines: 2},
	}})
	return nil
}

func (c *composer) acknowledgement(before, after []string) error {
	in := c.in
	c.salutation()
	c.identification()
	c.text(before...)
	c.text("Merci de la compléter de votre main, en écrivant la somme en toutes lettres et en chiffres, de la dater, de la signer et de nous la retourner. Le décompte ci-dessous indique la somme due à ce jour.")
	c.claim()
	c.howToPay()
	c.text(after...)
	c.signature()
	c.legal()

	lives := "demeurant"
	if in.Recipient.Type == debt.Company {
		lives = "dont le siège est"
	}
	crLives := "demeurant"
	if in.Case.Creditor.Type == debt.Company {
		crLives = "dont le siège est"
	}
	c.add(Block{Kind: BlockHeading, Title: "RECONNAISSANCE DE DETTE — dossier " + in.Case.Ref, NewPage: true})
	c.text(signerWith(in.Recipient, lives+" "+oneLine(in.Recipient)),
		fmt.Sprintf("reconnais devoir à %s, %s %s, au titre de : %s,", c.v("creancier"), crLives, oneLine(in.Case.Creditor), claimBasis(in.Case)),
		"la somme de (à écrire de ma main) :")
	c.add(Block{Kind: BlockForm, Fields: []Field{
		{Label: "En toutes lettres", Lines: 2},
		{Label: "En chiffres", Lines: 1},
	}})
	c.add(Block{Kind: BlockText, KeepWithNext: true, Paras: []string{
		"Je m'engage à payer cette somme à " + c.v("creancier") + " par l'intermédiaire " + nameOfOffice(c.office.Name).Of() + ", avec la référence " + in.Case.Ref + ".",
	}})
	c.add(Block{Kind: BlockForm, Fields: []Field{
		{Label: "Fait à (lieu et date)", Lines: 1},
		{Label: "Signature", Lines: 3},
	}})
	c.add(Block{Kind: BlockLegal, Title: art1376.title, Paras: art1376.paras})
	return nil
}

// paymentAllocation finds the receipt's payment in the statement.
func (c *composer) paymentAllocation() (debt.PaymentAllocation, bool) {
	p := c.in.Payment.Payment
	for _, pa := range c.in.Statement.Payments {
		if (p.ID != 0 && pa.Payment.ID == p.ID) || (p.ID == 0 && pa.Payment.Received.Equal(p.Received) && pa.Payment.Amount == p.Amount) {
			return pa, true
		}
	}
	return debt.PaymentAllocation{}, false
}

func (c *composer) receipt(before, after []string) error {
	in := c.in
	if in.Payment == nil {
		return errors.New("quittance sans encaissement")
	}
	p := in.Payment
	c.salutation()
	c.text(before...)
	payer := c.v("debiteur")
	if strings.TrimSpace(p.Payer) != "" {
		payer = p.Payer + " pour le compte de " + c.v("debiteur")
	}
	how := ""
	if m := strings.TrimSpace(p.Method); m != "" {
		how = " par " + m
	}
	settled := "partiel"
	if in.Statement.Due() <= 0 {
		settled = "total"
	}
	c.add(Block{Kind: BlockHeading, Title: "QUITTANCE"})
	c.text(fmt.Sprintf("%s, agissant pour le compte de %s, reconnaît avoir reçu de %s, le %s, la somme de %s%s, en règlement %s de la créance du dossier %s.",
		nameOfOffice(c.office.Name).Subject(), c.v("creancier"), payer, p.Payment.Received.Long(), p.Payment.Amount, how, settled, in.Case.Ref))
	if pa, ok := c.paymentAllocation(); ok {
		var a debt.Amounts
		for _, la := range pa.Lines {
			a = a.Add(la.Amounts)
		}
		t := &Table{Columns: []Column{{"", 110, false}, {"Montant", 60, true}}}
		t.Rows = append(t.Rows,
			Row{Cells: []string{"Sur les accessoires", a.Accessory.String()}},
			Row{Cells: []string{"Sur les intérêts", a.Interest.String()}},
			Row{Cells: []string{"Sur le principal", a.Principal.String()}})
		if pa.Credit > 0 {
			t.Rows = append(t.Rows, Row{Cells: []string{"Trop-perçu, à vous rembourser", pa.Credit.String()}})
		}
		t.Rows = append(t.Rows, Row{Bold: true, Cells: []string{"Total reçu", pa.Payment.Amount.String()}})
		c.add(Block{Kind: BlockTable, Title: "Imputation du paiement (article 1343-1 du code civil)", Table: t})
	}
	if due := in.Statement.Due(); due > 0 {
		c.bold(fmt.Sprintf("Après ce paiement, il reste dû au %s la somme de %s.", in.Statement.At.Long(), due))
		c.claim()
		c.howToPay()
	} else {
		c.bold("Après ce paiement, la créance est entièrement réglée.")
	}
	c.text(after...)
	c.signature()
	c.legal()
	return nil
}

func (c *composer) settled(before, after []string) error {
	in := c.in
	c.salutation()
	c.text(before...)
	c.add(Block{Kind: BlockHeading, Title: "ATTESTATION DE SOLDE"})
	c.text(fmt.Sprintf("%s, agissant pour le compte de %s, atteste que l'intégralité des sommes dues par %s au titre du dossier %s (%s) a été réglée.",
		nameOfOffice(c.office.Name).Subject(), c.v("creancier"), c.v("debiteur"), in.Case.Ref, strings.ToLower(in.Case.Nature.Label())))
	c.bold(fmt.Sprintf("Au %s, le solde de ce dossier est nul : plus aucune somme n'est due à ce titre.", in.Statement.At.Long()))
	c.claim()
	c.text(after...)
	c.signature()
	c.legal()
	return nil
}

func (c *composer) toCreditor(before, after []string) error {
	in := c.in
	c.salutation()
	c.text(before...)
	st := in.Statement
	switch in.Report {
	case ReportPayment:
		if in.Payment == nil {
			return errors.New("lettre au créancier sur un encaissement, sans encaissement")
		}
		p := in.Payment.Payment
		c.text(fmt.Sprintf("Dans le dossier cité en référence, nous avons encaissé le %s la somme de %s versée par %s, en paiement partiel.", p.Received.Long(), p.Amount, c.v("debiteur")),
			fmt.Sprintf("Après imputation, il reste dû %s au %s. Ces fonds vous seront reversés dans le délai d'un mois à compter de leur encaissement, sauf accord contraire.", st.Due(), st.At.Long()))
	case ReportProposal:
		c.text(fmt.Sprintf("Dans le dossier cité en référence, %s nous a fait la proposition suivante pour régler sa dette de %s :", c.v("debiteur"), st.Due()))
		if p := strings.TrimSpace(in.Proposal); p != "" {
			c.text("« " + p + " »")
		}
		if len(in.Plan) > 0 {
			c.add(Block{Kind: BlockTable, Title: "Échéancier proposé par le débiteur", Table: instalmentTable(in.Plan)})
		}
		c.bold("Nous vous remercions de nous faire connaître votre accord ou vos observations.")
	default:
		c.text(fmt.Sprintf("Voici le point sur le recouvrement amiable de votre créance sur %s. Le dossier est au stade : %s.", c.v("debiteur"), strings.ToLower(in.Case.Status.Label())),
			fmt.Sprintf("Au %s, il reste dû %s.", st.At.Long(), st.Due()))
	}
	c.claim()
	c.text(after...)
	c.signature()
	return nil
}

func (c *composer) smallClaims(before, after []string) error {
	in := c.in
	c.salutation()
	creditor := c.v("creancier")
	if a := oneLine(in.Case.Creditor); a != "" {
		creditor += ", " + a + ","
	}
	basis := claimBasis(in.Case)
	o := nameOfOffice(c.office.Name)
	who := o.Subject()
	if !strings.Contains(strings.ToLower(c.office.Name), "commissaire") {
		who += ", commissaire de justice,"
	}
	c.text(fmt.Sprintf("%s a été %s par %s pour mettre en œuvre la procédure simplifiée de recouvrement des petites créances prévue à l'article L. 125-1 du code des procédures civiles d'exécution, pour la créance suivante : %s.", who, o.Agree("saisi"), creditor, basis))
	c.text(before...)
	c.claim()
	c.bold(fmt.Sprintf("Nous vous invitons à participer à cette procédure. Vous disposez d'un délai d'un mois à compter de l'envoi de la présente lettre, soit jusqu'au %s, pour nous faire savoir si vous l'acceptez ou la refusez, au moyen du formulaire joint, par courrier, par courriel ou à l'étude.", c.l.Deadline.Long()),
		"Votre silence à l'expiration de ce délai vaudra refus de participer à la procédure.")
	c.text("Si vous acceptez, nous recueillerons votre accord et celui du créancier sur le montant et les modalités du paiement. Cet accord nous permettra de délivrer un titre exécutoire, sans autre formalité (articles L. 111-3 et L. 125-1 reproduits ci-après). Votre accord pour participer suspend la prescription (article 2238 du code civil).",
		"Les frais de toute nature qu'occasionne la procédure sont à la charge exclusive du créancier : aucune somme autre que la créance ne vous sera demandée.",
		"En cas de refus ou de silence, le créancier conserve la possibilité de s'adresser au juge pour obtenir un titre exécutoire.")
	c.text(after...)
	c.signature()
	c.legal()
	c.add(Block{Kind: BlockHeading, Title: "Textes reproduits", NewPage: true})
	for _, a := range smallClaimsArticles {
		c.add(Block{Kind: BlockLegal, Title: a.title, Paras: a.paras})
	}
	c.add(Block{Kind: BlockForm, NewPage: true, Title: "FORMULAIRE D'ACCEPTATION — dossier " + in.Case.Ref,
		Paras: []string{
			fmt.Sprintf("%s accepte de participer à la procédure simplifiée de recouvrement des petites créances pour la créance de %s (dossier %s).", signer(in.Recipient), c.v("creancier"), in.Case.Ref),
			fmt.Sprintf("À renvoyer %s, %s, avant le %s.", o.To(), c.office.Address.OneLine(), c.l.Deadline.Long()),
		},
		Fields: []Field{
			{Label: "Somme que je reconnais devoir", Lines: 1},
			{Label: "Modalités de paiement que je propose (montants et dates)", Lines: 3},
			{Label: "Téléphone ou courriel où me joindre", Lines: 1},
			{Label: "Fait à (lieu et date)", Lines: 1},
			{Label: "Signature", Lines: 2},
		}})
	c.add(Block{Kind: BlockForm, Title: "FORMULAIRE DE REFUS — dossier " + in.Case.Ref,
		Paras: []string{
			fmt.Sprintf("%s refuse de participer à la procédure simplifiée de recouvrement des petites créances pour la créance de %s (dossier %s).", signer(in.Recipient), c.v("creancier"), in.Case.Ref),
		},
		Fields: []Field{
			{Label: "Motif (facultatif)", Lines: 2},
			{Label: "Fait à (lieu et date)", Lines: 1},
			{Label: "Signature", Lines: 2},
		}})
	return nil
}
