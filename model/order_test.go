package model_test

import (
	"testing"

	"github.com/orgplan/orgplan/model"
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
