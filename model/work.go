package model

import (
	"context"
	"runtime"
	"time"
)

// Work over the whole plan (the first run of the checks, the division of
// labor, the vacancy list, coverage, a member's compartment) takes
// seconds at a million units. Each has a form that takes a context and
// gives up, with the context's error, once it is done, so that an editor
// can run it beside its event loop and call it off when the plan is
// about to change.

// pollEvery is how many steps such work takes between looks at its
// context: often enough to stop within a millisecond, rarely enough to
// cost nothing.
const pollEvery = 256

// poll looks at a context every pollEvery steps.
type poll struct {
	ctx  context.Context
	n    int
	err  error
	gave time.Time // when it last gave way
}

// giveWayEvery is how long such work runs before it lets a waiting
// goroutine run.
const giveWayEvery = time.Millisecond

// stopped reports whether the context was found done; once it is, it
// stays so. A nil poll never stops.
func (p *poll) stopped() bool {
	if p == nil {
		return false
	}
	if p.err != nil {
		return true
	}
	if p.n++; p.n < pollEvery {
		return false
	}
	p.n = 0
	// Give way now and then: on two cores busy with this work and the
	// collector, a key's goroutine would wait for the next preemption,
	// 10 ms or more, at each of its steps (input, Update, drawing).
	if now := time.Now(); now.Sub(p.gave) > giveWayEvery {
		runtime.Gosched()
		p.gave = now
	}
	p.err = p.ctx.Err()
	return p.err != nil
}
