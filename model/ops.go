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
		return noPosts(o.idx.units[op.ID])
	case MoveUnit:
		return noPosts(o.idx.units[op.ID])
	case SetDetails:
		u := o.idx.units[op.ID]
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

// AddFunction adds a function to the catalogue.
type AddFunction struct {
	Index    int // -1: at the end
	Function Function
}

// Label implements Op.
func (a AddFunction) Label() string { return "add function " + quote(a.Function.Name) }

func (a AddFunction) apply(o *Org) (Op, error) {
	defer func() { o.touchedAll = true }() // names and rules of every post may change
	f := a.Function
	if f.ID == "" || o.idx.functions[f.ID] != nil {
		return nil, fmt.Errorf("function id %q is empty or taken", f.ID)
	}
	o.Functions = insertAt(o.Functions, a.Index, &f)
	o.idx.functions[f.ID] = &f
	o.noteID('f', f.ID)
	return removeFunction{f.ID}, nil
}

// removeFunction undoes AddFunction; functions in use are never removed.
type removeFunction struct{ ID string }

func (r removeFunction) Label() string { return "remove function " + r.ID }

func (r removeFunction) apply(o *Org) (Op, error) {
	defer func() { o.touchedAll = true }() // names and rules of every post may change
	f := o.idx.functions[r.ID]
	if f == nil {
		return nil, fmt.Errorf("no function %q", r.ID)
	}
	for _, p := range o.idx.posts {
		if p.Function == r.ID {
			return nil, fmt.Errorf("function %q is in use", r.ID)
		}
	}
	i := indexOfPtr(o.Functions, f)
	o.Functions = deleteAt(o.Functions, i)
	delete(o.idx.functions, r.ID)
	return AddFunction{Index: i, Function: *f}, nil
}

// AddKind adds a kind to the catalogue.
type AddKind struct {
	Index int // -1: at the end
	Kind  Kind
}

// Label implements Op.
func (a AddKind) Label() string { return "add kind " + quote(a.Kind.Name) }

func (a AddKind) apply(o *Org) (Op, error) {
	defer func() { o.touchedAll = true }() // names and rules of every post may change
	k := a.Kind
	k.RequiredFunctions = cloneStrings(k.RequiredFunctions)
	k.AllowedFunctions = cloneStrings(k.AllowedFunctions)
	if k.ID == "" || o.idx.kinds[k.ID] != nil {
		return nil, fmt.Errorf("kind id %q is empty or taken", k.ID)
	}
	if k.Secrecy != "" && !k.Secrecy.Valid() || k.Affiliation != "" && !k.Affiliation.Valid() ||
		k.MaxPosts < 0 || k.ReportEveryDays < 0 {
		return nil, fmt.Errorf("kind %q has an invalid default", k.ID)
	}
	for _, f := range append(cloneStrings(k.RequiredFunctions), k.AllowedFunctions...) {
		if o.idx.functions[f] == nil {
			return nil, fmt.Errorf("unknown function %q", f)
		}
	}
	o.Kinds = insertAt(o.Kinds, a.Index, &k)
	o.idx.kinds[k.ID] = &k
	o.noteID('k', k.ID)
	return removeKind{k.ID}, nil
}

// removeKind undoes AddKind; kinds in use are never removed.
type removeKind struct{ ID string }

func (r removeKind) Label() string { return "remove kind " + r.ID }

func (r removeKind) apply(o *Org) (Op, error) {
	defer func() { o.touchedAll = true }() // names and rules of every post may change
	k := o.idx.kinds[r.ID]
	if k == nil {
		return nil, fmt.Errorf("no kind %q", r.ID)
	}
	for _, u := range o.idx.units {
		if u.Kind == r.ID {
			return nil, fmt.Errorf("kind %q is in use", r.ID)
		}
	}
	i := indexOfPtr(o.Kinds, k)
	o.Kinds = deleteAt(o.Kinds, i)
	delete(o.idx.kinds, r.ID)
	return AddKind{Index: i, Kind: *k}, nil
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
