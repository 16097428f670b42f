package model

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// Blocks keep what is added in order, in pieces no bigger than maxBlock,
// and a piece once made is never copied elsewhere.
func TestBlocksKeepTheOrder(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	var b blocks[Finding]
	var want []Finding
	var first *Finding
	for len(want) < 5*maxBlock {
		batch := make([]Finding, r.IntN(300))
		for i := range batch {
			batch[i].Unit = strconv.Itoa(len(want) + i)
		}
		want = append(want, batch...)
		b.add(batch)
		if first == nil && len(b) > 0 {
			first = &b[0][0]
		}
	}
	if &b[0][0] != first {
		t.Error("the first block moved")
	}
	i := 0
	for _, piece := range b {
		if len(piece) > maxBlock {
			t.Fatalf("a block of %d", len(piece))
		}
		for _, f := range piece {
			if f != want[i] {
				t.Fatalf("finding %d is %q, want %q", i, f.Unit, want[i].Unit)
			}
			i++
		}
	}
	if i != len(want) {
		t.Fatalf("%d findings kept of %d", i, len(want))
	}
}

// The paths worded for findings are PathString's, whatever order the
// units are asked for in: document order, as the checks yield them, or
// any other.
func TestUnitPathsAreThePlansPaths(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	names := []string{"Committee", "", "a / b", "Ж", "group 7", " ", "x"}
	var all []*Unit
	var grow func(depth int) []*Unit
	grow = func(depth int) []*Unit {
		if depth > 5 {
			return nil
		}
		us := make([]*Unit, 1+r.IntN(3))
		for i := range us {
			us[i] = &Unit{ID: "u" + strconv.Itoa(len(all)+1), Name: names[r.IntN(len(names))]}
			all = append(all, us[i])
			us[i].Units = grow(depth + 1)
		}
		return us
	}
	o := &Org{Units: append(grow(0), grow(0)...)}
	if probs := o.Reindex(); len(probs) > 0 || len(all) < 50 {
		t.Fatalf("%d units: %v", len(all), probs)
	}
	var inOrder []*Unit
	o.Walk(func(u *Unit) bool { inOrder = append(inOrder, u, u); return true })
	shuffled := append([]*Unit(nil), all...)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, order := range [][]*Unit{inOrder, shuffled, append(inOrder, shuffled...)} {
		p := unitPaths{o: o}
		for _, u := range order {
			if got, want := p.of(u), o.PathString(u); got != want {
				t.Fatalf("%s: %q, want %q", u.ID, got, want)
			}
		}
	}
}
