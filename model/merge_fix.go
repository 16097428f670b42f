package model

import (
	"cmp"
	"slices"
)

// What a field-by-field merge can leave broken, and how it is mended,
// always in ours' favor: a name of a record the other side deleted, and
// a cycle of parents and reporting lines made by two moves.

// sortedKeys lists the merged records in a fixed order, so that a merge
// is the same every time.
func (rs *Records) sortedKeys() []RecordKey {
	keys := make([]RecordKey, 0, len(rs.ByKey))
	for k := range rs.ByKey {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y RecordKey) int {
		if c := cmp.Compare(slices.Index(RecordKinds, x.Kind), slices.Index(RecordKinds, y.Kind)); c != 0 {
			return c
		}
		return CompareIDs(x.ID, y.ID)
	})
	return keys
}

func names(v Value, f FieldSpec) []string {
	if f.IsList() {
		return slices.Clone(v.List)
	}
	if v.Text == "" {
		return nil
	}
	return []string{v.Text}
}

func without(v Value, id string) Value {
	return Value{List: slices.DeleteFunc(slices.Clone(v.List), func(s string) bool { return s == id })}
}

// references mends every name of a record that is not in the merge.
// When ours names it, theirs deleted it: it comes back from ours. When
// only theirs' change names it, ours deleted it: ours' value stands, or,
// for a record only theirs has, the name is dropped (the record itself
// when it is where the record sits). Each mend follows from a conflict
// already recorded (see findDeletedUsed); it reports whether it changed
// anything.
func (m *merger) references() bool {
	changed := false
	for k, r := range m.out.ByKey {
	fields:
		for i, f := range Fields[k.Kind] {
			if f.Ref == "" {
				continue
			}
			for _, id := range names(r[i], f) {
				ref := RecordKey{f.Ref, id}
				if _, ok := m.out.ByKey[ref]; ok {
					continue
				}
				changed = true
				ar, inA := m.a.ByKey[k]
				switch {
				case inA && slices.Contains(names(ar[i], f), id):
					m.out.ByKey[ref] = clone(m.a.ByKey[ref])
				case inA && f.IsList():
					r[i] = without(r[i], id)
				case inA:
					r[i] = ar[i]
				case f.Name == "parent" || f.Name == "unit":
					delete(m.out.ByKey, k)
					break fields
				case f.IsList():
					r[i] = without(r[i], id)
				default:
					r[i] = Value{}
				}
			}
		}
	}
	return changed
}

// cycles finds a cycle of parents and reporting lines in the merge and
// breaks it by undoing theirs' edges in it (ours alone has none); the
// conflict is already recorded. It reports whether it found one.
func (m *merger) cycles() bool {
	lines := map[string][]string{}
	var ids []string
	for _, k := range m.out.sortedKeys() {
		if k.Kind != RecUnit {
			continue
		}
		r := m.out.ByKey[k]
		out := slices.Clone(r[fUnitReportsTo].List)
		if p := r[fUnitParent].Text; p != "" {
			out = append([]string{p}, out...)
		}
		lines[k.ID], ids = out, append(ids, k.ID)
	}
	found := findCycle(ids, lines)
	if found == nil {
		return false
	}
	for i := range len(found) - 1 {
		from, to := RecordKey{RecUnit, found[i]}, found[i+1]
		r, ar := m.out.ByKey[from], m.a.ByKey[from]
		switch {
		// ar is nil for a unit only theirs has: its edges are all theirs'.
		case r[fUnitParent].Text == to && ar.at(fUnitParent).Text != to:
			r[fUnitParent] = ar.at(fUnitParent)
		case slices.Contains(r[fUnitReportsTo].List, to) && !slices.Contains(ar.at(fUnitReportsTo).List, to):
			r[fUnitReportsTo] = without(r[fUnitReportsTo], to)
		}
	}
	return true
}

// order puts each sequence in order: the side that reordered it gives its
// order (ours when both did), and what the other side added goes after
// the record it follows there.
func (m *merger) order() {
	want := map[string]map[string]bool{}
	for k, r := range m.out.ByKey {
		if k.Kind == RecPlan {
			continue
		}
		s := seqOf(k, r)
		if want[s] == nil {
			want[s] = map[string]bool{}
		}
		want[s][k.ID] = true
	}
	for s, ids := range want {
		b, a, t := m.b.Seq[s], m.a.Seq[s], m.t.Seq[s]
		if unreordered(b, a) && !unreordered(b, t) {
			a, t = t, a
		}
		m.out.Seq[s] = orderSeq(a, t, ids)
	}
}

// mergeConflicts merges the conflicts the sides already listed: ours,
// less those theirs resolved, plus those theirs added.
func mergeConflicts(b, a, t []Conflict) []Conflict {
	has := func(cs []Conflict, c Conflict) bool {
		return slices.ContainsFunc(cs, func(d Conflict) bool { return d.Equal(c) })
	}
	var out []Conflict
	for _, c := range a {
		if !has(b, c) || has(t, c) {
			out = append(out, c)
		}
	}
	for _, c := range t {
		if !has(b, c) && !has(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// Equal reports whether two conflicts record the same thing.
func (c Conflict) Equal(d Conflict) bool {
	return c.Kind == d.Kind && c.Key == d.Key && c.Field == d.Field && c.Path == d.Path &&
		c.Base.equal(d.Base, c.Key.Kind) && c.Ours.equal(d.Ours, c.Key.Kind) && c.Theirs.equal(d.Theirs, c.Key.Kind)
}

func (s Side) equal(t Side, k RecordKind) bool {
	return s.Absent == t.Absent && s.Value.equal(t.Value, orderedList) &&
		(s.Record == nil) == (t.Record == nil) && (s.Record == nil || s.Record.Equal(t.Record, k))
}
