package model

import (
	"strings"
	"testing"
	"unsafe"
)

// Indexing a plan points its units' kinds and levels, its posts'
// functions and its members' statuses at the catalogues' and the
// constants' own strings (copies, as decoding makes them, are let go);
// Validate, which must change nothing, leaves the copies alone.
func TestIndexingSharesTheCataloguesStrings(t *testing.T) {
	t.Parallel()
	cp := strings.Clone
	build := func() *Org {
		return &Org{
			Functions: []*Function{{ID: "f1", Name: "Agitator"}},
			Kinds:     []*Kind{{ID: "k1", Name: "Circle"}},
			Members:   []*Member{{ID: "m1", Alias: "A", Status: Status(cp("arrested"))}},
			Units: []*Unit{{ID: "u1", Name: "Circle", Kind: cp("k1"), Secrecy: Secrecy(cp("strict")), Affiliation: Affiliation(cp("associated")),
				Posts: []*Post{{ID: "p1", Title: "Agitator", Function: cp("f1"), Holder: "m1"}}}},
		}
	}
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	o := build()
	if probs := o.Reindex(); len(probs) > 0 {
		t.Fatal(probs)
	}
	u, p, m := o.Units[0], o.Units[0].Posts[0], o.Members[0]
	for what, ok := range map[string]bool{
		"kind":        same(u.Kind, o.Kinds[0].ID),
		"secrecy":     same(string(u.Secrecy), string(SecrecyStrict)),
		"affiliation": same(string(u.Affiliation), string(AffiliationAssociated)),
		"function":    same(p.Function, o.Functions[0].ID),
		"status":      same(string(m.Status), string(StatusArrested)),
	} {
		if !ok {
			t.Errorf("the %s is a copy of its own", what)
		}
	}
	kind := cp("k1")
	u.Kind = kind
	if probs := o.Validate(); len(probs) > 0 {
		t.Fatal(probs)
	}
	if !same(u.Kind, kind) {
		t.Error("Validate changed a unit's kind")
	}
}
