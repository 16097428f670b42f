package model

import (
	"errors"
	"fmt"
	"slices"
)

// AddUnit inserts a unit, with any sub-units and posts it carries, under
// Parent ("" for the top level) at Index (-1: last).
type AddUnit struct {
	Parent string
	Index  int
	Unit   *Unit
}

// Label implements Op.
func (a AddUnit) Label() string { return "add unit " + quote(a.Unit.Name) }

func (a AddUnit) apply(o *Org) (Op, error) {
	var parent *Unit
	if a.Parent != "" {
		if parent = o.idx.units.get(a.Parent); parent == nil {
			return nil, fmt.Errorf("no unit %q", a.Parent)
		}
	}
	u := CloneUnit(a.Unit)
	if err := o.checkNewSubtree(u); err != nil {
		return nil, err
	}
	if err := checkDepth(parent, u); err != nil {
		return nil, err
	}
	u.parent = parent
	if parent != nil {
		u.depth = parent.depth + 1
	} else {
		u.depth = 0
	}
	if parent == nil {
		o.Units = insertAt(o.Units, a.Index, u)
	} else {
		parent.Units = insertAt(parent.Units, a.Index, u)
	}
	o.indexSubtree(u)
	if subtreeReports(u) && o.reportCycle() != nil {
		o.unindexSubtree(u)
		o.detach(u)
		return nil, errors.New("the unit's reporting lines would form a cycle")
	}
	return DeleteUnit{ID: u.ID}, nil
}

// checkNewSubtree verifies that a detached subtree can join the document:
// fresh ids, known references, no candidate twice.
func (o *Org) checkNewSubtree(root *Unit) error {
	units := map[string]bool{}
	posts := map[string]bool{}
	var err error
	WalkUnit(root, func(u *Unit) bool {
		if u.ID == "" || o.idx.units.get(u.ID) != nil || units[u.ID] {
			err = fmt.Errorf("unit id %q is empty or taken", u.ID)
			return false
		}
		units[u.ID] = true
		if err = o.checkDetails(u.ID, u.Details(), false); err != nil {
			return false
		}
		for _, p := range u.Posts {
			if p.ID == "" || o.idx.posts.get(p.ID) != nil || posts[p.ID] {
				err = fmt.Errorf("post id %q is empty or taken", p.ID)
				return false
			}
			posts[p.ID] = true
			if err = o.checkPost(p); err != nil {
				return false
			}
		}
		return true
	})
	if err != nil {
		return err
	}
	// reportsTo may name units inside the new subtree or already present.
	WalkUnit(root, func(u *Unit) bool {
		for _, r := range u.ReportsTo {
			if o.idx.units.get(r) == nil && !units[r] {
				err = fmt.Errorf("unknown unit %q", r)
				return false
			}
		}
		return true
	})
	return err
}

func subtreeReports(root *Unit) bool {
	found := false
	WalkUnit(root, func(u *Unit) bool {
		found = len(u.ReportsTo) > 0
		return !found
	})
	return found
}

// indexSubtree adds a subtree, already linked under its parent, to the
// indexes.
func (o *Org) indexSubtree(root *Unit) {
	WalkUnit(root, func(u *Unit) bool {
		o.idx.units.put(u.ID, u)
		o.touchUnit(u)
		o.noteID('u', u.ID)
		for _, c := range u.Units {
			c.parent, c.depth = u, u.depth+1
		}
		for _, p := range u.Posts {
			p.unit = u
			o.idx.posts.put(p.ID, p)
			o.noteID('p', p.ID)
			o.link(p)
		}
		o.linkReports(u)
		return true
	})
}

func (o *Org) unindexSubtree(root *Unit) {
	WalkUnit(root, func(u *Unit) bool {
		o.idx.units.del(u.ID)
		o.touchUnit(u)
		for _, p := range u.Posts {
			o.idx.posts.del(p.ID)
			o.unlink(p)
		}
		o.unlinkReports(u)
		return true
	})
}

// detach removes u from its sibling list, leaving the indexes alone, and
// returns where it was.
func (o *Org) detach(u *Unit) (parent *Unit, index int) {
	parent, index = u.parent, o.IndexOf(u)
	if parent == nil {
		o.Units = deleteAt(o.Units, index)
	} else {
		parent.Units = deleteAt(parent.Units, index)
		o.touchUnit(parent) // its coverage counts what was under it
	}
	u.parent = nil
	return parent, index
}

// checkDepth refuses to put a subtree where it would nest past MaxDepth.
func checkDepth(parent, u *Unit) error {
	depth := 0
	if parent != nil {
		depth = parent.Depth() + 1
	}
	if depth+height(u) > MaxDepth {
		return fmt.Errorf("units may nest at most %d levels deep", MaxDepth)
	}
	return nil
}

// height is 1 for a unit with no sub-units.
func height(u *Unit) int {
	h := 0
	for _, c := range u.Units {
		h = max(h, height(c))
	}
	return h + 1
}

// WalkUnit visits root and its descendants depth first until fn returns
// false, and reports whether it went through them all.
func WalkUnit(root *Unit, fn func(*Unit) bool) bool {
	if !fn(root) {
		return false
	}
	for _, c := range root.Units {
		if !WalkUnit(c, fn) {
			return false
		}
	}
	return true
}

// DeleteUnit removes a unit and everything under it. Units elsewhere that
// report to a removed unit stop naming it; undo restores both.
type DeleteUnit struct{ ID string }

// Label implements Op.
func (d DeleteUnit) Label() string { return "delete unit " + d.ID }

func (d DeleteUnit) apply(o *Org) (Op, error) {
	u := o.idx.units.get(d.ID)
	if u == nil {
		return nil, fmt.Errorf("no unit %q", d.ID)
	}
	// Units outside the subtree that report into it lose those lines.
	inside := map[string]bool{}
	WalkUnit(u, func(x *Unit) bool { inside[x.ID] = true; return true })
	var restore []Op
	seen := map[*Unit]bool{}
	WalkUnit(u, func(x *Unit) bool {
		for _, r := range o.idx.reportedBy[x.ID] {
			if inside[r.ID] || seen[r] {
				continue
			}
			seen[r] = true
			restore = append(restore, SetDetails{ID: r.ID, Details: r.Details()})
		}
		return true
	})
	for _, op := range restore {
		r := o.idx.units.get(op.(SetDetails).ID)
		dt := r.Details()
		dt.ReportsTo = slices.DeleteFunc(dt.ReportsTo, func(id string) bool { return inside[id] })
		dt.ReportLiaisons = slices.DeleteFunc(dt.ReportLiaisons, func(l ReportLiaison) bool { return inside[l.To] })
		o.unlinkReports(r)
		r.setDetails(dt)
		o.linkReports(r)
		o.touchUnit(r)
	}
	o.unindexSubtree(u)
	parent, index := o.detach(u)
	parentID := ""
	if parent != nil {
		parentID = parent.ID
	}
	add := AddUnit{Parent: parentID, Index: index, Unit: u}
	if len(restore) == 0 {
		return add, nil
	}
	return Batch{Ops: append([]Op{add}, restore...), Name: "restore unit " + quote(u.Name)}, nil
}

// RenameUnit gives a unit a new name.
type RenameUnit struct {
	ID   string
	Name string
}

// Label implements Op.
func (r RenameUnit) Label() string { return "rename unit to " + quote(r.Name) }

func (r RenameUnit) apply(o *Org) (Op, error) {
	u := o.idx.units.get(r.ID)
	if u == nil {
		return nil, fmt.Errorf("no unit %q", r.ID)
	}
	old := u.Name
	u.Name = r.Name
	return RenameUnit{ID: r.ID, Name: old}, nil
}

// SetDetails replaces a unit's details: kind, secrecy, affiliation,
// purpose, reporting and notes.
type SetDetails struct {
	ID      string
	Details Details
}

// Label implements Op.
func (s SetDetails) Label() string { return "edit details of " + s.ID }

func (s SetDetails) apply(o *Org) (Op, error) {
	u := o.idx.units.get(s.ID)
	if u == nil {
		return nil, fmt.Errorf("no unit %q", s.ID)
	}
	if err := o.checkDetails(s.ID, s.Details, true); err != nil {
		return nil, err
	}
	old := u.Details()
	o.unlinkReports(u)
	u.setDetails(s.Details)
	o.linkReports(u)
	o.touchUnit(u)
	if old.Kind != s.Details.Kind {
		for _, p := range u.Posts {
			o.touch(p) // which functions the kind requires
		}
	}
	if len(s.Details.ReportsTo) > 0 && o.reaches(u, u) {
		o.unlinkReports(u)
		u.setDetails(old)
		o.linkReports(u)
		return nil, errors.New("those reporting lines would form a cycle")
	}
	return SetDetails{ID: s.ID, Details: old}, nil
}

// checkDetails validates a unit's details; reportsTo is checked against the
// document only when refs is set (a new subtree may name its own units).
func (o *Org) checkDetails(id string, d Details, refs bool) error {
	if d.Kind != "" && o.idx.kinds[d.Kind] == nil {
		return fmt.Errorf("unknown kind %q", d.Kind)
	}
	if d.Secrecy != "" && !d.Secrecy.Valid() {
		return fmt.Errorf("%q is not a secrecy level", d.Secrecy)
	}
	if d.Affiliation != "" && !d.Affiliation.Valid() {
		return fmt.Errorf("%q is not an affiliation", d.Affiliation)
	}
	if d.ReportEveryDays < 0 {
		return errors.New("the reporting interval must not be negative")
	}
	if d.LastReport != "" && !ValidDate(d.LastReport) {
		return fmt.Errorf("%q is not a date (YYYY-MM-DD)", d.LastReport)
	}
	for i, r := range d.ReportsTo {
		if r == id {
			return errors.New("a unit cannot report to itself")
		}
		if slices.Contains(d.ReportsTo[:i], r) {
			return fmt.Errorf("unit %q is named twice in reportsTo", r)
		}
		if refs && o.idx.units.get(r) == nil {
			return fmt.Errorf("unknown unit %q", r)
		}
	}
	if d.Headcount < 0 {
		return errors.New("the headcount must not be negative")
	}
	if d.Liaison != "" && o.idx.members.get(d.Liaison) == nil {
		return fmt.Errorf("unknown member %q", d.Liaison)
	}
	for i, l := range d.ReportLiaisons {
		switch {
		case !slices.Contains(d.ReportsTo, l.To):
			return fmt.Errorf("unit %q is not one the unit reports to", l.To)
		case slices.ContainsFunc(d.ReportLiaisons[:i], func(e ReportLiaison) bool { return e.To == l.To }):
			return fmt.Errorf("the line to %q is named twice", l.To)
		case o.idx.members.get(l.Member) == nil:
			return fmt.Errorf("unknown member %q", l.Member)
		}
	}
	return nil
}

// reaches reports whether target can be reached from the parent or
// reportsTo lines of start. The document is acyclic before an edit, so a
// cycle an edit makes runs through the edited unit: this search finds it
// without walking the whole tree.
func (o *Org) reaches(start, target *Unit) bool {
	seen := map[*Unit]bool{}
	stack := []*Unit{}
	push := func(u *Unit) {
		if u != nil && !seen[u] {
			seen[u] = true
			stack = append(stack, u)
		}
	}
	next := func(u *Unit) {
		push(u.parent)
		for _, r := range u.ReportsTo {
			push(o.idx.units.get(r))
		}
	}
	next(start)
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if u == target {
			return true
		}
		next(u)
	}
	return false
}

// MoveUnit moves a unit, with its subtree, under Parent ("" for the top
// level) at Index among the new siblings (-1: last). It serves reordering,
// indenting, outdenting and pasting a cut unit.
type MoveUnit struct {
	ID     string
	Parent string
	Index  int
}

// Label implements Op.
func (m MoveUnit) Label() string { return "move unit " + m.ID }

func (m MoveUnit) apply(o *Org) (Op, error) {
	u := o.idx.units.get(m.ID)
	if u == nil {
		return nil, fmt.Errorf("no unit %q", m.ID)
	}
	var parent *Unit
	if m.Parent != "" {
		if parent = o.idx.units.get(m.Parent); parent == nil {
			return nil, fmt.Errorf("no unit %q", m.Parent)
		}
		for a := parent; a != nil; a = a.parent {
			if a == u {
				return nil, errors.New("a unit cannot move under itself")
			}
		}
	}
	if parent != u.parent {
		if err := checkDepth(parent, u); err != nil {
			return nil, err
		}
	}
	oldParent, oldIndex := o.detach(u)
	u.placeUnder(parent)
	if parent == nil {
		o.Units = insertAt(o.Units, m.Index, u)
	} else {
		parent.Units = insertAt(parent.Units, m.Index, u)
	}
	if parent != nil && o.reaches(parent, u) {
		o.detach(u)
		u.placeUnder(oldParent)
		if oldParent == nil {
			o.Units = insertAt(o.Units, oldIndex, u)
		} else {
			oldParent.Units = insertAt(oldParent.Units, oldIndex, u)
		}
		return nil, errors.New("the move would make reporting lines form a cycle")
	}
	oldID := ""
	if oldParent != nil {
		oldID = oldParent.ID
	}
	o.touchUnder(u) // depth and document order of its posts
	return MoveUnit{ID: m.ID, Parent: oldID, Index: oldIndex}, nil
}

// CloneUnit deep-copies a unit with its posts and sub-units. The copy is
// detached: no parent, not indexed.
func CloneUnit(u *Unit) *Unit { return cloneAt(u, 0) }

// cloneAt copies u as if it were depth units down.
func cloneAt(u *Unit, depth int32) *Unit {
	c := *u
	c.parent, c.depth = nil, depth
	c.ReportsTo = cloneStrings(u.ReportsTo)
	c.ReportLiaisons = slices.Clone(u.ReportLiaisons)
	if u.Posts != nil {
		c.Posts = make([]*Post, len(u.Posts))
		for i, p := range u.Posts {
			c.Posts[i] = clonePost(p)
		}
	}
	if u.Units != nil {
		c.Units = make([]*Unit, len(u.Units))
		for i, s := range u.Units {
			c.Units[i] = cloneAt(s, depth+1)
			c.Units[i].parent = &c
		}
	}
	return &c
}

func clonePost(p *Post) *Post {
	c := *p
	c.unit = nil
	c.Candidates = cloneStrings(p.Candidates)
	c.ReadyLater = cloneStrings(p.ReadyLater)
	return &c
}

// PasteUnit builds the Op that inserts a copy of clip under parent at index.
// Ids still in use are replaced by fresh ones, and references to members,
// functions, kinds or units no longer in the plan are dropped, so that a
// unit cut long ago still pastes cleanly.
func (o *Org) PasteUnit(clip *Unit, parent string, index int) Op {
	c := CloneUnit(clip)
	ids := map[string]string{}
	WalkUnit(c, func(u *Unit) bool {
		if o.idx.units.get(u.ID) != nil || u.ID == "" {
			nid := o.NewID('u')
			ids[u.ID] = nid
			u.ID = nid
		}
		return true
	})
	inside := map[string]bool{}
	WalkUnit(c, func(u *Unit) bool { inside[u.ID] = true; return true })
	known := func(id string) bool { return o.idx.members.get(id) != nil }
	WalkUnit(c, func(u *Unit) bool {
		if u.Kind != "" && o.idx.kinds[u.Kind] == nil {
			u.Kind = ""
		}
		for i, r := range u.ReportsTo {
			if n, ok := ids[r]; ok {
				u.ReportsTo[i] = n
			}
		}
		u.ReportsTo = slices.DeleteFunc(u.ReportsTo, func(r string) bool {
			return !inside[r] && o.idx.units.get(r) == nil
		})
		for i, l := range u.ReportLiaisons {
			if n, ok := ids[l.To]; ok {
				u.ReportLiaisons[i].To = n
			}
		}
		u.ReportLiaisons = slices.DeleteFunc(u.ReportLiaisons, func(l ReportLiaison) bool {
			return !slices.Contains(u.ReportsTo, l.To) || !known(l.Member)
		})
		if u.Liaison != "" && !known(u.Liaison) {
			u.Liaison = ""
		}
		for _, p := range u.Posts {
			if o.idx.posts.get(p.ID) != nil || p.ID == "" {
				p.ID = o.NewID('p')
			}
			if p.Function != "" && o.idx.functions[p.Function] == nil {
				p.Function = ""
			}
			if p.Holder != "" && !known(p.Holder) {
				p.Holder = ""
			}
			p.Candidates = slices.DeleteFunc(p.Candidates, func(m string) bool { return !known(m) })
			p.ReadyLater = keepCandidates(p.ReadyLater, p.Candidates)
		}
		return true
	})
	return AddUnit{Parent: parent, Index: index, Unit: c}
}

// WithoutPeople is a copy of a detached unit (a clipboard's) with every
// post vacant, no candidates and no liaisons: the shape, for a copy.
func WithoutPeople(u *Unit) *Unit {
	c := CloneUnit(u)
	WalkUnit(c, func(x *Unit) bool {
		x.Liaison, x.ReportLiaisons = "", nil
		for _, p := range x.Posts {
			p.Holder, p.Candidates, p.ReadyLater = "", nil, nil
		}
		return true
	})
	return c
}
