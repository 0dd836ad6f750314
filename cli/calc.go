package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"amiable/data"
	"amiable/debt"
)

func init() {
	register("calc", "calculette : intérêts, délai, prescription (sans dossier)", cmdCalc)
}

func cmdCalc(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 {
		return usageError("précisez le calcul : amiable calc interest | deadline | prescription")
	}
	switch args[0] {
	case "interest", "interets":
		return calcInterest(ctx, env, args[1:])
	case "deadline", "delai":
		return calcDeadline(ctx, env, args[1:])
	case "prescription":
		return calcPrescription(env, args[1:])
	}
	return usageError("calcul inconnu « %s » (interest, deadline ou prescription)", args[0])
}

// calcReference reads the rates and rules of the office's database when it
// exists; without one, the calculator uses the rates of the brief and the
// default rules, and says so.
func calcReference(ctx context.Context, env *cliEnv) (debt.RateTable, debt.Rules, error) {
	if !data.IsSharedURL(env.dbPath) && !fileExists(env.dbPath) {
		fmt.Fprintf(env.stderr, "amiable : pas de base à « %s » : taux et règles par défaut.\n", env.dbPath)
		return debt.DefaultRates(), debt.DefaultRules(), nil
	}
	st, err := openExisting(env.dbPath)
	if err != nil {
		return nil, debt.Rules{}, err
	}
	defer st.Close()
	rates, err := st.Rates(ctx)
	if err != nil {
		return nil, debt.Rules{}, err
	}
	rules, err := st.Rules(ctx)
	return rates, rules, err
}

func requiredDate(name, v string) (debt.Date, error) {
	if strings.TrimSpace(v) == "" {
		return debt.Date{}, usageError("-%s est obligatoire (AAAA-MM-JJ)", name)
	}
	d, err := debt.ParseDate(v)
	if err != nil {
		return d, usageError("-%s : %v", name, err)
	}
	return d, nil
}

// interestJSON is `amiable calc interest -json`.
type interestJSON struct {
	TotalCents int64                `json:"total_cents"`
	Periods    []interestPeriodJSON `json:"periods"`
}

type interestPeriodJSON struct {
	From        string  `json:"from"`
	To          string  `json:"to"`
	Days        int     `json:"days"`
	BaseCents   int64   `json:"base_cents"`
	RatePercent float64 `json:"rate_percent"`
	Divisor     int     `json:"divisor"`
	AmountCents int64   `json:"amount_cents"`
}

func calcInterest(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "calc interest", "calc interest -principal MONTANT -from AAAA-MM-JJ -to AAAA-MM-JJ -creditor particulier|professionnel [-rate legal|b2b|TAUX] [-json]")
	principal := fs.String("principal", "", "principal dû (1234,56 ou 1 234,56 ou 1234.56)")
	from := fs.String("from", "", "point de départ (exclu), AAAA-MM-JJ")
	to := fs.String("to", "", "date de fin (incluse), AAAA-MM-JJ")
	creditor := fs.String("creditor", "", "créancier : particulier ou professionnel (choisit le taux légal)")
	rate := fs.String("rate", "legal", "legal (taux légal), b2b (taux BCE + 10 points) ou un taux annuel en % (7,5)")
	asJSON := fs.Bool("json", false, "sortie JSON")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	amount, err := debt.ParseAmount(*principal)
	if err != nil {
		return usageError("-principal : %v", err)
	}
	if amount == 0 {
		return usageError("-principal doit être supérieur à zéro")
	}
	f, err := requiredDate("from", *from)
	if err != nil {
		return err
	}
	t, err := requiredDate("to", *to)
	if err != nil {
		return err
	}
	in := debt.InterestInput{Principal: amount, From: f, To: t}
	switch strings.ToLower(strings.TrimSpace(*creditor)) {
	case "particulier":
		in.Creditor = debt.Consumer
	case "professionnel":
		in.Creditor = debt.Professional
	default:
		return usageError("-creditor : particulier ou professionnel (le taux légal en dépend)")
	}
	switch r := strings.ToLower(strings.TrimSpace(*rate)); r {
	case "legal", "légal":
		in.Kind = debt.InterestLegal
	case "b2b", "commercial":
		in.Kind = debt.InterestBusiness
	default:
		bp, err := debt.ParseRate(r)
		if err != nil {
			return usageError("-rate : %v (ou legal, b2b)", err)
		}
		in.Kind, in.RateBP = debt.InterestContractual, bp
	}
	rates, rules, err := calcReference(ctx, env)
	if err != nil {
		return err
	}
	in.Rates, in.LeapDivisor366 = rates, rules.LeapDivisor366
	res, err := debt.ComputeInterest(in)
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	if *asJSON {
		out := interestJSON{TotalCents: int64(res.Total), Periods: []interestPeriodJSON{}}
		for _, p := range res.Periods {
			out.Periods = append(out.Periods, interestPeriodJSON{From: p.From.ISO(), To: p.To.ISO(), Days: p.Days, BaseCents: int64(p.Base),
				RatePercent: float64(p.RateBP) / 100, Divisor: p.Divisor, AmountCents: int64(p.Amount)})
		}
		return writeJSON(env.stdout, out)
	}
	fmt.Fprintf(env.stdout, "Intérêts sur %s du %s (exclu) au %s (inclus) :\n", amount, f, t)
	for _, p := range res.Periods {
		fmt.Fprintf(env.stdout, "  du %s au %s  %4d j  base %s  taux %s  /%d  = %s\n", p.From.AddDays(1), p.To, p.Days, p.Base,
			debt.FormatRate(p.RateBP), p.Divisor*100, p.Amount)
	}
	fmt.Fprintf(env.stdout, "Total : %s\n", res.Total)
	return nil
}

func calcDeadline(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "calc deadline", "calc deadline -from AAAA-MM-JJ (-days N | -months N) [-alsace] [-json]")
	from := fs.String("from", "", "date de l'événement (non comptée), AAAA-MM-JJ")
	days := fs.Int("days", 0, "délai en jours")
	months := fs.Int("months", 0, "délai en mois")
	alsace := fs.Bool("alsace", false, "jours fériés d'Alsace-Moselle (Vendredi saint, 26 décembre)")
	asJSON := fs.Bool("json", false, "sortie JSON")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	f, err := requiredDate("from", *from)
	if err != nil {
		return err
	}
	if (*days == 0) == (*months == 0) {
		return usageError("indiquez soit -days N soit -months N")
	}
	if *days < 0 || *months < 0 || *days > 3650 || *months > 120 {
		return usageError("délai invraisemblable (jours : 1 à 3650, mois : 1 à 120)")
	}
	_, rules, err := calcReference(ctx, env)
	if err != nil {
		return err
	}
	c := rules.Calendar
	c.Alsace = c.Alsace || *alsace
	var d debt.Date
	if *days > 0 {
		d = c.DeadlineDays(f, *days)
	} else {
		d = c.DeadlineMonths(f, *months)
	}
	if *asJSON {
		return writeJSON(env.stdout, map[string]string{"deadline": d.ISO()})
	}
	fmt.Fprintf(env.stdout, "Échéance du délai : %s (%s)\n", d.Long(), weekdayFR(d))
	return nil
}

func weekdayFR(d debt.Date) string {
	return [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}[d.Weekday()]
}

func calcPrescription(env *cliEnv, args []string) error {
	fs := newFlags(env, "calc prescription", "calc prescription -years N -start AAAA-MM-JJ [-interrupted [KIND:]AAAA-MM-JJ[:FIN]]... [-at AAAA-MM-JJ] [-json]\n"+
		"KIND : reconnaissance (par défaut ; C. civ. 2240), echeancier, paiement, demande_en_justice (2241), mesure_execution (2244), "+
		"mediation et petites_creances (suspensions, 2238 et CPCE L125-1 : FIN = fin de la suspension), titre_executoire (CPCE L111-4), mise_en_demeure (n'interrompt pas)")
	years := fs.Int("years", 0, "durée du délai en années (2, 3, 5, 10…)")
	start := fs.String("start", "", "point de départ (en général l'échéance impayée), AAAA-MM-JJ")
	var interrupted eventList
	fs.Var(&interrupted, "interrupted", "acte : [KIND:]AAAA-MM-JJ[:FIN] (reconnaissance par défaut) ; répétable")
	at := fs.String("at", "", "jour du calcul : une suspension sans fin est comptée jusqu'à ce jour")
	asJSON := fs.Bool("json", false, "sortie JSON")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *years <= 0 || *years > 30 {
		return usageError("-years doit être compris entre 1 et 30")
	}
	s, err := requiredDate("start", *start)
	if err != nil {
		return err
	}
	for _, e := range interrupted {
		if e.Date.Before(s) {
			return usageError("-interrupted : l'interruption du %s précède le point de départ du %s", e.Date, s)
		}
	}
	in := debt.LimitationInput{Period: debt.CustomLimitation(*years), Start: s, Events: interrupted}
	if *at != "" {
		if in.At, err = requiredDate("at", *at); err != nil {
			return err
		}
	}
	res, err := debt.ComputeLimitation(in)
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	if *asJSON {
		out := map[string]any{"expires": res.Expires.ISO(), "from": res.From.ISO(), "from_event": string(res.FromEvent), "years": res.Period.Years}
		if res.Suspended {
			out["suspended"] = true
		}
		return writeJSON(env.stdout, out)
	}
	if res.Expires.IsZero() {
		fmt.Fprintln(env.stdout, "Prescription suspendue : indiquez la fin de la suspension (KIND:DEBUT:FIN) ou le jour du calcul (-at).")
		return nil
	}
	fmt.Fprintf(env.stdout, "Prescription acquise après le %s (délai de %s ans courant depuis le %s).\n", res.Expires.Long(), strconv.Itoa(res.Period.Years), res.From)
	if res.Suspended {
		fmt.Fprintln(env.stdout, "  Suspension en cours, comptée jusqu'au jour du calcul.")
	}
	for _, ig := range res.Ignored {
		fmt.Fprintf(env.stdout, "  Non retenu : %s du %s (%s)\n", ig.Event.Kind.Label(), ig.Event.Date, ig.Reason)
	}
	return nil
}

// eventList collects the repeatable -interrupted flag of calc
// prescription: [KIND:]DATE[:END], an acknowledgement when KIND is left out.
type eventList []debt.LimitationEvent

func (l *eventList) String() string {
	var s []string
	for _, e := range *l {
		s = append(s, string(e.Kind)+":"+e.Date.ISO())
	}
	return strings.Join(s, ",")
}

func (l *eventList) Set(v string) error {
	parts := strings.Split(v, ":")
	e := debt.LimitationEvent{Kind: debt.LimitationAcknowledgement}
	if len(parts) > 1 || (len(parts) == 1 && !strings.ContainsAny(parts[0], "0123456789")) {
		k := debt.LimitationEventKind(strings.TrimSpace(parts[0]))
		switch k {
		case debt.LimitationPlanSigned, debt.LimitationPartialPayment, debt.LimitationFormalNotice:
		default:
			var err error
			if k, err = debt.ParseInterruptionKind(string(k)); err != nil {
				return err
			}
		}
		e.Kind, parts = k, parts[1:]
	}
	if len(parts) == 0 || len(parts) > 2 {
		return fmt.Errorf("« %s » : attendu [KIND:]AAAA-MM-JJ[:FIN]", v)
	}
	d, err := debt.ParseDate(parts[0])
	if err != nil || d.IsZero() {
		return fmt.Errorf("date « %s » invalide (AAAA-MM-JJ)", parts[0])
	}
	e.Date = d
	if len(parts) == 2 {
		if !e.Kind.Suspends() {
			return fmt.Errorf("« %s » : seules mediation et petites_creances ont une fin", v)
		}
		if e.End, err = debt.ParseDate(parts[1]); err != nil || e.End.IsZero() {
			return fmt.Errorf("date de fin « %s » invalide (AAAA-MM-JJ)", parts[1])
		}
	}
	*l = append(*l, e)
	return nil
}
