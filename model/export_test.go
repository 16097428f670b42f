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
	if err := sameKeys("units", o.idx.units, fresh.idx.units); err != nil {
		return err
	}
	if err := sameKeys("posts", o.idx.posts, fresh.idx.posts); err != nil {
		return err
	}
	if len(o.idx.members) != len(fresh.idx.members) {
		return fmt.Errorf("members: %d, want %d", len(o.idx.members), len(fresh.idx.members))
	}
	numbers := map[int32]bool{}
	for id, want := range fresh.idx.members {
		got := o.idx.members[id]
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
