package model

import (
	"cmp"
	"slices"
)

// Damage is what a removal costs the organization, counted from the
// simulation's own result: one for each post that had a holder and is
// left with none; one for each unit that had active holders and has none
// left; one for each unit cut off (people left, no line to a center), and
// one more when it is lost rather than recoverable, since nobody can
// re-form its line. Keeping the parts visible lets a reader weigh them
// otherwise.
type Damage struct {
	Vacated, Leaderless, CutOff int
	Lost                        int // of CutOff, those not recoverable
}

// Total is the damage as one number.
func (d Damage) Total() int { return d.Vacated + d.Leaderless + d.CutOff + d.Lost }

// Recoverable is how many of the cut-off units can be reconnected.
func (d Damage) Recoverable() int { return d.CutOff - d.Lost }

// Damage of a simulation.
func (w WhatIf) Damage() Damage {
	return Damage{Vacated: len(w.Vacated), Leaderless: len(w.Leaderless), CutOff: len(w.CutOff),
		Lost: len(w.CutOff) - len(w.Recoverable)}
}

// Risk is one member and the damage their removal alone would do.
type Risk struct {
	Member string
	Damage Damage
}

// Risks ranks the active members whose removal alone does damage, most
// first (ties by id): the weak points of the plan, each agreeing with
// Simulate of that one member.
func Risks(o *Org) []Risk { return RisksProgress(o, nil) }

// RisksProgress is Risks, telling progress (members done, of all) now and
// then: a long ranking on a big plan can show how far it is.
func RisksProgress(o *Org, progress func(done, total int)) []Risk {
	var out []Risk
	before := linesNow(o)
	for i, m := range o.Members {
		if progress != nil && i%1024 == 0 {
			progress(i, len(o.Members))
		}
		if !m.Active() {
			continue
		}
		d := simulate(o, []string{m.ID}, false, before).Damage()
		if d.Total() > 0 {
			out = append(out, Risk{Member: m.ID, Damage: d})
		}
	}
	if progress != nil {
		progress(len(o.Members), len(o.Members))
	}
	slices.SortStableFunc(out, func(a, b Risk) int {
		if c := cmp.Compare(b.Damage.Total(), a.Damage.Total()); c != 0 {
			return c
		}
		return cmp.Compare(a.Member, b.Member)
	})
	return out
}
