package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"amiable/data"
	"amiable/mailsync"
)

func init() {
	register("mail", "compte de courriel : mail set (réglages), mail test (connexion)", cmdMail)
	register("sync", "synchronise la boîte de courriel une fois et classe les messages", cmdSync)
}

// stringList collects a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func cmdMail(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 {
		return usageError("usage : amiable mail set -host H -port P -security tls|starttls|none -user U [-folder F]… | amiable mail test")
	}
	switch args[0] {
	case "set":
		return mailSet(ctx, env, args[1:])
	case "test":
		return mailTest(ctx, env, args[1:])
	}
	return usageError("sous-commande inconnue « %s » (set ou test)", args[0])
}

func mailSet(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "mail set", "mail set -host H -port P -security tls|starttls|none -user U [-folder F]… [-interval 10m] [-office-address A]… [-trust EMPREINTE] [-password-stdin]")
	host := fs.String("host", "", "serveur IMAP")
	port := fs.Int("port", 0, "port (993 en TLS, 143 en STARTTLS par défaut)")
	security := fs.String("security", "tls", "tls (implicite), starttls, ou none (seulement vers 127.0.0.1/localhost)")
	user := fs.String("user", "", "identifiant de connexion")
	var folders, office stringList
	fs.Var(&folders, "folder", "dossier à lire (INBOX par défaut) ; répétable")
	fs.Var(&office, "office-address", "adresse de l'étude, jamais rattachée à un débiteur ; répétable")
	interval := fs.Duration("interval", 10*time.Minute, "intervalle de synchronisation")
	trust := fs.String("trust", "", "empreinte SHA-256 d'un certificat auto-signé à accepter")
	pwStdin := fs.Bool("password-stdin", false, "lit le mot de passe sur l'entrée standard et l'enregistre dans le trousseau du système")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	sec, err := mailsync.ParseSecurity(*security)
	if err != nil {
		return usageError("%v", err)
	}
	ms := data.MailSettings{Account: mailsync.Account{Host: *host, Port: *port, Security: sec, User: *user, Folders: folders,
		Interval: *interval, TrustedFingerprint: *trust}, OfficeAddresses: office}
	// The password is read before anything is saved: an unreadable one
	// changes nothing.
	var pw string
	if *pwStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return &exitError{code: 1, msg: "mot de passe illisible sur l'entrée standard : rien n'est enregistré"}
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	st, err := openExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SaveMailSettings(ctx, ms, SessionUser(), time.Now()); err != nil {
		return err
	}
	ms, _ = st.MailSettings(ctx)
	fmt.Fprintf(env.stdout, "Compte enregistré : %s sur %s (%s), dossiers %s, toutes les %s.\n", ms.Account.User, ms.Account.Address(),
		ms.Account.Security.Label(), strings.Join(ms.Account.Folders, ", "), ms.Account.Interval)
	if *pwStdin {
		if err := mailsync.SavePassword(ms.Account, pw); err != nil {
			warnf(env, "le compte est enregistré mais pas le mot de passe : %s", mailsync.UserMessage(err))
			return nil
		}
		fmt.Fprintln(env.stdout, "Mot de passe enregistré dans le trousseau du système.")
	}
	return nil
}

func mailAccount(ctx context.Context, st *data.Store) (mailsync.Account, string, error) {
	ms, err := st.MailSettings(ctx)
	if err != nil {
		return ms.Account, "", err
	}
	if ms.Account.Host == "" {
		return ms.Account, "", &exitError{code: 1, msg: "aucun compte de courriel : amiable mail set -host … -user …"}
	}
	pw, err := mailsync.Password(ms.Account)
	if err != nil {
		return ms.Account, "", &exitError{code: 1, msg: mailsync.UserMessage(err)}
	}
	return ms.Account, pw, nil
}

func mailTest(ctx context.Context, env *cliEnv, args []string) error {
	if _, err := parseFlags(newFlags(env, "mail test", "mail test"), args, 0); err != nil {
		return err
	}
	st, err := openExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	a, pw, err := mailAccount(ctx, st)
	if err != nil {
		return err
	}
	folders, err := mailsync.TestConnection(ctx, a, pw)
	if err != nil {
		return &exitError{code: 1, msg: mailsync.UserMessage(err)}
	}
	fmt.Fprintln(env.stdout, mailsync.Summary(folders))
	return nil
}

func cmdSync(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "sync", "sync [-json]")
	asJSON := fs.Bool("json", false, "sortie JSON : fetched, filed, triage, duplicates, errors")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	st, err := openExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	a, pw, err := mailAccount(ctx, st)
	if err != nil {
		return err
	}
	sy := &mailsync.Syncer{Store: st.Mail()}
	res, err := sy.Sync(ctx, a, pw)
	report := data.SyncReport{At: time.Now().UTC(), Result: res}
	if err != nil {
		report.Error = mailsync.UserMessage(err)
	}
	if e := st.SaveSyncReport(ctx, report); e != nil && err == nil {
		err = e
	}
	foldSearch(ctx, env, st)
	if err != nil {
		if res.Filed+res.Triage > 0 {
			// Partly done: what was filed is kept, the next sync goes on.
			return &exitError{code: exitPartial, msg: fmt.Sprintf("%s ; %d message(s) reçu(s) et gardé(s) avant l'erreur (%d classé(s), %d à trier), les suivants le seront à la prochaine synchronisation",
				strings.TrimSuffix(mailsync.UserMessage(err), "."), res.Filed+res.Triage, res.Filed, res.Triage)}
		}
		return &exitError{code: 1, msg: fmt.Sprintf("%s (aucun message gardé)", mailsync.UserMessage(err))}
	}
	if *asJSON {
		return writeJSON(env.stdout, res)
	}
	fmt.Fprintf(env.stdout, "%d message(s) reçu(s) : %d classé(s) dans un dossier, %d à trier, %d déjà connu(s), %d erreur(s).\n",
		res.Fetched, res.Filed, res.Triage, res.Duplicates, res.Errors)
	return nil
}
