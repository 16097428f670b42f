package model_test

import (
	"slices"
	"testing"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

// unit is a unit with one post per holder given ("" for a vacant post).
func unit(id string, holders ...string) *model.Unit {
	u := &model.Unit{ID: id, Name: id}
	for i, h := range holders {
		u.Posts = append(u.Posts, &model.Post{ID: id + "p" + string(rune('1'+i)), Title: "Post", Holder: h})
	}
	return u
}

func under(u *model.Unit, children ...*model.Unit) *model.Unit {
	u.Units = append(u.Units, children...)
	return u
}

func members(ids ...string) []*model.Member {
	var out []*model.Member
	for _, id := range ids {
		st := model.StatusActive
		if id[0] == 'x' { // x…: arrested already
			st = model.StatusArrested
		}
		out = append(out, &model.Member{ID: id, Alias: id, Status: st})
	}
	return out
}

func unitIDs(us []*model.Unit) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.ID)
	}
	slices.Sort(out)
	return out
}

// TestTheConnectionRule: the README's three sentences, case by case,
// today (Unconnected) and after a removal (Simulate: cut off, and
// whether recoverable).
func TestTheConnectionRule(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		plan        func() *model.Org
		unconnected []string // today
		remove      []string
		cutOff      []string // after the removal
		recoverable []string // of those
	}{
		{name: "through a grouping with no posts",
			plan: func() *model.Org {
				return &model.Org{Members: members("a", "f"), Units: []*model.Unit{under(unit("R", "a"), under(unit("G"), unit("F", "f")))}}
			}},
		{name: "a root with no posts is a center",
			plan: func() *model.Org {
				return &model.Org{Members: members("f"), Units: []*model.Unit{under(unit("R"), unit("F", "f"))}}
			}},
		{name: "a root whose only holder is arrested is no center",
			plan: func() *model.Org {
				return &model.Org{Members: members("xa", "f"), Units: []*model.Unit{under(unit("R", "xa"), unit("F", "f"))}}
			},
			unconnected: []string{"F"}},
		{name: "through a unit whose only holder is arrested",
			plan: func() *model.Org {
				return &model.Org{Members: members("a", "xd", "f"), Units: []*model.Unit{under(unit("R", "a"), under(unit("D", "xd"), unit("F", "f")))}}
			},
			unconnected: []string{"F"}},
		{name: "the holder of the unit in between taken",
			plan: func() *model.Org {
				return &model.Org{Members: members("a", "d", "f"), Units: []*model.Unit{under(unit("R", "a"), under(unit("D", "d"), unit("F", "f")))}}
			},
			remove: []string{"d"}, cutOff: []string{"F"}},
		{name: "by reportsTo when the parent is empty",
			plan: func() *model.Org {
				f := unit("F", "f")
				f.ReportsTo = []string{"R"}
				return &model.Org{Members: members("a", "f"), Units: []*model.Unit{under(unit("R", "a"), under(unit("E", ""), f))}}
			}},
		{name: "by reportsTo, its liaison taken",
			plan: func() *model.Org {
				f := unit("F", "f")
				f.ReportsTo = []string{"R"}
				f.ReportLiaisons = []model.ReportLiaison{{To: "R", Member: "l"}}
				return &model.Org{Members: members("a", "f", "l"), Units: []*model.Unit{under(unit("R", "a"), under(unit("E", ""), f))}}
			},
			remove: []string{"l"}, cutOff: []string{"F"}},
		{name: "a liaison taken, the holders left, contacts not deposited: lost",
			plan: func() *model.Org {
				f := unit("F", "f")
				f.Liaison = "l"
				return &model.Org{Members: members("a", "f", "l"), Units: []*model.Unit{under(unit("R", "a"), f)}}
			},
			remove: []string{"l"}, cutOff: []string{"F"}},
		{name: "a liaison taken, contacts deposited: recoverable",
			plan: func() *model.Org {
				f := unit("F", "f")
				f.Liaison, f.ContactsDeposited = "l", true
				return &model.Org{Members: members("a", "f", "l"), Units: []*model.Unit{under(unit("R", "a"), f)}}
			},
			remove: []string{"l"}, cutOff: []string{"F"}, recoverable: []string{"F"}},
		{name: "the liaison carries the line while the holders go",
			plan: func() *model.Org {
				d := unit("D", "d")
				d.Liaison = "l"
				return &model.Org{Members: members("a", "d", "l", "f"), Units: []*model.Unit{under(unit("R", "a"), under(d, unit("F", "f")))}}
			},
			remove: []string{"d"}},
		{name: "recoverable through a unit that is itself recoverable",
			plan: func() *model.Org {
				d, f := unit("D", "d"), unit("F", "f")
				d.Liaison, d.ContactsDeposited, f.ContactsDeposited = "l", true, true
				return &model.Org{Members: members("a", "d", "l", "f"), Units: []*model.Unit{under(unit("R", "a"), under(d, f))}}
			},
			remove: []string{"l"}, cutOff: []string{"D", "F"}, recoverable: []string{"D", "F"}},
		{name: "not recoverable past a unit that is lost",
			plan: func() *model.Org {
				d, f := unit("D", "d"), unit("F", "f")
				d.Liaison, f.ContactsDeposited = "l", true
				return &model.Org{Members: members("a", "d", "l", "f"), Units: []*model.Unit{under(unit("R", "a"), under(d, f))}}
			},
			remove: []string{"l"}, cutOff: []string{"D", "F"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := tc.plan()
			o.Name = tc.name
			build(t, o)
			if got := unitIDs(model.Unconnected(o)); !slices.Equal(got, tc.unconnected) {
				t.Errorf("unconnected today: %v, want %v", got, tc.unconnected)
			}
			if tc.remove == nil {
				return
			}
			w := model.Simulate(o, tc.remove)
			var rec []string
			for u := range w.Recoverable {
				rec = append(rec, u.ID)
			}
			slices.Sort(rec)
			if got := unitIDs(w.CutOff); !slices.Equal(got, tc.cutOff) || !slices.Equal(rec, tc.recoverable) {
				t.Errorf("cut off %v (recoverable %v), want %v (%v)", got, rec, tc.cutOff, tc.recoverable)
			}
			d := w.Damage()
			if d.CutOff != len(tc.cutOff) || d.Lost != len(tc.cutOff)-len(tc.recoverable) {
				t.Errorf("damage %+v", d)
			}
		})
	}
}

// TestRiskSaysWhatSimulateSays: on random plans with liaisons, each
// member's damage in the ranking is that of simulating their removal.
func TestRiskSaysWhatSimulateSays(t *testing.T) {
	t.Parallel()
	for seed := range uint64(4) {
		o := synth.Generate(synth.Options{Units: 300, Seed: seed})
		risks := map[string]model.Damage{}
		for _, r := range model.Risks(o) {
			risks[r.Member] = r.Damage
		}
		cut := 0
		for _, m := range o.Members {
			if !m.Active() {
				continue
			}
			w := model.Simulate(o, []string{m.ID})
			if d := w.Damage(); risks[m.ID] != d {
				t.Fatalf("seed %d, %s: risk %+v, simulate %+v", seed, m.ID, risks[m.ID], d)
			}
			cut += len(w.CutOff)
		}
		if cut == 0 {
			t.Fatalf("seed %d: nobody's removal cuts anything off: the test proves little", seed)
		}
	}
}
