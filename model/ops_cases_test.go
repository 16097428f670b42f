package model_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model"
)

// small builds: u1 { u2 { u3 } }, u4; posts p1 (u2, held by m1, candidate m2)
// and p2 (u4, vacant).
func small(t *testing.T) *model.Org {
	t.Helper()
	o := &model.Org{
		Name:      "Small",
		Functions: []*model.Function{{ID: "secretary", Name: "Secretary"}},
		Members:   []*model.Member{{ID: "m1", Alias: "Sasha"}, {ID: "m2", Alias: "Ira"}, {ID: "m3", Alias: "Kolya"}},
		Units: []*model.Unit{
			{ID: "u1", Name: "Committee", Units: []*model.Unit{
				{ID: "u2", Name: "Executive group", Posts: []*model.Post{{ID: "p1", Title: "Secretary", Function: "secretary", Holder: "m1", Candidates: []string{"m2"}}},
					Units: []*model.Unit{{ID: "u3", Name: "Printing group"}}},
			}},
			{ID: "u4", Name: "District group", ReportsTo: []string{"u2"}, Posts: []*model.Post{{ID: "p2", Title: "Liaison"}}},
		},
	}
	if p := o.Reindex(); len(p) > 0 {
		t.Fatal(p)
	}
	return o
}

func mustApply(t *testing.T, o *model.Org, op model.Op, err error) model.Op {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	inv, err := o.Apply(op)
	if err != nil {
		t.Fatalf("%s: %v", op.Label(), err)
	}
	return inv
}

func TestRefusedEdits(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		op   model.Op
		want string
	}{
		{"move under itself", model.MoveUnit{ID: "u1", Parent: "u3", Index: -1}, "under itself"},
		{"reportsTo cycle", model.SetDetails{ID: "u2", Details: model.Details{ReportsTo: []string{"u4"}}}, "cycle"},
		{"report to self", model.SetDetails{ID: "u2", Details: model.Details{ReportsTo: []string{"u2"}}}, "itself"},
		{"unknown kind", model.SetDetails{ID: "u2", Details: model.Details{Kind: "nope"}}, "unknown kind"},
		{"bad date", model.SetDetails{ID: "u2", Details: model.Details{LastReport: "yesterday"}}, "not a date"},
		{"holder as candidate", model.SetPeople{Post: "p1", Holder: "m1", Candidates: []string{"m1"}}, "cannot also be"},
		{"unknown member", model.SetPeople{Post: "p1", Holder: "m9"}, "unknown member"},
		{"taken unit id", model.AddUnit{Unit: &model.Unit{ID: "u2", Name: "x"}}, "taken"},
		{"taken post id", model.AddPost{Unit: "u1", Post: model.Post{ID: "p1"}}, "taken"},
		{"unknown function", model.EditPost{ID: "p1", Function: "nope"}, "unknown function"},
		{"no such unit", model.RenameUnit{ID: "u99", Name: "x"}, "no unit"},
		{"batch rolls back", model.Batch{Ops: []model.Op{model.RenameUnit{ID: "u1", Name: "Renamed"}, model.RenameUnit{ID: "u99"}}}, "no unit"},
	}
	for _, c := range cases {
		o := small(t)
		before := dump(o)
		_, err := o.Apply(c.op)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", c.name, err, c.want)
		}
		if dump(o) != before {
			t.Errorf("%s: a refused edit changed the document", c.name)
		}
	}
}

func TestCandidateBuildersRefuseWithAReason(t *testing.T) {
	t.Parallel()
	o := small(t)
	if _, err := o.AddCandidate("p1", "m1", -1); err == nil || !strings.Contains(err.Error(), "Sasha holds this post") {
		t.Errorf("holder as candidate: %v", err)
	}
	if _, err := o.AddCandidate("p1", "m2", -1); err == nil || !strings.Contains(err.Error(), "already a candidate") {
		t.Errorf("duplicate candidate: %v", err)
	}
	if _, err := o.SetHolder("p1", "m1"); err == nil {
		t.Error("setting the same holder again is a no-op, not an edit")
	}
}

func TestPromotionTakesTheCandidateOffTheList(t *testing.T) {
	t.Parallel()
	o := small(t)
	op, err := o.SetHolder("p1", "m2")
	mustApply(t, o, op, err)
	p := o.Post("p1")
	if p.Holder != "m2" || len(p.Candidates) != 0 {
		t.Fatalf("holder %s candidates %v", p.Holder, p.Candidates)
	}
	if len(o.Held("m1")) != 0 || len(o.Held("m2")) != 1 || len(o.Candidacies("m2")) != 0 {
		t.Fatal("reverse indexes not updated")
	}
}

func TestDeleteMemberVacatesAndUndoRestores(t *testing.T) {
	t.Parallel()
	o := small(t)
	before := dump(o)
	inv := mustApply(t, o, model.DeleteMember{ID: "m1"}, nil)
	if o.Post("p1").Holder != "" || o.Member("m1") != nil {
		t.Fatal("the deleted member still holds the post")
	}
	mustApply(t, o, inv, nil)
	if dump(o) != before {
		t.Fatal("undo did not restore the member and the post")
	}
}

func TestDeleteUnitDropsReportingLinesIntoIt(t *testing.T) {
	t.Parallel()
	o := small(t)
	before := dump(o)
	inv := mustApply(t, o, model.DeleteUnit{ID: "u1"}, nil)
	if got := o.Unit("u4").ReportsTo; len(got) != 0 {
		t.Fatalf("u4 still reports to a deleted unit: %v", got)
	}
	if o.Unit("u3") != nil || o.Post("p1") != nil || o.UnitCount() != 1 {
		t.Fatal("the subtree is still indexed")
	}
	mustApply(t, o, inv, nil)
	if dump(o) != before {
		t.Fatal("undo did not restore the subtree and the reporting line")
	}
}

func TestPasteTwiceGivesFreshIDs(t *testing.T) {
	t.Parallel()
	o := small(t)
	clip := model.CloneUnit(o.Unit("u2"))
	mustApply(t, o, model.DeleteUnit{ID: "u2"}, nil)
	mustApply(t, o, o.PasteUnit(clip, "u4", -1), nil)
	if o.Unit("u2") == nil || o.Unit("u2").Parent().ID != "u4" {
		t.Fatal("the first paste should bring back the unit under its own id")
	}
	mustApply(t, o, o.PasteUnit(clip, "", -1), nil)
	if o.UnitCount() != 6 {
		t.Fatalf("%d units after two pastes, want 6", o.UnitCount())
	}
	if p := o.Validate(); len(p) > 0 {
		t.Fatal(p)
	}
	if err := model.CheckIndex(o); err != nil {
		t.Fatal(err)
	}
}

func TestPasteDropsMembersDeletedSinceTheCut(t *testing.T) {
	t.Parallel()
	o := small(t)
	clip := model.CloneUnit(o.Unit("u2"))
	mustApply(t, o, model.DeleteUnit{ID: "u2"}, nil)
	mustApply(t, o, model.DeleteMember{ID: "m1"}, nil)
	mustApply(t, o, o.PasteUnit(clip, "", -1), nil)
	if p := o.Post("p1"); p.Holder != "" || !slices.Equal(p.Candidates, []string{"m2"}) {
		t.Fatalf("holder %q candidates %v", p.Holder, p.Candidates)
	}
}

func TestIndentBeyondMaxDepthIsRefused(t *testing.T) {
	t.Parallel()
	o := model.New("deep")
	parent := ""
	for i := 0; i < model.MaxDepth; i++ {
		id := o.NewID('u')
		mustApply(t, o, model.AddUnit{Parent: parent, Index: -1, Unit: &model.Unit{ID: id, Name: "level"}}, nil)
		parent = id
	}
	if _, err := o.Apply(model.AddUnit{Parent: parent, Index: -1, Unit: &model.Unit{ID: o.NewID('u')}}); err == nil {
		t.Fatal("a unit below the deepest level was added")
	}
}

func TestHistoryTracksTheSavedPoint(t *testing.T) {
	t.Parallel()
	o := small(t)
	var h model.History
	if h.Modified() {
		t.Fatal("fresh history is modified")
	}
	if err := h.Do(o, model.RenameUnit{ID: "u1", Name: "A"}); err != nil {
		t.Fatal(err)
	}
	h.MarkSaved()
	_ = h.Do(o, model.RenameUnit{ID: "u1", Name: "B"})
	if !h.Modified() {
		t.Fatal("an edit after saving is not marked")
	}
	if label, ok, err := h.Undo(o); !ok || err != nil || label != "rename «A» to «B»" {
		t.Fatalf("undo: %q %v %v", label, ok, err)
	}
	if h.Modified() {
		t.Fatal("undoing back to the saved state still shows modified")
	}
	h.Undo(o)
	if !h.Modified() || o.Unit("u1").Name != "Committee" {
		t.Fatal("undoing past the save")
	}
}
