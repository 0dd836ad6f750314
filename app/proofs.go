package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/debt"
)

// fileKind names a file's kind from its extension, as a person says it.
func fileKind(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return "Document PDF"
	case ".jpg", ".jpeg":
		return "Image JPEG"
	case ".png":
		return "Image PNG"
	case ".tif", ".tiff":
		return "Image TIFF (scan)"
	case ".doc", ".docx", ".odt":
		return "Document de traitement de texte"
	case ".xls", ".xlsx", ".ods", ".csv":
		return "Tableur"
	case ".eml", ".msg":
		return "Courriel"
	case ".txt":
		return "Texte"
	case "":
		return "Fichier sans extension"
	}
	return "Fichier " + strings.ToUpper(strings.TrimPrefix(filepath.Ext(name), "."))
}

// fileFacts is « nom · taille · type » of a chosen file.
func fileFacts(rc fyne.URIReadCloser) (name, size, kind string) {
	name = rc.URI().Name()
	size = "taille inconnue"
	if fi, err := os.Stat(rc.URI().Path()); err == nil {
		size = byteSize(fi.Size())
	}
	return name, size, fileKind(name)
}

// confirmAttach asks before a chosen file becomes a proof: its name, size
// and kind, and the line it will prove; a stray double click in the file
// chooser no longer attaches a random file.
func (v *caseView) confirmAttach(rc fyne.URIReadCloser, kind debt.DocKind, lineID int64) {
	name, size, ftype := fileFacts(rc)
	line := "aucune"
	for _, l := range v.c.Lines {
		if l.ID == lineID {
			line = l.Label + " — " + l.Amount.String()
		}
	}
	f := v.ui.newFormDialog("Joindre cette pièce ?", "Joindre", container.NewVBox(
		formGrid(
			widget.NewLabel("Fichier"), wrapped(name),
			widget.NewLabel("Taille"), widget.NewLabel(size),
			widget.NewLabel("Type de fichier"), widget.NewLabel(ftype),
			widget.NewLabel("Pièce"), widget.NewLabel(kind.Label()),
			widget.NewLabel("Justifie la ligne"), wrapped(line),
		),
		wrapped("La pièce est conservée au dossier telle quelle (empreinte SHA-256). Une pièce jointe par erreur se retire ensuite par une correction inscrite au journal."),
	), func() []string {
		if err := v.addDocument(kind, name, rc, lineID); err != nil {
			return v.ui.errorMessages(err)
		}
		return nil
	})
	f.onClosed = func() { rc.Close() }
	v.docDialog = f
	f.show(fyne.NewSize(620, 360))
}

// proofLines are the case's lines a document proves.
func (v *caseView) proofLines(docID int64) []debt.ClaimLine {
	var out []debt.ClaimLine
	for _, l := range v.c.Lines {
		if contains(l.Proofs, docID) {
			out = append(out, l)
		}
	}
	return out
}

// withdrawButton is the Pièces tab's « Retirer… » for a document that
// proves a line; nil when it proves none.
func (v *caseView) withdrawButton(d debt.Document) fyne.CanvasObject {
	if len(v.proofLines(d.ID)) == 0 {
		return nil
	}
	return widget.NewButtonWithIcon("Retirer…", theme.ContentUndoIcon(), func() { v.onWithdrawProof(d) })
}

// onWithdrawProof withdraws a document from the line it proves, with a
// reason: a journaled correction; the file stays kept.
func (v *caseView) onWithdrawProof(d debt.Document) {
	lines := v.proofLines(d.ID)
	names := make([]string, len(lines))
	for i, l := range lines {
		names[i] = l.Label + " — " + l.Amount.String()
	}
	line := newSelect(names, nil)
	line.SetSelectedIndex(0)
	reason := v.ui.newEntry("Mauvais fichier, autre dossier, doublon… (obligatoire)")
	f := v.ui.newFormDialog("Retirer le justificatif", "Retirer", container.NewVBox(
		wrapped(fmt.Sprintf("« %s » ne justifiera plus la ligne choisie. Le fichier reste conservé au dossier ; le retrait et son motif sont inscrits au journal.", d.OriginalName)),
		formGrid(widget.NewLabel("Ligne"), line, widget.NewLabel("Motif"), reason),
	), func() []string {
		i := line.SelectedIndex()
		if i < 0 {
			return []string{"Choisissez la ligne"}
		}
		err := v.ui.store.WithdrawProof(context.Background(), v.id, lines[i].ID, d.ID, reason.Text, v.ui.author(), v.ui.now())
		if err != nil {
			return v.ui.errorMessages(err)
		}
		v.reload()
		return nil
	})
	f.submitOnEnter(reason)
	v.docDialog = f
	f.show(fyne.NewSize(620, 320))
	v.ui.win.Canvas().Focus(reason)
}
