package cli

// keptAt says where a stored document is kept, for a message: its file
// beside the desk's SQLite base, or the office's shared base, which keeps
// documents in the base itself (no file path: data.Store.OpenBlob reads
// them, checked).
func keptAt(path string) string {
	if path == "" {
		return "conservé dans la base partagée"
	}
	return path
}
