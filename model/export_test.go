package model

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// EagerFindings are CheckAll's findings made the plain way: each whole,
// its path worded when found, the merge conflicts' as conflictFindings
// makes them, listed by check. What CheckAll keeps in short and words
// later must yield exactly these.
func EagerFindings(o *Org, asOf time.Time) []Finding {
	c := checker{o: o, asOf: asOf}
	c.cover, _ = organizersUnder(&poll{ctx: context.Background()}, o)
	var by [nChecks][]Finding
	by[ckMergeConflict] = conflictFindings(o)
	keep := func() {
		for ck := range c.out {
			by[ck] = append(by[ck], c.out[ck]...)
		}
		c.reset()
	}
	o.Walk(func(u *Unit) bool { c.unit(u); keep(); return true })
	for _, m := range o.Members {
		c.member(m)
		keep()
	}
	return slices.Concat(by[:]...)
}

// CheckIndex compares every index with one rebuilt from scratch.
func CheckIndex(o *Org) error {
	fresh := &Org{Functions: o.Functions, Kinds: o.Kinds, Members: o.Members, Units: o.Units}
	v := validator{o: fresh, checkOnly: true, was: o}
	fresh.idx = newIndex(0, 0, 0)
	v.run()
	if len(v.problems) > 0 {
		return v.problems[0]
	}
	if err := sameIndex("units", &o.idx.units, &fresh.idx.units, func(u *Unit) string { return u.ID }, true); err != nil {
		return err
	}
	if err := sameIndex("posts", &o.idx.posts, &fresh.idx.posts, func(p *Post) string { return p.ID }, true); err != nil {
		return err
	}
	memberID := func(p *person) string { return p.m.ID }
	if err := sameIndex("members", &o.idx.members, &fresh.idx.members, memberID, false); err != nil {
		return err
	}
	numbers := map[int32]bool{}
	for want := range fresh.idx.members.all() {
		id := want.m.ID
		got := o.idx.members.get(id)
		switch {
		case got != nil && (numbers[got.n] || got.n < 0 || got.n >= o.idx.people):
			return fmt.Errorf("members[%s] is numbered %d of %d, or as another is", id, got.n, o.idx.people)
		case got == nil || got.m != want.m:
			return fmt.Errorf("members[%s] differs", id)
		case !sameSet(got.held, want.held):
			return fmt.Errorf("held[%s] differs", id)
		case !sameSet(got.cand, want.cand):
			return fmt.Errorf("cand[%s] differs", id)
		}
		numbers[got.n] = true
	}
	if err := sameKeys("functions", o.idx.functions, fresh.idx.functions); err != nil {
		return err
	}
	if err := sameKeys("kinds", o.idx.kinds, fresh.idx.kinds); err != nil {
		return err
	}
	if len(o.idx.reportedBy) != len(fresh.idx.reportedBy) {
		return fmt.Errorf("reportedBy: %d keys, want %d", len(o.idx.reportedBy), len(fresh.idx.reportedBy))
	}
	for k, w := range fresh.idx.reportedBy {
		if !sameSet(o.idx.reportedBy[k], w) {
			return fmt.Errorf("reportedBy[%s] differs", k)
		}
	}
	return nil
}

// sameIndex compares an index with one made afresh: the same ids, each
// with the same item (or, without same, one there at all), and a count
// that is what it holds.
func sameIndex[T any](name string, got, want *byID[T], id func(*T) string, same bool) error {
	n := 0
	for v := range got.all() {
		if got.get(id(v)) != v {
			return fmt.Errorf("%s: %s is held but not found", name, id(v))
		}
		n++
	}
	switch {
	case n != got.len():
		return fmt.Errorf("%s: counts %d, holds %d", name, got.len(), n)
	case got.len() != want.len():
		return fmt.Errorf("%s: %d entries, want %d", name, got.len(), want.len())
	}
	for v := range want.all() {
		if g := got.get(id(v)); g == nil || (same && g != v) {
			return fmt.Errorf("%s[%s] differs", name, id(v))
		}
	}
	return nil
}

func sameKeys[T comparable](name string, got, want map[string]T) error {
	if len(got) != len(want) {
		return fmt.Errorf("%s: %d entries, want %d", name, len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			return fmt.Errorf("%s[%s] differs", name, k)
		}
	}
	return nil
}

func sameSet[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// UnitBefore exposes the document order of units to the tests.
func UnitBefore(o *Org, a, b *Unit) bool { return o.unitBefore(a, b) }

// NumberUnits numbers the plan's units in document order, as whole-plan
// work does; Numbered says whether the numbers are the plan's as it is.
func NumberUnits(o *Org)   { o.numberUnits() }
func Numbered(o *Org) bool { return o.numbered() }
