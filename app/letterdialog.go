package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
	"amiable/mailroom"
)

// letterDialog prepares and issues a letter of the open case: its kind, its
// recipient, how it is posted (registered level, AR, tracking number read by
// a scanner), and for a letter to the creditor its subject. "Aperçu" runs
// the legal checks and opens the PDF; "Émettre" issues it, or lists what
// to fix.
type letterDialog struct {
	ui *UI
	v  *caseView
	f  *formDialog

	kind       *widget.Select
	recipient  *widget.Select
	recipients []debt.Party
	post       *widget.Select // "Lettre simple", then the registered levels
	ar         *widget.Check
	tracking   *entry
	trackInfo  *widget.Label
	report     *widget.Select
	proposal   *entry
	reportRows *fyne.Container
	postRows   *fyne.Container
	preview    *widget.Button
	problems   *fyne.Container // the refusal's list, at the top of the form (letterproblems.go)

	issued data.LetterRow // the letter issued, once it is
	force  bool           // a formal notice before a reminder's deadline was confirmed (earlynotice.go)
	again  bool           // a second letter of the same kind the same day was confirmed (earlynotice.go)
}

// postChoices are the posting modes of the dialog: ordinary letter, then
// registered R1, R2, R3.
var postChoices = append([]debt.RegisteredLevel{""}, debt.RegisteredLevels...)

func postChoiceLabel(l debt.RegisteredLevel) string {
	if l == "" {
		return "Lettre simple"
	}
	return l.Label()
}

// suggestedKind is the letter a case in that status usually needs next.
func suggestedKind(s debt.Status) letters.Kind {
	switch s {
	case debt.StatusReminded:
		return letters.Reminder2
	case debt.StatusFormalNotice, debt.StatusNegotiating:
		return letters.PlanProposal
	case debt.StatusPlan:
		return letters.Receipt
	case debt.StatusPaid:
		return letters.Settled
	}
	return letters.Reminder1
}

func newLetterDialog(v *caseView) *letterDialog {
	u := v.ui
	d := &letterDialog{ui: u, v: v}
	kinds := make([]string, len(letters.Kinds))
	for i, k := range letters.Kinds {
		kinds[i] = k.Label()
	}
	d.kind = newSelect(kinds, func(string) { d.onKind() })

	var names []string
	for _, cd := range v.c.Debtors {
		d.recipients = append(d.recipients, cd.Party)
		names = append(names, "Débiteur : "+cd.Party.Name())
	}
	d.recipients = append(d.recipients, v.c.Creditor)
	names = append(names, "Créancier : "+v.c.Creditor.Name())
	d.recipient = newSelect(names, nil)

	posts := make([]string, len(postChoices))
	for i, l := range postChoices {
		posts[i] = postChoiceLabel(l)
	}
	d.post = newSelect(posts, func(string) { d.onPost() })
	d.ar = widget.NewCheck("Avec avis de réception (AR)", nil)
	d.tracking = u.newEntry("Scannez l'étiquette du recommandé ou tapez 1A 123 456 7890 1")
	d.tracking.OnChanged = func(string) { d.trackInfo.SetText("") }
	d.tracking.OnSubmitted = func(string) { d.checkTracking() }
	d.trackInfo = widget.NewLabel("")

	reports := make([]string, len(letters.CreditorReports))
	for i, r := range letters.CreditorReports {
		reports[i] = r.Label()
	}
	d.proposal = u.newMultiLineEntry("La proposition du débiteur, dans vos mots (montant, rythme, date de début)", 3)
	d.report = newSelect(reports, func(string) { d.onReport() })
	d.report.SetSelectedIndex(0)

	d.postRows = formGrid(
		widget.NewLabel(""), d.ar,
		widget.NewLabel("N° de suivi"), container.NewVBox(d.tracking, d.trackInfo),
	)
	d.reportRows = formGrid(
		widget.NewLabel("Objet du compte rendu"), d.report,
		widget.NewLabel("Proposition"), d.proposal,
	)
	d.problems = container.NewVBox()
	d.problems.Hide()
	content := container.NewVBox(
		d.problems,
		formGrid(
			widget.NewLabel("Courrier"), d.kind,
			widget.NewLabel("Destinataire"), d.recipient,
			widget.NewLabel("Envoi"), d.post,
		),
		d.postRows,
		d.reportRows,
		wrapped("« Aperçu » vérifie le courrier et l'ouvre dans la visionneuse. « Émettre » le conserve tel quel (PDF et empreinte SHA-256), l'inscrit au journal et le place dans Courriers › À imprimer."),
	)
	d.f = u.newFormDialog("Nouveau courrier — dossier "+v.c.Ref, "Émettre", content, d.submit)
	d.preview = widget.NewButtonWithIcon("Aperçu", theme.VisibilityIcon(), d.onPreview)
	d.f.d.SetButtons([]fyne.CanvasObject{d.f.cancel, d.preview, d.f.confirm})

	k := suggestedKind(v.c.Status)
	for i, kk := range letters.Kinds {
		if kk == k {
			d.kind.SetSelectedIndex(i)
		}
	}
	return d
}

func (d *letterDialog) show() { d.f.show(fyne.NewSize(720, 520)) }

// selectedKind is the kind chosen ("" when none).
func (d *letterDialog) selectedKind() letters.Kind {
	if i := d.kind.SelectedIndex(); i >= 0 {
		return letters.Kinds[i]
	}
	return ""
}

// onKind sets the recipient and the posting a kind implies: the creditor
// for a letter to the creditor, registered with AR for a formal notice or a
// small-claims invitation.
func (d *letterDialog) onKind() {
	k := d.selectedKind()
	if k == "" {
		return
	}
	d.again = false
	if k == letters.ToCreditor {
		d.recipient.SetSelectedIndex(len(d.recipients) - 1)
	} else if d.recipient.SelectedIndex() < 0 || d.recipient.SelectedIndex() == len(d.recipients)-1 {
		d.recipient.SetSelectedIndex(0)
	}
	if k.RequiresRegistered() {
		if d.post.SelectedIndex() <= 0 {
			d.post.SetSelectedIndex(1)
		}
		d.ar.SetChecked(true)
	} else if d.post.SelectedIndex() < 0 {
		d.post.SetSelectedIndex(0)
	}
	if k == letters.ToCreditor {
		d.reportRows.Show()
	} else {
		d.reportRows.Hide()
	}
	d.onPost()
}

// onPost shows the AR option and the tracking number for registered post.
func (d *letterDialog) onPost() {
	if d.post.SelectedIndex() > 0 {
		d.postRows.Show()
	} else {
		d.postRows.Hide()
	}
	d.f.body.Refresh()
}

func (d *letterDialog) onReport() {
	if d.report.SelectedIndex() >= 0 && letters.CreditorReports[d.report.SelectedIndex()] == letters.ReportProposal {
		d.proposal.Enable()
	} else {
		d.proposal.Disable()
	}
}

// checkTracking reads the number the scanner or the person typed and shows
// it grouped with its kind, or what is wrong with it.
func (d *letterDialog) checkTracking() bool {
	if strings.TrimSpace(d.tracking.Text) == "" {
		d.trackInfo.Importance = widget.MediumImportance
		d.trackInfo.SetText("")
		return true
	}
	t, err := debt.NewTracking(d.tracking.Text)
	if err != nil {
		d.trackInfo.Importance = widget.DangerImportance
		d.trackInfo.SetText(upperFirst(err.Error()))
		return false
	}
	d.trackInfo.Importance = widget.SuccessImportance
	d.trackInfo.SetText(t.String() + " — " + t.Kind.Label())
	return true
}

// request reads the dialog; the messages say what is missing.
func (d *letterDialog) request() (mailroom.Request, []string) {
	req := mailroom.Request{CaseID: d.v.id, Kind: d.selectedKind()}
	var msgs []string
	if req.Kind == "" {
		msgs = append(msgs, "Choisissez le type de courrier")
	}
	if i := d.recipient.SelectedIndex(); i >= 0 {
		req.RecipientID = d.recipients[i].ID
	} else {
		msgs = append(msgs, "Choisissez le destinataire")
	}
	if i := d.post.SelectedIndex(); i > 0 {
		req.Post = debt.Registered{Level: postChoices[i], AR: d.ar.Checked, Tracking: strings.TrimSpace(d.tracking.Text)}
		if !d.checkTracking() {
			msgs = append(msgs, d.trackInfo.Text)
		}
	}
	if req.Kind == letters.ToCreditor {
		if i := d.report.SelectedIndex(); i >= 0 {
			req.Report = letters.CreditorReports[i]
		}
		if req.Report == letters.ReportProposal {
			req.Proposal = strings.TrimSpace(d.proposal.Text)
		}
	}
	return req, msgs
}

// refusalLines returns the problem list of a refused letter, or the
// message of another error.
func (d *letterDialog) refusalLines(err error) []string {
	var ref *mailroom.Refusal
	if errors.As(err, &ref) {
		return d.showProblems(ref.Problems)
	}
	return d.ui.errorMessages(err)
}

// onPreview prepares the letter (legal checks, composing, PDF) and opens
// the PDF; the problems, if any, are listed under the form.
func (d *letterDialog) onPreview() {
	req, msgs := d.request()
	if len(msgs) > 0 {
		d.f.showErrors(msgs)
		return
	}
	ds, err := d.ui.dataStore()
	if err != nil {
		d.f.showErrors(d.ui.errorMessages(err))
		return
	}
	draft, err := mailroom.Prepare(context.Background(), ds, req, d.ui.now())
	if err != nil {
		d.f.showErrors(d.refusalLines(err))
		return
	}
	if len(draft.Problems) > 0 {
		d.f.showErrors(d.showProblems(draft.Problems))
	} else {
		d.hideProblems()
		d.f.errs.Hide()
		d.f.body.Refresh()
	}
	if len(draft.PDF) > 0 {
		if err := d.ui.openPDF("apercu-"+draft.Letter.Ref+"-"+string(req.Kind), draft.PDF); err != nil {
			d.ui.showError(err)
		}
	}
}

// submit issues the letter; a refusal keeps the dialog open with the list
// of what to fix.
func (d *letterDialog) submit() []string {
	req, msgs := d.request()
	if len(msgs) > 0 {
		return msgs
	}
	ds, err := d.ui.dataStore()
	if err != nil {
		return d.ui.errorMessages(err)
	}
	if msgs, asked := d.confirmSameDay(ds, req); asked {
		return msgs
	}
	req.Force = d.force
	row, _, err := mailroom.Issue(context.Background(), ds, req, d.ui.author(), d.ui.now())
	if msgs, asked := d.confirmEarly(err); asked {
		return msgs
	}
	if err != nil {
		return d.refusalLines(err)
	}
	d.issued = row
	d.v.reload()
	d.ui.letters.reload()
	post := strings.ToLower(row.Post.Label()[:1]) + row.Post.Label()[1:]
	if row.Post.Tracking != "" {
		post += " n° " + debt.FormatTracking(row.Post.Tracking)
	}
	text := fmt.Sprintf("%s %s %s pour %s (%s).", letters.Kind(row.Kind).Label(), row.Ref, issuedWord(letters.Kind(row.Kind)), row.Recipient, post)
	if !row.Deadline.IsZero() {
		text += fmt.Sprintf("\nDélai laissé au destinataire : jusqu'au %s.", dayInWords(row.Deadline))
	}
	text += "\nLe PDF est conservé au dossier ; il attend l'impression dans Courriers › À imprimer."
	d.f.then = func() { d.ui.showInfo("Courrier émis", text) }
	return nil
}

// onNewLetter opens the letter dialog of the case (Ctrl+L).
func (v *caseView) onNewLetter() {
	v.letterDlg = newLetterDialog(v)
	v.letterDlg.show()
}

// offerLetter opens the letter dialog on a kind: the receipt after a
// payment, the statement that the debt is settled after the last one.
func (v *caseView) offerLetter(k letters.Kind) {
	v.letterDlg = newLetterDialog(v)
	for i, kk := range letters.Kinds {
		if kk == k {
			v.letterDlg.kind.SetSelectedIndex(i)
		}
	}
	v.letterDlg.show()
}

// onNewLetter opens the letter dialog of the open case (Ctrl+L); without
// an open case it says how to get one.
func (u *UI) onNewLetter() {
	if u.tabs.SelectedIndex() == u.cases.index() && u.cases.view != nil {
		u.cases.view.onNewLetter()
		return
	}
	u.showInfo("Nouveau courrier", "Ouvrez d'abord le dossier (écran Dossiers, F2) : les courriers s'émettent depuis le dossier, bouton « Courrier… » ou Ctrl+L.")
}

// Title of the case view's letters tab.
const tabLetters = "Courriers"

// lettersTab is the case view's list of its letters, with the button that
// issues a new one.
func (v *caseView) lettersTab() fyne.CanvasObject {
	v.lettersBox = container.NewVBox()
	add := widget.NewButtonWithIcon("Nouveau courrier… (Ctrl+L)", theme.MailComposeIcon(), v.onNewLetter)
	add.Importance = widget.HighImportance
	return container.NewBorder(container.NewHBox(add), nil, nil, nil, container.NewVScroll(v.lettersBox))
}

// letterButton is the header's "Courrier…" button.
func (v *caseView) letterButton() fyne.CanvasObject {
	return widget.NewButtonWithIcon("Courrier… (Ctrl+L)", theme.MailComposeIcon(), v.onNewLetter)
}

// refreshLetters reads and lists the case's letters, newest first, with
// where each stands at the post and its PDF.
func (v *caseView) refreshLetters() {
	if v.lettersBox == nil {
		return
	}
	var rows []data.LetterRow
	ds, err := v.ui.dataStore()
	if err == nil {
		rows, err = ds.Letters(context.Background(), data.LetterQuery{CaseID: v.id})
	}
	var objs []fyne.CanvasObject
	switch {
	case err != nil:
		v.ui.logError(err)
		l := wrapped(data.Message(err))
		l.Importance = widget.DangerImportance
		objs = append(objs, l)
	case len(rows) == 0:
		objs = append(objs, wrapped("Aucun courrier émis pour ce dossier. « Nouveau courrier… » (Ctrl+L) prépare une relance, une mise en demeure, un échéancier, une quittance…"))
	}
	for _, l := range rows {
		head := fmt.Sprintf("%s — %s — réf. %s", l.Date, letters.Kind(l.Kind).Label(), l.Ref)
		lines := []string{"À " + letterCell(l, 3), postText(l.Post) + " · " + letterStatus(l)}
		if !l.Deadline.IsZero() {
			lines = append(lines, "Délai au "+l.Deadline.String())
		}
		open := widget.NewButtonWithIcon("Ouvrir", theme.FolderOpenIcon(), func() { v.ui.openCopy(l.SHA256, letterFileName(l)) })
		save := v.ui.saveAsButton(func() (string, string, bool) { return l.SHA256, letterFileName(l), true })
		objs = append(objs, container.NewBorder(nil, nil, widget.NewIcon(theme.MailComposeIcon()), container.NewVBox(open, save),
			container.NewVBox(heading(head), wrapped(strings.Join(lines, "\n")))), widget.NewSeparator())
	}
	v.lettersBox.Objects = objs
	v.lettersBox.Refresh()
}

// letterStatus says where a letter stands: "à imprimer", "déposé le …",
// the AR's outcome.
func letterStatus(l data.LetterRow) string {
	switch l.Stage() {
	case data.StageToPrint:
		return "à imprimer"
	case data.StageToPost:
		return "imprimé, à poster"
	case data.StageAwaitingAR:
		return "déposé le " + l.Deposit.String() + ", AR attendu"
	}
	if l.AR.Outcome != "" {
		return "déposé le " + l.Deposit.String() + " — AR : " + l.AR.Text()
	}
	return "déposé le " + l.Deposit.String()
}

// eventDocs lists the files of a journal entry (a letter's PDF, a mail's
// raw message and attachments, an AR scan) with a button to open each.
func (v *caseView) eventDocs(e debt.Event) fyne.CanvasObject {
	if len(e.DocIDs) == 0 {
		return nil
	}
	box := container.NewHBox()
	for _, id := range e.DocIDs {
		for _, d := range v.docs {
			if d.ID != id {
				continue
			}
			name := d.OriginalName
			if d.MediaType == "message/rfc822" {
				name = "Message d'origine (.eml)"
			}
			b := widget.NewButtonWithIcon(name, theme.FileIcon(), func() { v.onOpenDocument(d) })
			b.Importance = widget.LowImportance
			box.Add(b)
		}
	}
	if len(box.Objects) == 0 {
		return nil
	}
	return box
}
