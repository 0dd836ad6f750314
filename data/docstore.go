package data

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// MaxDocumentSize bounds one stored file (a scan, a PDF, an e-mail).
const MaxDocumentSize = 200 << 20

// blobPath returns where the file with this SHA-256 lives:
// documents/ab/abcdef… (two-character fan-out keeps folders small).
func blobPath(dir, sum string) string {
	return filepath.Join(dir, sum[:2], sum)
}

// putBlob copies r into the document store under its SHA-256: written to a
// temporary file, fsynced, then renamed. An identical file is stored once
// and an existing file is never overwritten. It returns the hex digest and
// the size.
func putBlob(dir string, r io.Reader) (sum string, size int64, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", 0, fmt.Errorf("document store: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".incoming-*")
	if err != nil {
		return "", 0, fmt.Errorf("document store: %w", err)
	}
	defer func() {
		if tmp != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, MaxDocumentSize+1))
	if err != nil {
		return "", 0, fmt.Errorf("document store: write: %w", err)
	}
	if n > MaxDocumentSize {
		return "", 0, invalid("Le fichier dépasse %d Mo : il n'a pas été enregistré.", MaxDocumentSize>>20)
	}
	if err := tmp.Sync(); err != nil {
		return "", 0, fmt.Errorf("document store: sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", 0, fmt.Errorf("document store: close: %w", err)
	}
	sum = hex.EncodeToString(h.Sum(nil))
	final := blobPath(dir, sum)
	if soundBlob(final, sum, n) {
		os.Remove(tmp.Name())
		tmp = nil
		return sum, n, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return "", 0, fmt.Errorf("document store: %w", err)
	}
	os.Chmod(final, 0o600) // a damaged file of that name is replaced (Windows refuses to rename over a read-only file)
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", 0, fmt.Errorf("document store: rename: %w", err)
	}
	tmp = nil
	if err := os.Chmod(final, 0o400); err != nil {
		return "", 0, fmt.Errorf("document store: %w", err)
	}
	syncDir(filepath.Dir(final))
	return sum, n, nil
}

// syncDir makes a rename durable where the platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// PutBlob stores the content of r in the document store and returns its
// SHA-256 and size. Callers record the document in the database afterwards;
// a blob without a row is harmless (it is stored again identically).
func (s *Store) PutBlob(r io.Reader) (sum string, size int64, err error) {
	return s.dialect().putBlob(s, r)
}

// BlobPath returns the path of the stored file with that SHA-256 (SQLite's
// file store; the shared base keeps no files: read a blob with OpenBlob).
func (s *Store) BlobPath(sum string) string {
	if s.IsShared() {
		return ""
	}
	return blobPath(s.docDir, sum)
}

// OpenBlob returns the stored content with that SHA-256, checked against
// it (evidence must be produced exactly as kept), on either engine.
func (s *Store) OpenBlob(sum string) (io.ReadCloser, error) {
	if len(sum) != 64 {
		return nil, invalid("Empreinte SHA-256 invalide : « %s ».", sum)
	}
	return s.dialect().openBlob(s, sum)
}

// VerifyBlob re-reads a stored file and checks that its content still has
// its SHA-256 (evidence must be produced exactly as kept).
func (s *Store) VerifyBlob(sum string) error {
	return s.dialect().verifyBlob(s, sum)
}

// soundBlob reports whether the stored file at path has the content named
// by sum (and size): a file of that name is never trusted unread, since a
// killed writer or a damaged disk can leave a 0-byte or partial file under
// the final name.
func soundBlob(path, sum string, size int64) bool {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() != size {
		return false
	}
	got, _, err := hashFile(path)
	return err == nil && got == sum
}

// VerifiedBlobPath returns the path of the stored file with that SHA-256
// once it has been read again and found intact: what to hand to a viewer
// or attach as evidence. A missing or altered file is an error.
func (s *Store) VerifiedBlobPath(sum string) (string, error) {
	if err := s.VerifyBlob(sum); err != nil {
		return "", err
	}
	return s.BlobPath(sum), nil
}

// putBlobFast stores a small blob for the demonstration database like
// putBlob (temporary file, sync, rename; an existing file is read again
// before it is trusted), from bytes already in memory.
func putBlobFast(dir string, r io.Reader) (string, int64, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxDocumentSize+1))
	if err != nil {
		return "", 0, err
	}
	h := sha256.Sum256(b)
	sum := hex.EncodeToString(h[:])
	final := blobPath(dir, sum)
	if soundBlob(final, sum, int64(len(b))) {
		return sum, int64(len(b)), nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return "", 0, fmt.Errorf("document store: %w", err)
	}
	os.Chmod(final, 0o600)
	if err := writeFileAtomic(final, b, 0o400); err != nil {
		return "", 0, fmt.Errorf("document store: %w", err)
	}
	return sum, int64(len(b)), nil
}
