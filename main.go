// Command amiable is Amiable: the desktop application of a French
// commissaire de justice office for amicable debt recovery, and its command
// line for scripts, scheduled tasks and support.
//
//	amiable [-db PATH]                 opens the window
//	amiable [-db PATH] COMMAND [flags] runs a command (see amiable help)
//
// main is the composition root: it parses flags, chooses paths, opens the
// store and wires it to the window or the command.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	_ "time/tzdata" // Windows desks may lack zone data: Europe/Paris must exist.

	"amiable/data"
	_ "amiable/internal/cloc" // before Fyne reads the locale: see the package comment
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries a French message for stderr and an exit code.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageError(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

// run parses the global flags and runs the window or a command. It returns
// the process exit code; errors are one French line on stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("amiable", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "chemin de la base de données (par défaut : dossier de l'utilisateur/Amiable/amiable.db)")
	fs.Usage = func() { printUsage(stderr) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	path := *dbPath
	if path == "" {
		p, err := data.DefaultPath()
		if err != nil {
			fmt.Fprintln(stderr, "amiable : impossible de trouver le dossier des données de l'utilisateur :", err)
			return 1
		}
		path = p
	}
	if fs.NArg() == 0 {
		return runWindow(path, stderr)
	}
	err := runCommand(ctx, path, fs.Arg(0), fs.Args()[1:], stdout, stderr)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		fmt.Fprintln(stderr, "amiable :", ee.msg)
		return ee.code
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "amiable :", data.Message(err))
	return 1
}
