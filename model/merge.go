package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Merge merges two plans that both come from base, by id and field by
// field. Changes made on one side only are taken; the same change on
// both is taken once; records both sides added under one id for different
// things are both kept (theirs gets a new id). Conflicts keep ours and are
// returned, and listed in the merged plan's Conflicts with those the
// sides already had. The result is always a valid plan; an error means
// a bug, never bad luck.
func Merge(base, ours, theirs *Org) (*Org, []Conflict, error) {
	m := &merger{b: Flatten(base), a: Flatten(ours), t: Flatten(theirs),
		out: &Records{ByKey: map[RecordKey]Record{}, Seq: map[string][]string{}}}
	m.separateAdditions()
	m.records()
	m.findDeletedUsed()
	m.findCycles()
	for m.references() || m.cycles() {
	}
	m.order()
	m.out.tidy()
	o, probs := m.out.build()
	if len(probs) > 0 {
		return nil, nil, fmt.Errorf("the merged plan is not valid: %v", probs[0])
	}
	m.sortConflicts()
	for i := range m.conflicts {
		c := &m.conflicts[i]
		c.Path = describe(o, c.Key)
		if c.Path == c.Key.ID {
			if c.Path = describe(ours, c.Key); c.Path == c.Key.ID {
				c.Path = describe(theirs, c.Key)
			}
		}
	}
	o.Conflicts = mergeConflicts(base.Conflicts, ours.Conflicts, theirs.Conflicts)
	o.Conflicts = append(o.Conflicts, m.conflicts...)
	o.Team = MergeTeam(base.Team, ours.Team, theirs.Team)
	return o, m.conflicts, nil
}

type merger struct {
	b, a, t   *Records
	out       *Records
	conflicts []Conflict
}

func (m *merger) side(rs *Records, k RecordKey, field string) Side {
	r, ok := rs.ByKey[k]
	switch {
	case !ok:
		return Side{Absent: true}
	case field == "":
		return Side{Record: r}
	}
	return Side{Value: r.Get(k.Kind, field)}
}

// sortConflicts puts the conflicts in report order (records, then
// fields, then kinds): they are found walking maps, and a merge must
// give the same file every time.
func (m *merger) sortConflicts() {
	slices.SortFunc(m.conflicts, func(x, y Conflict) int {
		if c := cmp.Compare(slices.Index(RecordKinds, x.Key.Kind), slices.Index(RecordKinds, y.Key.Kind)); c != 0 {
			return c
		}
		if c := CompareIDs(x.Key.ID, y.Key.ID); c != 0 {
			return c
		}
		if c := cmp.Compare(fieldIndex(x.Key.Kind, x.Field), fieldIndex(y.Key.Kind, y.Field)); c != 0 {
			return c
		}
		return cmp.Compare(slices.Index(ConflictKinds, x.Kind), slices.Index(ConflictKinds, y.Kind))
	})
}

// conflict records a conflict once.
func (m *merger) conflict(kind string, k RecordKey, field string) {
	for _, c := range m.conflicts {
		if c.Kind == kind && c.Key == k && c.Field == field {
			return
		}
	}
	m.conflicts = append(m.conflicts, Conflict{Kind: kind, Key: k, Field: field,
		Base: m.side(m.b, k, field), Ours: m.side(m.a, k, field), Theirs: m.side(m.t, k, field)})
}

// separateAdditions gives a new id to each record theirs added under an
// id ours also added for something else (two organizers each adding a
// unit both get the next number), renaming every reference in theirs.
// Renaming a unit changes its posts' records, so it runs until nothing
// collides.
func (m *merger) separateAdditions() {
	for changed := true; changed; {
		changed = false
		for k, tr := range m.t.ByKey {
			ar, inA := m.a.ByKey[k]
			if _, inB := m.b.ByKey[k]; inB || !inA || k.Kind == RecPlan || ar.Equal(tr, k.Kind) {
				continue
			}
			m.t.rename(k, m.freshID(k))
			changed = true
			break // the map changed under the loop
		}
	}
}

// freshID is an id of k's kind used on no side: its letter and the next
// number.
func (m *merger) freshID(k RecordKey) string {
	prefix := map[RecordKind]string{RecFunction: "f", RecKind: "k", RecMember: "m", RecUnit: "u", RecPost: "p"}[k.Kind]
	n := 0
	for _, rs := range []*Records{m.b, m.a, m.t} {
		for key := range rs.ByKey {
			if p, num := splitID(key.ID); key.Kind == k.Kind && p == prefix {
				n = max(n, num)
			}
		}
	}
	return fmt.Sprintf("%s%d", prefix, n+1)
}

// rename gives record k a new id, here and wherever a record names it.
func (rs *Records) rename(k RecordKey, id string) {
	r := rs.ByKey[k]
	delete(rs.ByKey, k)
	rs.ByKey[RecordKey{k.Kind, id}] = r
	for key, other := range rs.ByKey {
		for fi, f := range Fields[key.Kind] {
			if f.Ref != k.Kind {
				continue
			}
			v := other[fi]
			if v.Text == k.ID {
				v.Text = id
			}
			if i := slices.Index(v.List, k.ID); i >= 0 {
				v.List = slices.Clone(v.List)
				v.List[i] = id
			}
			other[fi] = v
		}
	}
	for s, ids := range rs.Seq {
		if i := slices.Index(ids, k.ID); i >= 0 && s == seqOf(RecordKey{k.Kind, id}, r) {
			ids[i] = id
		}
	}
	if k.Kind == RecUnit {
		for _, pre := range []string{"u:", "p:"} {
			if ids, ok := rs.Seq[pre+k.ID]; ok {
				rs.Seq[pre+id] = ids
				delete(rs.Seq, pre+k.ID)
			}
		}
	}
}

// records merges every record, field by field.
func (m *merger) records() {
	keys := map[RecordKey]bool{}
	for _, rs := range []*Records{m.b, m.a, m.t} {
		for k := range rs.ByKey {
			keys[k] = true
		}
	}
	for k := range keys {
		br, inB := m.b.ByKey[k]
		ar, inA := m.a.ByKey[k]
		tr, inT := m.t.ByKey[k]
		switch {
		case inA && inT:
			out := make(Record, len(Fields[k.Kind]))
			for i, f := range Fields[k.Kind] {
				v, clash := mergeValue(f, br.at(i), ar[i], tr[i])
				if clash {
					m.conflict(ConflictChanged, k, f.Name)
				}
				out[i] = v
			}
			m.out.ByKey[k] = out
		case inA: // theirs has none
			switch {
			case !inB:
				m.out.ByKey[k] = clone(ar) // ours added it
			case !ar.Equal(br, k.Kind):
				m.conflict(ConflictDeletedEdited, k, "")
				m.out.ByKey[k] = clone(ar)
			} // else theirs deleted what ours left alone
		case inT: // ours has none
			switch {
			case !inB:
				m.out.ByKey[k] = clone(tr) // theirs added it
			case !tr.Equal(br, k.Kind):
				m.conflict(ConflictDeletedEdited, k, "") // it stays deleted, as ours has it
			}
		}
	}
}

func clone(r Record) Record {
	out := make(Record, len(r))
	for i, v := range r {
		out[i] = Value{Text: v.Text, List: slices.Clone(v.List)}
	}
	return out
}

// mergeValue merges one field three ways: a change on one side wins; the
// same change on both is taken; different changes to a set are combined,
// and to a list of candidates when neither side reordered it; any other
// clash keeps ours and is a conflict.
func mergeValue(f FieldSpec, b, a, t Value) (Value, bool) {
	switch {
	case a.equal(t, f.list), b.equal(t, f.list):
		return a, false
	case b.equal(a, f.list):
		return t, false
	}
	switch f.list {
	case setList:
		return Value{List: mergeSet(b.List, a.List, t.List)}, false
	case orderedList:
		if unreordered(b.List, a.List) && unreordered(b.List, t.List) {
			want := map[string]bool{}
			for _, id := range append(slices.Clone(a.List), t.List...) {
				inBoth := slices.Contains(a.List, id) && slices.Contains(t.List, id)
				if inBoth || !slices.Contains(b.List, id) {
					want[id] = true
				}
			}
			return Value{List: orderSeq(a.List, t.List, want)}, false
		}
	}
	return a, true
}

// mergeSet is ours, less what theirs removed, plus what theirs added.
func mergeSet(b, a, t []string) []string {
	var out []string
	for _, id := range a {
		if !slices.Contains(b, id) || slices.Contains(t, id) {
			out = append(out, id)
		}
	}
	for _, id := range t {
		if !slices.Contains(b, id) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// unreordered reports whether side keeps the base's relative order of the
// ids they share.
func unreordered(base, side []string) bool {
	return slices.Equal(common(base, side), common(side, base))
}

// orderSeq orders the ids in want: skel's order, then each other id
// after the one it follows in other (first when it follows none), then
// any left in id order.
func orderSeq(skel, other []string, want map[string]bool) []string {
	out := make([]string, 0, len(want))
	placed := map[string]bool{}
	for _, id := range skel {
		if want[id] && !placed[id] {
			out = append(out, id)
			placed[id] = true
		}
	}
	prev := ""
	for _, id := range other {
		if !want[id] {
			continue
		}
		if !placed[id] {
			i := 0
			if prev != "" {
				i = slices.Index(out, prev) + 1
			}
			out = slices.Insert(out, i, id)
			placed[id] = true
		}
		prev = id
	}
	var rest []string
	for id := range want {
		if !placed[id] {
			rest = append(rest, id)
		}
	}
	slices.SortFunc(rest, CompareIDs)
	return append(out, rest...)
}
