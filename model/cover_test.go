package model_test

import (
	"testing"

	"github.com/orgplan/orgplan/model"
)

// TestCoverCountsEachPersonOnce is the hand example: P1 [B now, C
// later], P2 [B now], P3 [], P4 vacant [F later]: 3 of 4 posts have some
// candidate, 2 have one ready now, but B cannot fill P1 and P2 at once,
// so the posts that can be filled at the same time are 1.
func TestCoverCountsEachPersonOnce(t *testing.T) {
	t.Parallel()
	o := readiness(t)
	if b := model.BenchStrength(o); b.Any != 3 || b.Ready != 2 || b.Posts != 4 {
		t.Fatalf("bench %+v", b)
	}
	if c := model.Cover(o, model.AllPosts(o), nil); c != 1 {
		t.Fatalf("cover %d, want 1", c)
	}
	// With C ready now, B takes one post and C the other.
	op, _ := o.SetReadiness("P1", "C", false)
	if _, err := o.Apply(op); err != nil {
		t.Fatal(err)
	}
	if c := model.Cover(o, model.AllPosts(o), nil); c != 2 {
		t.Fatalf("cover %d, want 2", c)
	}
	if c := model.Cover(o, model.AllPosts(o), map[string]bool{"B": true}); c != 1 {
		t.Fatalf("cover without B %d, want 1", c)
	}
}

func TestSimulateReportsTheCoverOfTheRemovedPosts(t *testing.T) {
	t.Parallel()
	o := readiness(t)
	// A and D go: their posts P1 and P2 have B ready now for both; B can
	// fill one of them at once.
	w := model.Simulate(o, []string{"A", "D"})
	if w.Cover.Held != 2 || w.Cover.Filled != 1 {
		t.Fatalf("cover %+v", w.Cover)
	}
}
