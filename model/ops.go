package model

import (
	"errors"
	"fmt"
	"strings"
)

// Op is one edit of a document, a value that can be kept, applied and
// undone. Ops name everything by id, so that a stack of them stays good
// across undo and redo; the structures they carry (a unit's subtree, a post,
// a member) are copied in, never shared with the live document.
type Op interface {
	// Label says what the edit does, for the status line: "add unit X".
	Label() string
	// apply makes the change, or changes nothing and returns an error, and
	// returns the Op that undoes it.
	apply(o *Org) (Op, error)
}

// Apply makes one change and returns the Op that undoes it. On error the
// Org is unchanged.
func (o *Org) Apply(op Op) (Op, error) {
	neutral := o.peopleNeutral(op)
	inv, err := op.apply(o)
	if err != nil {
		return nil, err
	}
	o.version++
	o.changed()
	if !neutral {
		o.people++
	}
	return inv, nil
}

// PeopleVersion moves only with changes that can alter the division of
// labor or the vacancies: posts, people, functions, kinds, and where posts
// sit in the tree. Renaming a unit or adding an empty one leaves it, so
// the panels built on it need not be rebuilt.
func (o *Org) PeopleVersion() uint64 { return o.people }

// peopleNeutral reports, before op runs, that it cannot change what
// PeopleVersion covers.
func (o *Org) peopleNeutral(op Op) bool {
	noPosts := func(u *Unit) bool {
		return u != nil && WalkUnit(u, func(x *Unit) bool { return len(x.Posts) == 0 })
	}
	switch op := op.(type) {
	case RenameUnit, SetInfo:
		return true
	case AddUnit:
		return noPosts(op.Unit)
	case DeleteUnit:
		return noPosts(o.idx.units.get(op.ID))
	case MoveUnit:
		return noPosts(o.idx.units.get(op.ID))
	case SetDetails:
		u := o.idx.units.get(op.ID)
		return u != nil && u.Kind == op.Details.Kind
	case Batch:
		for _, b := range op.Ops {
			if !o.peopleNeutral(b) {
				return false
			}
		}
		return true
	}
	return false
}

// Batch applies several ops as one change: all or none.
type Batch struct {
	Ops  []Op
	Name string
}

// Label implements Op.
func (b Batch) Label() string {
	if b.Name != "" {
		return b.Name
	}
	if len(b.Ops) > 0 {
		return b.Ops[0].Label()
	}
	return "nothing"
}

func (b Batch) apply(o *Org) (Op, error) {
	inv := make([]Op, 0, len(b.Ops))
	for _, op := range b.Ops {
		i, err := op.apply(o)
		if err != nil {
			// Roll back what was done, newest first; inverses of applied
			// ops cannot fail on the state they produced.
			for j := len(inv) - 1; j >= 0; j-- {
				if _, rerr := inv[j].apply(o); rerr != nil {
					return nil, errors.Join(err, fmt.Errorf("rollback: %w", rerr))
				}
			}
			return nil, err
		}
		inv = append(inv, i)
	}
	for l, r := 0, len(inv)-1; l < r; l, r = l+1, r-1 {
		inv[l], inv[r] = inv[r], inv[l]
	}
	return Batch{Ops: inv, Name: "undo " + b.Label()}, nil
}

// SetInfo changes the plan's own name, description and as-of date.
type SetInfo struct {
	Name, Description, AsOf string
}

// Label implements Op.
func (s SetInfo) Label() string { return "edit plan " + quote(s.Name) }

func (s SetInfo) apply(o *Org) (Op, error) {
	if s.AsOf != "" && !ValidDate(s.AsOf) {
		return nil, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s.AsOf)
	}
	old := SetInfo{o.Name, o.Description, o.AsOf}
	o.Name, o.Description, o.AsOf = s.Name, s.Description, s.AsOf
	return old, nil
}

// quote sets a name apart in a change's label, as messages do: «name».
func quote(s string) string {
	if strings.TrimSpace(s) == "" {
		return `«»`
	}
	return "«" + s + "»"
}

// insertAt inserts v at i into a fresh copy of s; i < 0 or past the end
// appends. The copy keeps slices held by undo entries unchanged.
func insertAt[T any](s []T, i int, v T) []T {
	if i < 0 || i > len(s) {
		i = len(s)
	}
	out := make([]T, 0, len(s)+1)
	out = append(out, s[:i]...)
	out = append(out, v)
	return append(out, s[i:]...)
}

// deleteAt removes element i into a fresh copy of s.
func deleteAt[T any](s []T, i int) []T {
	out := make([]T, 0, len(s)-1)
	out = append(out, s[:i]...)
	return append(out, s[i+1:]...)
}

func indexOfPtr[T comparable](s []T, v T) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}
