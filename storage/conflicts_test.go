package storage

import (
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model"
)

// TestConflictsRoundTrip: a merged plan with conflicts of every shape (a
// field, a whole record on one side, a list) saves, matches the schema,
// opens, and saves to the same bytes; an unknown kind of conflict is one
// located line.
func TestConflictsRoundTrip(t *testing.T) {
	t.Parallel()
	base, err := Decode("x.json", mustExample(t))
	if err != nil {
		t.Fatal(err)
	}
	ours, theirs := base.Clone(), base.Clone()
	for _, step := range []struct {
		o  *model.Org
		op model.Op
	}{
		{ours, model.RenameUnit{ID: "u5", Name: "North"}},
		{theirs, model.RenameUnit{ID: "u5", Name: "South"}},
		{ours, model.DeleteUnit{ID: "u26"}},
		{theirs, model.RenameUnit{ID: "u26", Name: "Passports"}},
		{theirs, model.SetPeople{Post: "p8", Holder: "m1", Candidates: []string{"m3", "m2"}}},
		{ours, model.SetPeople{Post: "p8", Holder: "m1", Candidates: []string{"m3", "m2", "m40"}}},
	} {
		if _, err := step.o.Apply(step.op); err != nil {
			t.Fatal(err)
		}
	}
	merged, cs, err := model.Merge(base, ours, theirs)
	if err != nil || len(cs) != 3 {
		t.Fatalf("%d conflicts (%v): %+v", len(cs), err, cs)
	}
	data, err := Encode(merged)
	if err != nil {
		t.Fatal(err)
	}
	if sp, err := ValidateSchema(data); err != nil || len(sp) > 0 {
		t.Fatalf("schema: %v %v", sp, err)
	}
	back, err := Decode("x.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Encode(back); string(again) != string(data) {
		t.Fatalf("a plan with conflicts does not save to the same bytes:\n%s\n---\n%s", data[len(data)-3000:], again[len(again)-3000:])
	}
	if len(back.Conflicts) != 3 || !back.Conflicts[0].Equal(merged.Conflicts[0]) {
		t.Fatalf("conflicts read back: %+v", back.Conflicts)
	}
	bad := strings.Replace(string(data), `"kind": "changed-both"`, `"kind": "no-such-kind"`, 1)
	if _, err := Decode("x.json", []byte(bad)); err == nil || !strings.Contains(err.Error(), "x.json:") || !strings.Contains(err.Error(), "/conflicts/") {
		t.Fatalf("an unknown kind of conflict: %v", err)
	}
}
