package model_test

import (
	"slices"
	"testing"

	"github.com/orgplan/orgplan/model"
)

// keyFixture: E alone holds three posts of unit Y (damage 4 alone); A and
// D hold the two posts of unit X, each harmless alone for X (damage 1),
// but together they leave X with no one and its five sub-units, each
// staffed, cut off and lost, X being a top-level unit (damage
// 2 + 1 + 5 × 2 = 13). The sub-units' holders have candidates, so
// taking one of them does nothing. Greedy takes E first, then A (a tie
// with D, broken by id): {A, E}, damage 5; the optimum is {A, D}.
func keyFixture(t *testing.T) *model.Org {
	t.Helper()
	o := &model.Org{Name: "Key players", Members: []*model.Member{{ID: "A"}, {ID: "D"}, {ID: "E"}}}
	x := &model.Unit{ID: "x", Name: "X", Posts: []*model.Post{{ID: "x1", Title: "Chair", Holder: "A"}, {ID: "x2", Title: "Secretary", Holder: "D"}}}
	for _, c := range []string{"1", "2", "3", "4", "5"} {
		o.Members = append(o.Members, &model.Member{ID: "c" + c}, &model.Member{ID: "k" + c})
		x.Units = append(x.Units, &model.Unit{ID: "s" + c, Name: "Sub " + c,
			Posts: []*model.Post{{ID: "sp" + c, Title: "Contact", Holder: "c" + c, Candidates: []string{"k" + c}}}})
	}
	y := &model.Unit{ID: "y", Name: "Y", Posts: []*model.Post{
		{ID: "y1", Title: "One", Holder: "E"}, {ID: "y2", Title: "Two", Holder: "E"}, {ID: "y3", Title: "Three", Holder: "E"}}}
	o.Units = []*model.Unit{x, y}
	return build(t, o)
}

func TestKeyPlayersFindTheBestPairWhereGreedyDoesNot(t *testing.T) {
	t.Parallel()
	o := keyFixture(t)
	if d := model.DamageOf(o, []string{"A", "E"}); d.Total() != 5 {
		t.Fatalf("{A, E} does %+v, the fixture wants 5", d)
	}
	if d := model.DamageOf(o, []string{"A", "D"}); d != (model.Damage{Vacated: 2, Leaderless: 1, CutOff: 5, Lost: 5}) || d.Total() != 13 {
		t.Fatalf("{A, D} does %+v, the fixture wants 2 + 1 + 5 lost", d)
	}
	// Exhaustive: C(13, 2) = 78 sets.
	ex := model.KeyPlayers(o, 2, 1, 0, model.MaxExhaustive)
	if ex.Method != "exhaustive" || !slices.Equal(ex.Members, []string{"A", "D"}) || ex.Damage.Total() != 13 || ex.Evaluations != 78 {
		t.Fatalf("exhaustive: %+v", ex)
	}
	// Greedy alone would stop at {A, E}; the swaps must reach {A, D}, with
	// no restart to help.
	gr := model.KeyPlayers(o, 2, 1, 0, 0)
	if gr.Method != "greedy and swaps" || !slices.Equal(gr.Members, []string{"A", "D"}) || gr.Damage.Total() != 13 {
		t.Fatalf("greedy and swaps: %+v", gr)
	}
	if again := model.KeyPlayers(o, 2, 1, 3, 0); !slices.Equal(again.Members, gr.Members) {
		t.Fatalf("not deterministic: %v then %v", gr.Members, again.Members)
	}
}
