package model

import (
	"fmt"
	"slices"
)

// The versions a conflict can be settled to.
const (
	TakeOurs   = "ours"
	TakeTheirs = "theirs"
	TakeBase   = "base"
)

// Resolve settles the plan's conflict number Index to one version (Take:
// ours, theirs or base) and takes the conflict off the list. A field
// conflict sets the field to that version's value; a conflict about a
// whole record deletes it when that version has none (as the editor's
// delete would: a unit with what is under it, a member out of every
// post) and otherwise puts that version's record in place. Nothing else
// in the plan changes; when the version would leave the plan invalid (it
// names a unit since deleted, it puts a unit under itself) Resolve
// changes nothing and says why.
type Resolve struct {
	Index int
	Take  string
}

// Label implements Op.
func (r Resolve) Label() string { return "take " + r.Take + " for conflict " + fmt.Sprint(r.Index+1) }

func (r Resolve) apply(o *Org) (Op, error) {
	n, err := o.resolved(r)
	if err != nil {
		return nil, err
	}
	return swapPlan{n}.apply(o)
}

// resolved computes the plan as r would leave it, on records.
func (o *Org) resolved(r Resolve) (*Org, error) {
	if r.Index < 0 || r.Index >= len(o.Conflicts) {
		return nil, fmt.Errorf("no conflict %d", r.Index+1)
	}
	c := o.Conflicts[r.Index]
	var side Side
	switch r.Take {
	case TakeOurs:
		side = c.Ours
	case TakeTheirs:
		side = c.Theirs
	case TakeBase:
		side = c.Base
	default:
		return nil, fmt.Errorf("no version %q: take ours, theirs or base", r.Take)
	}
	rs := Flatten(o)
	rec, inPlan := rs.ByKey[c.Key]
	switch {
	case c.Field != "":
		i := fieldIndex(c.Key.Kind, c.Field)
		if !inPlan || i < 0 {
			return nil, fmt.Errorf("%s is no longer in the plan", describe(o, c.Key))
		}
		if side.Absent {
			return nil, fmt.Errorf("%s has no %s in %s: it deleted the %s", describe(o, c.Key), c.Field, r.Take, c.Key.Kind)
		}
		next := slices.Clone(rec)
		next[i] = list(side.Value.List)
		next[i].Text = side.Value.Text
		rs.put(c.Key, next)
	case side.Absent:
		if inPlan {
			rs.drop(c.Key)
		}
	default:
		if len(side.Record) != len(Fields[c.Key.Kind]) {
			return nil, fmt.Errorf("conflict %d has no whole %s for %s", r.Index+1, c.Key.Kind, r.Take)
		}
		rs.put(c.Key, slices.Clone(side.Record))
	}
	if err := rs.named(); err != nil {
		return nil, fmt.Errorf("%s cannot be taken: %w", r.Take, err)
	}
	if u := rs.unreachable(); u != "" {
		return nil, fmt.Errorf("%s cannot be taken: it puts %s under itself", r.Take, describe(o, RecordKey{RecUnit, u}))
	}
	rs.tidy()
	n, probs := rs.build()
	if len(probs) > 0 {
		return nil, fmt.Errorf("%s cannot be taken: %s", r.Take, probs[0].Msg)
	}
	n.Conflicts = slices.Delete(slices.Clone(o.Conflicts), r.Index, r.Index+1)
	n.Team = slices.Clone(o.Team)
	return n, nil
}

// put sets a record, moving it to the end of its new sequence when its
// place (a unit's parent, a post's unit) changes or it is new.
func (rs *Records) put(k RecordKey, r Record) {
	if old, ok := rs.ByKey[k]; ok {
		if s := seqOf(k, old); s == seqOf(k, r) {
			rs.ByKey[k] = r
			return
		}
		rs.unlist(k, old)
	}
	rs.ByKey[k] = r
	s := seqOf(k, r)
	rs.Seq[s] = append(rs.Seq[s], k.ID)
}

func (rs *Records) unlist(k RecordKey, r Record) {
	s := seqOf(k, r)
	rs.Seq[s] = slices.DeleteFunc(rs.Seq[s], func(id string) bool { return id == k.ID })
}

// drop deletes a record, and a unit's posts and sub-units with it, and
// takes every name of what it deleted out of the records left.
func (rs *Records) drop(k RecordKey) {
	gone := map[RecordKey]bool{}
	var del func(k RecordKey)
	del = func(k RecordKey) {
		r := rs.ByKey[k]
		gone[k] = true
		rs.unlist(k, r)
		delete(rs.ByKey, k)
		if k.Kind != RecUnit {
			return
		}
		for _, p := range slices.Clone(rs.Seq["p:"+k.ID]) {
			del(RecordKey{RecPost, p})
		}
		for _, u := range slices.Clone(rs.Seq["u:"+k.ID]) {
			del(RecordKey{RecUnit, u})
		}
	}
	del(k)
	for rk, r := range rs.ByKey {
		for i, f := range Fields[rk.Kind] {
			switch {
			case f.Ref == "":
			case f.IsList():
				r[i] = Value{List: slices.DeleteFunc(slices.Clone(r[i].List), func(id string) bool { return gone[RecordKey{f.Ref, id}] })}
			case gone[RecordKey{f.Ref, r[i].Text}]:
				r[i] = Value{}
			}
		}
	}
}

// named reports the first name of a record that is not there.
func (rs *Records) named() error {
	for _, k := range rs.sortedKeys() {
		r := rs.ByKey[k]
		for i, f := range Fields[k.Kind] {
			if f.Ref == "" {
				continue
			}
			for _, id := range names(r[i], f) {
				if _, ok := rs.ByKey[RecordKey{f.Ref, id}]; !ok {
					return fmt.Errorf("the %s's %s names %s %q, which is not in the plan", k.Kind, f.Name, f.Ref, id)
				}
			}
		}
	}
	return nil
}

// unreachable is a unit the top level does not lead to (its parents
// make a cycle), or "": build would leave it out without a word.
func (rs *Records) unreachable() string {
	seen := map[string]bool{}
	var walk func(seq string)
	walk = func(seq string) {
		for _, id := range rs.Seq[seq] {
			if !seen[id] {
				seen[id] = true
				walk("u:" + id)
			}
		}
	}
	walk(seqTop)
	for _, k := range rs.sortedKeys() {
		if k.Kind == RecUnit && !seen[k.ID] {
			return k.ID
		}
	}
	return ""
}

// tidy keeps each post's people and each unit's liaisons consistent: a
// holder is no candidate for their own post, nobody is a candidate twice,
// only candidates are ready later, and a line's liaison names a unit
// reported to and a member there.
func (rs *Records) tidy() {
	for k, r := range rs.ByKey {
		if k.Kind == RecUnit {
			rs.tidyLines(r)
		}
		if k.Kind != RecPost {
			continue
		}
		var cands []string
		for _, c := range r[fPostCandidates].List {
			if c != r[fPostHolder].Text && !slices.Contains(cands, c) {
				cands = append(cands, c)
			}
		}
		var later []string
		for _, c := range r[fPostReadyLater].List {
			if slices.Contains(cands, c) && !slices.Contains(later, c) {
				later = append(later, c)
			}
		}
		r[fPostCandidates], r[fPostReadyLater] = Value{List: cands}, Value{List: later}
	}
}

func (rs *Records) tidyLines(r Record) {
	var keep []string
	seen := map[string]bool{}
	for _, s := range r[fUnitReportLiaisons].List {
		l, ok := unquotePair(s)
		_, member := rs.ByKey[RecordKey{RecMember, l.Member}]
		if ok && member && !seen[l.To] && slices.Contains(r[fUnitReportsTo].List, l.To) {
			seen[l.To] = true
			keep = append(keep, s)
		}
	}
	r[fUnitReportLiaisons] = Value{List: keep}
}

// swapPlan puts another whole plan in place, built apart and shared with
// nothing; it returns the swap that puts the plan before it back. History
// is a line, so whatever was done to a plan in place is undone before it
// is swapped back.
type swapPlan struct{ with *Org }

func (s swapPlan) Label() string { return "replace the plan" }

func (s swapPlan) apply(o *Org) (Op, error) {
	before := *o
	version, people := o.version, o.people
	*o = *s.with
	o.version, o.people = version, people
	o.touched, o.touchedUnits, o.touchedMem, o.touchedAll = nil, nil, nil, true
	return swapPlan{&before}, nil
}
