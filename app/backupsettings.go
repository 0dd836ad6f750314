package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// Title of the daily job's section of Paramètres.
const sectionDaily = "Tâche quotidienne"

// dailySection is Paramètres → Tâche quotidienne: when the daily sweep
// runs, the delays of its flags (AR not back, idle cases), and the backups
// it makes after it (folder, copies kept), with the last backup's outcome
// and a button to back up now.
type dailySection struct {
	ui *UI

	at, arDays, idleDays, dir, keep *entry
	verifyDays                      *entry // days between two checks of the stored documents (verifysettings.go)
	choose, save, backupNow         *widget.Button
	errs, saved, last, verify       *widget.Label
	box                             *fyne.Container
	content                         fyne.CanvasObject

	folderDialog *dialog.FileDialog // the last one opened (tests drive it)
}

func newDailySection(u *UI) *dailySection {
	d := &dailySection{ui: u}
	d.at = u.newEntry("ex. 07:30")
	d.arDays = u.newEntry("ex. 21")
	d.idleDays = u.newEntry("ex. 30")
	d.dir = u.newEntry("Clé USB, disque externe ou lecteur réseau : chemin complet du dossier")
	d.keep = u.newEntry("ex. 14")
	d.verifyDays = u.newEntry("ex. 7")
	d.verify = wrapped("")
	d.choose = widget.NewButtonWithIcon("Choisir…", theme.FolderOpenIcon(), d.onChoose)
	d.errs = errorLabel()
	d.saved = widget.NewLabel("")
	d.saved.Importance = widget.SuccessImportance
	d.last = wrapped("")
	d.save = widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), d.onSave)
	d.save.Importance = widget.HighImportance
	d.backupNow = widget.NewButtonWithIcon("Sauvegarder maintenant", theme.UploadIcon(), d.onBackupNow)
	for _, e := range []*entry{d.at, d.arDays, d.idleDays, d.dir, d.keep, d.verifyDays} {
		e.OnSubmitted = func(string) { d.onSave() }
	}
	d.box = container.NewVBox(
		wrapped("Chaque jour à l'heure choisie, et au démarrage pour les jours où le poste était éteint, Amiable relève ce qui demande une action "+
			"(écran « À traiter »), puis sauvegarde la base et les nouveaux documents. Une sauvegarde qui échoue devient une alerte."),
		heading("Calcul quotidien"),
		formGrid(
			widget.NewLabel("Heure (heure de Paris)"), d.at,
			widget.NewLabel("AR non revenu après (jours)"), d.arDays,
			widget.NewLabel("Dossier sans activité après (jours)"), d.idleDays,
		),
		widget.NewSeparator(),
		heading("Sauvegardes"),
		formGrid(
			widget.NewLabel("Dossier de sauvegarde"), container.NewBorder(nil, nil, nil, d.choose, d.dir),
			widget.NewLabel("Copies quotidiennes gardées"), d.keep,
		),
		widget.NewSeparator(),
		heading("Contrôle des pièces"),
		formGrid(widget.NewLabel("Relire toutes les pièces tous les (jours)"), d.verifyDays),
		d.verify,
		d.errs,
		container.NewHBox(d.save, d.saved),
		widget.NewSeparator(),
		d.last,
		container.NewHBox(d.backupNow),
	)
	d.content = container.NewVScroll(d.box)
	return d
}

// load fills the section from the stored settings and the backup log.
func (d *dailySection) load() {
	rs, err := d.ui.reviewStore()
	if err != nil {
		d.ui.showError(err)
		return
	}
	ctx := context.Background()
	s, err := rs.DailySettings(ctx)
	if err != nil {
		d.ui.showError(err)
		return
	}
	fr, err := rs.FlagRules(ctx)
	if err != nil {
		d.ui.showError(err)
		return
	}
	d.at.SetText(s.At)
	d.arDays.SetText(strconv.Itoa(fr.ARDays))
	d.idleDays.SetText(strconv.Itoa(fr.IdleDays))
	d.dir.SetText(s.BackupDir)
	d.keep.SetText(strconv.Itoa(s.BackupKeep))
	d.verifyDays.SetText(strconv.Itoa(s.VerifyDays))
	d.errs.Hide()
	d.saved.SetText("")
	d.showLast(rs)
	d.showVerify(rs)
}

// showLast says how the last backup went.
func (d *dailySection) showLast(rs reviewStore) {
	b, ok, err := rs.LastBackup(context.Background())
	switch {
	case err != nil:
		d.last.SetText(data.Message(err))
		d.last.Importance = widget.DangerImportance
	case !ok:
		d.last.SetText("Aucune sauvegarde n'a encore été faite.")
		d.last.Importance = widget.WarningImportance
	case b.Error != "":
		d.last.SetText(fmt.Sprintf("Dernière sauvegarde, le %s : en échec. %s", instant(b.At), b.Error))
		d.last.Importance = widget.DangerImportance
	default:
		d.last.SetText(fmt.Sprintf("Dernière sauvegarde : le %s, %s (%s, %s).", instant(b.At), b.Path, byteSize(b.Size),
			countOf(b.Documents, "aucun nouveau document copié", "document copié", "documents copiés")))
		d.last.Importance = widget.SuccessImportance
	}
	d.last.Refresh()
}

// number reads a whole number typed in e; ok false with the message.
func number(e *entry, label string) (int, string) {
	n, err := strconv.Atoi(strings.TrimSpace(e.Text))
	if err != nil {
		return 0, label + " doit être un nombre entier de jours"
	}
	return n, ""
}

// onSave checks and stores the settings, then moves the daily run.
func (d *dailySection) onSave() {
	rs, err := d.ui.reviewStore()
	if err != nil {
		d.ui.showError(err)
		return
	}
	var msgs []string
	ar, m1 := number(d.arDays, "Le délai de retour des AR")
	idle, m2 := number(d.idleDays, "Le délai sans activité")
	verify, m3 := verifyEvery(d.verifyDays)
	keep, err := strconv.Atoi(strings.TrimSpace(d.keep.Text))
	for _, m := range []string{m1, m2, m3} {
		if m != "" {
			msgs = append(msgs, m)
		}
	}
	if err != nil {
		msgs = append(msgs, "Le nombre de copies gardées doit être un nombre entier")
	}
	if len(msgs) > 0 {
		d.showErrors(msgs)
		return
	}
	ctx, now, author := context.Background(), d.ui.now(), d.ui.author()
	s := data.DailySettings{At: d.at.Text, BackupDir: d.dir.Text, BackupKeep: keep, VerifyDays: verify}
	fr := debt.FlagRules{ARDays: ar, IdleDays: idle}
	if errs := append(s.Validate(), fr.Validate()...); len(errs) > 0 {
		d.showErrors(d.ui.errorMessages(debt.ValidationError(errs)))
		return
	}
	if err := rs.SaveDailySettings(ctx, s, author, now); err != nil {
		d.showErrors(d.ui.errorMessages(err))
		return
	}
	if err := rs.SaveFlagRules(ctx, fr, author, now); err != nil {
		d.showErrors(d.ui.errorMessages(err))
		return
	}
	saved, _ := rs.DailySettings(ctx)
	d.at.SetText(saved.At)
	if j := d.ui.review.job; j != nil {
		if err := j.Reschedule(saved.At); err != nil {
			d.showErrors(d.ui.errorMessages(err))
			return
		}
	}
	d.verifyDays.SetText(strconv.Itoa(saved.VerifyDays))
	d.showVerify(rs)
	d.errs.Hide()
	d.saved.SetText(fmt.Sprintf("Enregistré : calcul quotidien à %s.", saved.At))
	d.box.Refresh()
}

func (d *dailySection) showErrors(msgs []string) {
	d.saved.SetText("")
	d.errs.SetText(joinUnique(msgs))
	d.errs.Show()
	d.box.Refresh()
}

// onChoose picks the backup folder with Fyne's folder dialog.
func (d *dailySection) onChoose() {
	fd := dialog.NewFolderOpen(func(uri fyne.ListableURI, err error) {
		if err != nil {
			d.ui.showError(err)
			return
		}
		if uri != nil {
			d.dir.SetText(uri.Path())
		}
	}, d.ui.win)
	d.folderDialog = fd
	d.ui.showFileDialog(fd)
}

// onBackupNow backs up to the saved folder in the background.
func (d *dailySection) onBackupNow() {
	rs, err := d.ui.reviewStore()
	if err != nil {
		d.ui.showError(err)
		return
	}
	d.backupNow.Disable()
	d.last.SetText("Sauvegarde en cours…")
	d.last.Importance = widget.MediumImportance
	d.last.Refresh()
	now := d.ui.now()
	d.ui.background(func(ctx context.Context) func() {
		_, err := rs.DailyBackup(ctx, now)
		return func() {
			d.backupNow.Enable()
			if err != nil {
				d.ui.logError(err)
			}
			d.showLast(rs)
		}
	})
}
