package model

import (
	"context"
	"slices"
	"sort"
	"time"
)

// CheckState is the findings of CheckPlan kept up to date edit by edit:
// after an edit only the units and members it touched (see DrainTouched)
// are checked again, so the checks cost the same at 100,000 units as at
// 100. It keeps where each finding is, not its text: a finding's message
// and path are worked out when it is read (At), for the few on screen.
type CheckState struct {
	asOf time.Time
	// Each check's findings in document order: at units (and their posts)
	// for the checks of units, at members for the checks of members.
	units   [nChecks][]unitRef
	members [nChecks][]string
	// conflicts are the plan's own findings (what a merge left), few and
	// read again whole at each update.
	conflicts []Finding
	// cut are the units with no working line to a center (with people or
	// not): an edit that changes one's connection re-checks the units
	// downstream of it, and only then.
	cut map[*Unit]bool
	// cover is the organizers of every unit with a headcount. After an
	// edit a branch of up to coverInline units is counted again at once;
	// a bigger one keeps its count, pending, until the caller counts it
	// off its loop (PendingCoverage, CountOrganizers, SetCoverage).
	cover   map[*Unit]int
	pending map[*Unit]bool
	c       checker // bare; reused
}

// coverInline is the largest branch whose organizers an edit counts
// again within the keystroke (a millisecond or two at a million units).
const coverInline = 1024

// unitRef places a finding: the n-th of its check at a unit.
type unitRef struct {
	unit *Unit
	n    int
}

// NewCheckState runs every check over the plan.
func NewCheckState(o *Org, asOf time.Time) *CheckState {
	s, _ := BuildCheckState(context.Background(), o, asOf)
	return s
}

// BuildCheckState is NewCheckState giving up, with ctx's error, once ctx
// is done.
func BuildCheckState(ctx context.Context, o *Org, asOf time.Time) (*CheckState, error) {
	s := &CheckState{asOf: asOf, c: checker{o: o, asOf: asOf, bare: true}, conflicts: conflictFindings(o), cut: map[*Unit]bool{}}
	p := &poll{ctx: ctx}
	cover, err := organizersUnder(p, o)
	if err != nil {
		return nil, err
	}
	s.cover, s.c.cover, s.pending = cover, cover, map[*Unit]bool{}
	o.Walk(func(u *Unit) bool {
		s.checkUnit(u, false)
		if !s.c.connected(u) {
			s.cut[u] = true
		}
		return !p.stopped()
	})
	// Edits check members one at a time, without the table.
	s.c.inStrict = strictPeople(p, o)
	for _, m := range o.Members {
		if p.stopped() {
			break
		}
		s.checkMember(m, false)
	}
	s.c.inStrict = nil
	if p.err != nil {
		return nil, p.err
	}
	return s, nil
}

// checkUnit records a unit's findings: at the end of each list when the
// plan is walked in order, else where a binary search puts them.
func (s *CheckState) checkUnit(u *Unit, insert bool) {
	s.c.reset()
	s.c.unit(u)
	for ck := range s.c.out {
		n := len(s.c.out[ck])
		if n == 0 {
			continue
		}
		list := s.units[ck]
		if !insert {
			for i := range n {
				list = append(list, unitRef{unit: u, n: i})
			}
			s.units[ck] = list
			continue
		}
		o := s.c.o
		at := sort.Search(len(list), func(i int) bool { return o.unitBefore(u, list[i].unit) })
		add := make([]unitRef, n)
		for i := range add {
			add[i] = unitRef{unit: u, n: i}
		}
		s.units[ck] = slices.Insert(list, at, add...)
	}
}

func (s *CheckState) checkMember(m *Member, insert bool) {
	s.c.reset()
	s.c.member(m)
	for ck := range s.c.out {
		if len(s.c.out[ck]) == 0 {
			continue
		}
		list := s.members[ck]
		if !insert {
			s.members[ck] = append(list, m.ID)
			continue
		}
		o := s.c.o
		p := o.MemberIndex(m.ID)
		at := sort.Search(len(list), func(i int) bool { return p < o.MemberIndex(list[i]) })
		s.members[ck] = slices.Insert(list, at, m.ID)
	}
}

// Update brings the findings up to date after an edit, from what it
// touched; a change of date or of everything (t.All) checks the plan
// again whole. It returns the state to use from now on.
func (s *CheckState) Update(o *Org, t Touched, asOf time.Time) *CheckState {
	if s == nil || t.All || !asOf.Equal(s.asOf) || s.c.o != o {
		return NewCheckState(o, asOf)
	}
	if len(s.conflicts) > 0 || len(o.Conflicts) > 0 {
		s.conflicts = conflictFindings(o)
	}
	units := make(map[*Unit]bool, len(t.Units))
	for _, u := range t.Units {
		units[u] = true
	}
	// A member's findings depend on the units they sit in (secrecy, order,
	// names): everyone on a touched post or in a touched unit is looked at.
	members := make(map[string]bool, len(t.Members))
	addPeople := func(p *Post) {
		if p.Holder != "" {
			members[p.Holder] = true
		}
		for _, c := range p.Candidates {
			members[c] = true
		}
	}
	for _, id := range t.Members {
		members[id] = true
	}
	for _, p := range t.Posts {
		addPeople(p)
	}
	for u := range units {
		for _, p := range u.Posts {
			addPeople(p)
		}
	}
	cover := coverTouched(units)
	s.relines(o, t, units)
	s.recount(o, cover)
	s.recheck(o, units, members, t.Reordered)
	return s
}

// coverTouched is the units whose organizers an edit may have changed:
// the touched units (a touched post touches its unit) and those with a
// headcount above them. A member's status or removal touches every post
// they are on, so nothing else changes who sits in a branch.
func coverTouched(units map[*Unit]bool) map[*Unit]bool {
	out := map[*Unit]bool{}
	up := func(u *Unit) {
		out[u] = true // a unit that lost its headcount or left is forgotten
		for a := u.parent; a != nil && !out[a]; a = a.parent {
			if a.Headcount > 0 {
				out[a] = true
			}
		}
	}
	for u := range units {
		up(u)
	}
	return out
}

// recount counts again the organizers of the units with a headcount
// among units: a small branch at once, a big one later (pending).
func (s *CheckState) recount(o *Org, units map[*Unit]bool) {
	for u := range s.pending {
		if o.idx.units.get(u.ID) != u {
			delete(s.pending, u)
		}
	}
	for u := range units {
		switch {
		case o.idx.units.get(u.ID) != u || u.Headcount == 0:
			delete(s.cover, u)
			delete(s.pending, u)
		case branchAtMost(u, coverInline):
			s.cover[u] = CoverageOf(o, u).Organizers
			delete(s.pending, u)
		default:
			s.pending[u] = true
			if _, ok := s.cover[u]; !ok {
				s.cover[u] = 0 // a new headcount: counted soon
			}
		}
	}
}

// branchAtMost says whether u's branch has at most n units.
func branchAtMost(u *Unit, n int) bool {
	WalkUnit(u, func(*Unit) bool { n--; return n >= 0 })
	return n >= 0
}

// HasHeadcount says whether some unit records a headcount.
func (s *CheckState) HasHeadcount() bool { return len(s.cover) > 0 }

// PendingCoverage is the units whose organizers wait to be counted, in
// no order.
func (s *CheckState) PendingCoverage() []*Unit {
	out := make([]*Unit, 0, len(s.pending))
	for u := range s.pending {
		out = append(out, u)
	}
	return out
}

// SetCoverage takes counts made by CountOrganizers from the plan as it is
// now, and checks those units again.
func (s *CheckState) SetCoverage(o *Org, counts map[*Unit]int) {
	units := make(map[*Unit]bool, len(counts))
	for u, n := range counts {
		if s.pending[u] && o.idx.units.get(u.ID) == u {
			s.cover[u] = n
			delete(s.pending, u)
			units[u] = true
		}
	}
	s.recheck(o, units, nil, false)
}

// recheck takes out the findings of units and members and checks them
// again. The lists hold millions of findings at a million units: a few
// units or members still in their places are found by binary search,
// and only otherwise (many, gone, or moved: reordered) by a scan.
func (s *CheckState) recheck(o *Org, units map[*Unit]bool, members map[string]bool, reordered bool) {
	if len(units) == 0 && len(members) == 0 {
		return
	}
	const few = 64
	var searchUnits []*Unit
	if len(units) <= few && !reordered {
		for u := range units {
			if o.idx.units.get(u.ID) != u {
				searchUnits = nil
				break
			}
			searchUnits = append(searchUnits, u)
		}
	}
	var searchMembers []int
	if len(members) <= few {
		for id := range members {
			i := o.MemberIndex(id)
			if i < 0 {
				searchMembers = nil
				break
			}
			searchMembers = append(searchMembers, i)
		}
	}
	if len(searchUnits) == len(units) {
		for _, u := range searchUnits {
			s.recheckUnit(o, u)
		}
	} else {
		for ck := range nChecks {
			if len(s.units[ck]) > 0 {
				s.units[ck] = slices.DeleteFunc(s.units[ck], func(r unitRef) bool { return units[r.unit] })
			}
		}
		for u := range units {
			if o.idx.units.get(u.ID) == u {
				s.checkUnit(u, true)
			}
		}
	}
	if len(searchMembers) == len(members) {
		for id := range members {
			s.recheckMember(o, o.Member(id))
		}
		return
	}
	for ck := range nChecks {
		if len(s.members[ck]) > 0 {
			s.members[ck] = slices.DeleteFunc(s.members[ck], func(id string) bool { return members[id] })
		}
	}
	for id := range members {
		if m := o.Member(id); m != nil {
			s.checkMember(m, true)
		}
	}
}

// recheckUnit checks a unit in its place again: where it has as many
// findings of a check as before, nothing in that list moves (a list of
// a million findings costs milliseconds to shift).
func (s *CheckState) recheckUnit(o *Org, u *Unit) {
	s.c.reset()
	s.c.unit(u)
	for ck := range nChecks {
		list := s.units[ck]
		n := len(s.c.out[ck])
		if n == 0 && len(list) == 0 {
			continue
		}
		lo := sort.Search(len(list), func(j int) bool { return !o.unitBefore(list[j].unit, u) })
		hi := lo
		for hi < len(list) && list[hi].unit == u {
			hi++
		}
		if n == hi-lo {
			continue
		}
		add := make([]unitRef, n)
		for i := range add {
			add[i] = unitRef{unit: u, n: i}
		}
		s.units[ck] = slices.Replace(list, lo, hi, add...)
	}
}

// recheckMember is recheckUnit for a member (at most one finding a check).
func (s *CheckState) recheckMember(o *Org, m *Member) {
	s.c.reset()
	s.c.member(m)
	i := o.MemberIndex(m.ID)
	for ck := range nChecks {
		list := s.members[ck]
		want := len(s.c.out[ck]) > 0
		if !want && len(list) == 0 {
			continue
		}
		at := sort.Search(len(list), func(j int) bool { return o.MemberIndex(list[j]) >= i })
		switch has := at < len(list) && list[at] == m.ID; {
		case has && !want:
			s.members[ck] = slices.Delete(list, at, at+1)
		case !has && want:
			s.members[ck] = slices.Insert(list, at, m.ID)
		}
	}
}

// relines adds to units those whose connection or coverage an edit may
// have changed: downstream of every touched unit whose own connection
// changed (a unit's line depends on the units above it only through
// whether they are connected), and the ancestors with a headcount.
func (s *CheckState) relines(o *Org, t Touched, units map[*Unit]bool) {
	s.c.ln = nil // the plan changed
	seeds := make(map[*Unit]bool, len(units))
	for u := range units {
		seeds[u] = true
	}
	for _, p := range t.Posts {
		if p.unit != nil {
			seeds[p.unit] = true
		}
	}
	for _, id := range t.Members {
		if p := o.idx.members.get(id); p != nil {
			for _, ps := range [][]*Post{p.held, p.cand} {
				for _, h := range ps {
					seeds[h.unit] = true
				}
			}
		}
		for _, u := range o.idx.carriedBy[id] {
			seeds[u] = true
		}
	}
	var changed []*Unit
	for u := range seeds {
		if o.idx.units.get(u.ID) != u {
			delete(s.cut, u)
			continue
		}
		for a := u.parent; a != nil; a = a.parent {
			if a.Headcount > 0 {
				units[a] = true
			}
		}
		if now := s.c.connected(u); now == s.cut[u] {
			changed = append(changed, u)
		}
	}
	for u := range o.downstream(changed, nil) {
		units[u] = true
		if s.c.connected(u) {
			delete(s.cut, u)
		} else {
			s.cut[u] = true
		}
	}
}

// Len is how many findings there are.
func (s *CheckState) Len() int {
	n := len(s.conflicts)
	for ck := range nChecks {
		n += len(s.units[ck]) + len(s.members[ck])
	}
	return n
}

// CountByCheck is how many findings each check has, in the order of
// Checks (and of At).
func (s *CheckState) CountByCheck() [nChecks]int {
	var n [nChecks]int
	for ck := range nChecks {
		n[ck] = len(s.units[ck]) + len(s.members[ck])
	}
	n[ckMergeConflict] = len(s.conflicts)
	return n
}

// Count tallies the findings by severity.
func (s *CheckState) Count() (errors, warnings int) {
	errors = len(s.conflicts)
	for ck := range nChecks {
		n := len(s.units[ck]) + len(s.members[ck])
		if Checks[ck].Severity == SevError {
			errors += n
		} else {
			warnings += n
		}
	}
	return errors, warnings
}

// At is the i-th finding in the order of CheckPlan, message and path
// included: its unit or member is checked again to word it.
func (s *CheckState) At(i int) Finding {
	if i < len(s.conflicts) {
		return s.conflicts[i]
	}
	i -= len(s.conflicts)
	for ck := range nChecks {
		// A check is about units or about members: one list is empty.
		n := len(s.units[ck]) + len(s.members[ck])
		if i >= n {
			i -= n
			continue
		}
		c := checker{o: s.c.o, asOf: s.asOf, cover: s.cover}
		var f Finding
		if i < len(s.units[ck]) {
			r := s.units[ck][i]
			f.Unit = r.unit.ID
			if c.unit(r.unit); r.n < len(c.out[ck]) {
				return c.out[ck][r.n]
			}
		} else {
			f.Member = s.members[ck][i-len(s.units[ck])]
			if m := c.o.Member(f.Member); m != nil {
				if c.member(m); len(c.out[ck]) > 0 {
					return c.out[ck][0]
				}
			}
		}
		// Unreachable while the state is kept up to date; say where at least.
		f.Check, f.Severity = Checks[ck].ID, Checks[ck].Severity
		return f
	}
	return Finding{}
}
