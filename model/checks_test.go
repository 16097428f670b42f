package model_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

var day = time.Date(1902, 10, 1, 0, 0, 0, 0, time.UTC)

// build indexes a document written for one test.
func build(t *testing.T, o *model.Org) *model.Org {
	t.Helper()
	if p := o.Reindex(); len(p) > 0 {
		t.Fatal(p)
	}
	return o
}

// base is a healthy plan: a committee with a secretary who has a
// candidate, both with one function, contacts deposited, reports on time.
func base() *model.Org {
	return &model.Org{
		Name: "Healthy",
		Functions: []*model.Function{
			{ID: "secretary", Name: "Secretary"}, {ID: "distribution", Name: "Distribution"},
			{ID: "liaison", Name: "Liaison"}, {ID: "printing", Name: "Printing"}, {ID: "writer", Name: "Writer"},
		},
		Kinds: []*model.Kind{
			{ID: "committee", Name: "Committee", Secrecy: model.SecrecyHigh, MaxPosts: 2, RequiredFunctions: []string{"secretary"}, ReportEveryDays: 14},
			{ID: "district", Name: "District group", Secrecy: model.SecrecyStrict, AllowedFunctions: []string{"distribution", "liaison"}},
			{ID: "circle", Name: "Circle", Secrecy: model.SecrecyOpen},
		},
		Members: []*model.Member{{ID: "m1", Alias: "Yeryoma"}, {ID: "m2", Alias: "Sasha"}},
		Units: []*model.Unit{{
			ID: "u1", Name: "Committee", Kind: "committee", LastReport: "1902-09-25", ContactsDeposited: true,
			Posts: []*model.Post{{ID: "p1", Title: "Secretary", Function: "secretary", Holder: "m1", Candidates: []string{"m2"}}},
		}},
	}
}

func TestEachCheckFiresOnlyOnItsCase(t *testing.T) {
	t.Parallel()
	u1 := func(o *model.Org) *model.Unit { return o.Units[0] }
	cases := []struct {
		check  string
		break_ func(o *model.Org)
		want   string
	}{
		{"vacant-post", func(o *model.Org) { u1(o).Posts[0].Holder, u1(o).Posts[0].Candidates = "", []string{"m2", "m1"} }, "vacant"},
		{"no-candidate", func(o *model.Org) {
			u1(o).Posts[0].Candidates = nil
			u1(o).Posts = append(u1(o).Posts, &model.Post{ID: "p2", Title: "Writer", Function: "writer", Holder: "m2", Candidates: []string{"m1"}})
		}, "no candidate ready"},
		{"max-posts", func(o *model.Org) {
			u1(o).Posts = append(u1(o).Posts, &model.Post{ID: "p2", Title: "A", Holder: "m2", Candidates: []string{"m1"}},
				&model.Post{ID: "p3", Title: "B", Holder: "m2", Candidates: []string{"m1"}})
		}, "3 posts; a committee has at most 2"},
		{"required-function", func(o *model.Org) { u1(o).Posts[0].Function = "writer" }, "no secretary post"},
		{"function-not-allowed", func(o *model.Org) {
			u1(o).Units = []*model.Unit{{ID: "u2", Name: "District", Kind: "district", ContactsDeposited: true, Liaison: "m2",
				Posts: []*model.Post{{ID: "p2", Title: "Printer", Function: "printing", Holder: "m2", Candidates: []string{"m1"}}}}}
		}, "printing is not a function of a district group"},
		{"function-not-allowed", func(o *model.Org) {
			u1(o).Units = []*model.Unit{{ID: "u2", Name: "District", Kind: "district", ContactsDeposited: true, Liaison: "m2",
				Posts: []*model.Post{{ID: "p2", Title: "Helper", Holder: "m2", Candidates: []string{"m1"}}}}}
		}, "no function; a district group allows only distribution, liaison"},
		{"no-liaison", func(o *model.Org) {
			u1(o).Units = []*model.Unit{{ID: "u2", Name: "District", Kind: "district", ContactsDeposited: true,
				Posts: []*model.Post{{ID: "p2", Title: "Distributor", Function: "distribution", Holder: "m2", Candidates: []string{"m1"}}}}}
		}, "reports to Committee through nobody named (strict secrecy)"},
		{"unconnected", func(o *model.Org) {
			o.Members = append(o.Members, &model.Member{ID: "m3", Alias: "Fyodor", Status: model.StatusArrested})
			u1(o).Units = []*model.Unit{{ID: "u2", Name: "District", Kind: "district", ContactsDeposited: true, Liaison: "m3",
				Posts: []*model.Post{{ID: "p2", Title: "Distributor", Function: "distribution", Holder: "m2", Candidates: []string{"m1"}}}}}
		}, "the line to Committee is carried by Fyodor, who cannot act"},
		{"low-coverage", func(o *model.Org) {
			u1(o).Units = []*model.Unit{{ID: "c1", Name: "Shop", Kind: "circle", Headcount: 21,
				Posts: []*model.Post{{ID: "pc", Title: "Steward", Holder: "m1", Candidates: []string{"m2"}}}}}
		}, "2 organizers for 21 people (1 per 10 wanted): needs 1 more"},
		{"inactive-holder", func(o *model.Org) {
			o.Members = append(o.Members, &model.Member{ID: "m3", Alias: "Fyodor", Status: model.StatusArrested})
			u1(o).Posts[0].Holder = "m3"
			u1(o).Posts[0].Candidates = []string{"m2", "m1"}
		}, "held by Fyodor, who is arrested"},
		{"jumble", func(o *model.Org) {
			o.Kinds[0].MaxPosts = 0
			o.Members = append(o.Members, &model.Member{ID: "m3", Alias: "Kolya"}, &model.Member{ID: "m4", Alias: "Zina"})
			for i, f := range []string{"distribution", "liaison", "printing"} {
				id := string(rune('a' + i))
				// Different candidates, so that nobody is ready for too many.
				u1(o).Posts = append(u1(o).Posts, &model.Post{ID: id, Title: f, Function: f, Holder: "m1", Candidates: []string{[]string{"m2", "m3", "m4"}[i]}})
			}
		}, "performs 4 functions"},
		{"candidate-overload", func(o *model.Org) {
			for i := range 2 {
				id := string(rune('a' + i))
				u1(o).Units = append(u1(o).Units, &model.Unit{ID: "c" + id, Name: "Circle " + id, Kind: "circle",
					Posts: []*model.Post{{ID: "p" + id, Title: "Leader", Holder: "m1", Candidates: []string{"m2"}}}})
			}
		}, "ready now to step into 3 posts"},
		{"idle-member", func(o *model.Org) { o.Members = append(o.Members, &model.Member{ID: "m3", Alias: "Yegor"}) }, "no post and no candidacy"},
		{"report-overdue", func(o *model.Org) { u1(o).LastReport = "1902-09-01" }, "overdue since 1902-09-15"},
		{"contacts-not-deposited", func(o *model.Org) { u1(o).ContactsDeposited = false }, "not deposited"},
		{"secrecy-bridge", func(o *model.Org) {
			u1(o).Units = []*model.Unit{
				{ID: "u2", Name: "District", Kind: "district", ContactsDeposited: true, Liaison: "m2",
					Posts: []*model.Post{{ID: "p2", Title: "Liaison", Function: "liaison", Holder: "m2", Candidates: []string{"m1"}}}},
				{ID: "u3", Name: "Circle", Kind: "circle",
					Posts: []*model.Post{{ID: "p3", Title: "Leader", Holder: "m1", Candidates: []string{"m2"}}}},
			}
		}, "sits in District (strict) and in Circle (open)"},
	}
	if fs := model.CheckPlan(build(t, base()), day); len(fs) != 0 {
		t.Fatalf("the healthy plan has findings: %+v", fs)
	}
	for _, c := range cases {
		o := base()
		c.break_(o)
		fs := model.CheckPlan(build(t, o), day)
		found := false
		for _, f := range fs {
			if f.Check == c.check {
				found = true
				if !strings.Contains(f.Message, c.want) {
					t.Errorf("%s: message %q lacks %q", c.check, f.Message, c.want)
				}
			} else if c.check != "inactive-holder" && c.check != "max-posts" {
				t.Errorf("%s: another check fired too: %s %s", c.check, f.Check, f.Message)
			}
		}
		if !found {
			t.Errorf("%s did not fire: %+v", c.check, fs)
		}
	}
}

// TestCoverageAtTheRatio: exactly one organizer per ten is covered; one
// person more is not; the kind's ratio replaces the default.
func TestCoverageAtTheRatio(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		headcount, ratio int
		fires            bool
		short            int
	}{{20, 0, false, 0}, {21, 0, true, 1}, {10, 5, false, 0}, {11, 5, true, 1}, {45, 0, true, 3}} {
		o := base()
		o.Kinds[2].CoverageRatio = tc.ratio
		u1 := o.Units[0]
		u1.Units = []*model.Unit{{ID: "c1", Name: "Shop", Kind: "circle", Headcount: tc.headcount,
			Posts: []*model.Post{{ID: "pc", Title: "Steward", Holder: "m1", Candidates: []string{"m2"}}}}}
		build(t, o)
		fired := false
		for _, f := range model.CheckPlan(o, day) {
			fired = fired || f.Check == "low-coverage"
		}
		cv := model.CoverageOf(o, o.Unit("c1"))
		if fired != tc.fires || cv.Short() != tc.short || cv.Organizers != 2 {
			t.Errorf("%d people at 1:%d: fired %v, short %d (%+v)", tc.headcount, tc.ratio, fired, cv.Short(), cv)
		}
	}
}

func TestSeverityAndOrder(t *testing.T) {
	t.Parallel()
	o := example(t, "st-petersburg-1902")
	fs := model.CheckPlan(o, day)
	seenWarning := false
	for _, f := range fs {
		if f.Severity == model.SevWarning {
			seenWarning = true
		} else if seenWarning {
			t.Fatal("an error after a warning")
		}
	}
	errs, warns := model.Count(fs)
	if errs == 0 || warns == 0 {
		t.Fatalf("%d errors, %d warnings", errs, warns)
	}
}

func TestAsOfPrecedence(t *testing.T) {
	t.Parallel()
	o := build(t, base())
	today := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	if d, _ := model.AsOf(o, "", today); !d.Equal(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("no asOf: %v", d)
	}
	o.AsOf = "1902-10-01"
	if d, _ := model.AsOf(o, "", today); !d.Equal(day) {
		t.Fatalf("plan asOf: %v", d)
	}
	if d, _ := model.AsOf(o, "1903-01-01", today); d.Year() != 1903 {
		t.Fatalf("override: %v", d)
	}
	if _, err := model.AsOf(o, "soon", today); err == nil {
		t.Fatal("a bad date passed")
	}
}

// The findings kept up to date edit by edit are those of a fresh check,
// in the same order and words, as units and members come and go, move,
// change and are renamed.
func TestCheckStateMatchesAFreshCheck(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name        string
		o           *model.Org
		steps, seen int
	}{
		{"1902", example(t, "st-petersburg-1902"), 600, 9},
		{"synthetic", synth.Generate(synth.Options{Units: 500, Seed: 4}), 150, 7},
	} {
		o := c.o
		st := model.NewCheckState(o, day)
		o.DrainTouched()
		kinds := map[string]bool{}
		randomEdits(o, 31, c.steps, func(i int) {
			st = st.Update(o, o.DrainTouched(), day)
			want := model.CheckPlan(o, day)
			if st.Len() != len(want) {
				fresh := model.NewCheckState(o, day)
				var got, all []string
				for j := range st.Len() {
					got = append(got, st.At(j).Check+" "+st.At(j).Path)
				}
				for j := range fresh.Len() {
					all = append(all, fresh.At(j).Check+" "+fresh.At(j).Path)
				}
				t.Fatalf("%s, step %d: %d findings, want %d\nkept %v\nfresh %v", c.name, i, st.Len(), len(want), got, all)
			}
			for j, w := range want {
				if got := st.At(j); got != w {
					t.Fatalf("%s, step %d: finding %d is\n%+v\nwant\n%+v", c.name, i, j, got, w)
				}
				kinds[w.Check] = true
			}
			e, w := st.Count()
			if we, ww := model.Count(want); e != we || w != ww {
				t.Fatalf("%s, step %d: counts %d/%d, want %d/%d", c.name, i, e, w, we, ww)
			}
		})
		if len(kinds) < c.seen {
			t.Fatalf("%s: only %d checks ever fired: %v", c.name, len(kinds), kinds)
		}
	}
}

// Edits that change a member's findings without touching the member:
// the units they sit in are renamed, change secrecy or move.
func TestCheckStateFollowsTheUnitsMembersSitIn(t *testing.T) {
	t.Parallel()
	o := base()
	o.Units[0].Units = []*model.Unit{
		{ID: "u2", Name: "District", Kind: "district", ContactsDeposited: true,
			Posts: []*model.Post{{ID: "p2", Title: "Liaison", Function: "liaison", Holder: "m2", Candidates: []string{"m1"}}}},
		{ID: "u3", Name: "Circle", Kind: "circle",
			Posts: []*model.Post{{ID: "p3", Title: "Leader", Holder: "m1", Candidates: []string{"m2"}}}},
	}
	build(t, o)
	st := model.NewCheckState(o, day)
	o.DrainTouched()
	strict := o.Unit("u2").Details()
	strict.Kind = "district"
	open := strict
	open.Kind = "circle"
	var h model.History
	for i, op := range []model.Op{
		model.RenameUnit{ID: "u3", Name: "Ring"},
		model.RenameUnit{ID: "u2", Name: "Quarter"},
		model.SetDetails{ID: "u2", Details: open},
		model.SetDetails{ID: "u2", Details: strict},
		model.MoveUnit{ID: "u3", Parent: "", Index: 0},
		model.MoveUnit{ID: "u2", Parent: "", Index: 0},
	} {
		if err := h.Do(o, op); err != nil {
			t.Fatalf("op %d: %v", i, err)
		}
		st = st.Update(o, o.DrainTouched(), day)
		want := model.CheckPlan(o, day)
		var got []model.Finding
		for j := range st.Len() {
			got = append(got, st.At(j))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("after %s:\n got %+v\nwant %+v", op.Label(), got, want)
		}
	}
}
