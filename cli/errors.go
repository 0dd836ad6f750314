package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"amiable/data"
	"amiable/debt"
)

// errorMessage is the one French line Main prints for err. Errors of the
// operating system (a folder that is a file, missing rights, a full disk)
// are said in French; the original error goes to the log.
func errorMessage(err error) string {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.msg
	}
	var de *data.Error
	var ve debt.ValidationError
	var fe debt.FieldError
	if errors.As(err, &de) && de.Message != "" && de.Err != nil {
		// The store's French sentence; the system's reason in French
		// after it when there is one, the original in the log.
		log.Printf("amiable: %v", err)
		var pe *fs.PathError
		var le *os.LinkError
		if errors.As(de.Err, &pe) || errors.As(de.Err, &le) {
			return strings.TrimSuffix(de.Message, ".") + " : " + osCause(de.Err) + "."
		}
		return de.Message
	}
	if (errors.As(err, &de) && de.Message != "") || errors.As(err, &ve) || errors.As(err, &fe) {
		return data.Message(err)
	}
	if msg, ok := osMessage(err); ok {
		return msg
	}
	msg := data.Message(err)
	if strings.HasPrefix(msg, "Erreur inattendue") {
		log.Printf("amiable: %v", err)
	}
	return msg
}

// osMessage says in French what an operating-system call could not do and
// why, and logs the original error; ok is false when err is not one.
func osMessage(err error) (msg string, ok bool) {
	var op, path string
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		op, path = pe.Op, pe.Path
	case errors.As(err, &le):
		op, path = le.Op, le.Old
	default:
		return "", false
	}
	log.Printf("amiable: %v", err)
	return fmt.Sprintf("impossible %s « %s » : %s", osVerb(op), path, osCause(err)), true
}

func osVerb(op string) string {
	switch op {
	case "mkdir", "mkdirall":
		return "de créer le dossier"
	case "open", "openat":
		return "d'ouvrir"
	case "createtemp", "create":
		return "de créer un fichier dans"
	case "write":
		return "d'écrire"
	case "read":
		return "de lire"
	case "rename":
		return "de renommer"
	case "remove", "unlinkat":
		return "de supprimer"
	case "sync", "fsync":
		return "d'enregistrer sur le disque"
	case "stat", "lstat":
		return "de trouver"
	case "chmod":
		return "de changer les droits de"
	}
	return "d'utiliser"
}

// osCause is the French reason of an operating-system error.
func osCause(err error) string {
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		return "un élément du chemin est un fichier, pas un dossier"
	case errors.Is(err, syscall.EISDIR):
		return "c'est un dossier, pas un fichier"
	case errors.Is(err, fs.ErrNotExist):
		return "fichier ou dossier introuvable"
	case errors.Is(err, fs.ErrExist):
		return "il existe déjà"
	case errors.Is(err, fs.ErrPermission):
		return "droits insuffisants"
	case errors.Is(err, syscall.ENOSPC):
		return "le disque est plein"
	case errors.Is(err, syscall.EROFS):
		return "le disque est en lecture seule"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "nom trop long"
	}
	return "erreur du système (détail dans " + logPath() + ")"
}

// fileError is the French line for a failed write of an output file.
func fileError(path string, err error) error {
	if msg, ok := osMessage(err); ok {
		return &exitError{code: 1, msg: msg}
	}
	log.Printf("amiable: write %s: %v", path, err)
	return &exitError{code: 1, msg: fmt.Sprintf("écriture de « %s » impossible : %s", path, osCause(err))}
}

// logPath is the command line's technical log: the original errors behind
// its French messages, for support.
func logPath() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "Amiable", "amiable.log")
}

// logToFile sends the standard logger to the technical log while a
// command runs (stderr keeps one French line per error) and returns what
// puts it back. When the log cannot be opened, log lines stay on stderr.
func logToFile() (restore func()) {
	p := logPath()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return func() {}
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return func() {}
	}
	prev := log.Writer()
	log.SetOutput(f)
	return func() {
		log.SetOutput(prev)
		f.Close()
	}
}

// warnf prints a French warning: the command did its work (exit 0) but a
// side step failed, and the line says what was done and what was not.
func warnf(env *cliEnv, format string, args ...any) {
	fmt.Fprintln(env.stderr, "amiable : attention :", fmt.Sprintf(format, args...))
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "help", "aide":
		return true
	}
	return false
}

// groupUsage is the help of the commands that take a subcommand
// (amiable post -h).
var groupUsage = map[string]string{
	"post": `Usage :
  amiable [-db CHEMIN] post day [-date AAAA-MM-JJ] -o FICHIER.pdf [-force]
      imprime la tournée du jour (courriers puis bordereau de dépôt) et les enregistre comme déposés
  amiable [-db CHEMIN] post ar REF|SUIVI -outcome delivered|uncollected|refused|unknown -date D [-presented D] [-signed destinataire|mandataire] [-scan FICHIER]
      enregistre le retour d'un recommandé (AR ou pli retourné)
amiable post day -h, amiable post ar -h : le détail des options.`,
	"mail": `Usage :
  amiable [-db CHEMIN] mail set -host H -port P -security tls|starttls|none -user U [-folder F]… [-interval 10m] [-office-address A]… [-trust EMPREINTE] [-password-stdin]
      enregistre le compte de courriel de l'étude
  amiable [-db CHEMIN] mail test
      essaie la connexion et liste les dossiers de la boîte
amiable mail set -h : le détail des options.`,
	"calc": `Usage :
  amiable calc interest -principal X -from D -to D -creditor particulier|professionnel [-rate legal|b2b|TAUX] [-json]
      intérêts de retard, période par période
  amiable calc deadline -from D (-days N | -months N) [-alsace] [-json]
      date d'échéance d'un délai (week-ends et jours fériés)
  amiable calc prescription -years N -start D [-interrupted D] [-json]
      date de prescription
amiable calc interest -h (ou deadline, prescription) : le détail des options.`,
	"export": `Usage :
  amiable [-db CHEMIN] export payments -from AAAA-MM-JJ -to AAAA-MM-JJ -o FICHIER.csv|FICHIER.xlsx [-force]
      exporte les encaissements et reversements de la période
amiable export payments -h : le détail des options.`,
}

// flagUsage prints a flag set's options in French.
func flagUsage(w io.Writer, fs *flag.FlagSet, usage string) {
	fmt.Fprintf(w, "Usage : amiable [-db CHEMIN] %s\n\nOptions :\n", usage)
	fs.VisitAll(func(f *flag.Flag) {
		name, text := flag.UnquoteUsage(f)
		arg := map[string]string{"string": "TEXTE", "int": "N", "uint": "N", "int64": "N", "float": "NOMBRE",
			"duration": "DURÉE", "value": "VALEUR"}[name]
		line := "  -" + f.Name
		if arg != "" {
			line += " " + arg
		}
		def := ""
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			def = " (par défaut : " + f.DefValue + ")"
		}
		fmt.Fprintf(w, "%s\n      %s%s\n", line, text, def)
	})
}

// refuseUnsafe refuses a command-line value holding a control character,
// a line break or a bidirectional override (debt.UnsafeText): such a value
// (-ref, -payer, mail set -user…) would reach the journal, a letter or an
// export and could forge a line there. Refusing says what to fix, where
// silently cleaning would record something the person did not type.
func refuseUnsafe(fs *flag.FlagSet, pos []string) error {
	var bad error
	fs.Visit(func(f *flag.Flag) {
		if bad == nil && debt.UnsafeText(f.Value.String()) {
			bad = usageError("-%s : la valeur contient un caractère de contrôle, un saut de ligne ou un caractère d'inversion du sens du texte : retapez-la", f.Name)
		}
	})
	for _, p := range pos {
		if bad == nil && debt.UnsafeText(p) {
			bad = usageError("l'argument %q contient un caractère de contrôle, un saut de ligne ou un caractère d'inversion du sens du texte", debt.CleanLine(p))
		}
	}
	return bad
}
