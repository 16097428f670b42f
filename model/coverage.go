package model

import (
	"cmp"
	"context"
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

// CoverageOf measures one unit, walking its branch.
func CoverageOf(o *Org, u *Unit) Coverage {
	n, _ := organizersOf(o, u, nil)
	return Coverage{Unit: u, Headcount: u.Headcount, Organizers: n, Ratio: o.idx.kinds[u.Kind].Ratio()}
}

// CountOrganizers counts the organizers of each unit, walking each
// branch, giving up once ctx is done: for the checks' PendingCoverage.
func CountOrganizers(ctx context.Context, o *Org, units []*Unit) (map[*Unit]int, error) {
	p := &poll{ctx: ctx}
	out := make(map[*Unit]int, len(units))
	for _, u := range units {
		n, err := organizersOf(o, u, p)
		if err != nil {
			return nil, err
		}
		out[u] = n
	}
	return out, nil
}

// organizersOf counts the distinct active people holding or standing for
// the posts of u's branch; a nil p is never called off.
func organizersOf(o *Org, u *Unit, p *poll) (int, error) {
	seen := map[string]bool{}
	count := func(id string) {
		if id != "" && !seen[id] && o.MemberActive(id) {
			seen[id] = true
		}
	}
	WalkUnit(u, func(x *Unit) bool {
		for _, pt := range x.Posts {
			count(pt.Holder)
			for _, c := range pt.Candidates {
				count(c)
			}
		}
		return p == nil || !p.stopped()
	})
	if p != nil && p.err != nil {
		return 0, p.err
	}
	return len(seen), nil
}

// Coverages measures every unit with a headcount, worst first: those
// with no organizer at all (most people first), then most people per
// organizer against the ratio, then most organizers missing, then
// document order.
func Coverages(o *Org) []Coverage {
	out, _ := CoveragesContext(context.Background(), o)
	return out
}

// CoveragesContext is Coverages giving up once ctx is done.
func CoveragesContext(ctx context.Context, o *Org) ([]Coverage, error) {
	p := &poll{ctx: ctx}
	counts, err := organizersUnder(p, o)
	if err != nil {
		return nil, err
	}
	var out []Coverage
	o.Walk(func(u *Unit) bool {
		if u.Headcount > 0 {
			out = append(out, Coverage{Unit: u, Headcount: u.Headcount, Organizers: counts[u], Ratio: o.idx.kinds[u.Kind].Ratio()})
		}
		return !p.stopped()
	})
	if p.err != nil {
		return nil, p.err
	}
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
	return out, nil
}

// organizersUnder counts the organizers of every unit with a headcount
// in one walk, where measuring each alone walks its branch again: each
// unit counts the active people on its own posts, and a person met again
// further on in document order is taken off once at the nearest unit
// the two places share (if any). A branch is a run of document order, so it sums
// to one for each person with a post in it, however many.
func organizersUnder(p *poll, o *Org) (map[*Unit]int, error) {
	type place struct {
		u      *Unit
		parent int32
		weight int32
	}
	order := make([]place, 0, o.idx.units.len())
	// Where each person was last met, plus one (0: not yet), by their
	// number.
	last := make([]int32, o.idx.people)
	// The nearest unit holding both place j and a later place i is i's
	// nearest ancestor (or itself) that comes no later than j: in
	// document order a unit's branch is the run from it to its last
	// descendant, so an ancestor of i before j holds the whole run
	// from it to i, j among it.
	nearest := func(j, i int32) int32 {
		for i > j {
			i = order[i].parent
		}
		return i // -1: under two top-level units, no unit holds both
	}
	meet := func(i int32, pr *person) {
		if pr == nil || !pr.active {
			return
		}
		j := last[pr.n] - 1
		if j == i {
			return
		}
		order[i].weight++
		if j >= 0 {
			if k := nearest(j, i); k >= 0 {
				order[k].weight--
			}
		}
		last[pr.n] = i + 1
	}
	// Depth first in document order, each unit told its parent's place
	// (a map from unit to place cost a lookup a unit).
	var visit func(us []*Unit, parent int32) bool
	visit = func(us []*Unit, parent int32) bool {
		for _, u := range us {
			i := int32(len(order))
			order = append(order, place{u: u, parent: parent})
			for _, post := range u.Posts {
				meet(i, post.holder)
				for _, c := range post.Candidates {
					meet(i, o.idx.members.get(c))
				}
			}
			if p.stopped() || !visit(u.Units, i) {
				return false
			}
		}
		return true
	}
	visit(o.Units, -1)
	if p.err != nil {
		return nil, p.err
	}
	out := map[*Unit]int{}
	for i := len(order) - 1; i >= 0; i-- {
		pl := order[i]
		if pl.u.Headcount > 0 {
			out[pl.u] = int(pl.weight)
		}
		if pl.parent >= 0 {
			order[pl.parent].weight += pl.weight
		}
	}
	return out, nil
}
