package model_test

import (
	"slices"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

// TestRisksShareTheMembersOut: however many workers share the members
// out, the ranking is the one of simulating each member in turn, the
// single points are its members in member order, and progress only
// grows, to all of them.
func TestRisksShareTheMembersOut(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: 3500, Seed: 9})
	if len(o.Members) < 3*1024 {
		t.Fatalf("only %d members: one chunk of work", len(o.Members))
	}
	one := model.RisksProgress(o, 1, nil)
	var inOrder []string
	for _, m := range o.Members {
		if m.Active() && model.Simulate(o, []string{m.ID}).Damage().Total() > 0 {
			inOrder = append(inOrder, m.ID)
		}
	}
	if len(one) != len(inOrder) || len(one) < 100 {
		t.Fatalf("%d risks, %d members whose removal does damage", len(one), len(inOrder))
	}
	if got := model.SinglePoints(o); !slices.Equal(got, inOrder) {
		t.Errorf("single points: %d, in member order %d", len(got), len(inOrder))
	}
	for _, workers := range []int{2, 3, 8} {
		last, calls := -1, 0
		got := model.RisksProgress(o, workers, func(done, total int) {
			if done < last || total != len(o.Members) {
				t.Errorf("%d workers: progress %d of %d after %d", workers, done, total, last)
			}
			last, calls = done, calls+1
		})
		if !slices.Equal(got, one) {
			t.Errorf("%d workers: %d risks, one worker %d", workers, len(got), len(one))
		}
		if last != len(o.Members) || calls < 3 {
			t.Errorf("%d workers: progress ended at %d of %d after %d reports", workers, last, len(o.Members), calls)
		}
	}
}

// TestCheckAllTellsItsProgress: the progress of the checks only grows, to
// every unit and member, and the findings are those of CheckAll.
func TestCheckAllTellsItsProgress(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: 20000, Seed: 3})
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	total := o.UnitCount() + len(o.Members)
	last, calls := -1, 0
	fs := model.CheckAllProgress(o, day, func(done, all int) {
		if done < last || done > all || all != total {
			t.Errorf("progress %d of %d after %d (plan holds %d)", done, all, last, total)
		}
		last, calls = done, calls+1
	})
	if last != total || calls < 3 {
		t.Errorf("progress ended at %d of %d after %d reports", last, total, calls)
	}
	want := model.CheckAll(o, day)
	e1, w1 := fs.Count()
	e2, w2 := want.Count()
	if fs.Len() != want.Len() || e1 != e2 || w1 != w2 {
		t.Errorf("with progress %d findings (%d, %d), without %d (%d, %d)", fs.Len(), e1, w1, want.Len(), e2, w2)
	}
}
