package model

import (
	"context"
	"slices"
	"sort"
)

// LaborState is the division of labor kept up to date edit by edit: after
// an edit only the members it touched (see DrainTouched) are looked at
// again, so the Labor panel costs the same at 100,000 units as at 100.
type LaborState struct {
	fns   map[string][]string            // active member → functions performed
	perf  map[string]map[string]struct{} // function → its active performers
	idle  map[string]struct{}            // active members with no function
	loads map[int]map[string]struct{}    // n > JumbleThreshold → members with n functions
}

// LaborSummary is what the Labor panel shows: per function, how many
// perform it and the first of them in member order; the functions nobody
// performs; the members with too many; the first members with none.
type LaborSummary struct {
	Functions   []FunctionSummary // in catalogue order
	Unperformed []string
	Jumble      []MemberLoad // the first, most functions first, then member order
	JumbleCount int
	Idle        []string // the first, in member order
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
	s, _ := BuildLaborState(context.Background(), o)
	return s
}

// BuildLaborState is NewLaborState giving up once ctx is done.
func BuildLaborState(ctx context.Context, o *Org) (*LaborState, error) {
	// Made at the size it will nearly reach: a map of a million grown
	// step by step leaves each smaller table behind for the collector,
	// 50 MB at the editor's peak.
	s := &LaborState{fns: make(map[string][]string, len(o.Members)), perf: map[string]map[string]struct{}{}, idle: map[string]struct{}{}, loads: map[int]map[string]struct{}{}}
	rank := o.functionRanks()
	p := &poll{ctx: ctx}
	// The functions' sets are filled once every member is placed, each
	// made at its size, for the same reason.
	count := map[string]int{}
	for _, m := range o.Members {
		if p.stopped() {
			return nil, p.err
		}
		for _, f := range s.placeMember(o, m, rank) {
			count[f]++
		}
	}
	for f, n := range count {
		s.perf[f] = make(map[string]struct{}, n)
	}
	for id, fs := range s.fns {
		if p.stopped() {
			return nil, p.err
		}
		for _, f := range fs {
			s.perf[f][id] = struct{}{}
		}
	}
	return s, nil
}

// place records an active member's functions.
func (s *LaborState) place(o *Org, m *Member, rank map[string]int) {
	for _, f := range s.placeMember(o, m, rank) {
		set := s.perf[f]
		if set == nil {
			set = map[string]struct{}{}
			s.perf[f] = set
		}
		set[m.ID] = struct{}{}
	}
}

// placeMember records an active member's functions, idleness and load,
// and returns the functions, for their sets.
func (s *LaborState) placeMember(o *Org, m *Member, rank map[string]int) []string {
	if !m.Active() {
		return nil
	}
	fs := o.memberFunctions(m.ID, rank)
	if len(fs) == 0 {
		s.idle[m.ID] = struct{}{}
		return nil
	}
	s.fns[m.ID] = fs
	if n := len(fs); n > JumbleThreshold {
		if s.loads[n] == nil {
			s.loads[n] = map[string]struct{}{}
		}
		s.loads[n][m.ID] = struct{}{}
	}
	return fs
}

// remove forgets a member's contribution.
func (s *LaborState) remove(id string) {
	delete(s.loads[len(s.fns[id])], id)
	for _, f := range s.fns[id] {
		delete(s.perf[f], id)
	}
	delete(s.fns, id)
	delete(s.idle, id)
}

// Update looks again at the members an edit touched.
func (s *LaborState) Update(o *Org, members []string) {
	rank := o.functionRanks()
	for _, id := range members {
		s.remove(id)
		if m := o.Member(id); m != nil {
			s.place(o, m, rank)
		}
	}
}

// Summary lists at most first performers per function, and at most
// firstRows idle members and jumbled members.
func (s *LaborState) Summary(o *Org, first, firstRows int) LaborSummary {
	sum := LaborSummary{IdleCount: len(s.idle)}
	loads := make([]int, 0, len(s.loads))
	for n, set := range s.loads {
		if len(set) > 0 {
			loads = append(loads, n)
			sum.JumbleCount += len(set)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(loads)))
	// Each list is the first few of a set in member order. A small set is
	// searched whole; a big one is met early in a walk down the member
	// list, which stops as soon as every such list is full. Either way no
	// set of tens of thousands is sorted or even read through.
	p := picker{o: o}
	byFn := make(map[string]*pick, len(o.Functions))
	for _, f := range o.Functions {
		byFn[f.ID] = p.add(s.perf[f.ID], first)
	}
	idle := p.add(s.idle, firstRows)
	byLoad := make(map[int]*pick, len(loads))
	left := firstRows
	for _, n := range loads {
		byLoad[n] = p.add(s.loads[n], left)
		left -= byLoad[n].want
	}
	for _, m := range o.Members {
		if p.need == 0 {
			break
		}
		if fs, ok := s.fns[m.ID]; ok {
			for _, f := range fs {
				p.take(byFn[f], m.ID)
			}
			p.take(byLoad[len(fs)], m.ID)
		} else if _, ok := s.idle[m.ID]; ok {
			p.take(idle, m.ID)
		}
	}
	for _, f := range o.Functions {
		fs := FunctionSummary{Function: f.ID, Count: len(s.perf[f.ID]), First: byFn[f.ID].got}
		sum.Functions = append(sum.Functions, fs)
		if fs.Count == 0 {
			sum.Unperformed = append(sum.Unperformed, f.ID)
		}
	}
	for _, n := range loads {
		for _, id := range byLoad[n].got {
			sum.Jumble = append(sum.Jumble, MemberLoad{Member: id, Functions: s.fns[id]})
		}
	}
	sum.Idle = idle.got
	return sum
}

// picker gathers the first members of several sets, in member order.
type picker struct {
	o    *Org
	need int // members still wanted by the sets left to the walk
}

type pick struct {
	set  map[string]struct{}
	want int
	got  []string
	walk bool // filled by the walk down the member list
}

// add plans the first n of a set: searched whole now when that is cheaper
// than the walk expected to fill it (about n·members/|set| steps).
func (p *picker) add(set map[string]struct{}, n int) *pick {
	k := &pick{set: set, want: min(n, len(set))}
	if k.want <= 0 {
		k.want = 0
		return k
	}
	if len(set)*len(set) <= k.want*len(p.o.Members) {
		k.got = p.firstIn(set, k.want)
		return k
	}
	k.walk = true
	p.need += k.want
	return k
}

// take offers a member met on the walk to a list it belongs to.
func (p *picker) take(k *pick, id string) {
	if k != nil && k.walk && len(k.got) < k.want {
		k.got = append(k.got, id)
		p.need--
	}
}

// firstIn picks the n members of a set that come first in the member
// list, without sorting the whole set.
func (p *picker) firstIn(set map[string]struct{}, n int) []string {
	pos := func(id string) int { return p.o.MemberIndex(id) }
	best := make([]string, 0, n+1)
	for id := range set {
		at := pos(id)
		if len(best) == n && at >= pos(best[n-1]) {
			continue
		}
		i := sort.Search(len(best), func(i int) bool { return pos(best[i]) > at })
		best = slices.Insert(best, i, id)
		if len(best) > n {
			best = best[:n]
		}
	}
	return best
}
