//go:build !windows

package data

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDiagnoseChild is the child of TestReadOnlyIsNotDamage: it opens the
// base of AMIABLE_DIAG_DB, writes to it, and prints what it was told.
func TestDiagnoseChild(t *testing.T) {
	path := os.Getenv("AMIABLE_DIAG_DB")
	if path == "" {
		t.Skip("run by TestReadOnlyIsNotDamage")
	}
	s, err := Open(path)
	if err != nil {
		fmt.Println("OPEN:", Message(err))
		return
	}
	defer s.Close()
	if err := s.SaveSetting(context.Background(), "essai", 1, "essai", "test", t0); err != nil {
		fmt.Println("WRITE:", Message(err))
		return
	}
	fmt.Println("OK")
}

// A sound base in a folder, or a file, the user cannot write is reported
// as a matter of permissions with what to do, never as damaged (whose
// advice, restoring a backup, would lose work). Run as the user nobody
// when the tests run as root, who may write anywhere.
func TestReadOnlyIsNotDamage(t *testing.T) {
	root := t.TempDir()
	os.Chmod(root, 0o755)
	os.Chmod(filepath.Dir(root), 0o755) // the test's own folder, above
	asRoot := os.Getuid() == 0
	run := func(path string) string {
		t.Helper()
		exe, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		if asRoot { // a copy nobody may run
			bin := filepath.Join(root, "bin")
			os.Mkdir(bin, 0o755)
			b, _ := os.ReadFile(exe)
			exe = filepath.Join(bin, "data.test")
			if err := os.WriteFile(exe, b, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command(exe, "-test.run=^TestDiagnoseChild$", "-test.v")
		cmd.Env = append(os.Environ(), "AMIABLE_DIAG_DB="+path, "HOME="+root)
		if asRoot {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Logf("child: %v", err)
		}
		return string(out)
	}
	chown := func(p string) {
		if asRoot {
			if err := os.Chown(p, 65534, 65534); err != nil {
				t.Fatal(err)
			}
		}
	}
	office := func(name string) string {
		dir := filepath.Join(root, name)
		path := filepath.Join(dir, "amiable.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		newCase(t, s, "Martin")
		s.Close()
		os.Chmod(dir, 0o755)
		return path
	}

	// The folder is read-only; the file belongs to the user.
	path := office("dossier-protege")
	chown(path)
	chown(LockPath(path))
	os.Chmod(filepath.Dir(path), 0o555)
	defer os.Chmod(filepath.Dir(path), 0o755)
	out := run(path)
	t.Logf("%s", out)
	if !strings.Contains(out, "droits") || strings.Contains(out, "endommagée") || strings.Contains(out, "OK") {
		t.Errorf("a sound base in a read-only folder: %s", out)
	}
	// The folder is the user's; the file is read-only.
	path = office("fichier-protege")
	chown(filepath.Dir(path))
	os.Chmod(path, 0o444)
	out = run(path)
	t.Logf("%s", out)
	if !strings.Contains(out, "droits") || strings.Contains(out, "endommagée") || strings.Contains(out, "OK") {
		t.Errorf("a read-only base: %s", out)
	}
	if asRoot {
		t.Log("run as the user nobody (the tests run as root)")
	}
}

// The other causes around the file: a lock held by another program, a
// full disk.
func TestDiagnoseLockedAndFull(t *testing.T) {
	path := filepath.Join(t.TempDir(), "amiable.db")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("migration: %w", syscall.ENOSPC), "plein"},
		{fmt.Errorf("user_version: database is locked"), "verrouillée par un autre programme"},
		{fmt.Errorf("open: %w", os.ErrPermission), "droits insuffisants"},
	} {
		if got := Message(corrupt(path, tc.err)); !strings.Contains(got, tc.want) || strings.Contains(got, "endommagée") {
			t.Errorf("corrupt(%v) says %q, want %q", tc.err, got, tc.want)
		}
	}
	if got := Message(corrupt(path, fmt.Errorf("malformed database schema"))); !strings.Contains(got, "endommagée") {
		t.Errorf("a damaged file says %q", got)
	}
}
