package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// formDialog is a modal form that stays open until its content is valid:
// confirm (or Enter in a one-line field) runs submit, which returns the
// French messages of what to fix; none means saved, and the dialog closes.
type formDialog struct {
	ui      *UI
	d       *dialog.CustomDialog
	errs    *widget.Label
	confirm *widget.Button
	cancel  *widget.Button
	submit  func() []string
	content fyne.CanvasObject
	body    *fyne.Container
	scroll  *container.Scroll // the content's
	closed  bool
	// onClosed runs once the dialog has closed, saved or not.
	onClosed func()
	// then, set by submit, runs once the dialog has closed after a
	// successful submit (to open another dialog: Fyne removes every
	// overlay above one that hides).
	then func()
}

func (u *UI) newFormDialog(title, confirm string, content fyne.CanvasObject, submit func() []string) *formDialog {
	f := &formDialog{ui: u, errs: errorLabel(), submit: submit, content: content}
	f.confirm = widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), f.onConfirm)
	f.confirm.Importance = widget.HighImportance
	f.cancel = widget.NewButtonWithIcon("Annuler", theme.CancelIcon(), f.onCancel)
	f.scroll = container.NewVScroll(content)
	body := container.NewBorder(nil, f.errs, nil, nil, f.scroll)
	f.body = body
	f.d = dialog.NewCustomWithoutButtons(title, body, u.win)
	f.d.SetButtons([]fyne.CanvasObject{f.cancel, f.confirm})
	return f
}

// submitOnEnter makes Enter in these one-line fields confirm the form.
func (f *formDialog) submitOnEnter(entries ...*entry) {
	for _, e := range entries {
		if !e.MultiLine {
			e.OnSubmitted = func(string) { f.onConfirm() }
		}
	}
}

func (f *formDialog) show(size fyne.Size) {
	f.d.Resize(f.ui.fitDialog(size))
	if f.ui.onEnter == nil {
		f.ui.onEnter = map[dialog.Dialog]func(){}
	}
	f.ui.onEnter[f.d] = f.onConfirm
	f.ui.showDialog(f.d, func() {
		f.closed = true
		if f.onClosed != nil {
			f.onClosed()
		}
	})
}

func (f *formDialog) onConfirm() {
	if f.closed {
		return
	}
	if msgs := f.submit(); len(msgs) > 0 {
		f.showErrors(msgs)
		return
	}
	f.closed = true
	f.d.Hide()
	if then := f.then; then != nil {
		f.then = nil
		then()
	}
}

func (f *formDialog) onCancel() {
	f.closed = true
	f.d.Hide()
}

// showErrors lists the messages under the form, one per line, once each.
func (f *formDialog) showErrors(msgs []string) {
	f.errs.SetText(joinUnique(msgs))
	f.errs.Show()
	f.body.Refresh()
}

func joinUnique(msgs []string) string {
	seen := map[string]bool{}
	var out []string
	for _, m := range msgs {
		if m = strings.TrimSpace(m); m != "" && !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return strings.Join(out, "\n")
}

// formGrid lays out labelled fields in two columns: label, field.
func formGrid(pairs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewFormLayout(), pairs...)
}

// errorMessages turns a store error into the lines a form shows: the field
// messages of a validation error, else one French sentence (logged with
// its chain). nil for nil.
func (u *UI) errorMessages(err error) []string {
	if err == nil {
		return nil
	}
	if msgs := fieldMessages(err); msgs != nil {
		return msgs
	}
	u.logError(err)
	return []string{data.Message(err)}
}

// fieldMessages returns the French messages of a validation error, or nil
// when err is not one (nil, or another failure to show with showError).
func fieldMessages(err error) []string {
	var ve debt.ValidationError
	if !errors.As(err, &ve) {
		var fe debt.FieldError
		if errors.As(err, &fe) {
			return []string{fe.Message}
		}
		return nil
	}
	return fieldErrorMessages(ve)
}

// fieldErrorMessages lists the messages of field errors.
func fieldErrorMessages(errs []debt.FieldError) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Message
	}
	return out
}

// fitDialog shrinks a dialog's size to fit the window (a laptop screen),
// keeping a margin around it; the dialog's content scrolls.
func (u *UI) fitDialog(size fyne.Size) fyne.Size {
	c := u.win.Canvas().Size()
	if c.Width <= 0 || c.Height <= 0 {
		return size
	}
	return size.Min(fyne.NewSize(c.Width-2*dialogMargin, c.Height-2*dialogMargin))
}

// dialogMargin is the space kept between a dialog and the window's edges.
const dialogMargin = 24
