package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"amiable/data"
	"amiable/debt"
)

func init() {
	register("interrupt", "enregistre un acte qui interrompt ou suspend la prescription (reconnaissance, demande en justice, exécution, médiation, petites créances, titre)", cmdInterrupt)
}

// cmdInterrupt records on a case an act that interrupts or suspends its
// limitation, ends a running suspension (-close), or lists them (-list).
func cmdInterrupt(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "interrupt", "interrupt REF -kind KIND -date AAAA-MM-JJ [-end AAAA-MM-JJ] [-doc FICHIER] [-note TEXTE] [-json]\n"+
		"       interrupt REF -close N -date AAAA-MM-JJ [-json]\n       interrupt REF -list [-json]\n"+
		"KIND : reconnaissance (C. civ. 2240), demande_en_justice (2241), mesure_execution (2244), mediation (2238, suspension), petites_creances (CPCE L125-1, suspension), titre_executoire (CPCE L111-4, 10 ans)")
	kind := fs.String("kind", "", "l'acte : reconnaissance, demande_en_justice, mesure_execution, mediation, petites_creances, titre_executoire")
	date := fs.String("date", "", "date de l'acte (ou de la fin, avec -close)")
	end := fs.String("end", "", "fin d'une médiation ou de la procédure des petites créances déjà terminée")
	doc := fs.String("doc", "", "la pièce de l'acte (scan, jugement…), conservée par son SHA-256")
	note := fs.String("note", "", "précision (juridiction, n° de rôle…)")
	closeID := fs.Int64("close", 0, "termine la suspension n° N (voir -list)")
	list := fs.Bool("list", false, "liste les actes enregistrés sur le dossier")
	asJSON := fs.Bool("json", false, "sortie JSON")
	pos, err := parseFlags(fs, args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError("indiquez la référence du dossier")
	}
	modes := 0
	for _, on := range []bool{*kind != "", *closeID != 0, *list} {
		if on {
			modes++
		}
	}
	if modes != 1 {
		return usageError("indiquez soit -kind KIND -date D, soit -close N -date D, soit -list")
	}
	var in data.InterruptionInput
	if *kind != "" {
		if in.Kind, err = debt.ParseInterruptionKind(*kind); err != nil {
			return usageError("-kind : %v", err)
		}
		if in.Date, err = requiredDate("date", *date); err != nil {
			return err
		}
		if *end != "" {
			if in.End, err = requiredDate("end", *end); err != nil {
				return err
			}
		}
		in.Note = *note
		if *doc != "" {
			b, err := os.ReadFile(*doc)
			if err != nil {
				return &exitError{code: 1, msg: fmt.Sprintf("pièce « %s » illisible : %s", *doc, frenchCause(err.Error()))}
			}
			in.DocName, in.Doc = *doc, b
		}
	} else if *end != "" || *doc != "" || *note != "" {
		return usageError("-end, -doc et -note ne s'emploient qu'avec -kind")
	}
	st, c, err := openCase(ctx, openExisting, env.dbPath, pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	if *list {
		its, err := st.Interruptions(ctx, c.ID)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.stdout, its)
		}
		fmt.Fprintf(env.stdout, "Dossier %s : %d acte(s) enregistré(s)\n", c.Ref, len(its))
		for _, it := range its {
			line := fmt.Sprintf("  n° %d  %s  %s (%s)", it.ID, it.Date, it.Kind.Label(), it.Kind.Article())
			if it.Kind.Suspends() {
				if it.End.IsZero() {
					line += ", en cours"
				} else {
					line += ", terminée le " + it.End.String()
				}
			}
			fmt.Fprintln(env.stdout, line)
		}
		return nil
	}
	var res data.InterruptionResult
	if *closeID != 0 {
		d, err := requiredDate("date", *date)
		if err != nil {
			return err
		}
		res, err = st.EndSuspension(ctx, c.ID, *closeID, d, SessionUser(), now)
		if err != nil {
			return err
		}
	} else if res, err = st.RecordInterruption(ctx, c.ID, in, SessionUser(), now); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.stdout, res)
	}
	it := res.Interruption
	fmt.Fprintf(env.stdout, "Dossier %s : %s du %s enregistrée (n° %d, %s).\n", c.Ref, it.Kind.Label(), it.Date, it.ID, it.Kind.Article())
	printLimitationChange(env, res.Before, res.After)
	return nil
}

func printLimitationChange(env *cliEnv, before, after debt.Limitation) {
	switch {
	case after.Suspended:
		fmt.Fprintf(env.stdout, "Prescription suspendue ; si la suspension prenait fin aujourd'hui : %s.\n", after.Expires)
	case after.Expires.IsZero():
		fmt.Fprintln(env.stdout, "Prescription non calculée (point de départ manquant).")
	case before.Expires.Equal(after.Expires):
		fmt.Fprintf(env.stdout, "Date de prescription inchangée : %s.\n", after.Expires)
		for _, ig := range after.Ignored {
			fmt.Fprintf(env.stdout, "  Non retenu : %s du %s (%s)\n", ig.Event.Kind.Label(), ig.Event.Date, ig.Reason)
		}
	default:
		fmt.Fprintf(env.stdout, "Date de prescription : %s → %s (%s).\n", before.Expires, after.Expires, after.Period.Label)
	}
}

// signPlan records the debtor's signature of the case's current plan.
func signPlan(ctx context.Context, env *cliEnv, ref, date string, asJSON bool) error {
	now := time.Now()
	signed := debt.DateOf(now)
	if date != "" {
		var err error
		if signed, err = requiredDate("date", date); err != nil {
			return err
		}
	}
	st, c, err := openCase(ctx, openExisting, env.dbPath, ref)
	if err != nil {
		return err
	}
	defer st.Close()
	before, err := st.Figures(ctx, c.ID, debt.DateOf(now))
	if err != nil {
		return err
	}
	p, err := st.SignCurrentPlan(ctx, c.ID, signed, SessionUser(), now)
	if err != nil {
		return err
	}
	after, err := st.Figures(ctx, c.ID, debt.DateOf(now))
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.stdout, map[string]any{"plan": p.ID, "signed_on": signed.ISO(), "limitation": after.Limitation})
	}
	fmt.Fprintf(env.stdout, "Échéancier n° %d du dossier %s signé le %s : la prescription est interrompue (C. civ. 2240).\n", p.ID, c.Ref, signed)
	printLimitationChange(env, before.Limitation, after.Limitation)
	return nil
}
