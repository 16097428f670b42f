package model_test

import (
	"bytes"
	"testing"

	"github.com/orgplan/orgplan/model"
)

// TestDeletingACatalogueEntryTakesItOutOfWhatNamesIt: deleting the
// liaison function clears it from posts and from the kinds that allow it;
// deleting a kind leaves its units kindless; undo gives back the exact
// plan, redo the same result.
func TestDeletingACatalogueEntryTakesItOutOfWhatNamesIt(t *testing.T) {
	t.Parallel()
	for _, op := range []model.Op{model.DeleteFunction{ID: "liaison"}, model.DeleteKind{ID: "district-group"},
		model.EditKind{Kind: model.Kind{ID: "committee", Name: "Town committee", CoverageRatio: 5}},
		model.EditFunction{ID: "writer", Name: "Author"}} {
		o := example(t, "st-petersburg-1902")
		posts, units, _ := o.Uses("liaison")
		if posts == 0 {
			t.Fatal("the example has no liaison posts")
		}
		before := encode(t, o)
		var h model.History
		if err := h.Do(o, op); err != nil {
			t.Fatalf("%s: %v", op.Label(), err)
		}
		if p := o.Validate(); len(p) > 0 {
			t.Fatalf("%s: %v", op.Label(), p[0])
		}
		switch op := op.(type) {
		case model.DeleteFunction:
			if p, _, k := o.Uses(op.ID); p != 0 || k != 0 || o.Function(op.ID) != nil {
				t.Fatalf("the function is still named: %d posts, %d kinds", p, k)
			}
		case model.DeleteKind:
			if _, u, _ := o.Uses(op.ID); u != 0 || o.Kind(op.ID) != nil || units != 0 {
				t.Fatalf("the kind is still named by %d units", u)
			}
		}
		after := encode(t, o)
		if _, _, err := h.Undo(o); err != nil || !bytes.Equal(encode(t, o), before) {
			t.Fatalf("%s: undo does not give back the plan (%v)", op.Label(), err)
		}
		if _, _, err := h.Redo(o); err != nil || !bytes.Equal(encode(t, o), after) {
			t.Fatalf("%s: redo differs (%v)", op.Label(), err)
		}
	}
	o := example(t, "st-petersburg-1902")
	if _, err := o.Apply(model.EditKind{Kind: model.Kind{ID: "committee", Name: "C", RequiredFunctions: []string{"nope"}}}); err == nil {
		t.Fatal("a kind requiring an unknown function was accepted")
	}
}
