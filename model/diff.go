package model

import (
	"cmp"
	"slices"
	"strconv"
)

// Change is one difference between two plans: a record added or removed
// (Field ""), a field changed, or the order of a sequence changed (Field
// "units" or "posts" of the unit, or of the plan for the top level, with
// the ids both plans have in From and To).
type Change struct {
	Key            RecordKey
	Field          string
	Added, Removed bool
	From, To       Value
	// Where names the record by its place in the new plan (the old one
	// when removed); WhereFrom its place in the old one, when it moved.
	Where, WhereFrom string
}

// Diff lists the differences from plan a to plan b, by id: records added,
// removed and changed, field by field, then the order of siblings. The
// order of members and of the catalogues means nothing, nor does the
// order in sets (reportsTo, skills, readiness); the order of candidates
// and of units and posts among their siblings does. Changes come by kind
// of record, then id (numbers in ids in numeric order), then field.
func Diff(a, b *Org) []Change {
	ra, rb := Flatten(a), Flatten(b)
	var out []Change
	for k, r := range rb.ByKey {
		old, ok := ra.ByKey[k]
		if !ok {
			out = append(out, Change{Key: k, Added: true, Where: describe(b, k)})
			continue
		}
		for i, f := range Fields[k.Kind] {
			if !old[i].equal(r[i], f.list) {
				c := Change{Key: k, Field: f.Name, From: old[i], To: r[i], Where: describe(b, k)}
				if f.Name == "parent" || f.Name == "unit" {
					c.WhereFrom = describe(a, k)
				}
				out = append(out, c)
			}
		}
	}
	for k := range ra.ByKey {
		if _, ok := rb.ByKey[k]; !ok {
			out = append(out, Change{Key: k, Removed: true, Where: describe(a, k)})
		}
	}
	for seq, ids := range rb.Seq {
		if seq[1] != ':' {
			continue // members and catalogues: order means nothing
		}
		from, to := common(ra.Seq[seq], ids), common(ids, ra.Seq[seq])
		if !slices.Equal(from, to) {
			k, field := RecordKey{RecUnit, seq[2:]}, "units"
			if seq[0] == 'p' {
				field = "posts"
			}
			if k.ID == "" {
				k.Kind = RecPlan
			}
			out = append(out, Change{Key: k, Field: field, From: Value{List: from}, To: Value{List: to}, Where: describe(b, k)})
		}
	}
	slices.SortFunc(out, compareChanges)
	return out
}

// common is the ids of a that are also in b, in a's order.
func common(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, id := range b {
		in[id] = true
	}
	var out []string
	for _, id := range a {
		if in[id] {
			out = append(out, id)
		}
	}
	return out
}

func compareChanges(x, y Change) int {
	if c := cmp.Compare(slices.Index(RecordKinds, x.Key.Kind), slices.Index(RecordKinds, y.Key.Kind)); c != 0 {
		return c
	}
	if c := CompareIDs(x.Key.ID, y.Key.ID); c != 0 {
		return c
	}
	return cmp.Compare(fieldRank(x), fieldRank(y))
}

// fieldRank puts a record's addition or removal first, then its fields
// in their order, then the order of what it holds.
func fieldRank(c Change) int {
	if c.Field == "" {
		return -1
	}
	for i, f := range Fields[c.Key.Kind] {
		if f.Name == c.Field {
			return i
		}
	}
	if c.Field == "units" {
		return 100
	}
	return 101
}

// CompareIDs orders ids with their numbers in numeric order: u2 before
// u10.
func CompareIDs(a, b string) int {
	pa, na := splitID(a)
	pb, nb := splitID(b)
	if pa != pb || na < 0 || nb < 0 {
		return cmp.Compare(a, b)
	}
	return cmp.Compare(na, nb)
}

func splitID(id string) (string, int) {
	i := len(id)
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		i--
	}
	if i == len(id) || len(id)-i > 15 {
		return id, -1
	}
	n, _ := strconv.Atoi(id[i:])
	return id[:i], n
}

// describe names a record by its place in o: a unit's path, a post's
// unit path and title, a member's alias, a catalogue entry's name.
func describe(o *Org, k RecordKey) string {
	switch k.Kind {
	case RecPlan:
		return o.Name
	case RecFunction:
		if f := o.Function(k.ID); f != nil {
			return f.Name
		}
	case RecKind:
		if x := o.Kind(k.ID); x != nil {
			return x.Name
		}
	case RecMember:
		if m := o.Member(k.ID); m != nil {
			return m.Label()
		}
	case RecUnit:
		if u := o.Unit(k.ID); u != nil {
			return o.PathString(u)
		}
	case RecPost:
		if p := o.Post(k.ID); p != nil {
			return o.PathString(p.unit) + " › " + p.Title
		}
	}
	return k.ID
}
