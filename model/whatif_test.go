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

func TestFirstActiveCandidateStepsInAndLeavesTheirPost(t *testing.T) {
	t.Parallel()
	o := chain(t)
	w := model.Simulate(o, []string{"A"})
	// Z is exiled, so B steps in; B leaves the liaison post, which D takes.
	if got := promotions(w); !slices.Equal(got, []string{"p:A>B leaves q", "q:B>D"}) {
		t.Fatalf("promotions %v", got)
	}
	if len(w.Vacated) != 0 || len(w.Leaderless) != 0 || len(w.CutOff) != 0 {
		t.Fatalf("vacated %v leaderless %v cut off %v", ids(w.Vacated), ids(w.Leaderless), ids(w.CutOff))
	}
	if s := w.Final[o.Post("p")]; s.Holder != "B" || !slices.Equal(s.Candidates, []string{"Z", "C"}) {
		t.Fatalf("p afterwards: %+v", s)
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
	// B holds q and is first ready for p: remove A and C, and B moves up,
	// leaving q to D.
	w = model.Simulate(o, []string{"A", "C"})
	if got := promotions(w); !slices.Equal(got, []string{"p:A>B leaves q", "q:B>D"}) {
		t.Fatalf("promotions %v", got)
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
	// Afterwards p keeps C ready; q has no candidate left (D took it).
	if w.BenchAfter.Ready != 1 {
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
	// line, is taken with him); Ira leaves the treasury and her circle,
	// which pass on in turn: fifteen promotions in all.
	if got := promotions(w); len(got) != 15 || got[0] != "p8:m1>m3 leaves p9 leaves p42" {
		t.Fatalf("%d promotions: %v", len(got), got)
	}
	// Nobody is left to be the executive group's secretary: Sasha, its
	// only candidate, is taken too.
	if !slices.Contains(ids(w.Vacated), "p14") || len(w.Vacated) != 23 {
		t.Fatalf("%d posts left vacant: %v", len(w.Vacated), ids(w.Vacated))
	}
	if got := ids(w.Leaderless); !slices.Equal(got, []string{"u8", "u11", "u17", "u19", "u31", "u32", "u34"}) {
		t.Fatalf("leaderless %v", got)
	}
	if len(w.CutOff) != 0 {
		t.Fatalf("cut off %v", ids(w.CutOff))
	}
	// 47 of 82 posts had someone ready; 31 do afterwards.
	if w.BenchBefore != (model.Bench{Ready: 47, Posts: 82}) || w.BenchAfter != (model.Bench{Ready: 31, Posts: 82}) {
		t.Fatalf("bench %+v → %+v", w.BenchBefore, w.BenchAfter)
	}
}
