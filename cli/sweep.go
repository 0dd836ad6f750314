package cli

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"amiable/data"
	"amiable/debt"
	"amiable/schedule"
)

func init() {
	register("sweep", "calcul quotidien : alertes à traiter (jours manqués compris), puis sauvegarde", cmdSweep)
	register("backup", "sauvegarde la base et les documents dans un dossier", cmdBackup)
	register("restore", "remplace la base par une sauvegarde (contrôlée avant)", cmdRestore)
}

// DailyJob is the daily job over the store: the sweep, then the backup
// to the folder chosen in Paramètres. The shared base has no desk backup
// (it is saved on its server): its job sweeps and checks the documents.
func DailyJob(st *data.Store, logf func(string, ...any)) *schedule.Job {
	j := dailyJob(st, logf)
	if st.IsShared() {
		j.Backup = nil
	}
	return j
}

func dailyJob(st *data.Store, logf func(string, ...any)) *schedule.Job {
	return &schedule.Job{
		Store:   st,
		Explain: data.Message,
		Logf:    logf,
		Backup: func(ctx context.Context, now time.Time) (string, error) {
			r, err := st.DailyBackup(ctx, now)
			return r.Path, err
		},
		Verify: func(ctx context.Context, now time.Time) (string, error) {
			rep, ran, err := st.ScheduledVerify(ctx, now)
			if err != nil || !ran {
				return "", err
			}
			return verifySummary(rep), nil
		},
	}
}

// flagJSON is one flag of `amiable sweep -json`: the stable fields of the
// README.
type flagJSON struct {
	Case   string        `json:"case"` // "" for the office (a failed backup)
	Kind   debt.FlagKind `json:"kind"`
	Object string        `json:"object"`
	Due    debt.Date     `json:"due"`
	Since  debt.Date     `json:"since"`
	Text   string        `json:"text"`
}

func cmdSweep(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "sweep", "sweep [-now AAAA-MM-JJ] [-json]")
	nowFlag := fs.String("now", "", "jour du calcul (par défaut : aujourd'hui)")
	asJSON := fs.Bool("json", false, "sortie JSON : la liste des alertes à traiter")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	now := time.Now()
	if *nowFlag != "" {
		d, err := debt.ParseDate(*nowFlag)
		if err != nil || d.IsZero() {
			return usageError("-now : %v", err)
		}
		if tomorrow := debt.DateOf(time.Now()).AddDays(1); d.After(tomorrow) {
			return usageError("-now : le %s est après demain ; le calcul quotidien ne se fait pas à l'avance (au plus tard le %s)", d, tomorrow)
		}
		now = time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, debt.Paris())
	}
	st, err := openExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := DailyJob(st, func(string, ...any) {}).Sweep(ctx, now)
	if err != nil {
		return err
	}
	foldSearch(ctx, env, st)
	today := debt.DateOf(now)
	flags, err := st.OpenFlags(ctx, today)
	if err != nil {
		return err
	}
	summary(env, rep)
	if *asJSON {
		out := make([]flagJSON, len(flags))
		for i, f := range flags {
			out[i] = flagJSON{Case: f.CaseRef, Kind: f.Kind, Object: f.Object, Due: f.Due, Since: f.Since, Text: f.Text}
		}
		return writeJSON(env.stdout, out)
	}
	if len(flags) == 0 {
		fmt.Fprintln(env.stdout, "Rien à traiter.")
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	var kind debt.FlagKind
	for _, f := range flags {
		if f.Kind != kind {
			kind = f.Kind
			n := 0
			for _, g := range flags {
				if g.Kind == kind {
					n++
				}
			}
			tw.Flush()
			fmt.Fprintf(env.stdout, "\n%s (%d)\n", kind.Label(), n)
		}
		ref := f.CaseRef
		if ref == "" {
			ref = "Étude"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", ref, f.Due, f.Text)
	}
	tw.Flush()
	fmt.Fprintf(env.stdout, "\n%d alerte(s) à traiter le %s.\n", len(flags), today)
	return nil
}

// summary tells on stderr what the run did (stdout keeps the list).
func summary(env *cliEnv, rep schedule.Report) {
	fmt.Fprintln(env.stderr, rep.Summary())
}

func cmdBackup(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "backup", "backup [-to DOSSIER] [-json]")
	to := fs.String("to", "", "dossier de la sauvegarde (par défaut : celui choisi dans Paramètres, en gardant les dernières copies)")
	asJSON := fs.Bool("json", false, "sortie JSON")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	st, err := openExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	var res data.BackupResult
	if *to == "" {
		res, err = st.DailyBackup(ctx, now)
	} else {
		if err := os.MkdirAll(*to, 0o700); err != nil {
			return fmt.Errorf("backup folder: %w", err)
		}
		res, err = st.Backup(ctx, *to, 0, now)
	}
	if err != nil && res.Path == "" {
		return err
	}
	// A copy was written: the command exits 0, and a warning says what
	// the copy lacks (documents without a correct copy, a base smaller
	// than the last copy, old copies left).
	if err != nil {
		fmt.Fprintln(env.stderr, "amiable : attention :", data.Message(err))
	}
	if *asJSON {
		return writeJSON(env.stdout, res)
	}
	fmt.Fprintf(env.stdout, "Sauvegarde écrite : %s (%d Mo, %d document(s) copié(s))\n", res.Path, (res.Size+(1<<20)-1)>>20, res.Documents)
	for _, r := range res.Removed {
		fmt.Fprintf(env.stdout, "Ancienne copie supprimée : %s\n", r)
	}
	return nil
}

func cmdRestore(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "restore", "restore -from FICHIER [-force] [-incomplete]")
	from := fs.String("from", "", "fichier de sauvegarde (amiable-AAAA-MM-JJ.db)")
	force := fs.Bool("force", false, "remplacer même une base qui a des écritures que la sauvegarde n'a pas")
	incomplete := fs.Bool("incomplete", false, "restaurer même si des pièces n'ont de copie correcte nulle part (elles sont nommées)")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *from == "" {
		return usageError("indiquez la sauvegarde à restaurer : -from FICHIER")
	}
	res, err := data.RestoreBackup(ctx, *from, env.dbPath, data.RestoreOptions{Force: *force, Incomplete: *incomplete}, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Base restaurée depuis %s : %s (%d pièce(s) contrôlée(s))\n", res.From, res.Path, res.Checked)
	if len(res.Missing) > 0 {
		fmt.Fprintf(env.stderr, "amiable : attention : %d pièce(s) sans copie correcte, restaurée(s) quand même sans elles ; « amiable verify » les liste.\n", len(res.Missing))
	}
	if res.Kept != "" {
		fmt.Fprintf(env.stdout, "La base remplacée est gardée : %s\n", res.Kept)
	}
	if res.Documents > 0 {
		fmt.Fprintf(env.stdout, "%d document(s) recopié(s) depuis la sauvegarde.\n", res.Documents)
	}
	return nil
}

// foldSearch files the words the command wrote into the cases' search
// documents before it exits (the window would do it in the background).
// A failure only leaves them to the next opening: the search reads them
// meanwhile.
func foldSearch(ctx context.Context, env *cliEnv, st *data.Store) {
	if err := st.FoldSearch(ctx); err != nil {
		fmt.Fprintf(env.stderr, "amiable : la recherche sera mise à jour à la prochaine ouverture (%v)\n", err)
	}
}
