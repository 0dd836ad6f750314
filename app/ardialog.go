package app

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
)

// maxScanSize bounds the AR scan read into memory (a scanned card is a few
// hundred kilobytes; a 20 MB file is a mistake).
const maxScanSize = 20 << 20

// arDialog records what came back of a registered letter: the outcome, the
// dates on the card or the returned envelope, who signed, and the scan.
type arDialog struct {
	ui    *UI
	l     data.LetterRow
	after func()
	f     *formDialog

	outcome   *widget.Select
	presented *entry
	delivered *entry
	signer    *widget.RadioGroup
	received  *entry
	scanLabel *widget.Label
	scanName  string
	scan      []byte
	file      *dialog.FileDialog
}

var arSigners = []debt.ARSigner{debt.SignedByAddressee, debt.SignedByProxy}

func newARDialog(u *UI, l data.LetterRow, after func()) *arDialog {
	d := &arDialog{ui: u, l: l, after: after}
	outcomes := make([]string, len(debt.AROutcomes))
	for i, o := range debt.AROutcomes {
		outcomes[i] = o.Label()
	}
	d.outcome = newSelect(outcomes, func(string) { d.onOutcome() })
	d.presented = u.newEntry("JJ/MM/AAAA (avis de passage)")
	d.delivered = u.newEntry("JJ/MM/AAAA")
	signers := make([]string, len(arSigners))
	for i, s := range arSigners {
		signers[i] = "Par " + s.Label()
	}
	d.signer = widget.NewRadioGroup(signers, nil)
	d.signer.Horizontal = true
	d.received = u.newEntry("JJ/MM/AAAA")
	d.received.SetText(u.today().String())
	d.scanLabel = widget.NewLabel("Aucun scan joint")
	choose := widget.NewButtonWithIcon("Joindre le scan…", theme.FileIcon(), d.onChooseScan)

	intro := fmt.Sprintf("%s du %s à %s — dossier %s\n%s, déposé le %s.", letters.Kind(l.Kind).Label(), l.Date, l.Recipient, l.CaseRef,
		postText(l.Post), l.Deposit)
	d.f = u.newFormDialog("Accusé de réception — "+l.Ref, "Enregistrer l'AR", container.NewVBox(
		wrapped(intro),
		formGrid(
			widget.NewLabel("Issue"), d.outcome,
			widget.NewLabel("Première présentation"), d.presented,
			widget.NewLabel("Distribué le"), d.delivered,
			widget.NewLabel("AR signé"), d.signer,
			widget.NewLabel("Revenu à l'étude le"), d.received,
			widget.NewLabel("Scan"), container.NewBorder(nil, nil, nil, choose, d.scanLabel),
		),
	), d.submit)
	d.f.submitOnEnter(d.presented, d.delivered, d.received)
	d.onOutcome()
	return d
}

func (d *arDialog) show() { d.f.show(fyne.NewSize(640, 420)) }

// onOutcome enables the delivery fields only for a delivered letter.
func (d *arDialog) onOutcome() {
	if d.outcome.SelectedIndex() >= 0 && debt.AROutcomes[d.outcome.SelectedIndex()] == debt.ARDelivered {
		d.delivered.Enable()
		d.signer.Enable()
		return
	}
	d.delivered.SetText("")
	d.delivered.Disable()
	d.signer.SetSelected("")
	d.signer.Disable()
}

func (d *arDialog) onChooseScan() {
	d.file = dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) { d.onScanChosen(rc, err) }, d.ui.win)
	d.file.Resize(d.ui.fitDialog(fyne.NewSize(900, 600)))
	d.ui.showFileDialog(d.file)
}

// onScanChosen reads the chosen scan; it is stored with the AR.
func (d *arDialog) onScanChosen(rc fyne.URIReadCloser, err error) {
	if err != nil {
		d.ui.showError(fmt.Errorf("choose scan: %w", err))
		return
	}
	if rc == nil {
		return
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxScanSize+1))
	if err != nil {
		d.ui.showError(&data.Error{Code: data.EINVALID, Message: "Le fichier du scan n'a pas pu être lu.", Err: fmt.Errorf("read scan: %w", err)})
		return
	}
	if len(b) > maxScanSize {
		d.f.showErrors([]string{"Le scan dépasse 20 Mo : numérisez l'AR en résolution plus basse."})
		return
	}
	d.scanName, d.scan = rc.URI().Name(), b
	d.scanLabel.SetText(fmt.Sprintf("%s (%s)", d.scanName, byteSize(int64(len(b)))))
}

// result reads the form; the messages list what cannot be read.
func (d *arDialog) result() (debt.ARResult, []string) {
	var r debt.ARResult
	var msgs []string
	if i := d.outcome.SelectedIndex(); i >= 0 {
		r.Outcome = debt.AROutcomes[i]
	}
	date := func(label string, e *entry) debt.Date {
		t, err := debt.ParseDate(e.Text)
		if err != nil {
			msgs = append(msgs, label+" : "+data.Message(err))
		}
		return t
	}
	r.Presented = date("Première présentation", d.presented)
	r.Delivered = date("Distribution", d.delivered)
	r.Received = date("Retour à l'étude", d.received)
	for i, s := range arSigners {
		if d.signer.Selected == d.signer.Options[i] {
			r.SignedBy = s
		}
	}
	return r, msgs
}

func (d *arDialog) submit() []string {
	r, msgs := d.result()
	if len(msgs) > 0 {
		return msgs
	}
	if errs := r.Validate(d.l.Deposit, d.ui.today()); len(errs) > 0 {
		return fieldErrorMessages(errs)
	}
	ds, err := d.ui.dataStore()
	if err != nil {
		return d.ui.errorMessages(err)
	}
	var scan io.Reader
	if d.scan != nil {
		scan = bytes.NewReader(d.scan)
	}
	if err := ds.RecordAR(context.Background(), d.l.ID, r, d.scanName, scan, d.ui.author(), d.ui.now()); err != nil {
		return d.ui.errorMessages(err)
	}
	if d.after != nil {
		d.after()
	}
	return nil
}
