package letters

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"amiable/debt"
)

// SmallClaimsLimit is the ceiling of the small-claims procedure, principal
// and interest included (CPCE L125-1, R125-1): 5 000 €.
const SmallClaimsLimit debt.Cents = 500_000

// maxAddressLines is La Poste's limit for an address block (NF Z 10-011).
const maxAddressLines = 6

// Problem is a reason a letter cannot be issued: what is wrong and what to
// do about it, in French, for the person at the desk.
type Problem struct {
	Code    string `json:"code"` // stable key, for tests and the UI
	Message string `json:"message"`
	Fix     string `json:"fix"`
}

func (p Problem) String() string { return p.Message + " — " + p.Fix }

// feeWords are labels that name collection costs, which stay with the
// creditor whoever the debtor is (CPCE L111-8 al. 2).
var feeWords = []string{"frais de recouvrement", "frais de relance", "frais de dossier",
	"frais de gestion", "frais de mise en demeure", "frais d'huissier", "frais de commissaire",
	"frais de contentieux", "honoraires"}

// demands reports whether the letter asks the debtor to pay.
func demands(k Kind) bool {
	switch k {
	case Reminder1, Reminder2, FormalNotice, PlanProposal, PlanAgreement, Acknowledge, SmallClaims:
		return true
	}
	return false
}

// showsHowToPay reports whether the letter prints the office's account.
func showsHowToPay(k Kind) bool { return k.ToDebtor() && k != Settled }

// Check lists what keeps a letter of kind k from being issued, in French,
// with what to fix. Nothing means it may be issued. It checks the office
// identity (IBAN, BIC), the creditor's address, the recipient's address as
// La Poste will read it, the claim verification checklist, that no fee is
// charged to the debtor beyond what the law allows, the kind's own needs
// (a due claim for a formal notice, at most 5 000 € for a small-claims
// invitation, a plan, a payment…), the templates, and, when in.Issuing, the
// tracking number of a registered letter.
func Check(k Kind, in Input) []Problem {
	if _, err := ParseKind(string(k)); err != nil {
		return []Problem{{"kind", err.Error(), "Choisissez un type de courrier de la liste"}}
	}
	c := newComposer(k, in)
	in = c.in
	var ps []Problem
	add := func(code, msg, fix string) { ps = append(ps, Problem{code, msg, fix}) }
	settings := "Paramètres → Étude"

	if in.Date.IsZero() {
		add("date", "Le courrier n'a pas de date", "Indiquez la date du courrier")
	}

	// The office.
	for _, e := range in.Office.Validate() {
		if e.Field == "iban" || e.Field == "bic" {
			continue
		}
		add("office", "Identité de l'étude : "+e.Message, "Complétez-la dans "+settings)
	}
	if showsHowToPay(k) {
		switch {
		case strings.TrimSpace(in.Office.IBAN) == "":
			add("office_iban", "L'étude n'a pas d'IBAN : le courrier ne peut pas indiquer comment payer", "Saisissez l'IBAN du compte des fonds des clients dans "+settings)
		case debt.CheckIBAN(in.Office.IBAN) != nil:
			add("office_iban", debt.CheckIBAN(in.Office.IBAN).Error(), "Corrigez l'IBAN dans "+settings)
		}
		switch {
		case strings.TrimSpace(in.Office.BIC) == "":
			add("office_bic", "L'étude n'a pas de BIC", "Saisissez le BIC de sa banque dans "+settings)
		case debt.CheckBIC(in.Office.BIC) != nil:
			add("office_bic", debt.CheckBIC(in.Office.BIC).Error(), "Corrigez le BIC dans "+settings)
		}
	}

	// The creditor, named with its address on every letter (R124-4).
	cr := in.Case.Creditor
	if _, ok := cr.CurrentAddress(); !ok {
		add("creditor_address", fmt.Sprintf("Le créancier %s n'a pas d'adresse : elle doit figurer sur le courrier", cr.Name()), "Ajoutez l'adresse du créancier dans sa fiche")
	}

	ps = append(ps, checkRecipient(k, in)...)

	// The claim.
	if demands(k) {
		for _, it := range debt.Verify(in.Case, in.Date).Missing() {
			add("checklist", "Vérification de la créance incomplète : "+lowerFirst(it.Label), it.Detail)
		}
	}
	if k.ToDebtor() {
		ps = append(ps, checkFees(in)...)
		ps = append(ps, checkCommercialRate(in)...)
	}
	if demands(k) && k != PlanProposal && k != PlanAgreement && k != Acknowledge {
		ps = append(ps, checkTimeBarred(in)...)
	}
	st := in.Statement
	if !in.Date.IsZero() && !st.At.Equal(in.Date) {
		add("statement_date", fmt.Sprintf("Le décompte est arrêté au %s, le courrier est daté du %s", st.At, in.Date), "Recalculez le décompte à la date du courrier")
	}
	if demands(k) && st.Due() <= 0 {
		add("nothing_due", "Le décompte ne fait apparaître aucune somme due", "Vérifiez les lignes de créance et les encaissements ; un dossier soldé appelle une attestation de solde")
	}
	if k == FormalNotice && !in.Date.IsZero() {
		due := false
		for _, l := range in.Case.Lines {
			if l.Kind == debt.LinePrincipal && !l.DueDate.IsZero() && l.DueDate.Before(in.Date) {
				due = true
			}
		}
		if !due {
			add("not_due", fmt.Sprintf("Aucune ligne de principal n'est échue au %s : une mise en demeure suppose une créance exigible", in.Date), "Attendez l'échéance, ou corrigez les dates d'échéance des lignes")
		}
	}
	if k == SmallClaims {
		if pi := st.Balance.Principal + st.Balance.Interest; pi > SmallClaimsLimit {
			add("small_claims_limit", fmt.Sprintf("La créance dépasse %s en principal et intérêts (%s) : la procédure des petites créances est impossible", SmallClaimsLimit, pi), "Choisissez une autre voie (injonction de payer)")
		}
	}
	if k.ToDebtor() && !in.FirstToDebtor && in.First.Date.IsZero() {
		add("first_letter", "La date du premier courrier adressé au débiteur manque : chaque courrier suivant la rappelle", "Indiquez la référence et la date du premier courrier, ou cochez « premier courrier à ce débiteur »")
	}

	// What the kind needs.
	switch k {
	case PlanProposal, PlanAgreement:
		ps = append(ps, checkPlan(in)...)
	case Receipt:
		if in.Payment == nil {
			add("payment_missing", "Une quittance se rapporte à un encaissement : aucun n'est indiqué", "Choisissez l'encaissement à quittancer")
		} else if _, ok := c.paymentAllocation(); !ok {
			add("payment_unknown", fmt.Sprintf("L'encaissement du %s (%s) n'est pas dans le décompte", in.Payment.Payment.Received, in.Payment.Payment.Amount), "Enregistrez l'encaissement avant d'émettre la quittance")
		}
	case Settled:
		if due := st.Due(); due > 0 {
			add("balance_not_zero", fmt.Sprintf("Il reste dû %s : le solde n'est pas nul", due), "Attendez le paiement complet, ou émettez une quittance")
		}
	case ToCreditor:
		switch in.Report {
		case ReportStatus:
		case ReportPayment:
			if in.Payment == nil {
				add("payment_missing", "La lettre annonce un encaissement partiel : aucun n'est indiqué", "Choisissez l'encaissement à signaler au créancier")
			}
		case ReportProposal:
			if strings.TrimSpace(in.Proposal) == "" && len(in.Plan) == 0 {
				add("proposal_missing", "La lettre transmet une proposition du débiteur : elle est vide", "Décrivez la proposition ou joignez l'échéancier proposé")
			}
		default:
			add("report", "L'objet de la lettre au créancier n'est pas choisi", "Choisissez : point sur le dossier, encaissement partiel ou proposition du débiteur")
		}
	}

	// Posting.
	for _, e := range in.Post.Validate() {
		add("post", e.Message, "Corrigez l'envoi recommandé")
	}
	if in.Issuing && in.Post.IsRegistered() && strings.TrimSpace(in.Post.Tracking) == "" {
		add("tracking_missing", "Le numéro de l'envoi recommandé manque", "Collez l'étiquette du recommandé et saisissez (ou scannez) son numéro")
	}

	// Settings.
	if err := CheckTemplate(in.Settings.Template(k)); err != nil {
		add("template", "Modèle du courrier : "+err.Error(), "Corrigez le modèle dans Paramètres → Courriers")
	}
	if n, ok := in.Settings.DeadlineDays[k]; ok && (n < 1 || n > 60) {
		add("deadline_days", fmt.Sprintf("Le délai réglé pour ce courrier (%d jours) n'est pas plausible", n), "Choisissez un délai de 8 ou 15 jours dans Paramètres → Courriers")
	}
	for _, e := range in.Settings.Window.OrDefault().Validate() {
		add("window", e.Message, "Corrigez la position de la fenêtre dans Paramètres → Courriers")
	}
	return ps
}

// checkRecipient checks the recipient's address block as La Poste reads it.
func checkRecipient(k Kind, in Input) []Problem {
	var ps []Problem
	add := func(code, msg, fix string) { ps = append(ps, Problem{code, msg, fix}) }
	p := in.Recipient
	who := "Le débiteur"
	if !k.ToDebtor() {
		who = "Le créancier"
	}
	if p.Name() == "" {
		return []Problem{{"recipient", "Le courrier n'a pas de destinataire", "Choisissez le débiteur destinataire"}}
	}
	if k.ToDebtor() && p.ID != 0 {
		found := false
		for _, d := range in.Case.Debtors {
			found = found || d.Party.ID == p.ID
		}
		if !found {
			add("recipient", fmt.Sprintf("%s n'est pas débiteur du dossier %s", p.Name(), in.Case.Ref), "Choisissez un débiteur du dossier")
		}
	}
	if !k.ToDebtor() && p.ID != 0 && p.ID != in.Case.Creditor.ID {
		add("recipient", fmt.Sprintf("La lettre au créancier est adressée à %s, qui n'est pas le créancier du dossier", p.Name()), "Adressez-la au créancier "+in.Case.Creditor.Name())
	}
	a, ok := p.CurrentAddress()
	if !ok {
		add("recipient_address", fmt.Sprintf("%s %s n'a pas d'adresse postale", who, p.Name()), "Ajoutez son adresse dans sa fiche")
		return ps
	}
	fix := "Corrigez l'adresse dans la fiche de " + p.Name()
	for _, e := range a.Validate("") {
		add("recipient_address", "Adresse du destinataire : "+e.Message, fix)
	}
	lines := a.Lines(p.Name())
	if len(lines) > maxAddressLines {
		add("recipient_address", fmt.Sprintf("L'adresse du destinataire compte %d lignes : La Poste en accepte %d au plus", len(lines), maxAddressLines), fix)
	}
	for _, l := range lines {
		if n := utf8.RuneCountInString(l); n > debt.MaxAddressLine {
			add("recipient_address", fmt.Sprintf("La ligne d'adresse « %s » compte %d caractères : La Poste en accepte %d au plus", l, n, debt.MaxAddressLine), fix)
		}
	}
	return ps
}

// checkFees refuses any sum charged to the debtor beyond the claim itself:
// collection costs stay with the creditor (CPCE L111-8 al. 2, and the
// profession's rules); the one exception is the 40 € fixed recovery
// indemnity, owed per late invoice by a professional debtor to a
// professional creditor (Code de commerce L441-10, D441-5). A contractual
// penalty is part of the contract and stays allowed.
func checkFees(in Input) []Problem {
	var ps []Problem
	debtor := in.Recipient
	consumer := debtor.LegalKind != debt.Professional
	indemnities, invoices := 0, 0
	for _, l := range in.Case.Lines {
		label := strings.ToLower(l.Label)
		switch l.Kind {
		case debt.LinePrincipal:
			invoices++
		case debt.LineIndemnity:
			indemnities++
			if consumer {
				ps = append(ps, Problem{"fee_consumer",
					fmt.Sprintf("La ligne « %s » réclame l'indemnité forfaitaire de recouvrement à %s, qui n'est pas un professionnel", l.Label, debtor.Name()),
					"Supprimez cette ligne : l'indemnité de 40 € (article L. 441-10 du code de commerce) n'est due que par un débiteur professionnel"})
			} else if in.Case.Creditor.LegalKind != debt.Professional {
				ps = append(ps, Problem{"fee_indemnity",
					fmt.Sprintf("La ligne « %s » réclame l'indemnité forfaitaire de recouvrement pour un créancier particulier", l.Label),
					"Supprimez cette ligne : l'indemnité de 40 € ne joue qu'entre professionnels"})
			}
			continue
		case debt.LineAccessory:
			if consumer {
				ps = append(ps, Problem{"fee_consumer",
					fmt.Sprintf("La ligne « %s » (%s) met à la charge de %s, débiteur particulier, une somme autre que la créance", l.Label, l.Amount, debtor.Name()),
					"Les frais de recouvrement restent à la charge du créancier (article L. 111-8 du CPCE) : supprimez la ligne, ou classez-la en principal si elle fait partie de la créance elle-même"})
				continue
			}
		}
		for _, w := range feeWords {
			if strings.Contains(label, w) {
				ps = append(ps, Problem{"fee",
					fmt.Sprintf("La ligne « %s » (%s) met des frais de recouvrement à la charge du débiteur", l.Label, l.Amount),
					"Supprimez-la : ces frais restent à la charge du créancier (article L. 111-8 du CPCE)"})
				break
			}
		}
	}
	if !consumer && indemnities > invoices {
		ps = append(ps, Problem{"fee_indemnity",
			fmt.Sprintf("%s pour %s : une seule par facture en retard", count(indemnities, "aucune indemnité forfaitaire", "indemnité forfaitaire", "indemnités forfaitaires"), count(invoices, "aucune facture", "facture", "factures")),
			"Supprimez les indemnités en trop"})
	}
	return ps
}

func checkPlan(in Input) []Problem {
	if len(in.Plan) == 0 {
		return []Problem{{"plan_missing", "L'échéancier est vide", "Construisez l'échéancier (nombre ou montant des échéances, première date)"}}
	}
	var ps []Problem
	var total debt.Cents
	for i, it := range in.Plan {
		total += it.Amount
		if it.Amount <= 0 {
			ps = append(ps, Problem{"plan_amount", fmt.Sprintf("L'échéance n° %d n'a pas de montant", i+1), "Corrigez l'échéancier"})
		}
		if it.Due.IsZero() || (!in.Date.IsZero() && it.Due.Before(in.Date)) {
			ps = append(ps, Problem{"plan_dates", fmt.Sprintf("L'échéance n° %d (%s) précède la date du courrier", i+1, it.Due), "Choisissez des échéances postérieures au courrier"})
		}
	}
	if due := in.Statement.Due(); total != due {
		ps = append(ps, Problem{"plan_total", fmt.Sprintf("Les échéances totalisent %s, le solde dû est de %s", total, due), "Reconstruisez l'échéancier à partir du solde à la date du courrier"})
	}
	return ps
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// citesCommercialLaw reports whether a letter may cite Code de commerce
// L441-10 (business late penalties): only when the creditor, every debtor
// and the recipient are professionals. Compose asks it before citing the
// article; Check refuses a letter charging those penalties otherwise.
func citesCommercialLaw(in Input) bool {
	pro, known := in.Case.Between()
	return pro && known && in.Recipient.LegalKind == debt.Professional
}

// checkCommercialRate refuses a letter to a debtor that charges business
// late penalties (ECB rate + 10 points, Code de commerce L441-10) when the
// transaction is not between professionals: L441-10 never applies to a
// consumer or a private creditor.
func checkCommercialRate(in Input) []Problem {
	if in.Case.Interest.Kind != debt.InterestBusiness || citesCommercialLaw(in) {
		return nil
	}
	who := in.Recipient.Name()
	if in.Case.Creditor.LegalKind != debt.Professional {
		who = "le créancier " + in.Case.Creditor.Name()
	} else if in.Recipient.LegalKind == debt.Professional {
		who = "un des débiteurs"
	}
	return []Problem{{"l441_consumer",
		fmt.Sprintf("Le dossier applique les pénalités de retard de l'article L. 441-10 du code de commerce, mais %s n'est pas un professionnel : elles ne s'appliquent qu'entre professionnels", who),
		"Dans la fiche du dossier, choisissez les intérêts au taux légal, ou un taux contractuel en citant la clause du contrat"}}
}

// checkTimeBarred refuses a reminder, a formal notice or a small-claims
// invitation that demands a claim known to be time-barred on the letter's
// date (Code civil 2219: prescription extinguishes the right to act; the
// office must tell its client, professional rules art. 29). The claim can
// no longer be demanded; a voluntary payment may still be accepted (Code
// civil 2249).
func checkTimeBarred(in Input) []Problem {
	lim := in.Limitation
	if lim == nil || lim.Expires.IsZero() || in.Date.IsZero() || !in.Date.After(lim.Expires) {
		return nil
	}
	return []Problem{{"time_barred",
		fmt.Sprintf("La créance est prescrite depuis le %s (%s ; dernier jour pour agir : %s) : elle ne peut plus être exigée", lim.Expires.AddDays(1), lim.Period.Label, lim.Expires),
		"N'envoyez ni relance ni mise en demeure : informez le créancier, puis clôturez le dossier ou n'acceptez qu'un paiement volontaire (article 2249 du code civil)"}}
}
