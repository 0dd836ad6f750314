package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/debt"
)

// ratesSection is Paramètres → Taux: the legal and ECB rates per
// semester, a dialog to add a semester or correct a value, and the office
// journal of the changes (the store journals each one).
type ratesSection struct {
	ui      *UI
	rates   debt.RateTable
	table   *fyne.Container
	journal *fyne.Container
	content fyne.CanvasObject
	dialog  *formDialog // the last dialog opened (tests drive it)
	// the fields of the last dialog opened
	semester, consumer, other, ecb, note *entry
}

// rateJournalPrefix starts the journal entries of rate changes.
const rateJournalPrefix = "Taux du "

func newRatesSection(u *UI) *ratesSection {
	r := &ratesSection{ui: u, table: container.NewVBox(), journal: container.NewVBox()}
	add := widget.NewButtonWithIcon("Ajouter un semestre…", theme.ContentAddIcon(), r.onAdd)
	add.Importance = widget.HighImportance
	r.content = container.NewVScroll(container.NewVBox(
		wrapped("Taux de l'intérêt légal publiés par arrêté chaque semestre (l'un quand le créancier est un particulier, l'autre dans tous les autres cas) "+
			"et taux de refinancement de la BCE en vigueur au 1er janvier ou au 1er juillet (pénalités entre professionnels : BCE + 10 points). "+
			"Ajoutez le semestre suivant dès la publication de l'arrêté ; un taux publié ne se supprime pas, il se corrige, et chaque changement est journalisé."),
		container.NewHBox(add),
		r.table,
		widget.NewSeparator(),
		heading("Journal des changements de taux"),
		r.journal,
	))
	return r
}

// load reads the rates and the journal of their changes.
func (r *ratesSection) load() {
	ctx := context.Background()
	rates, err := r.ui.store.Rates(ctx)
	if err != nil {
		r.ui.showError(err)
		return
	}
	events, err := r.ui.store.OfficeEvents(ctx, 200)
	if err != nil {
		r.ui.showError(err)
		return
	}
	r.rates = rates
	r.refreshTable()
	var objs []fyne.CanvasObject
	for _, e := range events {
		if !strings.HasPrefix(e.Text, rateJournalPrefix) {
			continue
		}
		head := instant(e.At)
		if e.Author != "" {
			head += " — " + e.Author
		}
		objs = append(objs, heading(head), wrapped(e.Text))
	}
	if len(objs) == 0 {
		objs = append(objs, wrapped("Aucun changement de taux depuis l'installation : les taux affichés sont ceux livrés avec Amiable."))
	}
	r.journal.Objects = objs
	r.journal.Refresh()
}

// rateCells are the texts of a semester's row.
func rateCells(s debt.SemesterRates) []string {
	legalC, legalO, ecb := "non renseigné", "non renseigné", "non renseigné"
	if s.HasLegal {
		legalC, legalO = debt.FormatRate(s.LegalConsumerBP), debt.FormatRate(s.LegalOtherBP)
	}
	if s.HasECB {
		ecb = debt.FormatRate(s.ECBBP) + " (pénalités " + debt.FormatRate(s.ECBBP+debt.BusinessMarginBP) + ")"
	}
	return []string{s.Semester.String(), legalC, legalO, ecb, orDash(rateNoteText(s.Note))}
}

// rateNoteText writes the notes Amiable itself stored with its rates as
// an office reads them; the office's own notes are shown as typed.
func rateNoteText(note string) string {
	switch note {
	case "Taux BCE non vérifié (fiche de référence)":
		return "Taux BCE à confirmer sur le site de la Banque de France avant un décompte de pénalités"
	case "Valeur fictive de la base de démonstration":
		return "Taux de la base de démonstration"
	}
	return note
}

// rateColumns are the widths of the rates table's columns.
var rateColumns = []float32{1, 1.3, 1.3, 2.4, 3}

func (r *ratesSection) refreshTable() {
	head := []fyne.CanvasObject{heading("Semestre"), rightHeading("Légal particulier"), rightHeading("Légal autres cas"),
		rightHeading("BCE"), heading("Note")}
	proto := widget.NewButtonWithIcon("Corriger…", theme.DocumentCreateIcon(), nil)
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, container.New(&minSizeLayout{proto.MinSize()}), weightedRow(rateColumns, head...))}
	rows := slices.Clone(r.rates)
	slices.SortFunc(rows, func(a, b debt.SemesterRates) int { return b.Semester.Compare(a.Semester) }) // newest first
	for _, s := range rows {
		texts := rateCells(s)
		cells := []fyne.CanvasObject{widget.NewLabel(texts[0]), right(texts[1]), right(texts[2]), right(texts[3])}
		note := widget.NewLabel(texts[4])
		note.Truncation = fyne.TextTruncateEllipsis
		if s.Note != "" {
			note.Importance = widget.WarningImportance
		}
		cells = append(cells, note)
		edit := widget.NewButtonWithIcon("Corriger…", theme.DocumentCreateIcon(), func() { r.onEdit(s) })
		objs = append(objs, container.NewBorder(nil, nil, nil, edit, weightedRow(rateColumns, cells...)))
	}
	r.table.Objects = objs
	r.table.Refresh()
}

// nextSemester is the semester after the newest one known (2026 S2 when
// the table ends with 2026 S1).
func (r *ratesSection) nextSemester() debt.Semester {
	var last debt.Semester
	for _, s := range r.rates {
		if s.Semester.Compare(last) > 0 {
			last = s.Semester
		}
	}
	if last.Year == 0 {
		return debt.SemesterOf(r.ui.today())
	}
	return last.Next()
}

func (r *ratesSection) onAdd() {
	r.openDialog(debt.SemesterRates{Semester: r.nextSemester()}, false)
}

func (r *ratesSection) onEdit(s debt.SemesterRates) { r.openDialog(s, true) }

// openDialog asks for a semester's rates; correct fixes the semester.
func (r *ratesSection) openDialog(s debt.SemesterRates, correct bool) {
	u := r.ui
	r.semester = u.newEntry("ex. 2026 S2")
	r.semester.SetText(s.Semester.String())
	r.consumer = u.newEntry("ex. 6,67")
	r.other = u.newEntry("ex. 2,62")
	r.ecb = u.newEntry("ex. 2,15 (facultatif)")
	r.note = u.newEntry("Source à vérifier, arrêté du …")
	if s.HasLegal {
		r.consumer.SetText(strings.TrimSuffix(debt.FormatRate(s.LegalConsumerBP), "\u00a0%"))
		r.other.SetText(strings.TrimSuffix(debt.FormatRate(s.LegalOtherBP), "\u00a0%"))
	}
	if s.HasECB {
		r.ecb.SetText(strings.TrimSuffix(debt.FormatRate(s.ECBBP), "\u00a0%"))
	}
	r.note.SetText(s.Note)
	var semesterField fyne.CanvasObject = r.semester
	title, confirm := "Ajouter un semestre", "Ajouter les taux"
	if correct {
		semesterField = widget.NewLabel(s.Semester.Label())
		title, confirm = "Corriger les taux du "+s.Semester.Label(), "Enregistrer la correction"
	}
	f := u.newFormDialog(title, confirm, container.NewVBox(formGrid(
		widget.NewLabel("Semestre"), semesterField,
		widget.NewLabel("Taux légal, créancier particulier (%)"), r.consumer,
		widget.NewLabel("Taux légal, autres cas (%)"), r.other,
		widget.NewLabel("Taux BCE au 1er jour (%)"), r.ecb,
		widget.NewLabel("Note"), r.note,
	), wrapped("Le changement est inscrit au journal de l'étude avec l'ancienne et la nouvelle valeur.")), func() []string {
		return r.onSubmit(s, correct)
	})
	f.submitOnEnter(r.semester, r.consumer, r.other, r.ecb, r.note)
	r.dialog = f
	f.show(fyne.NewSize(620, 420))
	// the semester is proposed: the first thing to type is a rate
	u.win.Canvas().Focus(r.consumer)
}

// onSubmit validates the dialog and saves the rates.
func (r *ratesSection) onSubmit(old debt.SemesterRates, correct bool) []string {
	var msgs []string
	s := debt.SemesterRates{Semester: old.Semester, Note: strings.TrimSpace(r.note.Text)}
	if !correct {
		sem, err := debt.ParseSemester(r.semester.Text)
		if err != nil {
			msgs = append(msgs, upperFirst(err.Error()))
		} else if _, exists := r.rates.Find(sem); exists {
			msgs = append(msgs, fmt.Sprintf("Le %s figure déjà dans le tableau : corrigez-le avec son bouton « Corriger… »", sem.Label()))
		}
		s.Semester = sem
	}
	rate := func(e *entry, name string) (int64, bool) {
		if strings.TrimSpace(e.Text) == "" {
			return 0, false
		}
		bp, err := debt.ParseRate(e.Text)
		if err != nil {
			msgs = append(msgs, name+" : "+upperFirst(err.Error()))
		}
		return bp, true
	}
	var hasC, hasO bool
	s.LegalConsumerBP, hasC = rate(r.consumer, "Taux légal particulier")
	s.LegalOtherBP, hasO = rate(r.other, "Taux légal autres cas")
	s.ECBBP, s.HasECB = rate(r.ecb, "Taux BCE")
	if hasC != hasO {
		msgs = append(msgs, "Saisissez les deux taux légaux du semestre (créancier particulier et autres cas)")
	}
	s.HasLegal = hasC && hasO
	if len(msgs) > 0 {
		return msgs
	}
	if err := r.ui.store.SaveRates(context.Background(), s, r.ui.author(), r.ui.now()); err != nil {
		return r.ui.errorMessages(err)
	}
	r.load()
	return nil
}
