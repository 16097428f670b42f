package model_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

// noDemotion fails when a promotion in w moves someone to a post not
// strictly more important than one they held before it.
func noDemotion(t *testing.T, o *model.Org, w model.WhatIf, what string) {
	t.Helper()
	for _, p := range w.Promotions {
		rank := model.RankOf(o, p.Post)
		for _, held := range p.Leaves {
			if !rank.Above(model.RankOf(o, held)) {
				t.Fatalf("%s: %s moved from %s (%+v) to %s (%+v)", what, p.To, held.ID, model.RankOf(o, held), p.Post.ID, rank)
			}
		}
	}
}

// TestNobodyIsMovedDown: every single removal in the three examples, and
// random removal sets in generated plans; and the ranking of risks agrees
// with the simulation of each member on every part of the damage.
func TestNobodyIsMovedDown(t *testing.T) {
	t.Parallel()
	plans := map[string]*model.Org{}
	for _, n := range []string{"st-petersburg-1902", "tenant-association", "union-organizing-committee"} {
		plans[n] = example(t, n)
	}
	for _, seed := range []uint64{5, 6, 7} {
		plans["synth-"+string(rune('0'+seed))] = synth.Generate(synth.Options{Units: 300, Branching: int(2 + seed%4), Seed: seed})
	}
	for name, o := range plans {
		risky := map[string]model.Damage{}
		for _, r := range model.Risks(o) {
			risky[r.Member] = r.Damage
		}
		for _, m := range o.Members {
			if !m.Active() {
				continue
			}
			w := model.Simulate(o, []string{m.ID})
			noDemotion(t, o, w, name+" without "+m.ID)
			d := w.Damage()
			if got, listed := risky[m.ID]; listed != (d.Total() > 0) || listed && got != d {
				t.Fatalf("%s: risk of %s is %+v (listed %v), the simulation says %+v", name, m.ID, got, listed, d)
			}
		}
		r := rand.New(rand.NewPCG(7, 7))
		for range 50 {
			var set []string
			for range 1 + r.IntN(5) {
				set = append(set, o.Members[r.IntN(len(o.Members))].ID)
			}
			noDemotion(t, o, model.Simulate(o, set), name)
		}
	}
}

// TestTheTenantsCoordinatorStaysCoordinator: Hank holds Building A's
// captaincy and the upper floors; Dwayne, the Buildings coordinator, is
// the floors' only candidate. Taking Hank used to pull Dwayne down into
// the floor post and cut all the buildings off; now Dwayne stays, Hank's
// posts are left as they fall, and the buildings keep their line.
func TestTheTenantsCoordinatorStaysCoordinator(t *testing.T) {
	t.Parallel()
	o := example(t, "tenant-association")
	var hank, dwayne string
	for _, m := range o.Members {
		switch m.Alias {
		case "Hank":
			hank = m.ID
		case "Dwayne":
			dwayne = m.ID
		}
	}
	w := model.Simulate(o, []string{hank})
	for _, p := range w.Promotions {
		if p.To == dwayne {
			t.Fatalf("Dwayne moved to %s", p.Post.Title)
		}
	}
	if s := w.Final[o.Post("p9")]; s.Holder != "" && s.Holder != dwayne {
		t.Fatalf("the coordinator's post went to %s", s.Holder)
	}
	if len(w.CutOff) > 0 {
		t.Fatalf("cut off: %v", ids(w.CutOff))
	}
	skipped := false
	for _, s := range w.Skipped {
		skipped = skipped || s.Member == dwayne && s.Post.ID == "p12" && s.Holds.Unit().Depth() < s.Post.Unit().Depth()
	}
	if !skipped {
		t.Fatalf("Dwayne's skip is not reported: %+v", w.Skipped)
	}
}

// cutOffByWalk is the cut-off units found the plain way, by walking the
// whole plan after the removal is made real: those cut off then, less
// those cut off before. The reference for the local search Simulate does.
func cutOffByWalk(t *testing.T, o *model.Org, w model.WhatIf) []string {
	t.Helper()
	before := map[string]bool{}
	for _, u := range model.Unconnected(o) {
		before[u.ID] = true
	}
	after := o.Clone()
	if _, err := after.Apply(w.Apply(after)); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, u := range model.Unconnected(after) {
		if !before[u.ID] {
			out = append(out, u.ID)
		}
	}
	return out
}

// TestCutOffIsFoundLocallyAsByAWholeWalk: random removals in generated
// plans with reporting lines: the local search finds exactly the units a
// walk of the whole plan finds.
func TestCutOffIsFoundLocallyAsByAWholeWalk(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: 2000, Branching: 4, Seed: 9})
	r := rand.New(rand.NewPCG(3, 4))
	found := 0
	for range 300 {
		set := randomMembers(o, r, 40)
		w := model.Simulate(o, set)
		got, want := ids(w.CutOff), cutOffByWalk(t, o, w)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("removing %v: cut off %v, a whole walk finds %v", set, got, want)
		}
		found += len(want)
	}
	if found == 0 {
		t.Fatal("no removal cut anything off: the test proves nothing")
	}
}

// The bench after a removal, counted from the posts the removal touches,
// is what a count of every post in the plan as simulated gives.
func TestBenchAfterIsThatOfEveryPost(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: 2000, Branching: 4, Seed: 11})
	r := rand.New(rand.NewPCG(5, 6))
	moved := 0
	for range 200 {
		set := randomMembers(o, r, 40)
		w := model.Simulate(o, set)
		want := model.Bench{}
		o.Walk(func(u *model.Unit) bool {
			for _, p := range u.Posts {
				s, ok := w.Final[p]
				if !ok {
					s = model.People{Holder: p.Holder, Candidates: p.Candidates, ReadyLater: p.ReadyLater}
				}
				want.Posts++
				now, any := false, false
				for _, c := range s.Candidates {
					if !slices.Contains(set, c) && o.MemberActive(c) && c != s.Holder {
						any = true
						now = now || !slices.Contains(s.ReadyLater, c)
					}
				}
				want.Ready += map[bool]int{true: 1}[now]
				want.Any += map[bool]int{true: 1}[any]
			}
			return true
		})
		if w.BenchAfter != want {
			t.Fatalf("removing %v: bench after %+v, every post counted %+v", set, w.BenchAfter, want)
		}
		if w.BenchAfter != w.BenchBefore {
			moved++
		}
	}
	if moved == 0 {
		t.Fatal("no removal changed the bench: the test proves nothing")
	}
}

// randomMembers picks 1 to most members at random, maybe some twice.
func randomMembers(o *model.Org, r *rand.Rand, most int) []string {
	var set []string
	for range 1 + r.IntN(most) {
		set = append(set, o.Members[r.IntN(len(o.Members))].ID)
	}
	return set
}
