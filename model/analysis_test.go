package model_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
	"github.com/orgplan/orgplan/storage"
)

func example(t *testing.T, name string) *model.Org {
	t.Helper()
	b, _ := examples.Get(name)
	o, err := storage.Decode(name, b)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestLaborOn1902(t *testing.T) {
	t.Parallel()
	o := example(t, "st-petersburg-1902")
	l := model.LaborTable(o)
	// Nikitich alone carries four functions: the jumble.
	if len(l.Jumble) != 1 || l.Jumble[0].Member != "m4" ||
		!slices.Equal(l.Jumble[0].Functions, []string{"organizer", "propagandist", "agitator", "liaison"}) {
		t.Fatalf("jumble %+v", l.Jumble)
	}
	// Both arms posts are vacant: nobody supplies arms.
	if !slices.Equal(l.Unperformed, []string{"arms"}) {
		t.Fatalf("unperformed %v", l.Unperformed)
	}
	// Yegor holds nothing; Yasha only stands ready for the arms group.
	if !slices.Equal(l.Idle, []string{"m32", "m43"}) {
		t.Fatalf("idle %v", l.Idle)
	}
	// The arrested Fyodor holds the Obukhov organizer post but performs
	// nothing: performers are active members only.
	for _, f := range l.Functions {
		if f.Function == "organizer" && slices.Contains(f.Performers, "m12") {
			t.Fatal("an arrested member counted as performing")
		}
		if f.Function == "secretary" && len(f.Posts) != 5 {
			t.Fatalf("%d secretary posts, want 5", len(f.Posts))
		}
	}
}

func TestVacanciesOn1902(t *testing.T) {
	t.Parallel()
	o := example(t, "st-petersburg-1902")
	vs := model.Vacancies(o)
	seen := map[string]bool{}
	vacant, noCand := 0, 0
	for _, v := range vs {
		if seen[v.Post.ID] {
			t.Fatalf("post %s listed twice", v.Post.ID)
		}
		seen[v.Post.ID] = true
		if v.Vacant {
			vacant++
		}
		if v.NoCandidate {
			noCand++
		}
	}
	// Every post without a holder or an active candidate is listed, once.
	want := 0
	o.Walk(func(u *model.Unit) bool {
		for _, p := range u.Posts {
			if p.Holder == "" || !o.HasActiveCandidate(p) {
				want++
				if !seen[p.ID] {
					t.Errorf("post %s (%s) missing", p.ID, p.Title)
				}
			}
		}
		return true
	})
	if len(vs) != want || vacant != 7 {
		t.Fatalf("%d listed (want %d), %d vacant (want 7)", len(vs), want, vacant)
	}
	// Most important first: the top-level units' posts lead, and the
	// executive group's vacant treasury comes before deeper gaps.
	if vs[0].Depth != 0 {
		t.Fatal("the list does not start at the top")
	}
	for i := 1; i < len(vs); i++ {
		if vs[i].Depth < vs[i-1].Depth {
			t.Fatal("not ordered by depth")
		}
	}
	if p := o.Post("p15"); p.Title != "Treasurer" || !seen["p15"] {
		t.Fatal("the executive group's vacant treasurer is not listed")
	}
}

func TestMemberSummaryOn1902(t *testing.T) {
	t.Parallel()
	o := example(t, "st-petersburg-1902")
	s, ok := model.Summarize(o, "m4")
	if !ok || len(s.Held) != 4 || len(s.Functions) != 4 || len(s.Candidacies) != 1 || len(s.Units) != 5 {
		t.Fatalf("Nikitich: %d held, %d functions, %d candidacies, %d units", len(s.Held), len(s.Functions), len(s.Candidacies), len(s.Units))
	}
	if s.Held[0].Unit().Name != "St. Petersburg Committee" {
		t.Fatalf("held posts not in document order: first in %s", s.Held[0].Unit().Name)
	}
	if c := s.Candidacies[0]; c.Post.Unit().Name != "Advanced workers' circle (Vyborg)" || c.Position != 1 {
		t.Fatalf("candidacy %s #%d", c.Post.Unit().Name, c.Position)
	}
	if s.Exposure != 17 {
		t.Fatalf("exposure %d, want 17", s.Exposure)
	}
	if _, ok := model.Summarize(o, "nobody"); ok {
		t.Fatal("summary of an unknown member")
	}
}

func TestExposureCountsDistinctPeopleInSharedUnits(t *testing.T) {
	t.Parallel()
	o := small(t)
	// m1 holds p1 in u2 with candidate m2: exposes m2 only.
	if got := model.Exposure(o, "m1"); got != 1 {
		t.Fatalf("exposure %d, want 1", got)
	}
	if got := model.Exposure(o, "m3"); got != 0 {
		t.Fatalf("idle member exposes %d", got)
	}
}

// The analyses stay right after any edit and undo: compare against the
// same analysis of a fresh copy of the document.
func TestAnalysesMatchAFreshDocumentAfterRandomEdits(t *testing.T) {
	t.Parallel()
	o := example(t, "st-petersburg-1902")
	g := &opGen{r: rand.New(rand.NewPCG(3, 4)), o: o}
	var h model.History
	for i := 0; i < 300; i++ {
		if i%7 == 6 {
			h.Undo(o)
		} else {
			_ = h.Do(o, g.next())
		}
		data, err := storage.Encode(o)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := storage.Decode("fresh", data)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := describeLabor(o, model.LaborTable(o)), describeLabor(fresh, model.LaborTable(fresh)); a != b {
			t.Fatalf("step %d: labor differs from a fresh document:\n%s\n%s", i, a, b)
		}
		for _, m := range o.Members {
			a, _ := model.Summarize(o, m.ID)
			b, _ := model.Summarize(fresh, m.ID)
			if len(a.Held) != len(b.Held) || len(a.Candidacies) != len(b.Candidacies) || a.Exposure != b.Exposure {
				t.Fatalf("step %d: summary of %s differs", i, m.ID)
			}
		}
	}
}

// Edits that leave PeopleVersion alone leave the labor table and the
// vacancies alone.
func TestPeopleVersionCoversLaborAndVacancies(t *testing.T) {
	t.Parallel()
	o := example(t, "st-petersburg-1902")
	g := &opGen{r: rand.New(rand.NewPCG(5, 6)), o: o}
	var h model.History
	neutral := 0
	for i := 0; i < 400; i++ {
		before, pv := describeLabor(o, model.LaborTable(o)), o.PeopleVersion()
		if i%5 == 4 {
			h.Undo(o)
		} else if err := h.Do(o, g.next()); err != nil {
			continue
		}
		if o.PeopleVersion() == pv {
			neutral++
			if after := describeLabor(o, model.LaborTable(o)); after != before {
				t.Fatalf("step %d: people unchanged by version, changed in fact", i)
			}
		}
	}
	if neutral < 20 {
		t.Fatalf("only %d neutral edits tried", neutral)
	}
}

func describeLabor(o *model.Org, l model.Labor) string {
	s := ""
	for _, f := range l.Functions {
		s += f.Function + ":" + join(f.Performers) + ";"
	}
	s += "|" + join(l.Unperformed) + "|" + join(l.Idle) + "|"
	for _, j := range l.Jumble {
		s += j.Member + join(j.Functions)
	}
	for _, v := range model.Vacancies(o) {
		s += v.Post.ID
	}
	return s
}

func join(s []string) string {
	out := ""
	for _, x := range s {
		out += x + ","
	}
	return out
}

// The vacancy list kept up to date edit by edit equals the list computed
// afresh, order included.
func TestUpdateVacanciesMatchesAFreshList(t *testing.T) {
	t.Parallel()
	o := example(t, "st-petersburg-1902")
	list := model.Vacancies(o)
	o.DrainTouched()
	incremental := 0
	randomEdits(o, 11, 600, func(i int) {
		tc := o.DrainTouched()
		var ok bool
		if !tc.All {
			list, ok = model.UpdateVacancies(o, list, tc.Posts)
		}
		if tc.All || !ok {
			list = model.Vacancies(o)
		} else {
			incremental++
		}
		want := model.Vacancies(o)
		if len(list) != len(want) {
			t.Fatalf("step %d: %d vacancies, want %d", i, len(list), len(want))
		}
		for j := range want {
			if list[j] != want[j] {
				t.Fatalf("step %d: entry %d is %s, want %s", i, j, list[j].Post.ID, want[j].Post.ID)
			}
		}
	})
	if incremental < 300 {
		t.Fatalf("only %d incremental updates", incremental)
	}
}

// summarize reduces a LaborTable to what a LaborSummary holds.
func summarize(l model.Labor, first, firstRows int) model.LaborSummary {
	var s model.LaborSummary
	for _, f := range l.Functions {
		fs := model.FunctionSummary{Function: f.Function, Count: len(f.Performers)}
		fs.First = f.Performers[:min(first, len(f.Performers))]
		if len(fs.First) == 0 {
			fs.First = nil
		}
		s.Functions = append(s.Functions, fs)
	}
	s.Unperformed = l.Unperformed
	s.Jumble, s.JumbleCount = l.Jumble[:min(firstRows, len(l.Jumble))], len(l.Jumble)
	if len(s.Jumble) == 0 {
		s.Jumble = nil
	}
	s.IdleCount = len(l.Idle)
	s.Idle = l.Idle[:min(firstRows, len(l.Idle))]
	if len(s.Idle) == 0 {
		s.Idle = nil
	}
	return s
}

// The labor state kept up to date edit by edit shows what a fresh table
// shows: on the 1902 example, where small sets are searched whole, and on
// a bigger plan, where the first of big sets are met walking the members.
func TestLaborStateMatchesAFreshTable(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		o     *model.Org
		steps int
	}{
		{"1902", example(t, "st-petersburg-1902"), 600},
		{"synthetic", synth.Generate(synth.Options{Units: 3000, Seed: 9}), 120},
	} {
		o := c.o
		st := model.NewLaborState(o)
		o.DrainTouched()
		randomEdits(o, 21, c.steps, func(i int) {
			tc := o.DrainTouched()
			if tc.All {
				st = model.NewLaborState(o)
			} else {
				st.Update(o, tc.Members)
			}
			got := fmt.Sprintf("%+v", st.Summary(o, 3, 4))
			want := fmt.Sprintf("%+v", summarize(model.LaborTable(o), 3, 4))
			if got != want {
				t.Fatalf("%s, step %d:\n got %s\nwant %s", c.name, i, got, want)
			}
		})
	}
}

// randomEdits makes steps random edits (every sixth an undo), calling after
// with the step number after each.
func randomEdits(o *model.Org, seed uint64, steps int, after func(step int)) {
	g := &opGen{r: rand.New(rand.NewPCG(seed, seed+1)), o: o}
	var h model.History
	for i := 0; i < steps; i++ {
		if i%6 == 5 {
			h.Undo(o)
		} else {
			_ = h.Do(o, g.next())
		}
		after(i)
	}
}
