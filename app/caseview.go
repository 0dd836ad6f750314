package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// caseView is one case: a header with its status and the balance due
// today, and tabs for the summary (limitation, parties, details,
// verification checklist), the claim lines, the statement of account, the
// payment plan, the payments, the documents and the journal.
type caseView struct {
	ui     *UI
	id     int64
	c      debt.Case
	docs   []debt.Document
	events []debt.Event
	fig    data.CaseFigures // statement and limitation at today
	rules  debt.Rules
	plans  []data.Plan    // newest first
	pays   []data.Payment // oldest first
	onBack func()
	// headRow holds the back button, the title and the status: laid out
	// again when their texts change (they would overlap otherwise)
	headRow *fyne.Container

	content  fyne.CanvasObject
	title    *widget.Label
	status   *widget.Label
	balance  *widget.Label
	subtitle *widget.Label
	tabs     *container.AppTabs

	parties   *fyne.Container
	details   *fyne.Container
	checklist *fyne.Container
	lines     *fyne.Container
	totals    *widget.Label
	docsBox   *fyne.Container
	journal   *fyne.Container
	shown     int // journal entries shown, newest first (journalPage more each time it is asked)
	note      *entry
	statusBtn *widget.Button

	limitation *fyne.Container // on the summary
	statement  *fyne.Container // Décompte
	planBox    *fyne.Container // Échéancier
	planBtns   *fyne.Container
	paysBox    *fyne.Container // Encaissements

	// the dialog last opened by each action (tests drive them)
	callDialog, statusDialog, lineDialog, proofDialog, deleteDialog, docDialog *formDialog
	fileDialog                                                                 *dialog.FileDialog
	editForm                                                                   *caseForm
	payDialog, cancelPayDialog, signDialog                                     *formDialog
	planForm                                                                   *planForm
	payAmount                                                                  *entry // the amount field of the last payment dialog

	lettersBox *fyne.Container // Courriers tab (letterdialog.go)
	letterDlg  *letterDialog   // the last letter dialog opened
}

// newCaseView reads the case and builds its view, empty: the caller shows
// v.content, then fills it with v.refresh(). Showing the tabs refreshes
// every tab's content, and the content of a case with hundreds of journal
// entries or lines takes long to measure: filled before, it would be
// measured twice.
func newCaseView(u *UI, id int64, onBack func()) (*caseView, error) {
	v := &caseView{ui: u, id: id, onBack: onBack}
	if err := v.load(); err != nil {
		return nil, err
	}
	v.build()
	return v, nil
}

// load reads the case, its documents, its journal, its figures at today,
// its plans and payments, and the office rules.
func (v *caseView) load() error {
	ctx := context.Background()
	st := v.ui.store
	c, err := st.Case(ctx, v.id)
	if err != nil {
		return err
	}
	docs, err := st.Documents(ctx, v.id)
	if err != nil {
		return err
	}
	events, err := st.Events(ctx, v.id)
	if err != nil {
		return err
	}
	fig, err := st.Figures(ctx, v.id, v.ui.today())
	if err != nil {
		return err
	}
	plans, err := st.Plans(ctx, v.id, v.ui.now())
	if err != nil {
		return err
	}
	pays, err := st.Payments(ctx, v.id)
	if err != nil {
		return err
	}
	rules, err := st.Rules(ctx)
	if err != nil {
		return err
	}
	v.c, v.docs, v.events, v.fig, v.plans, v.pays, v.rules = c, docs, events, fig, plans, pays, rules
	return nil
}

// reload re-reads everything after a change and redraws.
func (v *caseView) reload() {
	if err := v.load(); err != nil {
		v.ui.showError(err)
		return
	}
	v.refresh()
}

func (v *caseView) build() {
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.status = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.balance = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	v.balance.SizeName = theme.SizeNameSubHeadingText
	v.subtitle = widget.NewLabel("")
	v.subtitle.Truncation = fyne.TextTruncateEllipsis

	back := widget.NewButtonWithIcon(v.ui.backLabel(), theme.NavigateBackIcon(), v.onBack)
	edit := widget.NewButtonWithIcon("Modifier le dossier", theme.DocumentCreateIcon(), v.onEdit)
	v.statusBtn = widget.NewButtonWithIcon("Changer le statut…", theme.MediaSkipNextIcon(), v.onChangeStatus)
	v.headRow = container.NewHBox(back, v.title, v.status)
	header := container.NewVBox(
		besideOrBelow(v.headRow, v.balance),
		container.NewBorder(nil, nil, nil, container.NewHBox(v.letterButton(), edit, v.statusBtn), v.subtitle),
		widget.NewSeparator(),
	)

	v.parties = container.NewVBox()
	v.details = container.NewVBox()
	v.checklist = container.NewVBox()
	v.limitation = container.NewVBox()
	summary := container.NewVScroll(container.NewVBox(
		heading("Prescription"), v.limitation,
		widget.NewSeparator(), heading("Parties"), v.parties,
		widget.NewSeparator(), heading("Dossier"), v.details,
		widget.NewSeparator(), heading("Vérification de la créance"), v.checklist,
	))

	v.lines = container.NewVBox()
	v.totals = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	addLine := widget.NewButtonWithIcon("Ajouter une ligne", theme.ContentAddIcon(), func() { v.onEditLine(debt.ClaimLine{Kind: debt.LinePrincipal}) })
	claim := container.NewBorder(container.NewHBox(addLine), v.totals, nil, nil, container.NewVScroll(v.lines))

	v.docsBox = container.NewVBox()
	addDoc := widget.NewButtonWithIcon("Ajouter une pièce…", theme.ContentAddIcon(), v.onAddDocument)
	docs := container.NewBorder(container.NewHBox(addDoc), nil, nil, nil, container.NewVScroll(v.docsBox))

	v.note = v.ui.newMultiLineEntry("Note pour le journal (appel reçu, courrier, décision…)", 3)
	addNote := widget.NewButtonWithIcon("Ajouter la note", theme.ContentAddIcon(), v.onAddNote)
	addCall := widget.NewButtonWithIcon("Noter un appel…", theme.MailReplyIcon(), v.onLogCall)
	v.journal = container.NewVBox()
	journal := container.NewBorder(
		container.NewVBox(v.note, container.NewHBox(addNote, addCall), widget.NewSeparator()),
		nil, nil, nil, container.NewVScroll(v.journal))

	v.statement = container.NewVBox()
	v.planBox = container.NewVBox()
	v.planBtns = container.NewHBox()
	v.paysBox = container.NewVBox()
	pay := widget.NewButtonWithIcon("Encaisser… (Ctrl+E)", theme.ContentAddIcon(), v.onPay)
	pay.Importance = widget.HighImportance

	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Synthèse", theme.InfoIcon(), summary),
		container.NewTabItemWithIcon("Créance", theme.ListIcon(), claim),
		container.NewTabItemWithIcon(tabStatement, theme.DocumentIcon(), container.NewVScroll(v.statement)),
		container.NewTabItemWithIcon(tabPlan, theme.CalendarIcon(), container.NewBorder(v.planBtns, nil, nil, nil, container.NewVScroll(v.planBox))),
		container.NewTabItemWithIcon(tabPayments, theme.ConfirmIcon(), container.NewBorder(container.NewHBox(pay), nil, nil, nil, container.NewVScroll(v.paysBox))),
		container.NewTabItemWithIcon(tabLetters, theme.MailComposeIcon(), v.lettersTab()),
		container.NewTabItemWithIcon("Pièces", theme.FileIcon(), docs),
		container.NewTabItemWithIcon("Journal", theme.HistoryIcon(), journal),
	)
	v.content = headerAbove(header, v.tabs)
}

// refresh redraws every part from v.c, v.docs and v.events.
func (v *caseView) refresh() {
	c := v.c
	v.title.SetText("Dossier " + c.Ref)
	v.status.Importance = statusImportance(c.Status)
	v.status.SetText(c.Status.Label())
	if v.headRow != nil {
		v.headRow.Refresh()
	}
	v.balance.SetText(v.balanceText())
	sub := c.Creditor.Name() + " contre " + debtorNames(c)
	v.subtitle.SetText(sub + " · " + c.Nature.Label())
	if c.Status.Closed() {
		v.statusBtn.SetText("Rouvrir…")
	} else {
		v.statusBtn.SetText("Changer le statut…")
	}
	v.refreshParties()
	v.refreshDetails()
	v.refreshChecklist()
	v.refreshLines()
	v.refreshDocs()
	v.refreshJournal()
	v.refreshLimitation()
	v.refreshStatement()
	v.refreshPlans()
	v.refreshPayments()
	v.refreshLetters()
}

func debtorNames(c debt.Case) string {
	names := make([]string, len(c.Debtors))
	for i, d := range c.Debtors {
		names[i] = d.Party.Name()
	}
	return strings.Join(names, ", ")
}

// partyText describes a party in a few lines: kind, current address,
// e-mails, phones.
func partyText(p debt.Party) string {
	var b strings.Builder
	b.WriteString(p.LegalKind.Label())
	if p.Type == debt.Company && p.SIREN != "" {
		b.WriteString(" · SIREN " + p.SIREN)
	}
	if p.Type == debt.Person && !p.BirthDate.IsZero() {
		b.WriteString(" · " + bornOn(p.Civility, p.BirthDate))
	}
	if a, ok := p.CurrentAddress(); ok {
		b.WriteString("\n" + a.OneLine())
	} else {
		b.WriteString("\nAucune adresse postale")
	}
	if len(p.Emails) > 0 {
		b.WriteString("\nCourriel : " + strings.Join(p.Emails, ", "))
	}
	if len(p.Phones) > 0 {
		b.WriteString("\nTéléphone : " + strings.Join(p.Phones, ", "))
	}
	return b.String()
}

func (v *caseView) partyBlock(role string, p debt.Party) fyne.CanvasObject {
	edit := widget.NewButtonWithIcon("Modifier", theme.DocumentCreateIcon(), func() {
		full, err := v.ui.store.Party(context.Background(), p.ID)
		if err != nil {
			v.ui.showError(err)
			return
		}
		newPartyForm(v.ui, full, func(debt.Party) { v.reload() }).show()
	})
	return container.NewBorder(nil, nil, nil, container.NewVBox(edit),
		container.NewVBox(heading(role+" : "+p.Name()), wrapped(partyText(p))))
}

func (v *caseView) refreshParties() {
	objs := []fyne.CanvasObject{v.partyBlock("Créancier", v.c.Creditor)}
	for i, d := range v.c.Debtors {
		role := "Débiteur"
		if len(v.c.Debtors) > 1 {
			role = fmt.Sprintf("Débiteur %d", i+1)
		}
		if d.Jointly {
			role += " (solidaire)"
		}
		objs = append(objs, v.partyBlock(role, d.Party))
	}
	v.parties.Objects = objs
	v.parties.Refresh()
}

func (v *caseView) refreshDetails() {
	c := v.c
	pairs := [][2]string{
		{"Nature", c.Nature.Label()},
		{"Référence du créancier", orDash(c.CreditorRef)},
		{"Gestionnaire", orDash(c.AssignedTo)},
		{"Ouvert le", c.Opened.String()},
	}
	if !c.Closed.IsZero() {
		pairs = append(pairs, [2]string{"Clos le", c.Closed.String()})
	}
	if c.CloseReason != "" {
		pairs = append(pairs, [2]string{"Motif", c.CloseReason})
	}
	interest := c.Interest.Kind.Label()
	if c.Interest.Kind == debt.InterestContractual {
		interest += " : " + percentBP(c.Interest.RateBP) + " %"
	}
	if !c.Interest.From.IsZero() {
		interest += " à compter du " + c.Interest.From.String()
	}
	pairs = append(pairs, [2]string{"Intérêts", interest}, [2]string{"Fondement", orDash(c.Basis)})
	var objs []fyne.CanvasObject
	for _, p := range pairs {
		objs = append(objs, heading(p[0]), wrapped(p[1]))
	}
	v.details.Objects = []fyne.CanvasObject{formGrid(objs...)}
	v.details.Refresh()
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func (v *caseView) refreshChecklist() {
	list := debt.Verify(v.c, v.ui.today())
	var objs []fyne.CanvasObject
	for _, it := range list {
		label := widget.NewLabelWithStyle(it.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		label.Importance = checkImportance(it.OK)
		row := container.NewBorder(nil, nil, widget.NewIcon(checkIcon(it.OK)), nil,
			container.NewVBox(label, wrapped(it.Detail)))
		objs = append(objs, row)
	}
	summary := widget.NewLabel("")
	if list.Complete() {
		summary.SetText("La créance est vérifiée : le premier courrier peut partir.")
		summary.Importance = widget.SuccessImportance
	} else {
		n := len(list.Missing())
		summary.SetText(debt.Plural(n, "point", "points") + debt.Agree(n, " reste", " restent") + " à compléter avant le premier courrier.")
		summary.Importance = widget.WarningImportance
	}
	v.checklist.Objects = append([]fyne.CanvasObject{summary}, objs...)
	v.checklist.Refresh()
}

// lineRow lays out a claim line row: kind, label, number, dates, amount,
// proofs; long texts are cut short rather than widening the window.
func lineRow(cells ...fyne.CanvasObject) fyne.CanvasObject {
	return weightedRow([]float32{1.3, 2.4, 1.2, 1.1, 1.1, 1.4, 1.6}, cells...)
}

func (v *caseView) refreshLines() {
	head := []fyne.CanvasObject{heading("Type"), heading("Libellé"), heading("N° de pièce"),
		heading("Émission"), heading("Échéance"), widget.NewLabelWithStyle("Montant", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		heading("Justificatifs")}
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, actionsSpacer(), lineRow(head...))}
	if len(v.c.Lines) == 0 {
		objs = append(objs, wrapped("Aucune ligne de créance. Ajoutez le principal (facture, loyer, échéance de prêt) avec son montant et sa date d'échéance, puis son justificatif."))
	}
	for _, l := range v.c.Lines {
		amount := widget.NewLabelWithStyle(l.Amount.String(), fyne.TextAlignTrailing, fyne.TextStyle{})
		proofs := widget.NewLabel(v.proofNames(l))
		proofs.Truncation = fyne.TextTruncateEllipsis
		if len(l.Proofs) == 0 && l.Kind == debt.LinePrincipal {
			proofs.Importance = widget.DangerImportance
		}
		label := widget.NewLabel(l.Label)
		label.Truncation = fyne.TextTruncateEllipsis
		kind, number := widget.NewLabel(shortKind(l.Kind)), widget.NewLabel(l.DocNumber)
		kind.Truncation, number.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
		cells := []fyne.CanvasObject{kind, label, number,
			widget.NewLabel(l.IssueDate.String()), widget.NewLabel(l.DueDate.String()), amount, proofs}
		objs = append(objs, container.NewBorder(nil, nil, nil, v.lineActions(l), lineRow(cells...)))
	}
	v.lines.Objects = objs
	v.lines.Refresh()
	v.totals.SetText(fmt.Sprintf("Principal : %s   ·   Total de la créance : %s", v.c.Principal(), v.c.Total()))
}

// shortKind is the kind of a claim line in the table.
func shortKind(k debt.ClaimKind) string {
	if k == debt.LineIndemnity {
		return "Indemnité 40 €"
	}
	return k.Label()
}

func (v *caseView) proofNames(l debt.ClaimLine) string {
	if len(l.Proofs) == 0 {
		return "Aucun"
	}
	var names []string
	for _, id := range l.Proofs {
		name := fmt.Sprintf("pièce n° %d", id)
		for _, d := range v.docs {
			if d.ID == id {
				name = d.OriginalName
			}
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}

// actionsSpacer takes the width of a line's action buttons, so that the
// header row lines up with the rows.
func actionsSpacer() fyne.CanvasObject {
	proto := container.NewHBox(widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), nil),
		widget.NewButtonWithIcon("", theme.FileIcon(), nil), widget.NewButtonWithIcon("", theme.DeleteIcon(), nil))
	return container.New(&minSizeLayout{proto.MinSize()})
}

// minSizeLayout is an empty area of a fixed minimum size.
type minSizeLayout struct{ size fyne.Size }

func (m *minSizeLayout) Layout([]fyne.CanvasObject, fyne.Size) {}
func (m *minSizeLayout) MinSize([]fyne.CanvasObject) fyne.Size { return m.size }

func (v *caseView) lineActions(l debt.ClaimLine) fyne.CanvasObject {
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { v.onEditLine(l) })
	proof := widget.NewButtonWithIcon("", theme.FileIcon(), func() { v.onAttachProof(l) })
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { v.onDeleteLine(l) })
	return container.NewHBox(edit, proof, del)
}

func (v *caseView) refreshDocs() {
	if len(v.docs) == 0 {
		v.docsBox.Objects = []fyne.CanvasObject{wrapped("Aucune pièce. Ajoutez les justificatifs de la créance (factures, contrat, bon de commande, reconnaissance de dette) avec « Ajouter une pièce… ».")}
		v.docsBox.Refresh()
		return
	}
	var objs []fyne.CanvasObject
	for _, d := range v.docs {
		open := widget.NewButtonWithIcon("Ouvrir", theme.FolderOpenIcon(), func() { v.onOpenDocument(d) })
		save := v.ui.saveAsButton(func() (string, string, bool) { return d.SHA256, documentFileName(v.c.Ref, d), true })
		text := fmt.Sprintf("%s — %s\najoutée le %s · %s", d.Kind.Label(), d.OriginalName, instant(d.Added), byteSize(d.Size))
		if lines := v.proofLines(d.ID); len(lines) > 0 {
			text += "\njustifie : " + lines[0].Label
			if len(lines) > 1 {
				text += fmt.Sprintf(" et %s", debt.Plural(len(lines)-1, "autre ligne", "autres lignes"))
			}
		}
		btns := container.NewHBox(open, save)
		if w := v.withdrawButton(d); w != nil {
			btns.Add(w)
		}
		objs = append(objs, container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), btns, wrapped(text)))
	}
	v.docsBox.Objects = objs
	v.docsBox.Refresh()
}

// journalPage is how many journal entries the case view lays out at a
// time: a case with hundreds of entries opens as fast as a small one, and
// the older ones come on request.
const journalPage = 100

func (v *caseView) refreshJournal() {
	events := slices.Clone(v.events)
	slices.Reverse(events) // newest first
	v.shown = max(v.shown, journalPage)
	rest := max(len(events)-v.shown, 0)
	events = events[:len(events)-rest]
	var objs []fyne.CanvasObject
	for _, e := range events {
		head := instant(e.At) + " — " + e.Kind.Label()
		if e.Kind == debt.EventCall && e.Outcome != "" && !strings.Contains(e.Text, e.Outcome.Label()) {
			head += " : " + e.Outcome.Label()
		}
		if e.Author != "" {
			head += " — " + e.Author
		}
		objs = append(objs, heading(head))
		if strings.TrimSpace(e.Text) != "" {
			objs = append(objs, wrapped(e.Text))
		}
		if docs := v.eventDocs(e); docs != nil {
			objs = append(objs, docs)
		}
		objs = append(objs, widget.NewSeparator())
	}
	if len(objs) == 0 {
		objs = append(objs, wrapped("Le journal est vide."))
	}
	if rest > 0 {
		label := fmt.Sprintf("Afficher les %d entrées plus anciennes", min(rest, journalPage))
		if rest > journalPage {
			label += fmt.Sprintf(" (%d restantes)", rest)
		}
		objs = append(objs, widget.NewButtonWithIcon(label, theme.MoreVerticalIcon(), func() {
			v.shown += journalPage
			v.refreshJournal()
		}))
	}
	v.journal.Objects = objs
	v.journal.Refresh()
}

// onEdit opens the case form on this case.
func (v *caseView) onEdit() {
	v.editForm = newCaseForm(v.ui, v.c, func(debt.Case) { v.reload() })
	v.editForm.show()
}

// onAddNote writes the note to the journal.
func (v *caseView) onAddNote() {
	text := strings.TrimSpace(v.note.Text)
	if text == "" {
		v.ui.showInfo("Note vide", "Écrivez la note avant de l'ajouter au journal.")
		return
	}
	_, err := v.ui.store.AddEvent(context.Background(), debt.Event{
		CaseID: v.id, At: v.ui.now().UTC(), Author: v.ui.author(), Kind: debt.EventNote, Text: text,
	})
	if err != nil {
		v.ui.showError(err)
		return
	}
	v.note.SetText("")
	v.reload()
}

// onLogCall asks for a call's outcome and a comment, then journals it.
func (v *caseView) onLogCall() {
	labels := make([]string, len(debt.CallOutcomes))
	for i, o := range debt.CallOutcomes {
		labels[i] = o.Label()
	}
	outcome := newSelect(labels, nil)
	comment := v.ui.newEntry("Ce qui a été dit, la date promise…")
	var f *formDialog
	f = v.ui.newFormDialog("Noter un appel", "Ajouter au journal", formGrid(
		widget.NewLabel("Issue de l'appel"), outcome,
		widget.NewLabel("Commentaire"), comment,
	), func() []string {
		i := outcome.SelectedIndex()
		if i < 0 {
			return []string{"Choisissez l'issue de l'appel"}
		}
		_, err := v.ui.store.AddEvent(context.Background(), debt.Event{
			CaseID: v.id, At: v.ui.now().UTC(), Author: v.ui.author(), Kind: debt.EventCall,
			Outcome: debt.CallOutcomes[i], Text: strings.TrimSpace(comment.Text),
		})
		if err != nil {
			return v.ui.errorMessages(err)
		}
		v.reload()
		return nil
	})
	f.submitOnEnter(comment)
	v.callDialog = f
	f.show(fyne.NewSize(560, 260))
}

// onChangeStatus asks for the new status and a reason, then changes it.
func (v *caseView) onChangeStatus() {
	choices := debt.NextStatuses(v.c.Status)
	title := "Changer le statut"
	if v.c.Status.Closed() {
		choices = debt.ReopenStatuses()
		title = "Rouvrir le dossier"
	}
	labels := make([]string, len(choices))
	for i, s := range choices {
		labels[i] = s.Label()
	}
	to := newSelect(labels, nil)
	reason := v.ui.newEntry("Motif (obligatoire pour abandonner ou rouvrir)")
	var f *formDialog
	f = v.ui.newFormDialog(title, "Changer le statut", formGrid(
		widget.NewLabel("Statut actuel"), widget.NewLabel(v.c.Status.Label()),
		widget.NewLabel("Nouveau statut"), to,
		widget.NewLabel("Motif"), reason,
	), func() []string {
		i := to.SelectedIndex()
		if i < 0 {
			return []string{"Choisissez le nouveau statut"}
		}
		t := debt.Transition{From: v.c.Status, To: choices[i], Reason: strings.TrimSpace(reason.Text)}
		if err := debt.CheckTransition(t); err != nil {
			return []string{upperFirst(err.Error())}
		}
		apply := func() {
			err := v.ui.store.ChangeStatus(context.Background(), v.id, t.To, t.Reason, v.ui.author(), v.ui.now())
			if err != nil {
				v.ui.showError(err)
			}
			v.reload()
		}
		if t.To.Closed() {
			f.then = func() {
				v.ui.confirm("Clore le dossier ?", fmt.Sprintf("Le dossier %s passera au statut « %s » et sera clos. Il pourra être rouvert avec un motif.", v.c.Ref, t.To.Label()), apply)
			}
		} else {
			apply()
		}
		return nil
	})
	f.submitOnEnter(reason)
	v.statusDialog = f
	f.show(fyne.NewSize(560, 300))
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
