package model_test

import (
	"context"
	"errors"
	"testing"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

// Coverages counts every unit's organizers in one walk; each must be what
// walking the unit's own branch (CoverageOf) counts, on plans where the
// same people sit in many places, with a headcount on every unit, over
// random edits that move, add and delete units and people (and make more
// than one top-level unit).
func TestCoveragesCountEachBranchOnce(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{1, 2, 3} {
		o := synth.Generate(synth.Options{Units: 600, Branching: 3, Seed: seed})
		o.Walk(func(u *model.Unit) bool { u.Headcount = 10; return true })
		compare := func(step int) {
			got := model.Coverages(o)
			n := 0
			o.Walk(func(u *model.Unit) bool {
				if u.Headcount > 0 {
					n++
				}
				return true
			})
			if len(got) != n {
				t.Fatalf("seed %d step %d: %d coverages for %d units with a headcount", seed, step, len(got), n)
			}
			for _, c := range got {
				if want := model.CoverageOf(o, c.Unit); c != want {
					t.Fatalf("seed %d step %d: %s counted %d organizers, its branch has %d", seed, step, c.Unit.ID, c.Organizers, want.Organizers)
				}
			}
		}
		compare(-1)
		randomEdits(o, seed, 120, func(step int) {
			if step%10 == 0 {
				compare(step)
			}
		})
	}
}

// Whole-plan work called off gives up with the context's error and no
// result.
func TestWholePlanWorkStopsWhenCalledOff(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: 3000, Seed: 1})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if s, err := model.BuildCheckState(ctx, o, benchDay); s != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("checks: %v, %v", s, err)
	}
	if cs, err := model.CoveragesContext(ctx, o); cs != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("coverages: %v, %v", len(cs), err)
	}
	if n, err := model.CountOrganizers(ctx, o, o.Units); n != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("organizers: %v, %v", n, err)
	}
	if ls, err := model.BuildLaborState(ctx, o); ls != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("labor: %v", err)
	}
	if vs, err := model.VacanciesContext(ctx, o); vs != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("vacancies: %d, %v", len(vs), err)
	}
	if n, u, err := model.RevealsContext(ctx, o, o.Units[0].Posts[0].Holder); n+u != 0 || !errors.Is(err, context.Canceled) {
		t.Errorf("reveals: %d %d, %v", n, u, err)
	}
	top := model.UnitHolders(o, o.Units[0].ID)
	if w, err := model.SimulateContext(ctx, o, top); w.Promotions != nil || w.BenchBefore.Posts != 0 || !errors.Is(err, context.Canceled) {
		t.Errorf("simulation: %d promotions, %v", len(w.Promotions), err)
	}
	if s, err := model.BuildCheckState(context.Background(), o, benchDay); s == nil || err != nil || s.Len() != len(model.CheckPlan(o, benchDay)) {
		t.Errorf("checks not called off: %v", err)
	}
	w, err := model.SimulateContext(context.Background(), o, top)
	if want := model.Simulate(o, top); err != nil || w.Damage() != want.Damage() || w.BenchAfter != want.BenchAfter || len(w.Promotions) != len(want.Promotions) || w.BenchBefore.Posts == 0 {
		t.Errorf("simulation not called off: %+v, %v; want %+v", w.Damage(), err, want.Damage())
	}
}

// After an edit, a big branch's organizers are counted later, off the
// keystroke: the state says which wait, and once they are counted its
// findings are those of a fresh check, over random edits with the root's
// headcount set at the edge of being short.
func TestBigBranchCoverageCountedLater(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: 6000, Branching: 3, Seed: 7})
	root := o.Units[0]
	root.Headcount = model.CoverageOf(o, root).Organizers * 10
	st := model.NewCheckState(o, benchDay)
	o.DrainTouched()
	waited := 0
	randomEdits(o, 7, 40, func(step int) {
		st = st.Update(o, o.DrainTouched(), benchDay)
		if pending := st.PendingCoverage(); len(pending) > 0 {
			waited++
			counts, err := model.CountOrganizers(context.Background(), o, pending)
			if err != nil {
				t.Fatal(err)
			}
			st.SetCoverage(o, counts)
		}
		if len(st.PendingCoverage()) > 0 {
			t.Fatalf("step %d: still pending after counting", step)
		}
		want := model.CheckPlan(o, benchDay)
		if st.Len() != len(want) {
			t.Fatalf("step %d: %d findings, a fresh check %d", step, st.Len(), len(want))
		}
		for j, w := range want {
			if got := st.At(j); got != w {
				t.Fatalf("step %d: finding %d is\n%+v\nwant\n%+v", step, j, got, w)
			}
		}
	})
	if waited == 0 {
		t.Fatal("no edit left a big branch to count later")
	}
}
