package model_test

import (
	"testing"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

// TestUnitOrderIsDocumentOrder compares the order units are ranked in
// with a depth-first walk, for every pair of units of every example.
func TestUnitOrderIsDocumentOrder(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"st-petersburg-1902", "tenant-association", "union-organizing-committee"} {
		o := example(t, name)
		var walk []*model.Unit
		o.Walk(func(u *model.Unit) bool { walk = append(walk, u); return true })
		for i, a := range walk {
			for j, b := range walk {
				if got := model.UnitBefore(o, a, b); got != (i < j) {
					t.Fatalf("%s: %s before %s = %v, the walk says %v", name, a.ID, b.ID, got, i < j)
				}
			}
		}
	}
}

// TestNumberedOrderFollowsEdits: with the units numbered, the order is
// the walk's; an edit (a move, its undo, a swap of the whole plan) puts
// the numbers out of date, so the order is the walk's of the plan as
// edited, numbered again or not.
func TestNumberedOrderFollowsEdits(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: 300, Seed: 5})
	agrees := func(when string) {
		t.Helper()
		var walk []*model.Unit
		o.Walk(func(u *model.Unit) bool { walk = append(walk, u); return true })
		for i, a := range walk {
			for j := range walk {
				if got := model.UnitBefore(o, a, walk[j]); got != (i < j) {
					t.Fatalf("%s: %s before %s = %v, the walk says %v", when, a.ID, walk[j].ID, got, i < j)
				}
			}
		}
	}
	model.NumberUnits(o)
	if !model.Numbered(o) {
		t.Fatal("not numbered after NumberUnits")
	}
	agrees("numbered")
	var h model.History
	root := o.Units[0]
	leaf := root.Units[len(root.Units)-1]
	for len(leaf.Units) > 0 {
		leaf = leaf.Units[0]
	}
	moves := []model.Op{
		model.MoveUnit{ID: root.Units[0].ID, Parent: root.ID, Index: len(root.Units) - 1},
		model.MoveUnit{ID: leaf.ID, Parent: root.ID, Index: 0},
	}
	for _, op := range moves {
		if err := h.Do(o, op); err != nil {
			t.Fatal(err)
		}
		if model.Numbered(o) {
			t.Fatalf("%s: the numbers held after the edit", op.Label())
		}
		agrees(op.Label())
		model.NumberUnits(o)
		agrees(op.Label() + ", numbered again")
	}
	for h.CanUndo() {
		if _, _, err := h.Undo(o); err != nil {
			t.Fatal(err)
		}
		agrees("undone")
		model.NumberUnits(o)
		agrees("undone, numbered again")
	}
}
