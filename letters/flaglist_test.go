package letters

import (
	"fmt"
	"strings"
	"testing"

	"amiable/debt"
)

func TestFlagListPDF(t *testing.T) {
	office := debt.Office{Name: "Étude Lefèvre & Associés"}
	day := debt.MustDate("2026-05-15")
	var items []FlagItem
	items = append(items, FlagItem{Group: "Sauvegarde en échec", Due: day, Text: "La sauvegarde du 15/05/2026 a échoué : disque débranché."})
	for i := range 70 {
		items = append(items, FlagItem{Group: "Échéances impayées", CaseRef: fmt.Sprintf("2026-%05d", i+1), Debtor: "Mme Zoé Lœwy-Bénard",
			Due: debt.MustDate("2026-04-10"), Amount: 123456 + debt.Cents(i),
			Text:   fmt.Sprintf("Échéance n° %d du 10/04/2026 (1 234,56 €) impayée : délai de grâce de 10 jours dépassé (échéancier n° %d).", i+1, 40+i),
			Advice: "Appelez le débiteur ; à défaut, mise en demeure ou renégociation de l'échéancier."})
	}
	items = append(items, FlagItem{Group: "Dossiers sans activité", CaseRef: "2025-00007", Debtor: "SARL « Le Bœuf »", Due: debt.MustDate("2026-05-01"),
		Text: "Aucune activité depuis le 01/04/2026 (30 jours ou plus)."})
	b, err := FlagList(office, day, items)
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "alertes", b)
	qpdfCheck(t, path)
	pages := pdfText(t, path)
	if len(pages) < 2 {
		t.Fatalf("72 flags on %d page(s); want the table to go on over pages", len(pages))
	}
	all := strings.Join(pages, " ")
	for _, want := range []string{"À traiter le 15 mai 2026", "Étude Lefèvre & Associés", "72 alertes", "Sauvegarde en échec (1)",
		"Échéances impayées (70)", "Dossiers sans activité (1)", "Mme Zoé Lœwy-Bénard", "1 234,56 €",
		"2026-00070", "SARL « Le Bœuf »", "Appelez le débiteur", "Étude", "page 1/"} {
		if !strings.Contains(all, want) {
			t.Errorf("flag list lacks %q", want)
		}
	}
	if strings.Count(all, "Appelez le débiteur") != 1 {
		t.Errorf("the group's advice is printed %d times, want once", strings.Count(all, "Appelez le débiteur"))
	}
	for i, p := range pages {
		if !strings.Contains(p, fmt.Sprintf("page %d/%d", i+1, len(pages))) {
			t.Errorf("page %d lacks its number", i+1)
		}
		if !strings.Contains(p, "Dossier Débiteur Date Montant Motif") {
			t.Errorf("page %d lacks the table's header row", i+1)
		}
	}

	// The first 30 of 1 234 flags: the heading and the cut group say so.
	part, err := FlagListPart(office, day, withCount(items[:30], map[string]int{"Sauvegarde en échec": 1, "Échéances impayées": 1233}), 1234)
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.Join(pdfText(t, writePDF(t, "partie", part)), " ")
	for _, want := range []string{"1 234 alertes", "Liste limitée aux 30 alertes les plus urgentes sur 1 234",
		"Sauvegarde en échec (1)", "Échéances impayées (29 imprimées sur 1 233)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("part of the list lacks %q", want)
		}
	}

	empty, err := FlagList(office, day, nil)
	if err != nil {
		t.Fatal(err)
	}
	if txt := strings.Join(pdfText(t, writePDF(t, "vide", empty)), " "); !strings.Contains(txt, "Rien à traiter") {
		t.Errorf("empty list = %q", txt)
	}
}

// withCount sets each item's GroupCount from its group's.
func withCount(items []FlagItem, counts map[string]int) []FlagItem {
	out := make([]FlagItem, len(items))
	for i, it := range items {
		it.GroupCount = counts[it.Group]
		out[i] = it
	}
	return out
}
