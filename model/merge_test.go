package model_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
	mt "github.com/orgplan/orgplan/model/modeltest"
	"github.com/orgplan/orgplan/model/synth"
)

// side is a copy of base after some edits.
func side(t *testing.T, base *model.Org, edits ...mt.Edit) *model.Org {
	t.Helper()
	o := base.Clone()
	if err := mt.Apply(o, edits...); err != nil {
		t.Fatal(err)
	}
	return o
}

func conflictOn(cs []model.Conflict, kind string, k model.RecordKey, field string) bool {
	return slices.ContainsFunc(cs, func(c model.Conflict) bool { return c.Kind == kind && c.Key == k && c.Field == field })
}

// TestIndependentChangesMerge: a rename on one side and a move on the
// other; a post filled on one side and a candidate added on the other;
// new units on both sides under the same next id: all taken, no conflict.
func TestIndependentChangesMerge(t *testing.T) {
	t.Parallel()
	base := example(t, "st-petersburg-1902")
	ours := side(t, base, mt.Rename("u5", "Vyborg group"), mt.Holder("p15", "m36"), mt.AddUnit("u3", "Ours' new group"))
	theirs := side(t, base, mt.Move("u5", "u4"),
		mt.Candidate("p15", "m40"),
		mt.AddUnit("u3", "Theirs' new group"))
	got, cs := mustMerge(t, base, ours, theirs)
	if len(cs) > 0 {
		t.Fatalf("conflicts: %+v", cs)
	}
	u := got.Unit("u5")
	if u.Name != "Vyborg group" || u.Parent() == nil || u.Parent().ID != "u4" {
		t.Fatalf("u5: %q under %v", u.Name, u.Parent())
	}
	if p := got.Post("p15"); p.Holder != "m36" || !slices.Equal(p.Candidates, []string{"m40"}) {
		t.Fatalf("p15: holder %q candidates %v", p.Holder, p.Candidates)
	}
	var added []string
	for _, c := range got.Unit("u3").Units {
		if c.Name == "Ours' new group" || c.Name == "Theirs' new group" {
			added = append(added, c.ID+" "+c.Name)
		}
	}
	if len(added) != 2 || added[0][:4] == added[1][:4] {
		t.Fatalf("both new units should be there with their own ids: %v", added)
	}
}

// TestConflictsKeepOursAndAreListed: each kind of conflict, with the
// merged plan valid and ours in place.
func TestConflictsKeepOursAndAreListed(t *testing.T) {
	t.Parallel()
	base := example(t, "st-petersburg-1902")
	post := func(id string) model.RecordKey { return model.RecordKey{Kind: model.RecPost, ID: id} }
	unit := func(id string) model.RecordKey { return model.RecordKey{Kind: model.RecUnit, ID: id} }
	member := model.RecordKey{Kind: model.RecMember, ID: "m40"}
	for _, tc := range []struct {
		name         string
		ours, theirs []mt.Edit
		kind         string
		key          model.RecordKey
		field        string
		check        func(*model.Org) bool
	}{
		{"two holders", []mt.Edit{mt.Holder("p15", "m36")}, []mt.Edit{mt.Holder("p15", "m40")},
			model.ConflictChanged, post("p15"), "holder", func(o *model.Org) bool { return o.Post("p15").Holder == "m36" }},
		{"vacated and filled", []mt.Edit{mt.Holder("p9", "")}, []mt.Edit{mt.Holder("p9", "m40")},
			model.ConflictChanged, post("p9"), "holder", func(o *model.Org) bool { return o.Post("p9").Holder == "" }},
		{"moved under two parents", []mt.Edit{mt.Move("u24", "u4")}, []mt.Edit{mt.Move("u24", "u12")},
			model.ConflictChanged, unit("u24"), "parent", func(o *model.Org) bool { return o.Unit("u24").Parent().ID == "u4" }},
		{"two moves make a cycle", []mt.Edit{mt.Move("u5", "u6")}, []mt.Edit{mt.Move("u6", "u5")},
			model.ConflictCycle, unit("u6"), "parent", func(o *model.Org) bool { return o.Unit("u5").Parent().ID == "u6" && o.Unit("u6").Parent().ID == "u3" }},
		{"deleted and edited", []mt.Edit{mt.Op(model.DeleteUnit{ID: "u26"})}, []mt.Edit{mt.Rename("u26", "Passports")},
			model.ConflictDeletedEdited, unit("u26"), "", func(o *model.Org) bool { return o.Unit("u26") == nil }},
		{"edited and deleted", []mt.Edit{mt.Rename("u26", "Passports")}, []mt.Edit{mt.Op(model.DeleteUnit{ID: "u26"})},
			model.ConflictDeletedEdited, unit("u26"), "", func(o *model.Org) bool { return o.Unit("u26").Name == "Passports" }},
		{"a parent deleted while a child moves into it", []mt.Edit{mt.Move("u24", "u26")}, []mt.Edit{mt.Op(model.DeleteUnit{ID: "u26"})},
			model.ConflictDeletedUsed, unit("u26"), "", func(o *model.Org) bool { return o.Unit("u24").Parent().ID == "u26" }},
		{"a child moves into a parent ours deleted", []mt.Edit{mt.Op(model.DeleteUnit{ID: "u26"})}, []mt.Edit{mt.Move("u24", "u26")},
			model.ConflictDeletedUsed, unit("u26"), "", func(o *model.Org) bool { return o.Unit("u26") == nil && o.Unit("u24").Parent().ID == "u3" }},
		{"a deleted member made a holder", []mt.Edit{mt.Op(model.DeleteMember{ID: "m40"})}, []mt.Edit{mt.Holder("p15", "m40")},
			model.ConflictDeletedUsed, member, "", func(o *model.Org) bool { return o.Member("m40") == nil && o.Post("p15").Holder == "" }},
		{"the same field, two changes", []mt.Edit{mt.Rename("u5", "North")}, []mt.Edit{mt.Rename("u5", "South")},
			model.ConflictChanged, unit("u5"), "name", func(o *model.Org) bool { return o.Unit("u5").Name == "North" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, cs := mustMerge(t, base, side(t, base, tc.ours...), side(t, base, tc.theirs...))
			if !conflictOn(cs, tc.kind, tc.key, tc.field) {
				t.Fatalf("no %s conflict on %v %q in %+v", tc.kind, tc.key, tc.field, cs)
			}
			if !tc.check(got) {
				t.Fatal("the merged plan does not keep ours")
			}
			if len(got.Conflicts) != len(cs) {
				t.Fatalf("the plan lists %d conflicts, the merge found %d", len(got.Conflicts), len(cs))
			}
		})
	}
}

// TestMergeIsTheSameEveryTime: conflicts are found walking maps; the
// merged file must not depend on the walk.
func TestMergeIsTheSameEveryTime(t *testing.T) {
	t.Parallel()
	base := example(t, "st-petersburg-1902")
	ours := side(t, base, mt.Holder("p15", "m36"), mt.Rename("u5", "North"), mt.Rename("u26", "Passports"), mt.Move("u24", "u4"))
	theirs := side(t, base, mt.Holder("p15", "m40"), mt.Rename("u5", "South"), mt.Op(model.DeleteUnit{ID: "u26"}), mt.Move("u24", "u12"))
	first, _ := mustMerge(t, base, ours, theirs)
	want := encode(t, first)
	for range 20 {
		o, _ := mustMerge(t, base, ours, theirs)
		if got := encode(t, o); !bytes.Equal(got, want) {
			t.Fatalf("two merges of the same plans differ:\n%s\n---\n%s", want, got)
		}
	}
}

// TestCheckAllIsTheCheckersOwn: the findings CheckAll keeps in short,
// and yields with their ids and paths filled in, are the checker's own,
// in order and counted by severity, for plans with and without a
// merge's conflicts.
func TestCheckAllIsTheCheckersOwn(t *testing.T) {
	t.Parallel()
	base := example(t, "st-petersburg-1902")
	ours := side(t, base, mt.Holder("p15", "m36"), mt.Rename("u5", "North"), mt.Op(model.DeleteMember{ID: "m40"}), mt.Move("u24", "u4"))
	theirs := side(t, base, mt.Holder("p15", "m40"), mt.Rename("u5", "South"), mt.Op(model.DeleteUnit{ID: "u26"}), mt.Move("u24", "u12"))
	merged, cs := mustMerge(t, base, ours, theirs)
	if len(cs) < 3 {
		t.Fatalf("only %d conflicts", len(cs))
	}
	day := time.Date(1902, 12, 1, 0, 0, 0, 0, time.UTC)
	for name, o := range map[string]*model.Org{"merged": merged, "1902": base, "tenants": example(t, "tenant-association"),
		"synthetic": synth.Generate(synth.Options{Units: 2000, Seed: 5})} {
		want := model.EagerFindings(o, day)
		fs := model.CheckAll(o, day)
		got := slices.Collect(fs.All())
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d findings, the checker %d; first apart: %v", name, len(got), len(want), firstApart(got, want))
		}
		var errs, warns int
		for _, f := range want {
			if f.Severity == model.SevError {
				errs++
			} else {
				warns++
			}
		}
		if e, w := fs.Count(); e != errs || w != warns || fs.Len() != len(want) {
			t.Errorf("%s: counted %d errors and %d warnings of %d, the checker's are %d and %d", name, e, w, fs.Len(), errs, warns)
		}
		// AllPaths is All with the path in a buffer of its own.
		var worded []model.Finding
		for f, path := range fs.AllPaths() {
			if f.Path != "" {
				t.Fatalf("%s: AllPaths left a Path: %+v", name, f)
			}
			f.Path = string(path)
			worded = append(worded, f)
		}
		if !slices.Equal(worded, want) {
			t.Errorf("%s: AllPaths: %d findings, the checker %d; first apart: %v", name, len(worded), len(want), firstApart(worded, want))
		}
	}
}

func firstApart(a, b []model.Finding) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("%+v against %+v", a[i], b[i])
		}
	}
	return "one is longer"
}
