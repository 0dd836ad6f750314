package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A single desk moves to the shared office base with MigrateTo: every table
// of its SQLite file is copied into an empty PostgreSQL base, in id (rowid)
// order and in chunks; each chunk is written in one transaction of the
// target together with how far its table got (the amiable_migration table
// of the target), so that a move cut off anywhere starts again where it
// stopped, with nothing copied twice. The documents beside the file go to
// the blobs table, checked against their SHA-256 on the way. At the end
// the identities restart after the highest ids, and the move is verified:
// the same number of rows in every table, every document present in the
// target under its hash.

// MigrateOptions tunes a move.
type MigrateOptions struct {
	// ChunkRows is the number of rows copied per transaction (500 when 0).
	ChunkRows int
	// Progress is called after each chunk with the table (or "documents")
	// and the rows copied out of its total; may be nil.
	Progress func(table string, done, total int64)
}

// MigratedTable is one table's count after a move, equal on both sides.
type MigratedTable struct {
	Name string
	Rows int64
}

// MigrateReport is what a complete move copied and verified.
type MigrateReport struct {
	Tables    []MigratedTable
	Documents int64 // distinct documents copied to the blobs table
	Bytes     int64
	Resumed   bool // the move went on from an earlier, interrupted one
}

// migrateSkip are the tables a move does not copy: the target's own schema
// identity and bookkeeping, the documents (copied from the files), and the
// search words, which the shared base's triggers rebuild from the rows.
var migrateSkip = map[string]bool{
	"amiable_meta": true, "amiable_migration": true, "blobs": true, "generation": true,
	"case_words": true, "case_words_pending": true, "pending_words": true, "case_words_keys": true,
}

const (
	migrateDone   = "*termine*" // the move is complete and verified
	migrateOrigin = "*source*"  // the source's generation and journal length
)

// MigrateTo copies the single-desk store s into dst, the office's shared
// base, which must be empty (or hold an unfinished move from s).
func (s *Store) MigrateTo(ctx context.Context, dst *Store, opt MigrateOptions) (MigrateReport, error) {
	var rep MigrateReport
	if s.IsShared() {
		return rep, invalid("La base à migrer doit être celle d'un poste (un fichier), pas une base partagée.")
	}
	if !dst.IsShared() {
		return rep, invalid("La destination doit être la base partagée de l'étude (postgres://…).")
	}
	if opt.ChunkRows <= 0 {
		opt.ChunkRows = 500
	}
	resumed, err := migrateStart(ctx, s, dst)
	if err != nil {
		return rep, err
	}
	rep.Resumed = resumed
	tables, err := migrateTables(ctx, s, dst)
	if err != nil {
		return rep, err
	}
	// One snapshot of the source for the whole move: the desk's file does
	// not change under it (the store holds its lock).
	src, err := s.ro.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rep, err
	}
	defer src.Rollback()
	for _, t := range tables {
		if err := migrateTable(ctx, src, dst, t, opt); err != nil {
			return rep, fmt.Errorf("migrate %s: %w", t.name, err)
		}
	}
	if rep.Documents, rep.Bytes, err = migrateBlobs(ctx, s, src, dst, opt); err != nil {
		return rep, fmt.Errorf("migrate documents: %w", err)
	}
	if err := migrateFinish(ctx, src, dst, tables); err != nil {
		return rep, err
	}
	if rep.Tables, err = migrateVerify(ctx, src, dst, tables); err != nil {
		return rep, err
	}
	return rep, nil
}

// migrateStart creates the progress table of the target, or finds the
// move under way; a target that holds anything else is refused.
func migrateStart(ctx context.Context, s, dst *Store) (resumed bool, err error) {
	// The source's identity: its write generation and journal length, so
	// that a move under way is only resumed from the same, unchanged file.
	var gen, events int64
	if err := s.ro.QueryRowContext(ctx, "SELECT (SELECT n FROM generation), (SELECT count(*) FROM events)").Scan(&gen, &events); err != nil {
		return false, fmt.Errorf("migrate: source: %w", err)
	}
	var exists bool
	if err := dst.rw.QueryRowContext(ctx, "SELECT to_regclass('amiable_migration') IS NOT NULL").Scan(&exists); err != nil {
		return false, err
	}
	if exists {
		var done int
		if err := dst.rw.QueryRowContext(ctx, "SELECT count(*) FROM amiable_migration WHERE tbl = ?", migrateDone).Scan(&done); err != nil {
			return false, err
		}
		if done > 0 {
			return false, conflict("La base partagée %s a déjà reçu une migration complète : elle n'est pas vide.", redactURL(dst.path))
		}
		g, n, err := migrateProgress(ctx, dst.rw, migrateOrigin)
		if err != nil {
			return false, err
		}
		if g != gen || n != events {
			return false, conflict("La base partagée %s a reçu une partie d'une autre base, ou de cette base avant d'autres modifications : reprenez la migration depuis une base neuve.", redactURL(dst.path))
		}
		return true, nil
	}
	for _, t := range []string{"cases", "parties", "events", "documents", "mails", "letters", "payments", "plans", "blobs", "interruptions"} {
		var n int64
		if err := dst.rw.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return false, fmt.Errorf("migrate: count %s: %w", t, err)
		}
		if n > 0 {
			return false, conflict("La base partagée %s n'est pas vide (%d lignes dans %s) : la migration se fait vers une base neuve.", redactURL(dst.path), n, t)
		}
	}
	tx, err := dst.rw.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE amiable_migration (
		tbl    text COLLATE "C" PRIMARY KEY,
		cursor bigint NOT NULL, -- the last source rowid copied, or the rows copied (tables without rowid)
		rows   bigint NOT NULL
	)`); err != nil {
		return false, err
	}
	if err := saveMigrateProgress(ctx, tx, migrateOrigin, gen, events); err != nil {
		return false, err
	}
	return false, tx.Commit()
}

// migrateTableInfo is a table both engines have, with the columns they share.
type migrateTableInfo struct {
	name    string
	cols    []string
	bytea   map[string]bool // PostgreSQL bytea columns (the others get text or numbers)
	rowid   bool            // the SQLite table has a rowid to page on
	orderBy string          // the order of a table without rowid
}

// migrateTables lists the tables to copy, parents before children (the
// target's foreign keys).
func migrateTables(ctx context.Context, s, dst *Store) ([]migrateTableInfo, error) {
	rows, err := dst.rw.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		if !migrateSkip[n] {
			names = append(names, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	parents := map[string][]string{}
	fk, err := dst.rw.QueryContext(ctx, `SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint
		WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`)
	if err != nil {
		return nil, err
	}
	for fk.Next() {
		var child, parent string
		if err := fk.Scan(&child, &parent); err != nil {
			fk.Close()
			return nil, err
		}
		if child != parent {
			parents[child] = append(parents[child], parent)
		}
	}
	fk.Close()
	var order []string
	seen := map[string]bool{}
	var visit func(n string)
	visit = func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		for _, p := range parents[n] {
			visit(p)
		}
		if slices.Contains(names, n) {
			order = append(order, n)
		}
	}
	for _, n := range names {
		visit(n)
	}
	var out []migrateTableInfo
	for _, n := range order {
		t, ok, err := migrateColumns(ctx, s, dst, n)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// migrateColumns finds the columns of table n on both sides (ok false when
// the desk's file has no such table).
func migrateColumns(ctx context.Context, s, dst *Store, n string) (migrateTableInfo, bool, error) {
	t := migrateTableInfo{name: n, bytea: map[string]bool{}}
	var sqlText sql.NullString
	err := s.ro.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", n).Scan(&sqlText)
	if errors.Is(err, sql.ErrNoRows) {
		return t, false, nil
	} else if err != nil {
		return t, false, err
	}
	upper := strings.ToUpper(sqlText.String)
	virtual := strings.HasPrefix(upper, "CREATE VIRTUAL TABLE")
	t.rowid = !strings.Contains(upper, "WITHOUT ROWID")
	have := map[string]bool{}
	var pk []string
	if virtual { // an FTS5 table: its columns, and the rowid kept as a column
		have["rowid"] = true
	}
	rows, err := s.ro.QueryContext(ctx, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", n)
	if err != nil {
		return t, false, err
	}
	for rows.Next() {
		var c string
		var p int
		if err := rows.Scan(&c, &p); err != nil {
			rows.Close()
			return t, false, err
		}
		have[c] = true
		if p > 0 {
			pk = append(pk, c)
		}
	}
	rows.Close()
	if len(pk) == 0 {
		pk = []string{"rowid"}
	}
	t.orderBy = strings.Join(pk, ", ")
	cols, err := dst.rw.QueryContext(ctx, `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position`, n)
	if err != nil {
		return t, false, err
	}
	defer cols.Close()
	for cols.Next() {
		var c, typ string
		if err := cols.Scan(&c, &typ); err != nil {
			return t, false, err
		}
		if have[c] {
			t.cols = append(t.cols, c)
			t.bytea[c] = typ == "bytea"
		}
	}
	return t, len(t.cols) > 0, cols.Err()
}

// migrateProgress returns how far table t got.
func migrateProgress(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, tbl string) (cursor, rows int64, err error) {
	err = q.QueryRowContext(ctx, "SELECT cursor, rows FROM amiable_migration WHERE tbl = ?", tbl).Scan(&cursor, &rows)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	return cursor, rows, err
}

func saveMigrateProgress(ctx context.Context, tx *sql.Tx, tbl string, cursor, rows int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO amiable_migration (tbl, cursor, rows) VALUES (?, ?, ?)
		ON CONFLICT (tbl) DO UPDATE SET cursor = excluded.cursor, rows = excluded.rows`, tbl, cursor, rows)
	return err
}

// migrateTable copies the rows of t after those already copied.
func migrateTable(ctx context.Context, src *sql.Tx, dst *Store, t migrateTableInfo, opt MigrateOptions) error {
	var total int64
	if err := src.QueryRowContext(ctx, "SELECT count(*) FROM "+t.name).Scan(&total); err != nil {
		return err
	}
	cursor, copied, err := migrateProgress(ctx, dst.rw, t.name)
	if err != nil {
		return err
	}
	chunk := max(1, min(opt.ChunkRows, 60000/len(t.cols)))
	quoted := make([]string, len(t.cols))
	for i, c := range t.cols {
		quoted[i] = `"` + c + `"`
	}
	for copied < total {
		if err := ctx.Err(); err != nil {
			return err
		}
		var q string
		var args []any
		if t.rowid {
			q = "SELECT rowid, " + strings.Join(quoted, ", ") + " FROM " + t.name + " WHERE rowid > ? ORDER BY rowid LIMIT ?"
			args = []any{cursor, chunk}
		} else {
			q = "SELECT 0, " + strings.Join(quoted, ", ") + " FROM " + t.name + " ORDER BY " + t.orderBy + " LIMIT ? OFFSET ?"
			args = []any{chunk, copied}
		}
		vals, last, n, err := migrateRead(ctx, src, q, args, t)
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
		if !t.rowid {
			last = copied + int64(n)
		}
		tx, err := dst.rw.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		row := "(" + strings.Repeat("?, ", len(t.cols)-1) + "?)"
		ins := "INSERT INTO " + t.name + " (" + strings.Join(quoted, ", ") + ") VALUES " +
			strings.Repeat(row+", ", n-1) + row + " ON CONFLICT DO NOTHING"
		if _, err := tx.ExecContext(ctx, ins, vals...); err != nil {
			tx.Rollback()
			return err
		}
		if err := saveMigrateProgress(ctx, tx, t.name, last, copied+int64(n)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		cursor, copied = last, copied+int64(n)
		if opt.Progress != nil {
			opt.Progress(t.name, copied, total)
		}
	}
	return nil
}

// migrateRead reads one chunk of the source: the values in column order,
// the last rowid and the number of rows.
func migrateRead(ctx context.Context, src *sql.Tx, q string, args []any, t migrateTableInfo) ([]any, int64, int, error) {
	rows, err := src.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, 0, err
	}
	defer rows.Close()
	var vals []any
	var last int64
	n := 0
	for rows.Next() {
		dest := make([]any, len(t.cols)+1)
		ptrs := make([]any, len(dest))
		for i := range dest {
			ptrs[i] = &dest[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, 0, 0, err
		}
		last, _ = dest[0].(int64)
		for i, c := range t.cols {
			v := dest[i+1]
			if b, ok := v.([]byte); ok && !t.bytea[c] {
				v = string(b)
			}
			vals = append(vals, v)
		}
		n++
	}
	return vals, last, n, rows.Err()
}

// migrateBlobs copies the documents named by the documents table, in id
// order, each read from the desk's folder and checked against its hash.
func migrateBlobs(ctx context.Context, s *Store, src *sql.Tx, dst *Store, opt MigrateOptions) (n, size int64, err error) {
	var total int64
	if err := src.QueryRowContext(ctx, "SELECT count(*) FROM documents").Scan(&total); err != nil {
		return 0, 0, err
	}
	cursor, done, err := migrateProgress(ctx, dst.rw, "documents/blobs")
	if err != nil {
		return 0, 0, err
	}
	chunk := max(1, min(opt.ChunkRows, 100))
	for done < total {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		rows, err := src.QueryContext(ctx, "SELECT id, sha256 FROM documents WHERE id > ? ORDER BY id LIMIT ?", cursor, chunk)
		if err != nil {
			return 0, 0, err
		}
		type doc struct {
			id  int64
			sum string
		}
		var docs []doc
		for rows.Next() {
			var d doc
			if err := rows.Scan(&d.id, &d.sum); err != nil {
				rows.Close()
				return 0, 0, err
			}
			docs = append(docs, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, 0, err
		}
		if len(docs) == 0 {
			break
		}
		tx, err := dst.rw.BeginTx(ctx, nil)
		if err != nil {
			return 0, 0, err
		}
		for _, d := range docs {
			b, err := migrateBlob(s, d.sum)
			if err != nil {
				tx.Rollback()
				return 0, 0, err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO blobs (sha256, size, content) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
				d.sum, int64(len(b)), b); err != nil {
				tx.Rollback()
				return 0, 0, err
			}
		}
		last := docs[len(docs)-1].id
		if err := saveMigrateProgress(ctx, tx, "documents/blobs", last, done+int64(len(docs))); err != nil {
			tx.Rollback()
			return 0, 0, err
		}
		if err := tx.Commit(); err != nil {
			return 0, 0, err
		}
		cursor, done = last, done+int64(len(docs))
		if opt.Progress != nil {
			opt.Progress("documents", done, total)
		}
	}
	err = dst.rw.QueryRowContext(ctx, "SELECT count(*), coalesce(sum(size), 0) FROM blobs").Scan(&n, &size)
	return n, size, err
}

// migrateBlob reads a stored document whole, checked against its hash.
func migrateBlob(s *Store, sum string) ([]byte, error) {
	r, err := s.OpenBlob(sum)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// migrateFinish restarts each identity after the highest id copied and
// carries the write generation over.
func migrateFinish(ctx context.Context, src *sql.Tx, dst *Store, tables []migrateTableInfo) error {
	for _, t := range tables {
		var seq sql.NullString
		if err := dst.rw.QueryRowContext(ctx, "SELECT pg_get_serial_sequence(?, 'id')", t.name).Scan(&seq); err != nil {
			continue // no id column
		}
		if !seq.Valid {
			continue
		}
		if _, err := dst.rw.ExecContext(ctx, "SELECT setval(?, (SELECT coalesce(max(id), 0) + 1 FROM "+t.name+"), false)", seq.String); err != nil {
			return fmt.Errorf("migrate: identity of %s: %w", t.name, err)
		}
	}
	var gen int64
	if err := src.QueryRowContext(ctx, "SELECT n FROM generation").Scan(&gen); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("migrate: generation: %w", err)
	}
	_, err := dst.rw.ExecContext(ctx, "UPDATE generation SET n = greatest(n, ?)", gen)
	return err
}

// migrateVerify compares every table's count and checks every document of
// the target against its hash; it then marks the move complete.
func migrateVerify(ctx context.Context, src *sql.Tx, dst *Store, tables []migrateTableInfo) ([]MigratedTable, error) {
	var out []MigratedTable
	var diffs []string
	for _, t := range tables {
		var a, b int64
		if err := src.QueryRowContext(ctx, "SELECT count(*) FROM "+t.name).Scan(&a); err != nil {
			return nil, err
		}
		if err := dst.rw.QueryRowContext(ctx, "SELECT count(*) FROM "+t.name).Scan(&b); err != nil {
			return nil, err
		}
		if a != b {
			diffs = append(diffs, fmt.Sprintf("%s : %d lignes sur le poste, %d dans la base partagée", t.name, a, b))
		}
		out = append(out, MigratedTable{Name: t.name, Rows: b})
	}
	var missing, altered int64
	if err := dst.rw.QueryRowContext(ctx, `SELECT count(DISTINCT d.sha256) FROM documents d LEFT JOIN blobs b ON b.sha256 = d.sha256
		WHERE b.sha256 IS NULL`).Scan(&missing); err != nil {
		return nil, err
	}
	if err := dst.rw.QueryRowContext(ctx, "SELECT count(*) FROM blobs WHERE encode(sha256(content), 'hex') <> sha256 OR octet_length(content) <> size").Scan(&altered); err != nil {
		return nil, err
	}
	if missing > 0 {
		diffs = append(diffs, fmt.Sprintf("%d document(s) absent(s) de la base partagée", missing))
	}
	if altered > 0 {
		diffs = append(diffs, fmt.Sprintf("%d document(s) dont l'empreinte ne correspond pas", altered))
	}
	if len(diffs) > 0 {
		return nil, &Error{Code: EINTERNAL, Message: "La migration ne se vérifie pas : " + strings.Join(diffs, " ; ") + "."}
	}
	tx, err := dst.rw.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := saveMigrateProgress(ctx, tx, migrateDone, 0, 0); err != nil {
		return nil, err
	}
	return out, tx.Commit()
}
