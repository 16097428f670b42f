package model_test

import (
	"slices"
	"testing"

	"github.com/orgplan/orgplan/model"
)

// chain: Top (t: X) › Mid (p: A, candidates B, C; q: B, candidate D) › Leaf (l: Y).
func chain(t *testing.T) *model.Org {
	t.Helper()
	return build(t, &model.Org{
		Name: "Chain",
		Members: []*model.Member{{ID: "X"}, {ID: "A"}, {ID: "B"}, {ID: "C"}, {ID: "D"}, {ID: "Y"},
			{ID: "Z", Status: model.StatusExiled}},
		Units: []*model.Unit{{ID: "top", Name: "Top",
			Posts: []*model.Post{{ID: "t", Title: "Secretary", Holder: "X"}},
			Units: []*model.Unit{{ID: "mid", Name: "Mid",
				Posts: []*model.Post{
					{ID: "p", Title: "Organizer", Holder: "A", Candidates: []string{"Z", "B", "C"}},
					{ID: "q", Title: "Liaison", Holder: "B", Candidates: []string{"D"}},
				},
				Units: []*model.Unit{{ID: "leaf", Name: "Leaf", Posts: []*model.Post{{ID: "l", Title: "Contact", Holder: "Y"}}}},
			}},
		}},
	})
}

func promotions(w model.WhatIf) []string {
	var out []string
	for _, p := range w.Promotions {
		s := p.Post.ID + ":" + p.From + ">" + p.To
		for _, l := range p.Leaves {
			s += " leaves " + l.ID
		}
		out = append(out, s)
	}
	return out
}

func ids[T interface{ *model.Post | *model.Unit }](xs []T) []string {
	var out []string
	for _, x := range xs {
		switch v := any(x).(type) {
		case *model.Post:
			out = append(out, v.ID)
		case *model.Unit:
			out = append(out, v.ID)
		}
	}
	return out
}

func TestFirstReadyCandidateStepsInWithoutMovingSideways(t *testing.T) {
	t.Parallel()
	o := chain(t)
	w := model.Simulate(o, []string{"A"})
	// Z is exiled; B holds q, in the same unit, as important as p: B is
	// not moved sideways, and C, who holds nothing, steps in.
	if got := promotions(w); !slices.Equal(got, []string{"p:A>C"}) {
		t.Fatalf("promotions %v", got)
	}
	if len(w.Skipped) != 1 || w.Skipped[0].Member != "B" || w.Skipped[0].Holds.ID != "q" || w.Skipped[0].Post.ID != "p" {
		t.Fatalf("skipped %+v", w.Skipped)
	}
	if len(w.Vacated) != 0 || len(w.Leaderless) != 0 || len(w.CutOff) != 0 {
		t.Fatalf("vacated %v leaderless %v cut off %v", ids(w.Vacated), ids(w.Leaderless), ids(w.CutOff))
	}
	if s := w.Final[o.Post("p")]; s.Holder != "C" || !slices.Equal(s.Candidates, []string{"Z", "B"}) {
		t.Fatalf("p afterwards: %+v", s)
	}
}

func TestACandidateMovesUpAndLeavesTheirPost(t *testing.T) {
	t.Parallel()
	o := chain(t)
	// B, in Mid, is ready for the top unit's post: up a level.
	op, err := o.AddCandidate("t", "B", -1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Apply(op); err != nil {
		t.Fatal(err)
	}
	w := model.Simulate(o, []string{"X"})
	if got := promotions(w); !slices.Equal(got, []string{"t:X>B leaves q", "q:B>D"}) {
		t.Fatalf("promotions %v", got)
	}
}

// TestACascadeThreeLevelsDeep: the top post's candidate comes from the
// middle, whose candidate comes from the leaf, whose post then passes to
// its own candidate; nobody moves down.
func TestACascadeThreeLevelsDeep(t *testing.T) {
	t.Parallel()
	o := build(t, &model.Org{
		Name:    "Cascade",
		Members: []*model.Member{{ID: "T"}, {ID: "M"}, {ID: "L"}, {ID: "N"}},
		Units: []*model.Unit{{ID: "top", Name: "Top",
			Posts: []*model.Post{{ID: "t", Title: "Chair", Holder: "T", Candidates: []string{"M"}}},
			Units: []*model.Unit{{ID: "mid", Name: "Mid",
				Posts: []*model.Post{{ID: "m", Title: "Organizer", Holder: "M", Candidates: []string{"L"}}},
				Units: []*model.Unit{{ID: "leaf", Name: "Leaf",
					Posts: []*model.Post{{ID: "l", Title: "Contact", Holder: "L", Candidates: []string{"T", "N"}}}}},
			}},
		}},
	})
	w := model.Simulate(o, []string{"T"})
	if got := promotions(w); !slices.Equal(got, []string{"t:T>M leaves m", "m:M>L leaves l", "l:L>N"}) {
		t.Fatalf("promotions %v", got)
	}
	if len(w.Vacated) != 0 {
		t.Fatalf("vacated %v", ids(w.Vacated))
	}
}

func TestARemovedCandidateIsSkipped(t *testing.T) {
	t.Parallel()
	o := chain(t)
	w := model.Simulate(o, []string{"A", "B"})
	// B is taken too: C steps into p; q loses B and D steps in.
	if got := promotions(w); !slices.Equal(got, []string{"p:A>C", "q:B>D"}) {
		t.Fatalf("promotions %v", got)
	}
}

func TestAMemberHoldingTwoPosts(t *testing.T) {
	t.Parallel()
	o := chain(t)
	// D is taken: nothing D held. Y is taken: the leaf's only post falls
	// vacant and the leaf is left with no one.
	w := model.Simulate(o, []string{"Y", "X"})
	if got := ids(w.Vacated); !slices.Equal(got, []string{"t", "l"}) {
		t.Fatalf("vacated %v", got)
	}
	if got := ids(w.Leaderless); !slices.Equal(got, []string{"top", "leaf"}) {
		t.Fatalf("leaderless %v", got)
	}
	// B holds q and is ready for p, as important: remove A and C, and B
	// stays where he is; p falls vacant.
	w = model.Simulate(o, []string{"A", "C"})
	if got := promotions(w); len(got) != 0 || !slices.Equal(ids(w.Vacated), []string{"p"}) {
		t.Fatalf("promotions %v, vacated %v", got, ids(w.Vacated))
	}
}

func TestAUnitWhoseOnlyIntermediaryFallsIsCutOff(t *testing.T) {
	t.Parallel()
	o := chain(t)
	// Everyone in Mid goes: Mid has no one, and Leaf, below it, still has
	// Y but no line to the top.
	w := model.Simulate(o, []string{"A", "B", "C", "D"})
	if got := ids(w.Leaderless); !slices.Equal(got, []string{"mid"}) {
		t.Fatalf("leaderless %v", got)
	}
	if got := ids(w.CutOff); !slices.Equal(got, []string{"leaf"}) {
		t.Fatalf("cut off %v", got)
	}
	// A second line from Leaf straight to Top keeps it connected.
	d := o.Unit("leaf").Details()
	d.ReportsTo = []string{"top"}
	if _, err := o.Apply(model.SetDetails{ID: "leaf", Details: d}); err != nil {
		t.Fatal(err)
	}
	if w := model.Simulate(o, []string{"A", "B", "C", "D"}); len(w.CutOff) != 0 {
		t.Fatalf("cut off despite a direct line: %v", ids(w.CutOff))
	}
}

func TestBenchStrengthAndSinglePoints(t *testing.T) {
	t.Parallel()
	o := chain(t)
	if b := model.BenchStrength(o); b.Ready != 2 || b.Posts != 4 {
		t.Fatalf("bench %+v, want 2 of 4 (p and q)", b)
	}
	// X, Y: holders with no one ready; nobody else is alone on a post.
	if got := model.SinglePoints(o); !slices.Equal(got, []string{"X", "Y"}) {
		t.Fatalf("single points %v", got)
	}
	w := model.Simulate(o, []string{"A"})
	// Afterwards C holds p, with B still ready for it; q keeps D.
	if w.BenchAfter.Ready != 2 {
		t.Fatalf("bench after %+v", w.BenchAfter)
	}
}

func TestApplyIsOneUndoableChange(t *testing.T) {
	t.Parallel()
	o := chain(t)
	before := dump(o)
	w := model.Simulate(o, model.UnitHolders(o, "mid"))
	var h model.History
	if err := h.Do(o, w.Apply(o)); err != nil {
		t.Fatal(err)
	}
	if o.Member("A").Status != model.StatusArrested || o.Member("B").Status != model.StatusArrested {
		t.Fatal("the removed are not marked arrested")
	}
	if o.Post("p").Holder != "C" || o.Post("q").Holder != "D" {
		t.Fatalf("p %q q %q", o.Post("p").Holder, o.Post("q").Holder)
	}
	if err := model.CheckIndex(o); err != nil {
		t.Fatal(err)
	}
	h.Undo(o)
	if dump(o) != before {
		t.Fatal("one undo did not restore the plan")
	}
}

func TestArrestOfThe1902ExecutiveGroup(t *testing.T) {
	t.Parallel()
	o := example(t, "st-petersburg-1902")
	removed := model.UnitHolders(o, "u4")
	if !slices.Equal(removed, []string{"m1", "m8", "m5", "m2"}) {
		t.Fatalf("executive group holders %v", removed)
	}
	w := model.Simulate(o, removed)
	// Yeryoma's committee secretaryship passes to Ira (Sasha, first in
	// line, is taken with him): the secretary's function is one the local
	// committee requires, so it ranks above Ira's treasury, which she
	// leaves to Osip. Four promotions in all, each a step up.
	if got := promotions(w); len(got) != 4 || got[0] != "p8:m1>m3 leaves p9 leaves p42" || got[1] != "p9:m3>m36 leaves p33 leaves p78" {
		t.Fatalf("%d promotions: %v", len(got), got)
	}
	// Candidates who would only move sideways stay: six are skipped, and
	// the executive group's posts fall vacant with the rest.
	if len(w.Skipped) != 6 || !slices.Contains(ids(w.Vacated), "p14") || len(w.Vacated) != 16 {
		t.Fatalf("%d skipped, %d posts left vacant: %v", len(w.Skipped), len(w.Vacated), ids(w.Vacated))
	}
	if got := ids(w.Leaderless); !slices.Equal(got, []string{"u4", "u32", "u34"}) {
		t.Fatalf("leaderless %v", got)
	}
	if len(w.CutOff) != 0 {
		t.Fatalf("cut off %v", ids(w.CutOff))
	}
	// 47 of 82 posts had someone ready; 41 do afterwards.
	if w.BenchBefore != (model.Bench{Ready: 47, Posts: 82, Any: 47}) || w.BenchAfter != (model.Bench{Ready: 41, Posts: 82, Any: 41}) {
		t.Fatalf("bench %+v → %+v", w.BenchBefore, w.BenchAfter)
	}
}
