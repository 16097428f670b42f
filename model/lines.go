package model

// Lines to the center, carried by people. The rule, as the README states
// it:
//
//   - A top-level unit is a center while it has an active holder or has
//     no posts at all.
//   - A unit with no posts at all is a grouping and passes lines through.
//   - A unit with posts is connected when one of its lines (to its parent,
//     or to a unit it reports to) is carried and leads to a connected
//     unit; a line is carried by the member named for it while they are
//     active, and by the unit's active holders when nobody is named.
//
// A cut-off unit is recoverable when its contacts are deposited and one
// of its lines leads to a unit that is connected or itself recoverable:
// the center can re-form the line. Otherwise it is lost.
//
// Every analysis (simulate, the What-if tab, risk, the checks) asks a
// lines value, so that they cannot disagree.

// lines answers "connected?" for one state of the plan: the members who
// can act and the units that still have an active holder.
type lines struct {
	o       *Org
	active  func(member string) bool
	staffed func(u *Unit) bool
	// known, when set, answers for the units a change cannot reach (the
	// plan before the change); ok is false for the others.
	known func(u *Unit) (connected, ok bool)
	memo  map[*Unit]bool
	saved map[*Unit]bool // recoverable, as worked out
	// flat, when set, is memo kept by the units' document-order numbers
	// (see linesWhole).
	flat []lineState
}

// lineState is a unit's line as worked out, in a flat record.
type lineState int8

const (
	lineUnknown lineState = iota
	lineWorking           // being worked out: a broken plan's cycle reads it as cut
	lineCut
	lineConnected
)

// linesWhole is linesNow worked out for every unit at once and kept by
// the units' document-order numbers: it is only read afterwards, so the
// workers of a whole-plan ranking share it, and a look at a unit hashes
// nothing (a map of a million units was a cache miss or two a look, and
// one such map a worker). Nil when the plan's units cannot be numbered.
func linesWhole(o *Org) *lines {
	o.numberUnits()
	if !o.numbered() {
		return nil
	}
	l := linesNow(o)
	l.flat = make([]lineState, o.order.count)
	o.Walk(func(u *Unit) bool {
		l.connected(u)
		return true
	})
	return l
}

// linesNow is the plan as it is: members as their status says, holders
// as the posts say.
func linesNow(o *Org) *lines {
	return &lines{o: o, active: o.MemberActive, staffed: staffedNow}
}

// staffedNow reports whether an active member holds one of u's posts.
func staffedNow(u *Unit) bool {
	for _, p := range u.Posts {
		if p.activeHolder() {
			return true
		}
	}
	return false
}

// connected reports whether u has a working line to a center.
func (l *lines) connected(u *Unit) bool {
	if u == nil {
		return false
	}
	if l.known != nil {
		if v, ok := l.known(u); ok {
			return v
		}
	}
	if l.flat != nil && int(u.pre) < len(l.flat) {
		switch l.flat[u.pre] {
		case lineConnected:
			return true
		case lineCut, lineWorking:
			return false
		}
		l.flat[u.pre] = lineWorking
		v := l.work(u)
		l.flat[u.pre] = lineCut
		if v {
			l.flat[u.pre] = lineConnected
		}
		return v
	}
	if v, ok := l.memo[u]; ok {
		return v
	}
	if l.memo == nil {
		l.memo = map[*Unit]bool{}
	}
	l.memo[u] = false // a valid plan has no cycles; this guards a broken one
	v := l.work(u)
	l.memo[u] = v
	return v
}

func (l *lines) work(u *Unit) bool {
	grouping := len(u.Posts) == 0
	if u.parent == nil && (grouping || l.staffed(u)) {
		return true
	}
	if u.parent == nil {
		return false
	}
	carried := func(to string) bool {
		if grouping {
			return true
		}
		if m := u.LiaisonTo(to); m != "" {
			return l.active(m)
		}
		return l.staffed(u)
	}
	if carried(u.parent.ID) && l.connected(u.parent) {
		return true
	}
	for _, r := range u.ReportsTo {
		if t := l.o.idx.units.get(r); t != nil && carried(r) && l.connected(t) {
			return true
		}
	}
	return false
}

// recoverable reports whether u, cut off, can have its line re-formed:
// its contacts are deposited (a grouping has none to deposit and passes
// the question on) and a line leads to a unit that is connected or
// recoverable.
func (l *lines) recoverable(u *Unit) bool {
	if l.connected(u) {
		return true
	}
	if v, ok := l.saved[u]; ok {
		return v
	}
	if l.saved == nil {
		l.saved = map[*Unit]bool{}
	}
	l.saved[u] = false
	v := false
	if u.ContactsDeposited || len(u.Posts) == 0 {
		v = u.parent != nil && l.recoverable(u.parent)
		for _, r := range u.ReportsTo {
			if t := l.o.idx.units.get(r); !v && t != nil {
				v = l.recoverable(t)
			}
		}
	}
	l.saved[u] = v
	return v
}

// Unconnected lists the units with an active holder that are cut off
// from every center today, before any removal, in document order.
func Unconnected(o *Org) []*Unit {
	l := linesNow(o)
	var out []*Unit
	o.Walk(func(u *Unit) bool {
		if staffedNow(u) && !l.connected(u) {
			out = append(out, u)
		}
		return true
	})
	return out
}

// downstream is every unit below or reporting to one of from, at any
// remove, and from themselves: the units whose lines pass through them.
func (o *Org) downstream(from []*Unit, pl *poll) map[*Unit]bool {
	seen := make(map[*Unit]bool, len(from))
	queue := make([]*Unit, 0, len(from))
	for _, u := range from {
		if !seen[u] {
			seen[u] = true
			queue = append(queue, u)
		}
	}
	for len(queue) > 0 && !pl.stopped() {
		u := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, next := range [][]*Unit{u.Units, o.idx.reportedBy[u.ID]} {
			for _, c := range next {
				if !seen[c] {
					seen[c] = true
					queue = append(queue, c)
				}
			}
		}
	}
	return seen
}
