package model

import (
	"fmt"
	"slices"
)

// Organizer is one person of the team a plan is encrypted to: a name
// for the roster and their public key (an age or SSH recipient, as text;
// what it means is storage's business). The roster lives inside the
// plan, so that the file does not say who the organizers are.
type Organizer struct {
	Name      string
	Recipient string
}

// checkTeam refuses an organizer with no name or key, or a name twice.
func (v *validator) checkTeam() {
	for i, t := range v.o.Team {
		at := fmt.Sprintf("/team/%d", i)
		switch {
		case t.Name == "":
			v.add(at+"/name", "an organizer needs a name")
		case slices.ContainsFunc(v.o.Team[:i], func(u Organizer) bool { return u.Name == t.Name }):
			v.add(at+"/name", "organizer %q is in the team twice", t.Name)
		}
		if t.Recipient == "" {
			v.add(at+"/recipient", "an organizer needs a public key")
		}
	}
}

// MergeTeam merges the rosters by name: an organizer added on one side
// is added, one removed on one side is removed (a removal is a security
// decision), and a key changed on one side is taken from it.
func MergeTeam(base, ours, theirs []Organizer) []Organizer {
	find := func(ts []Organizer, name string) (Organizer, bool) {
		i := slices.IndexFunc(ts, func(t Organizer) bool { return t.Name == name })
		if i < 0 {
			return Organizer{}, false
		}
		return ts[i], true
	}
	var out []Organizer
	add := func(t Organizer) {
		if _, dup := find(out, t.Name); !dup {
			out = append(out, t)
		}
	}
	for _, side := range [][]Organizer{ours, theirs} {
		for _, t := range side {
			b, inBase := find(base, t.Name)
			a, inA := find(ours, t.Name)
			th, inT := find(theirs, t.Name)
			switch {
			case inBase && (!inA || !inT):
				continue // removed on a side
			case inA && inT && a.Recipient != th.Recipient && a.Recipient == b.Recipient:
				add(th) // theirs changed the key
			case inA:
				add(a)
			default:
				add(th)
			}
		}
	}
	return out
}
