// Package modeltest holds edits for tests, written the way a test reads:
// Holder("p15", "m36"), Move("u5", "u4"). Each makes its op on the plan it
// is applied to, so that new ids come from that plan.
package modeltest

import (
	"fmt"

	"github.com/orgplan/orgplan/model"
)

// Edit makes an op on a plan.
type Edit func(o *model.Org) (model.Op, error)

// Apply applies edits in turn.
func Apply(o *model.Org, edits ...Edit) error {
	for i, e := range edits {
		op, err := e(o)
		if err == nil {
			_, err = o.Apply(op)
		}
		if err != nil {
			return fmt.Errorf("edit %d: %w", i, err)
		}
	}
	return nil
}

// Op is an op made already.
func Op(op model.Op) Edit { return func(*model.Org) (model.Op, error) { return op, nil } }

// Holder sets a post's holder ("" vacates it).
func Holder(post, member string) Edit {
	return func(o *model.Org) (model.Op, error) { return o.SetHolder(post, member) }
}

// Candidate adds a candidate at the end of a post's list.
func Candidate(post, member string) Edit {
	return func(o *model.Org) (model.Op, error) { return o.AddCandidate(post, member, -1) }
}

// Rename renames a unit.
func Rename(unit, name string) Edit { return Op(model.RenameUnit{ID: unit, Name: name}) }

// Move moves a unit to the end of a parent's units ("" for the top).
func Move(unit, parent string) Edit { return Op(model.MoveUnit{ID: unit, Parent: parent, Index: -1}) }

// AddUnit adds a unit named name at the end of a parent's units.
func AddUnit(parent, name string) Edit {
	return func(o *model.Org) (model.Op, error) {
		return model.AddUnit{Parent: parent, Index: -1, Unit: &model.Unit{ID: o.NewID('u'), Name: name}}, nil
	}
}
