package model_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

// canon writes a plan with what means nothing left out: members and the
// catalogues by id, sets sorted. Two plans are equal as plans exactly
// when their canons are.
func canon(o *model.Org) string {
	var b strings.Builder
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	fmt.Fprintf(&b, "org %q %q %q\n", o.Name, o.Description, o.AsOf)
	var lines []string
	for _, f := range o.Functions {
		lines = append(lines, fmt.Sprintf("fn %+v", *f))
	}
	for _, k := range o.Kinds {
		c := *k
		c.RequiredFunctions, c.AllowedFunctions = sorted(c.RequiredFunctions), sorted(c.AllowedFunctions)
		lines = append(lines, fmt.Sprintf("kind %+v", c))
	}
	for _, m := range o.Members {
		c := *m
		c.Skills = sorted(c.Skills)
		lines = append(lines, fmt.Sprintf("member %+v", c))
	}
	slices.Sort(lines)
	b.WriteString(strings.Join(lines, "\n"))
	var units func(us []*model.Unit, depth int)
	units = func(us []*model.Unit, depth int) {
		for _, u := range us {
			d := u.Details()
			d.ReportsTo = sorted(d.ReportsTo)
			fmt.Fprintf(&b, "\n%*sunit %s %q %+v", depth, "", u.ID, u.Name, d)
			for _, p := range u.Posts {
				fmt.Fprintf(&b, "\n%*s post %s %q %q %q %v %v %q", depth, "", p.ID, p.Title, p.Function, p.Holder, p.Candidates, sorted(p.ReadyLater), p.Notes)
			}
			units(u.Units, depth+1)
		}
	}
	units(o.Units, 0)
	return b.String()
}

// edited is a copy of o after n random edits (those the plan refuses
// are skipped).
func edited(t *testing.T, o *model.Org, seed uint64, n int) *model.Org {
	t.Helper()
	c := o.Clone()
	g := &opGen{r: rand.New(rand.NewPCG(seed, 11)), o: c}
	for range n {
		_, _ = c.Apply(g.next())
	}
	if p := c.Validate(); len(p) > 0 {
		t.Fatal(p[0])
	}
	return c
}

func mustMerge(t *testing.T, b, a, th *model.Org) (*model.Org, []model.Conflict) {
	t.Helper()
	o, cs, err := model.Merge(b, a, th)
	if err != nil {
		t.Fatal(err)
	}
	if p := o.Validate(); len(p) > 0 {
		t.Fatalf("the merged plan is not valid: %v", p[0])
	}
	return o, cs
}

// collide reports whether both sides added a record under one id.
func collide(b, a, th *model.Org) bool {
	rb, ra, rt := model.Flatten(b), model.Flatten(a), model.Flatten(th)
	for k := range ra.ByKey {
		if _, inB := rb.ByKey[k]; !inB {
			if _, inT := rt.ByKey[k]; inT {
				return true
			}
		}
	}
	return false
}

func TestMergeAndDiffLaws(t *testing.T) {
	t.Parallel()
	withConflicts := 0
	for seed := uint64(1); seed <= 60; seed++ {
		o := synth.Generate(synth.Options{Units: 30, Branching: 3, Seed: seed})
		a, b := edited(t, o, seed, 25), edited(t, o, seed+1000, 25)

		if got, cs := mustMerge(t, o, a, a); canon(got) != canon(a) || len(cs) > 0 {
			t.Fatalf("seed %d: merge(O, A, A) is not A (%d conflicts):\n%s", seed, len(cs), diff(canon(a), canon(got)))
		}
		if got, cs := mustMerge(t, o, o, b); canon(got) != canon(b) || len(cs) > 0 {
			t.Fatalf("seed %d: merge(O, O, B) is not B (%d conflicts):\n%s", seed, len(cs), diff(canon(b), canon(got)))
		}
		ab, cab := mustMerge(t, o, a, b)
		ba, cba := mustMerge(t, o, b, a)
		if len(cab) > 0 {
			withConflicts++
		}
		if !collide(o, a, b) {
			if len(cab) != len(cba) {
				t.Fatalf("seed %d: %d conflicts one way, %d the other", seed, len(cab), len(cba))
			}
			for _, c := range cab {
				if !slices.ContainsFunc(cba, func(d model.Conflict) bool {
					return c.Kind == d.Kind && c.Key == d.Key && c.Field == d.Field &&
						fmt.Sprint(c.Ours) == fmt.Sprint(d.Theirs) && fmt.Sprint(c.Theirs) == fmt.Sprint(d.Ours)
				}) {
					t.Fatalf("seed %d: conflict %+v has no mirror in %+v", seed, c, cba)
				}
			}
			if len(cab) == 0 && canon(ab) != canon(ba) {
				t.Fatalf("seed %d: a clean merge depends on the side:\n%s", seed, diff(canon(ab), canon(ba)))
			}
		}
		// Diff: empty exactly when equal; one way is the other reversed.
		for _, pair := range [][2]*model.Org{{o, a}, {a, b}, {o, o}, {a, ab}} {
			x, y := pair[0], pair[1]
			d := model.Diff(x, y)
			if (len(d) == 0) != (canon(x) == canon(y)) {
				t.Fatalf("seed %d: %d changes, but equal as plans: %v", seed, len(d), canon(x) == canon(y))
			}
			back := model.Diff(y, x)
			if len(back) != len(d) {
				t.Fatalf("seed %d: %d changes one way, %d back", seed, len(d), len(back))
			}
			for _, c := range d {
				if !slices.ContainsFunc(back, func(r model.Change) bool {
					return r.Key == c.Key && r.Field == c.Field && r.Added == c.Removed && r.Removed == c.Added &&
						fmt.Sprint(r.From) == fmt.Sprint(c.To) && fmt.Sprint(r.To) == fmt.Sprint(c.From)
				}) {
					t.Fatalf("seed %d: %+v has no reverse", seed, c)
				}
			}
		}
	}
	if withConflicts == 0 {
		t.Fatal("no random pair conflicted: the edits are too weak to test the merge")
	}
}
