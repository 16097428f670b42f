package model_test

import (
	"slices"
	"testing"

	"github.com/orgplan/orgplan/model"
)

// side is a copy of the 1902 plan after some edits, each given as a
// function that makes an op on the copy.
func side(t *testing.T, base *model.Org, edits ...func(o *model.Org) (model.Op, error)) *model.Org {
	t.Helper()
	o := base.Clone()
	for _, e := range edits {
		op, err := e(o)
		if err == nil {
			_, err = o.Apply(op)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return o
}

func op(o model.Op) func(*model.Org) (model.Op, error) {
	return func(*model.Org) (model.Op, error) { return o, nil }
}

func holder(post, member string) func(*model.Org) (model.Op, error) {
	return func(o *model.Org) (model.Op, error) { return o.SetHolder(post, member) }
}

func rename(unit, name string) func(*model.Org) (model.Op, error) {
	return op(model.RenameUnit{ID: unit, Name: name})
}

func move(unit, parent string) func(*model.Org) (model.Op, error) {
	return op(model.MoveUnit{ID: unit, Parent: parent, Index: -1})
}

func addUnit(parent, name string) func(*model.Org) (model.Op, error) {
	return func(o *model.Org) (model.Op, error) {
		return model.AddUnit{Parent: parent, Index: -1, Unit: &model.Unit{ID: o.NewID('u'), Name: name}}, nil
	}
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
	ours := side(t, base, rename("u5", "Vyborg group"), holder("p15", "m36"), addUnit("u3", "Ours' new group"))
	theirs := side(t, base, move("u5", "u4"),
		func(o *model.Org) (model.Op, error) { return o.AddCandidate("p15", "m40", -1) },
		addUnit("u3", "Theirs' new group"))
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
		ours, theirs []func(*model.Org) (model.Op, error)
		kind         string
		key          model.RecordKey
		field        string
		check        func(*model.Org) bool
	}{
		{"two holders", []func(*model.Org) (model.Op, error){holder("p15", "m36")}, []func(*model.Org) (model.Op, error){holder("p15", "m40")},
			model.ConflictChanged, post("p15"), "holder", func(o *model.Org) bool { return o.Post("p15").Holder == "m36" }},
		{"vacated and filled", []func(*model.Org) (model.Op, error){holder("p9", "")}, []func(*model.Org) (model.Op, error){holder("p9", "m40")},
			model.ConflictChanged, post("p9"), "holder", func(o *model.Org) bool { return o.Post("p9").Holder == "" }},
		{"moved under two parents", []func(*model.Org) (model.Op, error){move("u24", "u4")}, []func(*model.Org) (model.Op, error){move("u24", "u12")},
			model.ConflictChanged, unit("u24"), "parent", func(o *model.Org) bool { return o.Unit("u24").Parent().ID == "u4" }},
		{"two moves make a cycle", []func(*model.Org) (model.Op, error){move("u5", "u6")}, []func(*model.Org) (model.Op, error){move("u6", "u5")},
			model.ConflictCycle, unit("u6"), "parent", func(o *model.Org) bool { return o.Unit("u5").Parent().ID == "u6" && o.Unit("u6").Parent().ID == "u3" }},
		{"deleted and edited", []func(*model.Org) (model.Op, error){op(model.DeleteUnit{ID: "u26"})}, []func(*model.Org) (model.Op, error){rename("u26", "Passports")},
			model.ConflictDeletedEdited, unit("u26"), "", func(o *model.Org) bool { return o.Unit("u26") == nil }},
		{"edited and deleted", []func(*model.Org) (model.Op, error){rename("u26", "Passports")}, []func(*model.Org) (model.Op, error){op(model.DeleteUnit{ID: "u26"})},
			model.ConflictDeletedEdited, unit("u26"), "", func(o *model.Org) bool { return o.Unit("u26").Name == "Passports" }},
		{"a parent deleted while a child moves into it", []func(*model.Org) (model.Op, error){move("u24", "u26")}, []func(*model.Org) (model.Op, error){op(model.DeleteUnit{ID: "u26"})},
			model.ConflictDeletedUsed, unit("u26"), "", func(o *model.Org) bool { return o.Unit("u24").Parent().ID == "u26" }},
		{"a child moves into a parent ours deleted", []func(*model.Org) (model.Op, error){op(model.DeleteUnit{ID: "u26"})}, []func(*model.Org) (model.Op, error){move("u24", "u26")},
			model.ConflictDeletedUsed, unit("u26"), "", func(o *model.Org) bool { return o.Unit("u26") == nil && o.Unit("u24").Parent().ID == "u3" }},
		{"a deleted member made a holder", []func(*model.Org) (model.Op, error){op(model.DeleteMember{ID: "m40"})}, []func(*model.Org) (model.Op, error){holder("p15", "m40")},
			model.ConflictDeletedUsed, member, "", func(o *model.Org) bool { return o.Member("m40") == nil && o.Post("p15").Holder == "" }},
		{"the same field, two changes", []func(*model.Org) (model.Op, error){rename("u5", "North")}, []func(*model.Org) (model.Op, error){rename("u5", "South")},
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
