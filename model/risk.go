package model

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
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
// Simulate of that one member. It uses every core.
func Risks(o *Org) []Risk { return RisksProgress(o, runtime.GOMAXPROCS(0), nil) }

// RisksProgress is Risks on as many goroutines as workers, telling
// progress (members done, of all) now and then: a long ranking on a big
// plan can show how far it is. An editor leaves a core to the keys.
func RisksProgress(o *Org, workers int, progress func(done, total int)) []Risk {
	out := risksInOrder(o, workers, progress)
	slices.SortStableFunc(out, func(a, b Risk) int {
		if c := cmp.Compare(b.Damage.Total(), a.Damage.Total()); c != 0 {
			return c
		}
		return cmp.Compare(a.Member, b.Member)
	})
	return out
}

// riskChunk is how many members a worker simulates at a time.
const riskChunk = 1024

// risksInOrder is the risks in member order. Each removal is simulated
// alone, against the plan as it is, so the members are shared out in
// chunks among the workers, sharing one record of the plan's lines
// worked out beforehand, and the chunks' risks put back in order.
func risksInOrder(o *Org, workers int, progress func(done, total int)) []Risk {
	shared := linesWhole(o)
	n := len(o.Members)
	parts := make([][]Risk, (n+riskChunk-1)/riskChunk)
	var next, done atomic.Int64
	work := func(report bool) {
		before := shared
		if before == nil {
			before = linesNow(o)
		}
		for {
			c := int(next.Add(1)) - 1
			if c >= len(parts) {
				return
			}
			for _, m := range o.Members[c*riskChunk : min(n, (c+1)*riskChunk)] {
				if !m.Active() {
					continue
				}
				if d := simulate(o, []string{m.ID}, false, before, nil).Damage(); d.Total() > 0 {
					parts[c] = append(parts[c], Risk{Member: m.ID, Damage: d})
				}
			}
			if d := done.Add(riskChunk); report && progress != nil {
				progress(int(min(d, int64(n))), n)
			}
		}
	}
	if progress != nil {
		progress(0, n)
	}
	var wg sync.WaitGroup
	for range max(workers, 1) - 1 {
		wg.Go(func() { work(false) })
	}
	work(true)
	wg.Wait()
	if progress != nil {
		progress(n, n)
	}
	return slices.Concat(parts...)
}
