package model

import (
	"fmt"
	"strings"
)

// The kinds of conflict a merge records.
const (
	// ConflictChanged: both sides changed one field, differently (a post
	// given two holders, vacated on one side and filled on the other, a
	// unit moved under two parents).
	ConflictChanged = "changed-both"
	// ConflictDeletedEdited: one side deleted a record the other edited.
	ConflictDeletedEdited = "deleted-edited"
	// ConflictDeletedUsed: one side deleted a record the other side's
	// change names (a unit moved into a deleted unit, a deleted member
	// made a holder).
	ConflictDeletedUsed = "deleted-used"
	// ConflictCycle: two moves that together would put a unit under
	// itself.
	ConflictCycle = "cycle"
)

// Conflict is a difference a merge did not resolve. The merged plan
// keeps ours in place; the conflict records all three versions until
// someone decides.
type Conflict struct {
	Kind               string
	Key                RecordKey
	Field              string // "" when it is about the whole record
	Path               string // where, by names
	Base, Ours, Theirs Side
	// Unknown are fields a file gave a record in this conflict that no
	// record has ("ours/record/colour"): a problem when loading.
	Unknown []string
}

// Side is one side's version in a conflict: a field's value, or the whole
// record (Field ""), or Absent when the record does not exist there.
type Side struct {
	Absent bool
	Value  Value
	Record Record
}

// ConflictKinds lists the kinds of conflict.
var ConflictKinds = []string{ConflictChanged, ConflictDeletedEdited, ConflictDeletedUsed, ConflictCycle}

// Message says what a conflict is, in words, with members by alias.
func (c Conflict) Message(o *Org) string {
	what := c.Field
	if what == "" {
		what = string(c.Key.Kind)
	}
	show := func(s Side) string {
		if c.Field == "" && !s.Absent {
			return "kept"
		}
		return c.Version(o, s)
	}
	switch c.Kind {
	case ConflictChanged:
		return fmt.Sprintf("both sides changed the %s: ours %s, theirs %s (was %s)", what, show(c.Ours), show(c.Theirs), show(c.Base))
	case ConflictDeletedEdited:
		if c.Ours.Absent {
			return fmt.Sprintf("ours deleted this %s, theirs edited it: it stays deleted", what)
		}
		return fmt.Sprintf("theirs deleted this %s, ours edited it: it stays", what)
	case ConflictDeletedUsed:
		if c.Ours.Absent {
			return fmt.Sprintf("ours deleted this %s, theirs' changes name it: they are left out", what)
		}
		return fmt.Sprintf("theirs deleted this %s, ours' changes name it: it stays", what)
	case ConflictCycle:
		return fmt.Sprintf("the two sides' moves together put it under itself: ours %s, theirs %s", show(c.Ours), show(c.Theirs))
	}
	return "merge conflict " + c.Kind
}

// Version says what one side has: "deleted", the field's value, or the
// whole record by its name.
func (c Conflict) Version(o *Org, s Side) string {
	switch {
	case s.Absent:
		return "deleted"
	case c.Field != "":
		return c.value(o, s.Value)
	}
	name := "name"
	switch c.Key.Kind {
	case RecMember:
		name = "alias"
	case RecPost:
		name = "title"
	}
	if i := fieldIndex(c.Key.Kind, name); i >= 0 && i < len(s.Record) {
		return fmt.Sprintf("there, as %q", s.Record[i].Text)
	}
	return "there"
}

// value shows a field's value: names for the members and units it
// names, "nobody" or "none" for nothing.
func (c Conflict) value(o *Org, v Value) string {
	f, _ := FieldOf(c.Key.Kind, c.Field)
	name := func(id string) string {
		switch f.Ref {
		case RecMember:
			return o.MemberLabel(id)
		case RecUnit:
			if u := o.Unit(id); u != nil {
				return u.Name
			}
		}
		return id
	}
	if f.IsList() {
		if len(v.List) == 0 {
			return "none"
		}
		out := make([]string, len(v.List))
		for i, id := range v.List {
			out[i] = name(id)
		}
		return strings.Join(out, ", ")
	}
	switch {
	case v.Text == "" && f.Ref == RecMember:
		return "nobody"
	case v.Text == "" && f.Name == "parent":
		return "the top level"
	case v.Text == "":
		return "empty"
	case f.Ref != "":
		return name(v.Text)
	}
	return fmt.Sprintf("%q", v.Text)
}

// checkConflicts refuses a conflict of an unknown kind, or about an
// unknown kind of record or field: the editor could not resolve it.
func (v *validator) checkConflicts() {
	for i, c := range v.o.Conflicts {
		at := fmt.Sprintf("/conflicts/%d", i)
		_, known := Fields[c.Key.Kind]
		switch {
		case indexOf(ConflictKinds, c.Kind) < 0:
			v.add(at+"/kind", "unknown kind of conflict %q", c.Kind)
		case !known:
			v.add(at+"/record", "unknown kind of record %q", string(c.Key.Kind))
		case c.Field != "":
			if _, ok := FieldOf(c.Key.Kind, c.Field); !ok {
				v.add(at+"/field", "a %s has no field %q", string(c.Key.Kind), c.Field)
			}
		}
		for _, u := range c.Unknown {
			v.add(at+"/"+u, "a %s has no field %q", string(c.Key.Kind), u[strings.LastIndex(u, "/")+1:])
		}
	}
}
