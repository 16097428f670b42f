package model_test

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model"
	mt "github.com/orgplan/orgplan/model/modeltest"
	"github.com/orgplan/orgplan/storage"
)

func encode(t *testing.T, o *model.Org) []byte {
	t.Helper()
	b, err := storage.Encode(o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// merged is the merge of base with two edited copies, with its one
// conflict of the kind on the key.
func merged(t *testing.T, ours, theirs []mt.Edit, kind string, k model.RecordKey) (*model.Org, int) {
	t.Helper()
	base := example(t, "st-petersburg-1902")
	o, _ := mustMerge(t, base, side(t, base, ours...), side(t, base, theirs...))
	i := slices.IndexFunc(o.Conflicts, func(c model.Conflict) bool { return c.Kind == kind && c.Key == k })
	if i < 0 {
		t.Fatalf("no %s conflict on %v in %+v", kind, k, o.Conflicts)
	}
	return o, i
}

// TestResolveTakesTheVersion: each kind of conflict, each version taken
// through the history: the plan holds that version, stays valid, loses
// the entry, and undo and redo give back each plan byte for byte.
func TestResolveTakesTheVersion(t *testing.T) {
	t.Parallel()
	post := func(id string) model.RecordKey { return model.RecordKey{Kind: model.RecPost, ID: id} }
	unit := func(id string) model.RecordKey { return model.RecordKey{Kind: model.RecUnit, ID: id} }
	for _, tc := range []struct {
		name         string
		ours, theirs []mt.Edit
		kind         string
		key          model.RecordKey
		take         string
		check        func(*model.Org) bool
	}{
		{"two holders, theirs", []mt.Edit{mt.Holder("p15", "m36")}, []mt.Edit{mt.Holder("p15", "m40")},
			model.ConflictChanged, post("p15"), model.TakeTheirs, func(o *model.Org) bool { return o.Post("p15").Holder == "m40" }},
		{"two holders, base", []mt.Edit{mt.Holder("p15", "m36")}, []mt.Edit{mt.Holder("p15", "m40")},
			model.ConflictChanged, post("p15"), model.TakeBase, func(o *model.Org) bool { return o.Post("p15").Holder == "" }},
		{"vacated and filled, theirs", []mt.Edit{mt.Holder("p9", "")}, []mt.Edit{mt.Holder("p9", "m40")},
			model.ConflictChanged, post("p9"), model.TakeTheirs, func(o *model.Org) bool { return o.Post("p9").Holder == "m40" }},
		{"moved under two parents, theirs", []mt.Edit{mt.Move("u24", "u4")}, []mt.Edit{mt.Move("u24", "u12")},
			model.ConflictChanged, unit("u24"), model.TakeTheirs, func(o *model.Org) bool { return o.Unit("u24").Parent().ID == "u12" }},
		{"deleted and edited, theirs puts it back", []mt.Edit{mt.Op(model.DeleteUnit{ID: "u26"})}, []mt.Edit{mt.Rename("u26", "Passports")},
			model.ConflictDeletedEdited, unit("u26"), model.TakeTheirs, func(o *model.Org) bool { return o.Unit("u26") != nil && o.Unit("u26").Name == "Passports" }},
		{"edited and deleted, theirs deletes it", []mt.Edit{mt.Rename("u26", "Passports")}, []mt.Edit{mt.Op(model.DeleteUnit{ID: "u26"})},
			model.ConflictDeletedEdited, unit("u26"), model.TakeTheirs, func(o *model.Org) bool { return o.Unit("u26") == nil }},
		{"a deleted member made a holder, theirs keeps the member", []mt.Edit{mt.Op(model.DeleteMember{ID: "m40"})}, []mt.Edit{mt.Holder("p15", "m40")},
			model.ConflictDeletedUsed, model.RecordKey{Kind: model.RecMember, ID: "m40"}, model.TakeTheirs,
			func(o *model.Org) bool { return o.Member("m40") != nil }},
		{"the same field, ours", []mt.Edit{mt.Rename("u5", "North")}, []mt.Edit{mt.Rename("u5", "South")},
			model.ConflictChanged, unit("u5"), model.TakeOurs, func(o *model.Org) bool { return o.Unit("u5").Name == "North" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o, i := merged(t, tc.ours, tc.theirs, tc.kind, tc.key)
			before, n := encode(t, o), len(o.Conflicts)
			var h model.History
			if err := h.Do(o, model.Resolve{Index: i, Take: tc.take}); err != nil {
				t.Fatal(err)
			}
			if p := o.Validate(); len(p) > 0 {
				t.Fatalf("not valid after resolving: %v", p[0])
			}
			if !tc.check(o) {
				t.Fatalf("the plan does not hold %s", tc.take)
			}
			if len(o.Conflicts) != n-1 {
				t.Fatalf("%d conflicts left, want %d", len(o.Conflicts), n-1)
			}
			after := encode(t, o)
			if _, _, err := h.Undo(o); err != nil || !bytes.Equal(encode(t, o), before) {
				t.Fatalf("undo does not give back the merged plan (%v)", err)
			}
			if _, _, err := h.Redo(o); err != nil || !bytes.Equal(encode(t, o), after) {
				t.Fatalf("redo does not give back the resolved plan (%v)", err)
			}
		})
	}
}

// TestResolveOursChangesOnlyTheList: ours is in place, so taking it
// leaves every record as it is.
func TestResolveOursChangesOnlyTheList(t *testing.T) {
	t.Parallel()
	o, i := merged(t, []mt.Edit{mt.Holder("p15", "m36")}, []mt.Edit{mt.Holder("p15", "m40")},
		model.ConflictChanged, model.RecordKey{Kind: model.RecPost, ID: "p15"})
	was := o.Clone()
	if _, err := o.Apply(model.Resolve{Index: i, Take: model.TakeOurs}); err != nil {
		t.Fatal(err)
	}
	if d := model.Diff(was, o); len(d) > 0 {
		t.Fatalf("taking ours changed the plan: %+v", d)
	}
}

// TestResolveRefusesWhatBreaksThePlan: a version that would put a unit
// under itself, or name what is gone, changes nothing and says why.
func TestResolveRefusesWhatBreaksThePlan(t *testing.T) {
	t.Parallel()
	o, i := merged(t, []mt.Edit{mt.Move("u5", "u6")}, []mt.Edit{mt.Move("u6", "u5")},
		model.ConflictCycle, model.RecordKey{Kind: model.RecUnit, ID: "u6"})
	before := encode(t, o)
	_, err := o.Apply(model.Resolve{Index: i, Take: model.TakeTheirs})
	if err == nil || !strings.Contains(err.Error(), "under itself") {
		t.Fatalf("err = %v, want one that says the unit would be under itself", err)
	}
	if !bytes.Equal(encode(t, o), before) {
		t.Fatal("a refused resolution changed the plan")
	}

	o, i = merged(t, []mt.Edit{mt.Holder("p15", "m36")}, []mt.Edit{mt.Holder("p15", "m40")},
		model.ConflictChanged, model.RecordKey{Kind: model.RecPost, ID: "p15"})
	if _, err := o.Apply(model.DeleteMember{ID: "m40"}); err != nil {
		t.Fatal(err)
	}
	before = encode(t, o)
	_, err = o.Apply(model.Resolve{Index: i, Take: model.TakeTheirs})
	if err == nil || !strings.Contains(err.Error(), `"m40"`) {
		t.Fatalf("err = %v, want one that names the missing member", err)
	}
	if !bytes.Equal(encode(t, o), before) {
		t.Fatal("a refused resolution changed the plan")
	}
	for _, bad := range []model.Resolve{{Index: len(o.Conflicts), Take: model.TakeOurs}, {Index: i, Take: "mine"}} {
		if _, err := o.Apply(bad); err == nil {
			t.Fatalf("%+v accepted", bad)
		}
	}
}

// TestResolveThenEditsUndoAndRedoExactly: a resolution swaps the whole
// plan; edits made after it change the plan in place. Undoing them all
// and the resolution gives back the merged plan byte for byte, and
// redoing them all the same plan as before the undo.
func TestResolveThenEditsUndoAndRedoExactly(t *testing.T) {
	t.Parallel()
	for seed := range uint64(5) {
		o, i := merged(t, []mt.Edit{mt.Holder("p15", "m36")}, []mt.Edit{mt.Holder("p15", "m40")},
			model.ConflictChanged, model.RecordKey{Kind: model.RecPost, ID: "p15"})
		before := encode(t, o)
		var h model.History
		if err := h.Do(o, model.Resolve{Index: i, Take: model.TakeTheirs}); err != nil {
			t.Fatal(err)
		}
		g := &opGen{r: rand.New(rand.NewPCG(seed, 9)), o: o}
		done := 1
		for range 60 {
			if h.Do(o, g.next()) == nil {
				done++
			}
		}
		after := encode(t, o)
		for range done {
			if _, ok, err := h.Undo(o); !ok || err != nil {
				t.Fatalf("seed %d: undo: %v", seed, err)
			}
		}
		if !bytes.Equal(encode(t, o), before) {
			t.Fatalf("seed %d: undoing everything does not give back the merged plan", seed)
		}
		for range done {
			if _, ok, err := h.Redo(o); !ok || err != nil {
				t.Fatalf("seed %d: redo: %v", seed, err)
			}
		}
		if !bytes.Equal(encode(t, o), after) {
			t.Fatalf("seed %d: redoing everything does not give the same plan", seed)
		}
		if p := o.Validate(); len(p) > 0 {
			t.Fatalf("seed %d: %v", seed, p[0])
		}
	}
}
