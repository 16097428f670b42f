package model

import (
	"sync"
	"sync/atomic"
)

// Document order as a number: placing two units is then one comparison,
// where climbing their ancestries is a cache miss a level, and ordering
// is much of what a million units' simulations and sorts do. The
// numbers are made for work over the whole plan (the risks, a big sort)
// and hold until the plan next changes; an edit's own few comparisons
// climb, so no key renumbers a million units.

// generations gives every change of any plan a number never used before,
// so that a copy of a plan (a swap, an undo of one) never takes another's
// numbers for its own.
var generations atomic.Uint64

// numbering is the state of a plan's numbers.
type numbering struct {
	mu    sync.Mutex
	gen   atomic.Uint64 // the plan's generation the units are numbered for
	count int32         // how many units were numbered
}

// changed gives the plan a new generation: the numbers are out of date.
func (o *Org) changed() { o.gen = generations.Add(1) }

// numberUnits numbers the units in document order, unless they already
// are for the plan as it is. Work reading the plan beside other work may
// call it: one numbers, the others wait for it.
func (o *Org) numberUnits() {
	n := o.order
	if n == nil || n.gen.Load() == o.gen {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.gen.Load() == o.gen {
		return
	}
	var i int32
	o.Walk(func(u *Unit) bool {
		u.pre = i
		i++
		return true
	})
	n.count = i
	n.gen.Store(o.gen)
}

// numberFor numbers the units when k comparisons are to come: worth it
// when they would climb more units than there are.
func (o *Org) numberFor(k int) {
	if k*64 >= o.UnitCount() {
		o.numberUnits()
	}
}

// numbered reports whether the units' numbers are those of the plan as
// it is.
func (o *Org) numbered() bool { return o.order != nil && o.order.gen.Load() == o.gen }
