package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// openSeededCase opens a case of Boulangerie Dupont against Claire MARTIN
// (1 200,00 € due 15/01/2026, no proof, no basis, interest not verified).
func openSeededCase(t *testing.T) (*UI, *data.Store, *caseView) {
	t.Helper()
	u, st := newTestUI(t)
	cred := saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	deb := saveParty(t, st, person("Claire", "Martin", "59800", "Lille"))
	c := saveCase(t, st, cred, deb, 120000)
	u.openCase(c.ID)
	if u.cases.view == nil {
		t.Fatal("openCase did not open the case view")
	}
	return u, st, u.cases.view
}

func TestCaseViewHeaderPartiesAndChecklist(t *testing.T) {
	u, _, v := openSeededCase(t)
	if got, want := v.title.Text, "Dossier "+v.c.Ref; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if v.status.Text != "Nouveau" {
		t.Errorf("status = %q, want Nouveau", v.status.Text)
	}
	if got, want := v.balance.Text, "Solde dû : 1\u202f200,00\u00a0€"; got != want {
		t.Errorf("balance = %q, want %q", got, want)
	}
	if got := v.subtitle.Text; got != "SARL Boulangerie Dupont contre Mme Claire MARTIN · Facture impayée" {
		t.Errorf("subtitle = %q", got)
	}
	for _, want := range []string{"Créancier : SARL Boulangerie Dupont", "Débiteur : Mme Claire MARTIN",
		"3 rue des Lilas, 59800 Lille", "Courriel : claire@exemple.fr", "Téléphone : 06 12 34 56 78", "SIREN 732829320"} {
		if !hasText(v.parties, want) {
			t.Errorf("parties %q lack %q", texts(v.parties), want)
		}
	}

	// checklist: amount and due date OK; basis, interest and proof missing
	if !hasText(v.checklist, "3 points restent à compléter avant le premier courrier.") {
		t.Errorf("checklist summary missing: %q", texts(v.checklist))
	}
	icons := map[string]fyne.ThemeColorName{}
	for _, row := range v.checklist.Objects[1:] {
		var label string
		var color fyne.ThemeColorName
		walk(row, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Icon:
				color = w.Resource.(*theme.ThemedResource).ColorName
			case *widget.Label:
				if w.TextStyle.Bold {
					label = w.Text
				}
			}
		})
		icons[label] = color
	}
	want := map[string]fyne.ThemeColorName{
		"Montant de la créance":         theme.ColorNameSuccess,
		"Exigibilité (échéance passée)": theme.ColorNameSuccess,
		"Fondement contractuel":         theme.ColorNameError,
		"Intérêts et pénalités prévus":  theme.ColorNameError,
		"Preuve écrite":                 theme.ColorNameError,
	}
	for label, c := range want {
		if icons[label] != c {
			t.Errorf("checklist icon of %q = %q, want %q", label, icons[label], c)
		}
	}
	if !hasText(v.lines, "Facture F-1") || !strings.Contains(v.totals.Text, "Total de la créance : 1\u202f200,00\u00a0€") {
		t.Errorf("claim tab: lines %q, totals %q", texts(v.lines), v.totals.Text)
	}
	if !hasText(v.journal, "Ouverture du dossier") {
		t.Errorf("journal %q lacks the opening", texts(v.journal))
	}
	_ = u
}

func TestCaseViewAddNote(t *testing.T) {
	u, st, v := openSeededCase(t)

	v.selectTab("Journal")
	test.Tap(button(t, v.content, "Ajouter la note")) // empty: refused
	if top := topOverlay(t, u); !hasText(top, "Écrivez la note avant de l'ajouter au journal.") {
		t.Errorf("empty note dialog = %q", texts(top))
	}
	u.onEscape()
	before, _ := st.Events(ctx, v.id)

	test.Type(v.note, "Débitrice jointe, elle paiera fin du mois.")
	test.Tap(button(t, v.content, "Ajouter la note"))
	events, err := st.Events(ctx, v.id)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != len(before)+1 {
		t.Fatalf("events = %d, want %d", len(events), len(before)+1)
	}
	last := events[len(events)-1]
	if last.Kind != debt.EventNote || last.Text != "Débitrice jointe, elle paiera fin du mois." || last.Author != "Claire Martin" || !last.At.Equal(testNow) {
		t.Errorf("note event = %+v, want the note by Claire Martin at %v", last, testNow)
	}
	if v.note.Text != "" {
		t.Errorf("note field = %q after adding, want empty", v.note.Text)
	}
	// newest first: the note heads the journal
	first := v.journal.Objects[0].(*widget.Label).Text
	if want := "15/05/2026 à 09:30 — Note — Claire Martin"; first != want {
		t.Errorf("journal head = %q, want %q", first, want)
	}
	if got := v.journal.Objects[1].(*widget.Label).Text; got != "Débitrice jointe, elle paiera fin du mois." {
		t.Errorf("journal text = %q", got)
	}
}

func TestCaseViewLogCall(t *testing.T) {
	_, st, v := openSeededCase(t)
	v.selectTab("Journal")
	test.Tap(button(t, v.content, "Noter un appel…"))
	f := v.callDialog
	test.Tap(f.confirm) // no outcome chosen
	if !strings.Contains(f.errs.Text, "Choisissez l'issue de l'appel") {
		t.Errorf("errors = %q, want the outcome message", f.errs.Text)
	}
	var outcome *widget.Select
	walk(f.content, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			outcome = s
		}
	})
	outcome.SetSelected("Promesse de paiement")
	var comment *entry
	walk(f.content, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok {
			comment = e
		}
	})
	test.Type(comment, "Paiera 300 € le 30/05")
	comment.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter confirms
	if !f.closed {
		t.Fatalf("Enter did not save the call: %q", f.errs.Text)
	}
	events, _ := st.Events(ctx, v.id)
	last := events[len(events)-1]
	if last.Kind != debt.EventCall || last.Outcome != debt.CallPromise || !strings.Contains(last.Text, "Paiera 300 € le 30/05") {
		t.Errorf("call event = %+v, want a promise with the comment", last)
	}
	if !hasText(v.journal, "Appel téléphonique") {
		t.Errorf("journal %q lacks the call", texts(v.journal))
	}
}

func TestCaseViewStatusChange(t *testing.T) {
	u, st, v := openSeededCase(t)

	test.Tap(v.statusBtn)
	f := v.statusDialog
	var to *widget.Select
	var reason *entry
	find := func() {
		walk(f.content, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Select:
				to = w
			case *entry:
				reason = w
			}
		})
	}
	find()
	if want := []string{"Vérification", "Relancé", "Mise en demeure envoyée", "Négociation", "Échéancier", "Soldé", "Transmis en judiciaire", "Abandonné"}; strings.Join(to.Options, "|") != strings.Join(want, "|") {
		t.Errorf("next statuses = %q, want %q", to.Options, want)
	}
	to.SetSelected("Relancé")
	test.Tap(f.confirm)
	c, _ := st.Case(ctx, v.id)
	if c.Status != debt.StatusReminded {
		t.Fatalf("status = %s, want %s", c.Status, debt.StatusReminded)
	}
	if v.status.Text != "Relancé" {
		t.Errorf("header status = %q, want Relancé", v.status.Text)
	}
	events, _ := st.Events(ctx, v.id)
	if last := events[len(events)-1]; last.Kind != debt.EventStatus {
		t.Errorf("last event = %+v, want a status change", last)
	}

	// abandoning needs a reason: refused, nothing written
	test.Tap(v.statusBtn)
	f = v.statusDialog
	find()
	to.SetSelected("Abandonné")
	test.Tap(f.confirm)
	if !strings.Contains(f.errs.Text, "Indiquez pourquoi le dossier est abandonné") || f.closed {
		t.Errorf("errors = %q (closed %v), want the reason message and the dialog open", f.errs.Text, f.closed)
	}
	if c, _ := st.Case(ctx, v.id); c.Status != debt.StatusReminded {
		t.Errorf("status = %s after a refused change, want unchanged", c.Status)
	}
	test.Type(reason, "Débitrice décédée, succession vacante")
	test.Tap(f.confirm)
	top := topOverlay(t, u)
	if !hasText(top, "Clore le dossier ?") {
		t.Fatalf("closing asks no confirmation: %q", texts(top))
	}
	test.Tap(button(t, top, "Oui"))
	c, _ = st.Case(ctx, v.id)
	if c.Status != debt.StatusAbandoned || c.CloseReason != "Débitrice décédée, succession vacante" {
		t.Errorf("case = %s / %q, want abandoned with its reason", c.Status, c.CloseReason)
	}
	if v.statusBtn.Text != "Rouvrir…" || v.status.Importance != widget.DangerImportance {
		t.Errorf("status button %q, status importance %v; want Rouvrir… and danger", v.statusBtn.Text, v.status.Importance)
	}

	// a closed case offers reopening only
	test.Tap(v.statusBtn)
	f = v.statusDialog
	find()
	if want := "Vérification|Relancé|Mise en demeure envoyée|Négociation|Échéancier"; strings.Join(to.Options, "|") != want {
		t.Errorf("reopen statuses = %q, want %q", to.Options, want)
	}
}

func TestCaseViewClaimLines(t *testing.T) {
	_, st, v := openSeededCase(t)
	v.selectTab("Créance")
	test.Tap(button(t, v.content, "Ajouter une ligne"))
	f := v.lineDialog
	var entries []*entry
	var kind *widget.Select
	walk(f.content, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *entry:
			entries = append(entries, w)
		case *widget.Select:
			kind = w
		}
	})
	label, number, issue, due, amount := entries[0], entries[1], entries[2], entries[3], entries[4]

	// unreadable input: refused with French messages, nothing written
	test.Type(label, "Facture F-2")
	test.Type(due, "31/02/2026")
	test.Type(amount, "12,345")
	test.Tap(f.confirm)
	for _, want := range []string{"Date d'échéance : Date invalide : « 31/02/2026 » n'existe pas", "deux décimales au plus"} {
		if !strings.Contains(f.errs.Text, want) {
			t.Errorf("errors = %q, want %q", f.errs.Text, want)
		}
	}
	// the 40 € indemnity is for professional debtors only
	kind.SetSelected(debt.LineIndemnity.Label())
	due.SetText("28/02/2026")
	test.Tap(f.confirm)
	if !strings.Contains(f.errs.Text, "n'est due qu'entre professionnels") {
		t.Errorf("errors = %q, want the indemnity message", f.errs.Text)
	}
	if c, _ := st.Case(ctx, v.id); len(c.Lines) != 1 {
		t.Fatalf("lines = %d after refused input, want 1", len(c.Lines))
	}

	kind.SetSelected(debt.LinePrincipal.Label())
	label.SetText("Facture F-2")
	number.SetText("F-2")
	issue.SetText("01/02/2026")
	amount.SetText("1 234,56")
	amount.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !f.closed {
		t.Fatalf("valid line not saved: %q", f.errs.Text)
	}
	c, _ := st.Case(ctx, v.id)
	if len(c.Lines) != 2 || c.Lines[1].Amount != 123456 || c.Lines[1].DueDate != debt.MustDate("2026-02-28") {
		t.Fatalf("lines = %+v, want the new line of 1 234,56 € due 28/02/2026", c.Lines)
	}
	if want := "Principal : 2\u202f434,56\u00a0€   ·   Total de la créance : 2\u202f434,56\u00a0€"; v.totals.Text != want {
		t.Errorf("totals = %q, want %q", v.totals.Text, want)
	}
	if got := v.balance.Text; got != "Solde dû : 2\u202f434,56\u00a0€" {
		t.Errorf("balance = %q", got)
	}

	// delete it: a reason is required
	row := v.lines.Objects[2]
	var del *widget.Button
	walk(row, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == theme.DeleteIcon().Name() {
			del = b
		}
	})
	test.Tap(del)
	d := v.deleteDialog
	test.Tap(d.confirm)
	if !strings.Contains(d.errs.Text, "Indiquez pourquoi la ligne est supprimée") {
		t.Errorf("errors = %q, want the reason message", d.errs.Text)
	}
	var reason *entry
	walk(d.content, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok {
			reason = e
		}
	})
	test.Type(reason, "Doublon de la facture F-1")
	test.Tap(d.confirm)
	if c, _ := st.Case(ctx, v.id); len(c.Lines) != 1 || c.Lines[0].Label != "Facture F-1" {
		t.Errorf("lines after delete = %+v, want only Facture F-1", c.Lines)
	}
}

func TestCaseViewDocuments(t *testing.T) {
	u, st, v := openSeededCase(t)
	var opened []string
	u.openURL = func(link string) error { opened = append(opened, link); return nil }

	// the button opens Fyne's file chooser, in French
	v.selectTab("Pièces")
	test.Tap(button(t, v.content, "Ajouter une pièce…"))
	if top := topOverlay(t, u); !hasText(top, "Ouvrir") || !hasText(top, "Annuler") {
		t.Errorf("file chooser texts = %q, want Ouvrir and Annuler", texts(top))
	}
	u.onEscape()

	path := filepath.Join(t.TempDir(), "facture F-1.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.4 facture F-1"), 0o600); err != nil {
		t.Fatal(err)
	}
	rc, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	v.onFileChosen(rc, nil, "", 0)
	f := v.docDialog
	var line *widget.Select
	walk(f.content, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && len(s.Options) > 0 && s.Options[0] == "Aucune" {
			line = s
		}
	})
	line.SetSelectedIndex(1)
	test.Tap(f.confirm)
	if !f.closed {
		t.Fatalf("document not added: %q", f.errs.Text)
	}
	docs, _ := st.Documents(ctx, v.id)
	if len(docs) != 1 || docs[0].OriginalName != "facture F-1.pdf" || docs[0].Kind != debt.DocProof {
		t.Fatalf("documents = %+v, want facture F-1.pdf as a proof", docs)
	}
	c, _ := st.Case(ctx, v.id)
	if len(c.Lines[0].Proofs) != 1 || c.Lines[0].Proofs[0] != docs[0].ID {
		t.Errorf("line proofs = %v, want [%d]", c.Lines[0].Proofs, docs[0].ID)
	}
	if !hasText(v.docsBox, "Justificatif — facture F-1.pdf") {
		t.Errorf("documents tab %q lacks the file", texts(v.docsBox))
	}
	if !hasText(v.lines, "facture F-1.pdf") {
		t.Errorf("claim line %q does not name its proof", texts(v.lines))
	}
	if !hasText(v.checklist, "Chaque ligne de principal a son justificatif") {
		t.Errorf("checklist %q: proof point not satisfied", texts(v.checklist))
	}

	test.Tap(button(t, v.docsBox, "Ouvrir"))
	if want := storage.NewFileURI(filepath.Join(copyDir(), v.c.Ref+" facture F-1.pdf")).String(); len(opened) != 1 || opened[0] != want {
		t.Errorf("opened %q, want a copy of %s named « %s facture F-1.pdf »", opened, docs[0].Path, v.c.Ref)
	}

	// a stored file gone from disk: one French message, nothing opened
	if err := os.Remove(docs[0].Path); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(t, v.docsBox, "Ouvrir"))
	if top := topOverlay(t, u); !hasText(top, "Le fichier de cette pièce est introuvable") {
		t.Errorf("missing file dialog = %q", texts(top))
	}
	if len(opened) != 1 {
		t.Errorf("opened %q, want nothing more", opened)
	}
}

func TestCaseViewEditCase(t *testing.T) {
	_, st, v := openSeededCase(t)
	test.Tap(button(t, v.content, "Modifier le dossier"))
	cf := v.editForm
	if cf.creditor.ID != v.c.Creditor.ID || len(cf.debtors) != 1 {
		t.Fatalf("edit form parties = %v / %v, want the case's", cf.creditor.Name(), cf.debtors)
	}
	test.Type(cf.creditorRef, "CLI-778")
	test.Type(cf.basis, "Contrat de fourniture du 02/01/2025, article 7")
	cf.interest.SetSelected(debt.InterestLegal.Label())
	test.Tap(cf.f.confirm)
	if !cf.f.closed {
		t.Fatalf("edit not saved: %q", cf.f.errs.Text)
	}
	c, _ := st.Case(ctx, v.id)
	if c.CreditorRef != "CLI-778" || c.Interest.Kind != debt.InterestLegal || !strings.HasPrefix(c.Basis, "Contrat de fourniture") {
		t.Errorf("case = ref %q interest %q basis %q, want the edited values", c.CreditorRef, c.Interest.Kind, c.Basis)
	}
	if !hasText(v.details, "CLI-778") || !hasText(v.checklist, "1 point reste à compléter avant le premier courrier.") {
		t.Errorf("view not refreshed: details %q, checklist %q", texts(v.details), texts(v.checklist))
	}
}

// A long journal shows its newest entries, and the older ones a page at a
// time on request.
func TestCaseViewJournalPages(t *testing.T) {
	_, st, v := openSeededCase(t)
	before, _ := st.Events(ctx, v.id)
	extra := 2*journalPage + 10 - len(before)
	for i := range extra {
		if _, err := st.AddEvent(ctx, debt.Event{CaseID: v.id, At: testNow.Add(time.Duration(i) * time.Minute).UTC(),
			Author: "test", Kind: debt.EventNote, Text: fmt.Sprintf("Note n° %d", i+1)}); err != nil {
			t.Fatal(err)
		}
	}
	v.reload()
	v.selectTab("Journal")
	total := 2*journalPage + 10
	if !hasText(v.journal, fmt.Sprintf("Note n° %d", extra)) || hasText(v.journal, "Ouverture du dossier") {
		t.Fatalf("first page lacks the newest note or shows the oldest entry: %q", texts(v.journal))
	}
	test.Tap(button(t, v.journal, fmt.Sprintf("Afficher les %d entrées plus anciennes (%d restantes)", journalPage, total-journalPage)))
	test.Tap(button(t, v.journal, "Afficher les 10 entrées plus anciennes"))
	if !hasText(v.journal, "Ouverture du dossier") {
		t.Errorf("the whole journal lacks its opening: %q", texts(v.journal))
	}
	if hasText(v.journal, "plus anciennes") {
		t.Error("the whole journal still offers older entries")
	}
}
