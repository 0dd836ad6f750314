package app

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// rulesSection is Paramètres → Calculs: the office's computation rules
// (calendar, leap-year divisor, where legal interest starts, limitation
// warnings, grace days of instalments).
type rulesSection struct {
	ui       *UI
	closures []debt.Date

	alsace       *widget.Check
	closureDate  *entry
	closuresBox  *fyne.Container
	leap366      *widget.Check
	noticeFrom   *widget.RadioGroup
	warn, urgent *entry
	grace        *entry
	errs, saved  *widget.Label
	save         *widget.Button
	box          *fyne.Container
	content      fyne.CanvasObject
}

const (
	labelNoticeSent      = "l'envoi de la mise en demeure (par défaut)"
	labelNoticePresented = "sa première présentation au débiteur"
)

func newRulesSection(u *UI) *rulesSection {
	r := &rulesSection{ui: u}
	r.alsace = widget.NewCheck("Étude en Alsace-Moselle : Vendredi saint et 26 décembre sont fériés", nil)
	r.closureDate = u.newEntry("JJ/MM/AAAA")
	r.closureDate.OnSubmitted = func(string) { r.onAddClosure() }
	addClosure := widget.NewButtonWithIcon("Ajouter", theme.ContentAddIcon(), r.onAddClosure)
	r.closuresBox = container.NewVBox()
	r.leap366 = widget.NewCheck("Diviser par 366 les jours d'une année bissextile", nil)
	leapNote := wrapped("Les juridictions n'ont pas de pratique unique : sans consigne de votre étude, laissez la case décochée (année de 365 jours).")
	r.noticeFrom = widget.NewRadioGroup([]string{labelNoticeSent, labelNoticePresented}, nil)
	r.warn = u.newEntry("ex. 90")
	r.urgent = u.newEntry("ex. 30")
	r.grace = u.newEntry("ex. 10")
	r.errs = errorLabel()
	r.saved = widget.NewLabel("")
	r.saved.Importance = widget.SuccessImportance
	r.save = widget.NewButtonWithIcon("Enregistrer les règles", theme.DocumentSaveIcon(), r.onSave)
	r.save.Importance = widget.HighImportance
	for _, e := range []*entry{r.warn, r.urgent, r.grace} {
		e.OnSubmitted = func(string) { r.onSave() }
	}
	r.box = container.NewVBox(
		wrapped("Ces règles servent aux décomptes, aux délais des courriers, à la calculette et aux alertes. Chaque changement est inscrit au journal de l'étude."),
		heading("Calendrier"),
		r.alsace,
		widget.NewLabel("Jours de fermeture de l'étude (un délai qui y finit est reporté) :"),
		container.NewBorder(nil, nil, nil, addClosure, r.closureDate),
		r.closuresBox,
		widget.NewSeparator(),
		heading("Intérêts"),
		r.leap366, leapNote,
		widget.NewLabel("Les intérêts au taux légal courent à compter de :"),
		r.noticeFrom,
		widget.NewSeparator(),
		heading("Prescription et échéanciers"),
		formGrid(
			widget.NewLabel("Alerte de prescription (jours avant)"), r.warn,
			widget.NewLabel("Alerte urgente (jours avant)"), r.urgent,
			widget.NewLabel("Grâce avant qu'une échéance soit impayée (jours)"), r.grace,
		),
		r.errs,
		container.NewHBox(r.save, r.saved),
	)
	r.content = container.NewVScroll(r.box)
	return r
}

// load fills the section from the stored rules.
func (r *rulesSection) load() {
	rules, err := r.ui.store.Rules(context.Background())
	if err != nil {
		r.ui.showError(err)
		return
	}
	r.fill(rules)
}

func (r *rulesSection) fill(rules debt.Rules) {
	r.alsace.SetChecked(rules.Calendar.Alsace)
	r.closures = slices.Clone(rules.Calendar.Closures)
	r.refreshClosures()
	r.leap366.SetChecked(rules.LeapDivisor366)
	if rules.NoticeFromPresentation {
		r.noticeFrom.SetSelected(labelNoticePresented)
	} else {
		r.noticeFrom.SetSelected(labelNoticeSent)
	}
	r.warn.SetText(strconv.Itoa(rules.LimitationWarnDays))
	r.urgent.SetText(strconv.Itoa(rules.LimitationUrgentDays))
	r.grace.SetText(strconv.Itoa(rules.PlanGraceDays))
	r.errs.Hide()
	r.saved.SetText("")
}

func (r *rulesSection) refreshClosures() {
	if len(r.closures) == 0 {
		r.closuresBox.Objects = []fyne.CanvasObject{widget.NewLabel("Aucun jour de fermeture.")}
		r.closuresBox.Refresh()
		return
	}
	var objs []fyne.CanvasObject
	for i, d := range r.closures {
		remove := widget.NewButtonWithIcon("Retirer", theme.DeleteIcon(), func() {
			r.closures = append(r.closures[:i:i], r.closures[i+1:]...)
			r.refreshClosures()
			r.saved.SetText("")
		})
		objs = append(objs, container.NewBorder(nil, nil, nil, remove, widget.NewLabel(dayInWords(d))))
	}
	r.closuresBox.Objects = objs
	r.closuresBox.Refresh()
}

func (r *rulesSection) showErrors(msgs []string) {
	r.errs.SetText(joinUnique(msgs))
	r.errs.Show()
	r.box.Refresh()
}

// onAddClosure adds the typed closure day to the list (saved with the
// rules).
func (r *rulesSection) onAddClosure() {
	d, err := debt.ParseDate(r.closureDate.Text)
	switch {
	case err != nil:
		r.showErrors([]string{"Jour de fermeture : " + data.Message(err)})
		return
	case d.IsZero():
		r.showErrors([]string{"Jour de fermeture : saisissez la date (JJ/MM/AAAA)"})
		return
	case slices.ContainsFunc(r.closures, d.Equal):
		r.showErrors([]string{"Le " + d.String() + " figure déjà parmi les jours de fermeture"})
		return
	}
	r.closures = append(r.closures, d)
	slices.SortFunc(r.closures, func(a, b debt.Date) int { return a.Compare(b) })
	r.closureDate.SetText("")
	r.errs.Hide()
	r.saved.SetText("")
	r.refreshClosures()
	r.box.Refresh()
}

// rules reads the section; msgs lists the numbers that could not be read.
func (r *rulesSection) rules() (debt.Rules, []string) {
	var msgs []string
	num := func(e *entry, name string) int {
		n, err := strconv.Atoi(strings.TrimSpace(e.Text))
		if err != nil {
			msgs = append(msgs, name+" : nombre de jours entier attendu")
		}
		return n
	}
	rules := debt.Rules{
		Calendar:               debt.Calendar{Alsace: r.alsace.Checked, Closures: slices.Clone(r.closures)},
		LeapDivisor366:         r.leap366.Checked,
		NoticeFromPresentation: r.noticeFrom.Selected == labelNoticePresented,
		LimitationWarnDays:     num(r.warn, "Alerte de prescription"),
		LimitationUrgentDays:   num(r.urgent, "Alerte urgente"),
		PlanGraceDays:          num(r.grace, "Grâce des échéances"),
	}
	return rules, msgs
}

// onSave validates and saves the rules; nothing is written while a value
// is wrong.
func (r *rulesSection) onSave() {
	r.saved.SetText("")
	rules, msgs := r.rules()
	if len(msgs) == 0 {
		msgs = fieldErrorMessages(rules.Validate())
	}
	if len(msgs) == 0 {
		msgs = r.ui.errorMessages(r.ui.store.SaveRules(context.Background(), rules, r.ui.author(), r.ui.now()))
	}
	if len(msgs) > 0 {
		r.showErrors(msgs)
		return
	}
	r.errs.Hide()
	r.box.Refresh()
	r.saved.SetText("Enregistré le " + instant(r.ui.now()))
}
