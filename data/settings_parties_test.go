package data

import (
	"context"
	"slices"
	"testing"

	"amiable/debt"
)

func TestSettingsAndOfficeOnBothEngines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var v struct{ Days int }
		if ok, err := s.Setting(ctx, "relance", &v); ok || err != nil {
			t.Fatalf("Setting(never saved) = %v, %v; want false, nil", ok, err)
		}
		for _, days := range []int{8, 15} {
			if err := s.SaveSetting(ctx, "relance", struct{ Days int }{days}, "délai de relance", "test", t0); err != nil {
				t.Fatal(err)
			}
		}
		if ok, err := s.Setting(ctx, "relance", &v); !ok || err != nil || v.Days != 15 {
			t.Fatalf("Setting = %+v, %v, %v; want 15 (the last saved)", v, ok, err)
		}
		o := debt.Office{Name: "Étude Lefèvre", Address: debt.Address{Street: "1 rue Nationale", Postcode: "59000", Town: "Lille"}, Town: "Lille"}
		if err := s.SaveOffice(ctx, o, "test", t0); err != nil {
			t.Fatalf("SaveOffice: %v", err)
		}
		got, err := s.Office(ctx)
		if err != nil || got.Name != o.Name || got.Town != "Lille" {
			t.Fatalf("Office = %+v, %v", got, err)
		}
		evs, err := s.OfficeEvents(ctx, 10)
		if err != nil || len(evs) != 3 {
			t.Fatalf("OfficeEvents = %d, %v; want 3 settings entries", len(evs), err)
		}
	})
}

func TestPartiesListSearchAndEmailOnBothEngines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a, err := s.SaveParty(ctx, person("Martin", "Claire", "Claire.Martin@Exemple.fr"), "test", t0)
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.SaveParty(ctx, company("Les Tilleuls"), "test", t0)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.ListParties(ctx, PartyQuery{})
		if err != nil || len(rows) != 2 || rows[0].ID != b || rows[1].ID != a || rows[1].Email != "claire.martin@exemple.fr" || rows[1].Town != "Lille" {
			t.Fatalf("ListParties = %+v, %v; want Les Tilleuls then Martin", rows, err)
		}
		for _, tc := range []struct {
			text string
			want []int64
		}{{"mart", []int64{a}}, {"tilleuls", []int64{b}}, {"claire.martin", []int64{a}}, {"LILLE", []int64{b, a}}, {"0612", []int64{a}}, {"732829320", []int64{b}}, {"x%", nil}} {
			rows, err := s.ListParties(ctx, PartyQuery{Text: tc.text})
			var ids []int64
			for _, r := range rows {
				ids = append(ids, r.ID)
			}
			if err != nil || !slices.Equal(ids, tc.want) {
				t.Errorf("ListParties(%q) = %v, %v; want %v", tc.text, ids, err, tc.want)
			}
			if n, err := s.CountParties(ctx, PartyQuery{Text: tc.text}); err != nil || n != len(tc.want) {
				t.Errorf("CountParties(%q) = %d, %v; want %d", tc.text, n, err, len(tc.want))
			}
		}
		if rows, _ := s.ListParties(ctx, PartyQuery{Limit: 1, Offset: 1}); len(rows) != 1 || rows[0].ID != a {
			t.Errorf("ListParties(limit 1, offset 1) = %+v; want Martin", rows)
		}
		if rows, _ := s.ListParties(ctx, PartyQuery{Offset: 1}); len(rows) != 1 || rows[0].ID != a {
			t.Errorf("ListParties(offset 1) = %+v; want Martin", rows)
		}
		ids, err := s.PartiesByEmail(ctx, "claire.martin@exemple.FR")
		if err != nil || !slices.Equal(ids, []int64{a}) {
			t.Errorf("PartiesByEmail = %v, %v; want [%d] (case ignored)", ids, err, a)
		}
		p, err := s.Party(ctx, a)
		if err != nil || p.LastName != "Martin" || len(p.Phones) != 1 || len(p.Addresses) != 1 {
			t.Fatalf("Party = %+v, %v", p, err)
		}
		p.Addresses[0].Town = "Roubaix"
		p.Addresses[0].Postcode = "59100"
		if _, err := s.SaveParty(ctx, p, "test", t0); err != nil {
			t.Fatal(err)
		}
		if p, _ = s.Party(ctx, a); p.Addresses[0].Town != "Roubaix" {
			t.Errorf("after the update Party = %+v", p.Addresses)
		}
	})
}
