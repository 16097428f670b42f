package model

import (
	"cmp"
	"slices"
)

// Coverage is how many of the people a unit organizes have an organizer:
// the active members holding or standing as candidates for its posts and
// those of its sub-units, against its headcount, at one organizer per
// Ratio people (the kind's coverageRatio, default one to ten).
type Coverage struct {
	Unit       *Unit
	Headcount  int
	Organizers int
	Ratio      int
}

// Needed is how many organizers the headcount calls for.
func (c Coverage) Needed() int { return (c.Headcount + c.Ratio - 1) / c.Ratio }

// Short is how many more organizers it needs (0 when covered).
func (c Coverage) Short() int { return max(c.Needed()-c.Organizers, 0) }

// PerOrganizer is how many people each organizer covers (the headcount
// when there is none).
func (c Coverage) PerOrganizer() float64 {
	if c.Organizers == 0 {
		return float64(c.Headcount)
	}
	return float64(c.Headcount) / float64(c.Organizers)
}

// CoverageOf measures one unit.
func CoverageOf(o *Org, u *Unit) Coverage { return coverageOf(o, u, &stamps{seen: map[string]int32{}}) }

// stamps counts distinct members across many units with one map and no
// clearing: a member counts in this unit when their stamp is not yet the
// unit's (clearing a map that grew to every member, once per unit, cost
// more than the walks).
type stamps struct {
	seen map[string]int32
	gen  int32
}

func coverageOf(o *Org, u *Unit, st *stamps) Coverage {
	st.gen++
	n := 0
	count := func(id string) {
		if st.seen[id] != st.gen && o.MemberActive(id) {
			st.seen[id] = st.gen
			n++
		}
	}
	WalkUnit(u, func(x *Unit) bool {
		for _, p := range x.Posts {
			if p.Holder != "" {
				count(p.Holder)
			}
			for _, c := range p.Candidates {
				count(c)
			}
		}
		return true
	})
	return Coverage{Unit: u, Headcount: u.Headcount, Organizers: n, Ratio: o.idx.kinds[u.Kind].Ratio()}
}

// Coverages measures every unit with a headcount, worst first: those
// with no organizer at all (most people first), then most people per
// organizer against the ratio, then most organizers missing, then
// document order.
func Coverages(o *Org) []Coverage {
	var out []Coverage
	st := &stamps{seen: map[string]int32{}}
	o.Walk(func(u *Unit) bool {
		if u.Headcount > 0 {
			out = append(out, coverageOf(o, u, st))
		}
		return true
	})
	slices.SortStableFunc(out, func(a, b Coverage) int {
		// Nobody at all comes first, the most people first.
		if az, bz := a.Organizers == 0, b.Organizers == 0; az != bz {
			if az {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.PerOrganizer()/float64(b.Ratio), a.PerOrganizer()/float64(a.Ratio)); c != 0 {
			return c
		}
		return cmp.Compare(b.Short(), a.Short())
	})
	return out
}
