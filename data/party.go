package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"amiable/debt"
)

// SaveParty validates and stores a party: created when p.ID is 0, else
// replaced (addresses, e-mails and phones included). The search index and
// the case list of every case the party is in follow.
func (s *Store) SaveParty(ctx context.Context, p debt.Party, author string, now time.Time) (int64, error) {
	p = normalizeParty(p)
	if errs := p.Validate(debt.DateOf(now)); len(errs) > 0 {
		return 0, debt.ValidationError(errs)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		p.ID, err = saveParty(ctx, tx, p, now)
		if err != nil {
			return err
		}
		cases, err := partyCases(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		for _, id := range cases {
			if err := refreshCase(ctx, tx, id); err != nil {
				return err
			}
			if _, err := insertEvent(ctx, tx, debt.Event{CaseID: id, At: now, Author: author, Kind: debt.EventCaseEdited,
				Text: "Coordonnées de « " + p.Name() + " » mises à jour"}); err != nil {
				return err
			}
		}
		return nil
	})
	return p.ID, err
}

func normalizeParty(p debt.Party) debt.Party {
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	for _, f := range []*string{&p.Civility, &p.FirstName, &p.LastName, &p.CompanyName, &p.LegalForm, &p.SIREN} {
		trim(f)
	}
	if p.Type == debt.Company {
		p.Civility, p.FirstName, p.LastName, p.BirthDate = "", "", "", debt.Date{}
	} else {
		p.CompanyName, p.LegalForm, p.SIREN = "", "", ""
	}
	var emails, phones []string
	for _, e := range p.Emails {
		if e = strings.TrimSpace(e); e != "" {
			emails = append(emails, strings.ToLower(e))
		}
	}
	for _, ph := range p.Phones {
		if ph = strings.TrimSpace(ph); ph != "" {
			phones = append(phones, ph)
		}
	}
	p.Emails, p.Phones = emails, phones
	current := -1
	for i := range p.Addresses {
		a := &p.Addresses[i]
		for _, f := range []*string{&a.Complement, &a.Building, &a.Street, &a.Locality, &a.Postcode, &a.Town, &a.Country} {
			trim(f)
		}
		if a.Current && current < 0 {
			current = i
		}
	}
	if current < 0 && len(p.Addresses) > 0 {
		current = 0
	}
	for i := range p.Addresses {
		p.Addresses[i].Current = i == current
	}
	return p
}

// saveParty writes a validated party in tx and returns its ID.
func saveParty(ctx context.Context, tx *sql.Tx, p debt.Party, now time.Time) (int64, error) {
	at := instant(now)
	if p.ID == 0 {
		id, err := insertID(ctx, tx, `INSERT INTO parties (type, legal_kind, civility, first_name, last_name, birth_date,
			company_name, legal_form, siren, name, sort_key, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			string(p.Type), string(p.LegalKind), p.Civility, p.FirstName, p.LastName, p.BirthDate.ISO(),
			p.CompanyName, p.LegalForm, p.SIREN, p.Name(), fold(p.SortName()), at, at)
		if err != nil {
			return 0, fmt.Errorf("insert party: %w", err)
		}
		p.ID = id
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE parties SET type=?, legal_kind=?, civility=?, first_name=?, last_name=?, birth_date=?,
			company_name=?, legal_form=?, siren=?, name=?, sort_key=?, updated_at=? WHERE id=?`,
			string(p.Type), string(p.LegalKind), p.Civility, p.FirstName, p.LastName, p.BirthDate.ISO(),
			p.CompanyName, p.LegalForm, p.SIREN, p.Name(), fold(p.SortName()), at, p.ID)
		if err != nil {
			return 0, fmt.Errorf("update party: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return 0, notFound("Partie introuvable (n° interne %d).", p.ID)
		}
		for _, t := range []string{"addresses", "party_emails", "party_phones"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE party_id = ?", p.ID); err != nil {
				return 0, fmt.Errorf("update party: %w", err)
			}
		}
	}
	for i, a := range p.Addresses {
		if _, err := tx.ExecContext(ctx, `INSERT INTO addresses (party_id, position, complement, building, street, locality, postcode, town, country, current)
			VALUES (?,?,?,?,?,?,?,?,?,?)`, p.ID, i, a.Complement, a.Building, a.Street, a.Locality, a.Postcode, a.Town, a.Country, a.Current); err != nil {
			return 0, fmt.Errorf("insert address: %w", err)
		}
	}
	for i, e := range p.Emails {
		if _, err := tx.ExecContext(ctx, `INSERT INTO party_emails (party_id, position, email) VALUES (?,?,?)`, p.ID, i, e); err != nil {
			return 0, fmt.Errorf("insert email: %w", err)
		}
	}
	for i, ph := range p.Phones {
		if _, err := tx.ExecContext(ctx, `INSERT INTO party_phones (party_id, position, phone) VALUES (?,?,?)`, p.ID, i, ph); err != nil {
			return 0, fmt.Errorf("insert phone: %w", err)
		}
	}
	return p.ID, nil
}

// partyCases returns the cases a party is creditor or debtor in.
func partyCases(ctx context.Context, q queryer, partyID int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM cases WHERE creditor_id = ?1 UNION SELECT case_id FROM case_debtors WHERE party_id = ?1`, partyID)
	if err != nil {
		return nil, fmt.Errorf("party cases: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Party returns a party with its addresses, e-mails and phones.
func (s *Store) Party(ctx context.Context, id int64) (debt.Party, error) {
	var p debt.Party
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = loadParty(ctx, tx, id)
		return err
	})
	return p, err
}

func loadParty(ctx context.Context, q queryer, id int64) (debt.Party, error) {
	var p debt.Party
	var typ, kind, birth string
	err := q.QueryRowContext(ctx, `SELECT id, type, legal_kind, civility, first_name, last_name, birth_date, company_name, legal_form, siren
		FROM parties WHERE id = ?`, id).Scan(&p.ID, &typ, &kind, &p.Civility, &p.FirstName, &p.LastName, &birth, &p.CompanyName, &p.LegalForm, &p.SIREN)
	if errors.Is(err, sql.ErrNoRows) {
		return p, notFound("Partie introuvable (n° interne %d).", id)
	}
	if err != nil {
		return p, fmt.Errorf("load party %d: %w", id, err)
	}
	p.Type, p.LegalKind = debt.PartyType(typ), debt.LegalKind(kind)
	p.BirthDate, _ = debt.ParseDate(birth)
	rows, err := q.QueryContext(ctx, `SELECT id, complement, building, street, locality, postcode, town, country, current
		FROM addresses WHERE party_id = ? ORDER BY position`, id)
	if err != nil {
		return p, fmt.Errorf("load addresses: %w", err)
	}
	for rows.Next() {
		var a debt.Address
		if err := rows.Scan(&a.ID, &a.Complement, &a.Building, &a.Street, &a.Locality, &a.Postcode, &a.Town, &a.Country, &a.Current); err != nil {
			rows.Close()
			return p, err
		}
		p.Addresses = append(p.Addresses, a)
	}
	rows.Close()
	p.Emails, err = stringList(ctx, q, `SELECT email FROM party_emails WHERE party_id = ? ORDER BY position`, id)
	if err != nil {
		return p, err
	}
	p.Phones, err = stringList(ctx, q, `SELECT phone FROM party_phones WHERE party_id = ? ORDER BY position`, id)
	return p, err
}

func stringList(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func partyWhere(q PartyQuery, d *dialect) (string, []any) {
	var conds []string
	var args []any
	if t := fold(q.Text); t != "" {
		conds = append(conds, `(p.sort_key LIKE ?1 ESCAPE '\' OR p.sort_key LIKE ?2 ESCAPE '\' OR p.siren = ?3
			OR EXISTS (SELECT 1 FROM party_emails e WHERE e.party_id = p.id AND e.email LIKE ?1 ESCAPE '\')
			OR EXISTS (SELECT 1 FROM party_phones f WHERE f.party_id = p.id AND replace(replace(f.phone,' ',''),'.','') LIKE ?4 ESCAPE '\')
			OR EXISTS (SELECT 1 FROM addresses a WHERE a.party_id = p.id AND a.current = 1 AND (a.postcode LIKE ?1 ESCAPE '\' OR a.town LIKE ?1 ESCAPE '\')))`)
		esc := likeEscape(t)
		args = append(args, esc+"%", "% "+esc+"%", strings.ReplaceAll(q.Text, " ", ""), likeEscape(strings.NewReplacer(" ", "", ".", "").Replace(q.Text))+"%")
	}
	switch q.Role {
	case RoleCreditor:
		conds = append(conds, "EXISTS (SELECT 1 FROM cases c WHERE c.creditor_id = p.id)")
	case RoleDebtor:
		conds = append(conds, "EXISTS (SELECT 1 FROM case_debtors d WHERE d.party_id = p.id)")
	}
	if len(conds) == 0 {
		return "", args
	}
	return " WHERE " + strings.ReplaceAll(strings.Join(conds, " AND "), " LIKE ", " "+d.like+" "), args
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ListParties returns parties sorted by name, with their current address
// and how many cases they are in.
func (s *Store) ListParties(ctx context.Context, q PartyQuery) ([]PartyRow, error) {
	where, args := partyWhere(q, s.dialect())
	query := `SELECT p.id, p.name, p.type, p.legal_kind,
		  coalesce(a.town, ''), coalesce(a.postcode, ''),
		  coalesce((SELECT email FROM party_emails e WHERE e.party_id = p.id ORDER BY position LIMIT 1), ''),
		  coalesce((SELECT phone FROM party_phones f WHERE f.party_id = p.id ORDER BY position LIMIT 1), ''),
		  (SELECT count(*) FROM cases c WHERE c.creditor_id = p.id),
		  (SELECT count(*) FROM case_debtors d WHERE d.party_id = p.id)
		FROM parties p LEFT JOIN addresses a ON a.party_id = p.id AND a.current = 1` + where +
		` ORDER BY p.sort_key, p.id` + limitClause(q.Limit, q.Offset)
	rows, err := s.ro.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list parties: %w", err)
	}
	defer rows.Close()
	var out []PartyRow
	for rows.Next() {
		var r PartyRow
		var typ, kind string
		if err := rows.Scan(&r.ID, &r.Name, &typ, &kind, &r.Town, &r.Postcode, &r.Email, &r.Phone, &r.AsCreditor, &r.AsDebtor); err != nil {
			return nil, err
		}
		r.Type, r.LegalKind = debt.PartyType(typ), debt.LegalKind(kind)
		out = append(out, r)
	}
	return out, rows.Err()
}

// CountParties counts the parties ListParties would return without limit.
func (s *Store) CountParties(ctx context.Context, q PartyQuery) (int, error) {
	where, args := partyWhere(q, s.dialect())
	var n int
	err := s.ro.QueryRowContext(ctx, "SELECT count(*) FROM parties p"+where, args...).Scan(&n)
	return n, err
}

// PartiesByEmail returns the IDs of the parties that have this e-mail address.
func (s *Store) PartiesByEmail(ctx context.Context, email string) ([]int64, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT DISTINCT party_id FROM party_emails WHERE email = ? COLLATE NOCASE`, strings.TrimSpace(email))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func limitClause(limit, offset int) string {
	if limit <= 0 {
		if offset > 0 {
			return fmt.Sprintf(" LIMIT 9223372036854775807 OFFSET %d", offset) // no limit, on both engines
		}
		return ""
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
}
