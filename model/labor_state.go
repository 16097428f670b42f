package model

import "sort"

// LaborState is the division of labor kept up to date edit by edit: after
// an edit only the members it touched (see DrainTouched) are looked at
// again, so the Labor panel costs the same at 100,000 units as at 100.
type LaborState struct {
	fns  map[string][]string            // active member → functions performed
	perf map[string]map[string]struct{} // function → its active performers
	idle map[string]struct{}            // active members with no function
	pos  map[string]int                 // member → place in the member list
}

// LaborSummary is what the Labor panel shows: per function, how many
// perform it and the first of them in member order; the functions nobody
// performs; the members with too many; the first members with none.
type LaborSummary struct {
	Functions   []FunctionSummary // in catalogue order
	Unperformed []string
	Jumble      []MemberLoad // most functions first, then member order
	Idle        []string     // the first, in member order
	IdleCount   int
}

// FunctionSummary is one function's performers.
type FunctionSummary struct {
	Function string
	Count    int
	First    []string // the first performers, in member order
}

// NewLaborState computes the division of labor from scratch.
func NewLaborState(o *Org) *LaborState {
	s := &LaborState{fns: map[string][]string{}, perf: map[string]map[string]struct{}{}, idle: map[string]struct{}{}}
	s.positions(o)
	rank := o.functionRanks()
	for _, m := range o.Members {
		s.place(o, m, rank)
	}
	return s
}

func (s *LaborState) positions(o *Org) {
	s.pos = make(map[string]int, len(o.Members))
	for i, m := range o.Members {
		s.pos[m.ID] = i
	}
}

// place records an active member's functions.
func (s *LaborState) place(o *Org, m *Member, rank map[string]int) {
	if !m.Active() {
		return
	}
	fs := o.memberFunctions(m.ID, rank)
	if len(fs) == 0 {
		s.idle[m.ID] = struct{}{}
		return
	}
	s.fns[m.ID] = fs
	for _, f := range fs {
		set := s.perf[f]
		if set == nil {
			set = map[string]struct{}{}
			s.perf[f] = set
		}
		set[m.ID] = struct{}{}
	}
}

// remove forgets a member's contribution.
func (s *LaborState) remove(id string) {
	for _, f := range s.fns[id] {
		delete(s.perf[f], id)
	}
	delete(s.fns, id)
	delete(s.idle, id)
}

// Update looks again at the members an edit touched. A change in who is a
// member (an addition or deletion) renumbers the member list too.
func (s *LaborState) Update(o *Org, members []string) {
	rank := o.functionRanks()
	renumber := len(s.pos) != len(o.Members)
	for _, id := range members {
		s.remove(id)
		m := o.Member(id)
		if m == nil {
			renumber = true
			continue
		}
		if _, ok := s.pos[id]; !ok {
			renumber = true
		}
		s.place(o, m, rank)
	}
	if renumber {
		s.positions(o)
	}
}

// Summary lists at most first performers per function and firstIdle idle
// members.
func (s *LaborState) Summary(o *Org, first, firstIdle int) LaborSummary {
	var sum LaborSummary
	for _, f := range o.Functions {
		set := s.perf[f.ID]
		fs := FunctionSummary{Function: f.ID, Count: len(set), First: s.firstIn(set, first)}
		sum.Functions = append(sum.Functions, fs)
		if fs.Count == 0 {
			sum.Unperformed = append(sum.Unperformed, f.ID)
		}
	}
	for id, fs := range s.fns {
		if len(fs) > JumbleThreshold {
			sum.Jumble = append(sum.Jumble, MemberLoad{Member: id, Functions: fs})
		}
	}
	sort.Slice(sum.Jumble, func(i, j int) bool {
		a, b := sum.Jumble[i], sum.Jumble[j]
		if len(a.Functions) != len(b.Functions) {
			return len(a.Functions) > len(b.Functions)
		}
		return s.pos[a.Member] < s.pos[b.Member]
	})
	sum.IdleCount = len(s.idle)
	sum.Idle = s.firstIn(s.idle, firstIdle)
	return sum
}

// firstIn picks the n members of a set that come first in the member
// list, without sorting the whole set.
func (s *LaborState) firstIn(set map[string]struct{}, n int) []string {
	if n <= 0 || len(set) == 0 {
		return nil
	}
	best := make([]string, 0, n+1)
	for id := range set {
		p := s.pos[id]
		if len(best) == n && p >= s.pos[best[n-1]] {
			continue
		}
		i := sort.Search(len(best), func(i int) bool { return s.pos[best[i]] > p })
		best = append(best, "")
		copy(best[i+1:], best[i:])
		best[i] = id
		if len(best) > n {
			best = best[:n]
		}
	}
	return best
}
