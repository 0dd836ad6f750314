package letters

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"amiable/debt"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestComposeGolden composes every kind from the fixture and compares the
// letter's text with testdata/KIND.golden (go test ./letters -update
// rewrites them; read the diff before committing).
func TestComposeGolden(t *testing.T) {
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			l, err := Compose(k, inputFor(t, k))
			if err != nil {
				t.Fatalf("Compose(%s) error: %v", k, err)
			}
			got := l.Text()
			path := filepath.Join("testdata", string(k)+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("golden file missing (run go test ./letters -update): %v", err)
			}
			if got != string(want) {
				t.Errorf("Compose(%s).Text() differs from %s:\n%s", k, path, diff(string(want), got))
			}
		})
	}
}

// diff shows the first lines that differ.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 8; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}

// TestComposeMentions checks, kind by kind, the mentions the law or the
// brief requires, independently of the golden files' wording.
func TestComposeMentions(t *testing.T) {
	l111 := "Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier, sauf s'ils concernent un acte dont l'accomplissement est prescrit par la loi au créancier. Toute stipulation contraire est réputée non écrite, sauf disposition législative contraire."
	l111b := "Cependant, le créancier qui justifie du caractère nécessaire des démarches entreprises pour recouvrer sa créance peut demander au juge de l'exécution de laisser tout ou partie des frais ainsi exposés à la charge du débiteur de mauvaise foi."
	r124 := []string{
		"SELARL Cœurdacier & Associés, commissaire de justice", // who recovers
		"recouvrement amiable",
		"Boulangerie Dupré, 8 place du Théâtre, 59000 Lille", // creditor name and address
		"Bon de commande du 5 janvier 2026",                  // basis
		"| Principal ", "| Intérêts ", "| Accessoires ",      // the split
		"IBAN : FR76 3000 6000 0112 3456 7890 189", "BIC : AGRIFRPP",
		"Référence à indiquer impérativement : 2026-00042",
	}
	tests := []struct {
		kind Kind
		want []string
		not  []string
	}{
		{Reminder1, append([]string{l111, l111b, "Vos données personnelles", "CNIL",
			"au plus tard le 26 mai 2026", "3\u202f445,67\u00a0€"}, r124...),
			[]string{"Premier courrier", "Calcul des intérêts"}},
		{Reminder2, append([]string{l111, l111b, "Premier courrier : réf. 2026-00042 du 02/03/2026", "au plus tard le 26 mai 2026"}, r124...),
			[]string{"Vos données personnelles"}},
		{FormalNotice, append([]string{l111, l111b, "nous vous mettons en demeure de régler la somme de 3\u202f464,40\u00a0€ au plus tard le 1er juin 2026",
			"délai de 15 jours", "Lettre recommandée R1 avec avis de réception n° 1A 123 456 7890 1",
			"fait courir les intérêts au taux légal", "du 03/03/2026 au 10/04/2026", "2,62\u00a0%"}, r124...),
			[]string{"Vos données personnelles"}},
		{PlanProposal, append([]string{l111, "Échéancier proposé", "n° 6", "05/11/2026"}, r124...), nil},
		{PlanAgreement, append([]string{l111, "ACCORD D'ÉCHÉANCIER", "mise en demeure par lettre recommandée avec avis de réception lui laissant un délai de 15 jours pour régulariser",
			"déchéance du terme", "Lu et approuvé, bon pour accord", "article 2240"}, r124...), nil},
		{Acknowledge, append([]string{l111, "RECONNAISSANCE DE DETTE", "En toutes lettres :", "En chiffres :", "Article 1376 du code civil",
			"écrite par lui-même, de la somme ou de la quantité en toutes lettres et en chiffres"}, r124...), nil},
		{Receipt, []string{l111, "QUITTANCE", "reconnaît avoir reçu de Mme Hélène LEFÈVRE, le 10 avril 2026, la somme de 150,00\u00a0€ par virement, en règlement partiel",
			"Sur les intérêts", "Sur le principal", "il reste dû au 15 mai 2026 la somme de 3\u202f464,40\u00a0€"}, nil},
		{Settled, []string{l111, "ATTESTATION DE SOLDE", "le solde de ce dossier est nul"}, []string{"Comment régler"}},
		{ToCreditor, []string{"Proposition du débiteur", "Mme Hélène LEFÈVRE nous a fait la proposition suivante",
			"« Règlement en six mensualités", "votre accord ou vos observations", "V/Réf. : F-2026-118"},
			[]string{l111, "Vos données personnelles", "Comment régler"}},
		{SmallClaims, append([]string{l111, "Article L. 111-2", "Article L. 111-3", "Article L. 125-1", "Article 2238 du code civil",
			"jusqu'au 15 juin 2026", "Votre silence à l'expiration de ce délai vaudra refus",
			"à la charge exclusive du créancier", "FORMULAIRE D'ACCEPTATION", "FORMULAIRE DE REFUS"}, r124[2:7]...),
			[]string{"Comment régler"}}, // nothing to pay before the agreement
	}
	for _, tt := range tests {
		l, err := Compose(tt.kind, inputFor(t, tt.kind))
		if err != nil {
			t.Fatalf("Compose(%s) error: %v", tt.kind, err)
		}
		text := l.Text()
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("Compose(%s) lacks %q", tt.kind, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(text, n) {
				t.Errorf("Compose(%s) has %q, which does not belong there", tt.kind, n)
			}
		}
	}
}

func TestComposeDeadlines(t *testing.T) {
	// Friday 15 May 2026. Reminders: + 8 days = Saturday 23 May, Sunday 24,
	// Whit Monday 25 → Tuesday 26 May. Formal notice: + 15 days = Saturday
	// 30 May → Monday 1 June; set to 8 days: 26 May as well. Small claims:
	// one month → Monday 15 June 2026.
	tests := []struct {
		kind     Kind
		settings map[Kind]int
		want     string
	}{
		{Reminder1, nil, "2026-05-26"},
		{Reminder2, nil, "2026-05-26"},
		{FormalNotice, nil, "2026-06-01"},
		{FormalNotice, map[Kind]int{FormalNotice: 8}, "2026-05-26"},
		{SmallClaims, nil, "2026-06-15"},
		{Receipt, nil, ""},
		{PlanAgreement, nil, ""},
	}
	for _, tt := range tests {
		in := inputFor(t, tt.kind)
		in.Settings.DeadlineDays = tt.settings
		l, err := Compose(tt.kind, in)
		if err != nil {
			t.Fatal(err)
		}
		if l.Deadline.ISO() != tt.want {
			t.Errorf("Compose(%s, %v).Deadline = %q, want %q", tt.kind, tt.settings, l.Deadline.ISO(), tt.want)
		}
	}
}

func TestComposeTemplates(t *testing.T) {
	in := inputFor(t, Reminder2)
	in.Settings.Templates = map[Kind]Template{Reminder2: {
		Before: []string{"{civilite}, le dossier {reference} ({reference_creancier}) de {creancier} présente un solde de {solde} dont {principal} de principal, {interets} d'intérêts et {accessoires} d'accessoires."},
		After:  []string{"Délai : {delai}, soit le {echeance}. Courrier du {date}, premier courrier du {premier_courrier}. {etude}, {telephone}, {courriel}, {debiteur}, {nature}."},
	}}
	l, err := Compose(Reminder2, in)
	if err != nil {
		t.Fatal(err)
	}
	text := l.Text()
	for _, want := range []string{
		"Madame, le dossier 2026-00042 (F-2026-118) de SARL Boulangerie Dupré présente un solde de 3\u202f464,40\u00a0€ dont 3\u202f449,17\u00a0€ de principal, 15,23\u00a0€ d'intérêts et 0,00\u00a0€ d'accessoires.",
		"Délai : 8 jours, soit le 26 mai 2026. Courrier du 15 mai 2026, premier courrier du 2 mars 2026. SELARL Cœurdacier & Associés, 03 20 12 34 56, recouvrement@coeurdacier-cj.fr, Mme Hélène LEFÈVRE, facture impayée.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("template not expanded as expected; want %q in\n%s", want, text)
		}
	}
	if strings.Contains(text, "Notre précédent courrier est resté sans effet") {
		t.Error("the default paragraph is still there although the office replaced it")
	}

	in.Settings.Templates[Reminder2] = Template{Before: []string{"Solde : {montant}"}}
	if _, err := Compose(Reminder2, in); err == nil || !strings.Contains(err.Error(), "{montant}") {
		t.Errorf("Compose with an unknown placeholder: error = %v, want one naming {montant}", err)
	}
	if err := CheckTemplate(in.Settings.Templates[Reminder2]); err == nil || !strings.Contains(err.Error(), "{montant}") {
		t.Errorf("CheckTemplate: error = %v, want one naming {montant}", err)
	}
	for _, k := range Kinds {
		if err := CheckTemplate(DefaultTemplate(k)); err != nil {
			t.Errorf("DefaultTemplate(%s): %v", k, err)
		}
	}
	names := map[string]bool{}
	for _, p := range Placeholders() {
		names[p.Name] = true
	}
	for _, n := range []string{"debiteur", "reference", "solde", "echeance"} {
		if !names[n] {
			t.Errorf("Placeholders() lacks {%s}", n)
		}
	}
}

func TestComposeErrors(t *testing.T) {
	in := baseInput(t)
	if _, err := Compose("relance3", in); err == nil {
		t.Error("Compose(relance3) accepted an unknown kind")
	}
	in.Date = debt.Date{}
	if _, err := Compose(Reminder1, in); err == nil {
		t.Error("Compose without a date succeeded")
	}
	if _, err := Compose(Receipt, baseInput(t)); err == nil {
		t.Error("Compose(quittance) without a payment succeeded")
	}
}

func TestComposeDefaults(t *testing.T) {
	in := baseInput(t)
	in.Recipient = debt.Party{}
	in.Post = debt.Registered{}
	l, err := Compose(FormalNotice, in)
	if err != nil {
		t.Fatal(err)
	}
	if l.Recipient != "Mme Hélène LEFÈVRE" || l.Address[0] != "Mme Hélène LEFÈVRE" {
		t.Errorf("zero recipient: got %q / %q, want the first debtor", l.Recipient, l.Address[0])
	}
	if l.Post.Level != debt.LevelR1 || !l.Post.AR || l.PostLine != "Lettre recommandée R1 avec avis de réception" {
		t.Errorf("formal notice without posting: got %+v %q, want R1 with AR", l.Post, l.PostLine)
	}
	want := []string{"Mme Hélène LEFÈVRE", "Appartement 4, 2e étage", "Résidence Les Tilleuls", "27 rue de l'Église", "59130 LAMBERSART"}
	if !reflect.DeepEqual(l.Address, want) {
		t.Errorf("address block = %q, want %q", l.Address, want)
	}
	if l.Window != DefaultWindow() {
		t.Errorf("window = %+v, want the default", l.Window)
	}
	in = baseInput(t)
	in.Recipient = debt.Party{}
	cl, err := Compose(ToCreditor, in)
	if err != nil {
		t.Fatal(err)
	}
	if cl.Recipient != "SARL Boulangerie Dupré" {
		t.Errorf("letter to the creditor without recipient: composed for %q, want the creditor", cl.Recipient)
	}
}

// TestLetterJSON checks that a Letter survives JSON, so that the store can
// keep it and the day batch render it again.
func TestLetterJSON(t *testing.T) {
	l, err := Compose(SmallClaims, inputFor(t, SmallClaims))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var back Letter
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, l) {
		t.Errorf("Letter changed through JSON:\n%s", diff(l.Text(), back.Text()))
	}
}

func TestKinds(t *testing.T) {
	for _, k := range Kinds {
		if got, err := ParseKind(" " + strings.ToUpper(string(k))); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, err)
		}
		if k.Label() == string(k) {
			t.Errorf("%s has no French label", k)
		}
	}
	if _, err := ParseKind("injonction"); err == nil || !strings.Contains(err.Error(), "petites-creances") {
		t.Errorf("ParseKind(injonction) error = %v, want the list of kinds", err)
	}
	statuses := map[Kind]debt.Status{Reminder1: debt.StatusReminded, FormalNotice: debt.StatusFormalNotice, PlanAgreement: debt.StatusNegotiating}
	for k, want := range statuses {
		if got, ok := k.StatusAfter(); !ok || got != want {
			t.Errorf("%s.StatusAfter() = %q, %v, want %q", k, got, ok, want)
		}
	}
	if _, ok := Receipt.StatusAfter(); ok {
		t.Error("a receipt should not move the case")
	}
}

// TestComposeWording: an office named « Étude … », « SCP … » or « Cabinet
// … » is named once with the right article and agreement; a basis or a
// line label ending in parentheses gets no second pair; the signer of a
// form is agreed with the debtor's civility; no letter writes « (e) » or
// « (s) ».
func TestComposeWording(t *testing.T) {
	offices := []struct {
		name string
		want []string
	}{
		{"Étude Marchand & Castel", []string{"L'étude Marchand & Castel, commissaire de justice, est chargée par", "par l'intermédiaire de l'étude Marchand & Castel", "À renvoyer à l'étude Marchand & Castel,"}},
		{"SCP Durand et Roux", []string{"La SCP Durand et Roux, commissaire de justice, est chargée par", "par l'intermédiaire de la SCP Durand et Roux", "À renvoyer à la SCP Durand et Roux,"}},
		{"Cabinet Lenoir", []string{"Le cabinet Lenoir, commissaire de justice, est chargé par", "Le cabinet Lenoir, commissaire de justice, a été saisi par", "par l'intermédiaire du cabinet Lenoir", "À renvoyer au cabinet Lenoir,", "représenté par le cabinet Lenoir"}},
		{"Maître Agnès Cœurdacier", []string{"L'étude de Maître Agnès Cœurdacier, commissaire de justice, est chargée par"}},
		{"Lefèvre Commissaires de justice", []string{"L'étude Lefèvre Commissaires de justice est chargée par"}},
	}
	debtors := []struct {
		civility string
		kind     debt.PartyType
		want     string
	}{
		{"Mme", debt.Person, "Je soussignée Mme Hélène LEFÈVRE accepte"},
		{"M.", debt.Person, "Je soussigné M. Hélène LEFÈVRE accepte"},
		{"", debt.Person, "Je, signataire ci-dessous, Hélène LEFÈVRE, accepte"},
		{"", debt.Company, "Je, signataire ci-dessous, représentant légal de"},
	}
	for i, o := range offices {
		var all strings.Builder
		d := debtors[i%len(debtors)]
		for _, k := range Kinds {
			in := inputFor(t, k)
			in.Office.Name = o.name
			in.Case.Basis = "Conditions générales de vente acceptées le 12/03/2025 (paiement à 30 jours)"
			in.Case.Lines[0].Label = "Facture de janvier (paiement à 30 jours)"
			for j := range in.Statement.Lines {
				if in.Statement.Lines[j].Label == "Facture de janvier" {
					in.Statement.Lines[j].Label = in.Case.Lines[0].Label
				}
			}
			if k.ToDebtor() {
				in.Recipient.Civility, in.Recipient.Type = d.civility, d.kind
				if d.kind == debt.Company {
					in.Recipient.CompanyName, in.Recipient.LegalForm = "Garage Roux", "SAS"
				}
			}
			l, err := Compose(k, in)
			if err != nil {
				t.Fatal(err)
			}
			txt := l.Text()
			all.WriteString(txt)
			for _, bad := range []string{"tude Étude", "tude SCP", "tude Cabinet", "tude Maître", ") (", "(e)", "(s)", "ée(s)", "(es)"} {
				if strings.Contains(txt, bad) {
					at := strings.Index(txt, bad)
					t.Errorf("office %q, %s: %q in « …%s… »", o.name, k, bad, txt[max(0, at-60):min(len(txt), at+60)])
				}
			}
		}
		for _, w := range append(o.want, d.want, "Cette créance a pour origine une facture impayée ; elle a pour fondement : Conditions générales de vente acceptées le 12/03/2025 (paiement à 30 jours).",
			"Facture de janvier (paiement à 30 jours), n° FA-2026-0012") {
			if !strings.Contains(all.String(), w) {
				t.Errorf("office %q: letters lack %q", o.name, w)
			}
		}
	}
}
