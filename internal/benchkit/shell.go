//go:build unix

package benchkit

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

var (
	shellOnce sync.Once
	shellPath string
	shellErr  error
)

// SQLiteShell returns the sqlite3 shell the benchmarks' references run
// their SQL in: the system's sqlite3 when it is 3.43 or later (it reads
// Amiable's search index, an FTS5 table with contentless_delete), otherwise
// scripts/sqlite3ref built once against the SQLite go-sqlite3 compiles into
// Amiable (kept in $TMPDIR/amiable-bench, named by that version). It takes
// the shell's arguments (-readonly DATABASE) and prints its ".timer on"
// lines.
func SQLiteShell(tb testing.TB) (string, error) {
	tb.Helper()
	shellOnce.Do(func() { shellPath, shellErr = findShell() })
	return shellPath, shellErr
}

var shellVersion = regexp.MustCompile(`^3\.(\d+)\.`)

func findShell() (string, error) {
	if p, err := exec.LookPath("sqlite3"); err == nil {
		out, _ := exec.Command(p, "--version").Output()
		var minor int
		if m := shellVersion.FindSubmatch(out); m != nil {
			fmt.Sscan(string(m[1]), &minor)
		}
		if minor >= 43 {
			return p, nil
		}
	}
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/mattn/go-sqlite3").Output()
	if err != nil {
		return "", fmt.Errorf("go-sqlite3 sources: %w", err)
	}
	src := strings.TrimSpace(string(dir))
	root, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("module root: %w", err)
	}
	main := filepath.Join(strings.TrimSpace(string(root)), "scripts", "sqlite3ref", "sqlite3ref.c")
	cache := filepath.Join(os.TempDir(), "amiable-bench")
	if err := os.MkdirAll(cache, 0o700); err != nil {
		return "", err
	}
	out := filepath.Join(cache, "sqlite3ref-"+filepath.Base(src))
	if fi, err := os.Stat(out); err == nil && fi.Mode().IsRegular() {
		if mi, err := os.Stat(main); err == nil && !mi.ModTime().After(fi.ModTime()) {
			return out, nil
		}
	}
	tmp := out + fmt.Sprintf(".%d", os.Getpid())
	cmd := exec.Command("cc", "-O2", "-std=gnu99", "-DSQLITE_ENABLE_FTS5", "-DSQLITE_THREADSAFE=1", "-DHAVE_USLEEP=1",
		"-DSQLITE_OMIT_DEPRECATED", "-DSQLITE_DEFAULT_WAL_SYNCHRONOUS=1", "-I", src, "-o", tmp, main,
		filepath.Join(src, "sqlite3-binding.c"), "-lpthread", "-lm", "-ldl")
	if b, err := cmd.CombinedOutput(); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("build sqlite3ref: %v\n%s", err, b)
	}
	return out, os.Rename(tmp, out)
}
