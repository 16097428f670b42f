package model_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
)

// readiness: P1 has B ready now and C ready later; P2 B ready now; P3 no
// candidate; P4 vacant with F ready later. The hand example:
// coverage by any candidate 3 of 4, ready-now bench 2 of 4.
func readiness(t *testing.T) *model.Org {
	t.Helper()
	return build(t, &model.Org{
		Name:    "Readiness",
		Members: []*model.Member{{ID: "A"}, {ID: "B"}, {ID: "C"}, {ID: "D"}, {ID: "E"}, {ID: "F"}},
		Units: []*model.Unit{{ID: "u", Name: "U", Posts: []*model.Post{
			{ID: "P1", Title: "One", Holder: "A", Candidates: []string{"C", "B"}, ReadyLater: []string{"C"}},
			{ID: "P2", Title: "Two", Holder: "D", Candidates: []string{"B"}},
			{ID: "P3", Title: "Three", Holder: "E"},
			{ID: "P4", Title: "Four", Candidates: []string{"F"}, ReadyLater: []string{"F"}},
		}}},
	})
}

func TestCandidatesReadyLaterNeverStepIn(t *testing.T) {
	t.Parallel()
	o := readiness(t)
	if b := model.BenchStrength(o); b != (model.Bench{Ready: 2, Posts: 4, Any: 3}) {
		t.Fatalf("bench %+v, want 2 ready now and 3 with any candidate, of 4", b)
	}
	// A goes: C, first in line, is ready later; B, ready now, steps in
	// from nothing (B holds no post).
	w := model.Simulate(o, []string{"A"})
	if got := promotions(w); !slices.Equal(got, []string{"P1:A>B"}) {
		t.Fatalf("promotions %v", got)
	}
	// Only C is left for P1, ready later: the post has no one ready now.
	if s := w.Final[o.Post("P1")]; !slices.Equal(s.Candidates, []string{"C"}) || !slices.Equal(s.ReadyLater, []string{"C"}) {
		t.Fatalf("P1 afterwards %+v", s)
	}
	// B is gone too: P1 falls vacant, C is not promoted.
	if w := model.Simulate(o, []string{"A", "B"}); len(w.Promotions) != 0 || !slices.Contains(ids(w.Vacated), "P1") {
		t.Fatalf("promotions %v vacated %v", promotions(w), ids(w.Vacated))
	}
	fs := model.CheckPlan(o, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	found := false
	for _, f := range fs {
		found = found || f.Check == "no-candidate" && f.Post == "P4" && strings.Contains(f.Message, "ready later: F")
	}
	if !found {
		t.Fatalf("P4's finding does not say F is ready later: %+v", fs)
	}
}

func TestReadinessIsAnUndoableEditKeptThroughOtherEdits(t *testing.T) {
	t.Parallel()
	o := readiness(t)
	var h model.History
	op, err := o.SetReadiness("P2", "B", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Do(o, op); err != nil || !o.Post("P2").Later("B") || model.BenchStrength(o).Ready != 1 {
		t.Fatalf("B later for P2: %v, bench %+v", err, model.BenchStrength(o))
	}
	if _, err := o.SetReadiness("P2", "B", true); err == nil {
		t.Error("marking later twice was accepted")
	}
	// Moving and adding candidates keeps readiness; removing drops it.
	op, _ = o.AddCandidate("P1", "D", 0)
	h.Do(o, op)
	if !o.Post("P1").Later("C") || o.Post("P1").Later("D") {
		t.Fatalf("after adding D: %v", o.Post("P1").ReadyLater)
	}
	op, _ = o.RemoveCandidate("P1", "C")
	h.Do(o, op)
	if len(o.Post("P1").ReadyLater) != 0 {
		t.Fatalf("C removed but still later: %v", o.Post("P1").ReadyLater)
	}
	for range 3 {
		h.Undo(o)
	}
	if o.Post("P2").Later("B") || !o.Post("P1").Later("C") {
		t.Fatal("undo did not restore the readiness")
	}
	if err := model.CheckIndex(o); err != nil {
		t.Fatal(err)
	}
}

func TestReadyLaterMustNameACandidate(t *testing.T) {
	t.Parallel()
	o := &model.Org{Name: "x", Members: []*model.Member{{ID: "A"}, {ID: "B"}},
		Units: []*model.Unit{{ID: "u", Name: "U", Posts: []*model.Post{{ID: "p", Title: "P", Holder: "A", ReadyLater: []string{"B"}}}}}}
	probs := o.Reindex()
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, `"B" is ready later but is not a candidate`) || probs[0].Path != "/units/0/posts/0/readyLater/0" {
		t.Fatalf("problems %v", probs)
	}
}
