package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"amiable/data"
)

func init() {
	register("verify", "contrôle des pièces : relit chaque document conservé et vérifie son empreinte SHA-256", cmdVerify)
}

// verifyJSON is `amiable verify -json`.
type verifyJSON struct {
	Checked  int                    `json:"checked"`
	Total    int                    `json:"total"`
	Problems []data.DocumentProblem `json:"problems"`
}

func cmdVerify(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "verify", "verify [-json] [-every JOURS]")
	asJSON := fs.Bool("json", false, "sortie JSON : les documents absents ou altérés")
	every := fs.Int("every", 0, "fréquence du contrôle par la tâche quotidienne, en jours (7 par défaut)")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	st, err := openExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	if *every != 0 {
		d, err := st.DailySettings(ctx)
		if err != nil {
			return err
		}
		d.VerifyDays = *every
		if err := st.SaveDailySettings(ctx, d, SessionUser(), now); err != nil {
			return err
		}
		fmt.Fprintf(env.stderr, "amiable : la tâche quotidienne contrôlera les pièces tous les %d jours.\n", *every)
	}
	rep, err := st.VerifyDocuments(ctx, data.VerifyOptions{}, now)
	if err != nil {
		return err
	}
	if rep.Problems == nil {
		rep.Problems = []data.DocumentProblem{}
	}
	if *asJSON {
		if err := writeJSON(env.stdout, verifyJSON{Checked: rep.Checked, Total: rep.Total, Problems: rep.Problems}); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(env.stdout, verifySummary(rep))
		tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
		for _, p := range rep.Problems {
			ref := p.CaseRef
			if ref == "" {
				ref = "Étude"
			}
			state := "absent"
			if p.Problem == data.ProblemAltered {
				state = "altéré"
			}
			restored := "aucune copie correcte en sauvegarde"
			if st.IsShared() {
				restored = "à restaurer depuis la sauvegarde du serveur"
			}
			if p.RestoredFrom != "" {
				restored = "restauré depuis " + p.RestoredFrom
			}
			fmt.Fprintf(tw, "  %s\t%s\t« %s »\t%s…\t%s\n", ref, state, p.Name, p.SHA256[:12], restored)
		}
		tw.Flush()
	}
	if len(rep.Problems) > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d pièce(s) absente(s) ou altérée(s) : une alerte est levée sur chaque dossier concerné.", len(rep.Problems))}
	}
	return nil
}

// verifySummary says in French what a check found.
func verifySummary(rep data.VerifyReport) string {
	restored := 0
	for _, p := range rep.Problems {
		if p.RestoredFrom != "" {
			restored++
		}
	}
	s := fmt.Sprintf("Contrôle des pièces : %d document(s) relu(s) sur %d", rep.Checked, rep.Total)
	if !rep.Complete {
		s += " (la suite au prochain passage)"
	}
	if len(rep.Problems) == 0 {
		return s + ", tous intacts."
	}
	return s + fmt.Sprintf(", %d absent(s) ou altéré(s), dont %d restauré(s) depuis la sauvegarde.", len(rep.Problems), restored)
}
