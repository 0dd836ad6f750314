package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/letters"
	"amiable/mailroom"
)

// Title of the letters section of Paramètres.
const sectionLetters = "Courriers"

// letterSettings is Paramètres → Courriers: the deadline given by each kind
// of letter, the free paragraphs of each kind (with their placeholders and
// a live preview of the whole letter on a case), and the position of the
// address window with its calibration page. The mandatory blocks are not
// editable: they are written by the letters package.
type letterSettings struct {
	ui      *UI
	content fyne.CanvasObject

	deadlines  map[letters.Kind]*entry
	kind       *widget.Select
	editing    letters.Kind
	templates  map[letters.Kind]letters.Template // edited, not yet saved
	before     *entry
	after      *entry
	x, y, w, h *entry

	previewRef  *entry
	preview     *letterPage // the letter as laid out (letterpreview.go)
	previewInfo *widget.Label
	debounce    *debouncer
	gen         int

	errs, saved *widget.Label
	save        *widget.Button
	box         *fyne.Container
}

// deadlineKinds are the kinds whose deadline in days the office sets.
var deadlineKinds = func() []letters.Kind {
	var out []letters.Kind
	for _, k := range letters.Kinds {
		if k.DefaultDeadlineDays() > 0 {
			out = append(out, k)
		}
	}
	return out
}()

func newLetterSettings(u *UI) *letterSettings {
	s := &letterSettings{ui: u, deadlines: map[letters.Kind]*entry{}, templates: map[letters.Kind]letters.Template{},
		debounce: newDebouncer(u.worker, searchDelay)}
	var grid []fyne.CanvasObject
	for _, k := range deadlineKinds {
		e := u.newEntry(fmt.Sprintf("%d (par défaut)", k.DefaultDeadlineDays()))
		e.OnChanged = func(string) { s.changed() }
		s.deadlines[k] = e
		grid = append(grid, widget.NewLabel(k.Label()+" (jours)"), atLeast(120, e))
	}

	kinds := make([]string, len(letters.Kinds))
	for i, k := range letters.Kinds {
		kinds[i] = k.Label()
	}
	s.kind = newSelect(kinds, func(string) { s.onKind() })
	s.before = u.newMultiLineEntry("Paragraphes placés avant le détail de la créance ; une ligne vide sépare deux paragraphes", 6)
	s.after = u.newMultiLineEntry("Paragraphes placés après les modalités de paiement (formule de politesse comprise)", 6)
	for _, e := range []*entry{s.before, s.after} {
		e.OnChanged = func(string) { s.changed() }
	}
	reset := widget.NewButtonWithIcon("Rétablir le modèle d'origine", theme.ContentUndoIcon(), s.onResetTemplate)

	var ph []string
	for _, p := range letters.Placeholders() {
		ph = append(ph, "{"+p.Name+"} : "+p.Description)
	}

	s.x, s.y, s.w, s.h = u.newEntry("ex. 110"), u.newEntry("ex. 55"), u.newEntry("ex. 85"), u.newEntry("ex. 33")
	calibrate := widget.NewButtonWithIcon("Page de calibrage", theme.DocumentPrintIcon(), s.onCalibration)

	s.previewRef = u.newEntry("Référence du dossier (AAAA-NNNNN)")
	s.previewRef.OnSubmitted = func(string) { s.refreshPreview() }
	s.previewRef.OnChanged = func(string) { s.changed() }
	s.preview = newLetterPage()
	s.previewInfo = wrapped("")

	s.errs = errorLabel()
	s.saved = widget.NewLabel("")
	s.saved.Importance = widget.SuccessImportance
	s.save = widget.NewButtonWithIcon("Enregistrer les réglages des courriers", theme.DocumentSaveIcon(), s.onSave)
	s.save.Importance = widget.HighImportance

	editor := container.NewVBox(
		heading("Délais laissés au débiteur"),
		wrapped("Le délai court du lendemain de la date du courrier et se reporte au jour ouvré suivant (week-end, jour férié, fermeture de l'étude)."),
		formGrid(grid...),
		widget.NewSeparator(),
		heading("Paragraphes libres"),
		wrapped("Chaque type de courrier a ses paragraphes libres, modifiables ici. Les mentions obligatoires (identification de la créance, détail des sommes, demande de paiement et délai, modalités de paiement, article L. 111-8, information sur les données personnelles, formulaires à signer) ne se modifient pas : elles figurent dans l'aperçu."),
		formGrid(widget.NewLabel("Type de courrier"), container.NewBorder(nil, nil, nil, reset, s.kind)),
		widget.NewLabel("Avant le détail de la créance"), s.before,
		widget.NewLabel("Après les modalités de paiement"), s.after,
		widget.NewLabel("Champs utilisables (entre accolades) :"),
		wrapped(strings.Join(ph, "\n")),
		widget.NewSeparator(),
		wrappedHeading("Fenêtre de l'enveloppe (en millimètres depuis le coin haut gauche de la page A4)"),
		wrapped("Par défaut 110 mm depuis la gauche, 55 mm depuis le haut, dans 85 × 33 mm (enveloppe DL à fenêtre à droite). Imprimez la page de calibrage et glissez-la dans une enveloppe pour vérifier."),
		formGrid(
			widget.NewLabel("Depuis la gauche (x)"), atLeast(120, s.x),
			widget.NewLabel("Depuis le haut (y)"), atLeast(120, s.y),
			widget.NewLabel("Largeur"), atLeast(120, s.w),
			widget.NewLabel("Hauteur"), atLeast(120, s.h),
		),
		container.NewHBox(calibrate),
	)
	right := container.NewBorder(
		container.NewVBox(heading("Aperçu du courrier"), formGrid(widget.NewLabel("Sur le dossier"), s.previewRef), s.previewInfo),
		nil, nil, nil, container.NewVScroll(s.preview.content))
	split := container.NewHSplit(container.NewVScroll(editor), right)
	split.SetOffset(0.55)
	s.box = container.NewVBox(s.errs, container.NewHBox(s.save, s.saved))
	s.content = container.NewBorder(nil, s.box, nil, nil, split)
	return s
}

// load fills the section from the saved settings and proposes a case for
// the preview.
func (s *letterSettings) load() {
	ds, err := s.ui.dataStore()
	if err != nil {
		s.showErrors(s.ui.errorMessages(err))
		return
	}
	set, err := mailroom.Settings(context.Background(), ds)
	if err != nil {
		s.showErrors(s.ui.errorMessages(err))
		return
	}
	for _, k := range deadlineKinds {
		if n := set.DeadlineDays[k]; n > 0 {
			s.deadlines[k].SetText(strconv.Itoa(n))
		} else {
			s.deadlines[k].SetText("")
		}
	}
	s.templates = map[letters.Kind]letters.Template{}
	for _, k := range letters.Kinds {
		s.templates[k] = set.Template(k)
	}
	w := set.Window.OrDefault()
	s.x.SetText(mm(w.X))
	s.y.SetText(mm(w.Y))
	s.w.SetText(mm(w.W))
	s.h.SetText(mm(w.H))
	s.editing = ""
	if s.kind.SelectedIndex() < 0 {
		s.kind.SetSelectedIndex(slices.Index(letters.Kinds, letters.FormalNotice))
	} else {
		s.onKind()
	}
	if strings.TrimSpace(s.previewRef.Text) == "" {
		rows, err := s.ui.store.ListCases(context.Background(), data.CaseQuery{OpenOnly: true, Sort: data.SortRef, Desc: true, Limit: 1})
		if err == nil && len(rows) > 0 {
			s.previewRef.SetText(rows[0].Ref)
		}
	}
	s.errs.Hide()
	s.saved.SetText("")
	s.box.Refresh()
	s.refreshPreview()
}

// mm writes a length in millimetres the French way: "110", "52,5".
func mm(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// parseMM reads "110", "52,5" or "52.5".
func parseMM(label, s string) (float64, string) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "mm"))
	v, err := strconv.ParseFloat(strings.Replace(t, ",", ".", 1), 64)
	if err != nil || v < 0 {
		return 0, fmt.Sprintf("%s : « %s » n'est pas une longueur en millimètres", label, s)
	}
	return v, ""
}

// paragraphs splits an entry's text at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// onKind keeps the paragraphs being edited and shows those of the chosen
// kind.
func (s *letterSettings) onKind() {
	s.keepEditing()
	i := s.kind.SelectedIndex()
	if i < 0 {
		return
	}
	k := letters.Kinds[i]
	t, ok := s.templates[k]
	if !ok {
		t = letters.DefaultTemplate(k)
	}
	s.editing = ""
	s.before.SetText(strings.Join(t.Before, "\n\n"))
	s.after.SetText(strings.Join(t.After, "\n\n"))
	s.editing = k
	s.refreshPreview()
}

// keepEditing stores the entries into the kind being edited.
func (s *letterSettings) keepEditing() {
	if s.editing != "" {
		s.templates[s.editing] = letters.Template{Before: paragraphs(s.before.Text), After: paragraphs(s.after.Text)}
	}
}

func (s *letterSettings) onResetTemplate() {
	if s.editing == "" {
		return
	}
	t := letters.DefaultTemplate(s.editing)
	s.before.SetText(strings.Join(t.Before, "\n\n"))
	s.after.SetText(strings.Join(t.After, "\n\n"))
	s.changed()
}

// changed runs after an edit: the saved mark goes, the preview follows.
func (s *letterSettings) changed() {
	if s.editing == "" {
		return // filling the form
	}
	s.saved.SetText("")
	s.debounce.call(s.refreshPreview)
}

// settings reads the form; the messages say what cannot be read.
func (s *letterSettings) settings() (letters.Settings, []string) {
	s.keepEditing()
	var set letters.Settings
	var msgs []string
	for _, k := range deadlineKinds {
		t := strings.TrimSpace(s.deadlines[k].Text)
		if t == "" {
			continue
		}
		n, err := strconv.Atoi(t)
		if err != nil {
			msgs = append(msgs, fmt.Sprintf("Le délai de « %s » doit être un nombre de jours", k.Label()))
			continue
		}
		if n != k.DefaultDeadlineDays() || n < 1 {
			if set.DeadlineDays == nil {
				set.DeadlineDays = map[letters.Kind]int{}
			}
			set.DeadlineDays[k] = n
		}
	}
	for _, k := range letters.Kinds {
		t, ok := s.templates[k]
		if !ok || templateEqual(t, letters.DefaultTemplate(k)) {
			continue
		}
		if set.Templates == nil {
			set.Templates = map[letters.Kind]letters.Template{}
		}
		set.Templates[k] = t
	}
	var w letters.Window
	var m string
	for _, f := range []struct {
		label string
		e     *entry
		v     *float64
	}{{"Fenêtre, depuis la gauche", s.x, &w.X}, {"Fenêtre, depuis le haut", s.y, &w.Y}, {"Largeur de la fenêtre", s.w, &w.W}, {"Hauteur de la fenêtre", s.h, &w.H}} {
		if *f.v, m = parseMM(f.label, f.e.Text); m != "" {
			msgs = append(msgs, m)
		}
	}
	if w != letters.DefaultWindow() {
		set.Window = w
	}
	return set, msgs
}

func templateEqual(a, b letters.Template) bool {
	return slices.Equal(a.Before, b.Before) && slices.Equal(a.After, b.After)
}

// onSave checks and saves the settings; nothing is saved while something
// is wrong.
func (s *letterSettings) onSave() {
	s.saved.SetText("")
	set, msgs := s.settings()
	if len(msgs) == 0 {
		ds, err := s.ui.dataStore()
		if err == nil {
			err = mailroom.SaveSettings(context.Background(), ds, set, s.ui.author(), s.ui.now())
		}
		msgs = s.ui.errorMessages(err)
	}
	if len(msgs) > 0 {
		s.showErrors(msgs)
		return
	}
	s.errs.Hide()
	s.box.Refresh()
	s.saved.SetText("Enregistré le " + instant(s.ui.now()))
}

func (s *letterSettings) showErrors(msgs []string) {
	s.errs.SetText(joinUnique(msgs))
	s.errs.Show()
	s.box.Refresh()
}

// onCalibration opens the calibration page of the window typed in the form.
func (s *letterSettings) onCalibration() {
	set, msgs := s.settings()
	if len(msgs) == 0 {
		msgs = fieldErrorMessages(set.Window.OrDefault().Validate())
	}
	if len(msgs) > 0 {
		s.showErrors(msgs)
		return
	}
	pdf, err := letters.Calibration(set.Window)
	if err == nil {
		err = s.ui.openPDF("calibrage-fenetre", pdf)
	}
	s.ui.showError(err)
}

// refreshPreview composes the letter of the kind being edited, with the
// settings as typed (saved or not), on the case of the preview: the
// store's facts through mailroom.Prepare, the form's settings, then
// letters.Compose.
func (s *letterSettings) refreshPreview() {
	if s.editing == "" {
		return
	}
	set, msgs := s.settings()
	if len(msgs) > 0 {
		s.setPreview(nil, strings.Join(msgs, "\n"))
		return
	}
	for k, t := range set.Templates {
		if err := letters.CheckTemplate(t); err != nil {
			s.setPreview(nil, fmt.Sprintf("Modèle « %s » : %v", k.Label(), err))
			return
		}
	}
	ref := strings.TrimSpace(s.previewRef.Text)
	if ref == "" {
		s.setPreview(nil, "Indiquez la référence d'un dossier pour voir le courrier composé.")
		return
	}
	ds, err := s.ui.dataStore()
	if err != nil {
		s.setPreview(nil, data.Message(err))
		return
	}
	kind, now := s.editing, s.ui.now()
	s.gen++
	gen := s.gen
	s.ui.worker.do(func(ctx context.Context) func() {
		l, info := composePreview(ctx, ds, ref, kind, set, now)
		return func() {
			if gen == s.gen {
				s.setPreview(l, info)
			}
		}
	})
}

// composePreview composes a letter of kind on the case ref with the given
// settings; info says why there is none.
func composePreview(ctx context.Context, ds *data.Store, ref string, kind letters.Kind, set letters.Settings, now time.Time) (*letters.Letter, string) {
	rows, err := ds.ListCases(ctx, data.CaseQuery{Text: ref, Limit: 20})
	if err != nil {
		return nil, data.Message(err)
	}
	var id int64
	for _, r := range rows {
		if strings.EqualFold(r.Ref, ref) {
			id = r.ID
		}
	}
	if id == 0 {
		return nil, fmt.Sprintf("Aucun dossier n'a la référence « %s ».", ref)
	}
	d, err := mailroom.Prepare(ctx, ds, mailroom.Request{CaseID: id, Kind: kind}, now)
	if err != nil {
		return nil, data.Message(err)
	}
	in := d.Input
	in.Settings = set
	l, err := letters.Compose(kind, in)
	if err != nil {
		return nil, "Le courrier ne peut pas être composé sur ce dossier : " + err.Error()
	}
	info := fmt.Sprintf("%s sur le dossier %s, daté d'aujourd'hui (aperçu : rien n'est émis).", kind.Label(), ref)
	if len(d.Problems) > 0 {
		info += fmt.Sprintf(" Sur ce dossier, le courrier ne pourrait pas encore être émis (%s).", countOf(len(d.Problems), "", "point à corriger", "points à corriger"))
	}
	return &l, info
}

func (s *letterSettings) setPreview(l *letters.Letter, info string) {
	s.preview.show(l)
	s.previewInfo.SetText(info)
}
