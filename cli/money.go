package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"amiable/data"
	"amiable/debt"
)

func init() {
	register("plan", "convient d'un échéancier sur le solde d'un dossier", cmdPlan)
	register("pay", "enregistre un encaissement", cmdPay)
	register("export", "exporte les encaissements et reversements (CSV ou XLSX)", cmdExport)
}

func parseAmountFlag(name, v string) (debt.Cents, error) {
	a, err := debt.ParseAmount(v)
	if err != nil {
		return 0, usageError("-%s : %v", name, err)
	}
	if a == 0 {
		return 0, usageError("-%s doit être supérieur à zéro", name)
	}
	return a, nil
}

func cmdPlan(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "plan", "plan REF (-instalments N | -amount X) -first AAAA-MM-JJ [-down X] [-weekly] [-json]\n       plan REF -sign [-date AAAA-MM-JJ] [-json]")
	sign := fs.Bool("sign", false, "enregistre la signature de l'échéancier en cours par le débiteur (interrompt la prescription, C. civ. 2240)")
	signDate := fs.String("date", "", "avec -sign : date de la signature (aujourd'hui par défaut)")
	count := fs.Int("instalments", 0, "nombre d'échéances")
	amount := fs.String("amount", "", "montant de chaque échéance (la dernière porte le reste)")
	first := fs.String("first", "", "date de la première échéance")
	down := fs.String("down", "", "acompte, dû à la date de la première échéance")
	weekly := fs.Bool("weekly", false, "échéances hebdomadaires (mensuelles par défaut)")
	preview := fs.Bool("preview", false, "affiche l'échéancier sans l'enregistrer")
	asJSON := fs.Bool("json", false, "sortie JSON")
	pos, err := parseFlags(fs, args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError("indiquez la référence du dossier")
	}
	if *sign {
		if *count != 0 || *amount != "" || *first != "" || *down != "" || *weekly || *preview {
			return usageError("-sign s'emploie seul (avec -date et -json au besoin)")
		}
		return signPlan(ctx, env, pos[0], *signDate, *asJSON)
	}
	if *signDate != "" {
		return usageError("-date ne s'emploie qu'avec -sign")
	}
	spec := debt.PlanSpec{Count: *count, Every: debt.Monthly}
	if *weekly {
		spec.Every = debt.Weekly
	}
	if (*count > 0) == (*amount != "") {
		return usageError("indiquez soit -instalments N soit -amount X")
	}
	if *count < 0 {
		return usageError("-instalments doit être positif")
	}
	if *amount != "" {
		if spec.Amount, err = parseAmountFlag("amount", *amount); err != nil {
			return err
		}
	}
	if *down != "" {
		if spec.Down, err = parseAmountFlag("down", *down); err != nil {
			return err
		}
	}
	if spec.First, err = firstInstalment(*first, time.Now()); err != nil {
		return err
	}
	st, c, err := openCase(ctx, openExisting, env.dbPath, pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	inst, warn, total, err := st.PreviewPlan(ctx, c.ID, spec, now)
	if err != nil {
		return err
	}
	var plan data.Plan
	if !*preview {
		spec.Total = total
		if plan, warn, err = st.CreatePlan(ctx, c.ID, spec, SessionUser(), now); err != nil {
			return err
		}
	}
	for _, w := range warn {
		fmt.Fprintln(env.stderr, "attention :", w)
	}
	if *asJSON {
		if *preview {
			return writeJSON(env.stdout, map[string]any{"total_cents": total, "instalments": inst, "warnings": warn})
		}
		return writeJSON(env.stdout, plan)
	}
	verb := "enregistré"
	if *preview {
		verb = "aperçu, non enregistré"
	}
	fmt.Fprintf(env.stdout, "Échéancier du dossier %s (%s) : %s en %d échéance(s)\n", c.Ref, verb, total, len(inst))
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, in := range inst {
		label := fmt.Sprintf("n° %d", in.N)
		if in.N == 0 {
			label = "acompte"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t\n", label, in.Due, in.Amount)
	}
	return tw.Flush()
}

func cmdPay(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "pay", "pay REF -amount X -date AAAA-MM-JJ -method virement|cheque|carte|especes|prelevement [-ref TEXTE] [-payer NOM] [-lines ID[,ID]] [-json]\n       pay -check-allocations [-json]")
	amount := fs.String("amount", "", "montant reçu")
	lines := fs.String("lines", "", "lignes de créance que le débiteur a choisi de payer (n° de ligne, séparés par des virgules ; C. civ. 1342-10)")
	check := fs.Bool("check-allocations", false, "liste les dossiers dont les imputations enregistrées diffèrent de celles de la loi (C. civ. 1342-10, 1343-1)")
	date := fs.String("date", "", "date de réception")
	method := fs.String("method", "", "virement, cheque, carte, especes ou prelevement")
	ref := fs.String("ref", "", "référence bancaire ou n° de chèque")
	payer := fs.String("payer", "", "qui a payé, s'il n'est pas le débiteur")
	asJSON := fs.Bool("json", false, "sortie JSON")
	pos, err := parseFlags(fs, args, 1)
	if err != nil {
		return err
	}
	if *check {
		if len(pos) != 0 || *amount != "" || *date != "" || *method != "" || *lines != "" {
			return usageError("-check-allocations s'emploie seul (avec -json au besoin)")
		}
		return checkAllocations(ctx, env, *asJSON)
	}
	if len(pos) != 1 {
		return usageError("indiquez la référence du dossier")
	}
	in := data.PaymentInput{BankRef: *ref, Payer: *payer}
	if in.Lines, err = parseLineIDs(*lines); err != nil {
		return err
	}
	if in.Amount, err = parseAmountFlag("amount", *amount); err != nil {
		return err
	}
	if in.Received, err = requiredDate("date", *date); err != nil {
		return err
	}
	if in.Method, err = data.ParseMethod(*method); err != nil {
		return usageError("%s", strings.TrimSuffix(data.Message(err), "."))
	}
	st, c, err := openCase(ctx, openExisting, env.dbPath, pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.RecordPayment(ctx, c.ID, in, SessionUser(), time.Now())
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.stdout, res)
	}
	fmt.Fprintf(env.stdout, "Encaissement n° %d de %s enregistré sur le dossier %s.\n", res.Payment.ID, res.Payment.Amount, c.Ref)
	for _, a := range res.Payment.Allocation {
		fmt.Fprintf(env.stdout, "  ligne %d : principal %s, intérêts %s, accessoires %s\n", a.LineID, a.Principal, a.Interest, a.Accessory)
	}
	fmt.Fprintf(env.stdout, "Reste dû au %s : %s\n", res.Statement.At, res.Statement.Due())
	if res.Payment.Credit > 0 {
		fmt.Fprintf(env.stdout, "Trop-perçu de %s à rembourser au débiteur.\n", res.Payment.Credit)
	}
	if res.Settled {
		fmt.Fprintln(env.stdout, "Solde nul : le dossier peut être clos comme soldé (attestation de solde).")
	} else if res.NotifyCreditor {
		fmt.Fprintln(env.stdout, "Paiement partiel hors échéancier : à signaler au créancier.")
	}
	return nil
}

func cmdExport(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || args[0] != "payments" {
		return usageError("usage : amiable export payments -from AAAA-MM-JJ -to AAAA-MM-JJ -o FICHIER.csv|FICHIER.xlsx")
	}
	fs := newFlags(env, "export payments", "export payments -from AAAA-MM-JJ -to AAAA-MM-JJ -o FICHIER.csv|FICHIER.xlsx [-force]")
	from := fs.String("from", "", "début de la période (inclus)")
	to := fs.String("to", "", "fin de la période (incluse)")
	out := fs.String("o", "", "fichier à écrire (.csv ou .xlsx)")
	force := fs.Bool("force", false, "remplace le fichier s'il existe")
	if _, err := parseFlags(fs, args[1:], 0); err != nil {
		return err
	}
	f, err := requiredDate("from", *from)
	if err != nil {
		return err
	}
	t, err := requiredDate("to", *to)
	if err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if *out == "" || (ext != ".csv" && ext != ".xlsx") {
		return usageError("-o doit nommer un fichier .csv ou .xlsx")
	}
	st, err := openExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.CheckOutput(ctx, *out, *force); err != nil {
		return err
	}
	ms, err := st.Movements(ctx, f, t)
	if err != nil {
		return err
	}
	return writeFileAtomic(*out, func(w *os.File) error {
		if ext == ".xlsx" {
			return data.WriteMovementsXLSX(w, ms)
		}
		return data.WriteMovementsCSV(w, ms)
	}, func() {
		fmt.Fprintf(env.stdout, "%d mouvement(s) du %s au %s écrits dans %s\n", len(ms), f, t, *out)
	})
}

// writeFileAtomic writes path through a temporary file renamed at the end,
// so that a failure (full disk) never leaves half a file.
func writeFileAtomic(path string, write func(*os.File) error, done func()) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fileError(path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fileError(path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fileError(path, err)
	}
	if err := tmp.Close(); err != nil {
		return fileError(path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fileError(path, err)
	}
	done()
	return nil
}
