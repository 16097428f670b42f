package model

import "sort"

// JumbleThreshold: a member performing more than this many distinct
// functions is the "jumble of persons" the Letter warns of.
const JumbleThreshold = 2

// Labor is the division of labor: who performs each function, which
// functions nobody performs, who carries too many and who carries none.
type Labor struct {
	Functions   []FunctionLabor // in catalogue order, then functions posts name that the catalogue lacks
	Unperformed []string        // function ids no active member performs
	Jumble      []MemberLoad    // members with more than JumbleThreshold functions, most first
	Idle        []string        // active members who perform no function, in member order
}

// FunctionLabor is one function and the members who perform it.
type FunctionLabor struct {
	Function   string   // function id
	Performers []string // member ids of active holders, in member order
	Posts      []*Post  // every post with this function, in document order
}

// MemberLoad is a member and the distinct functions they perform.
type MemberLoad struct {
	Member    string
	Functions []string // function ids, in catalogue order
}

// MemberFunctions returns the distinct functions a member performs through
// the posts they hold, in catalogue order (unknown ids last).
func (o *Org) MemberFunctions(memberID string) []string {
	return o.memberFunctions(memberID, o.functionRanks())
}

// functionRanks maps function ids to their place in the catalogue.
func (o *Org) functionRanks() map[string]int {
	r := make(map[string]int, len(o.Functions))
	for i, f := range o.Functions {
		r[f.ID] = i
	}
	return r
}

func (o *Org) memberFunctions(memberID string, rank map[string]int) []string {
	held := o.Held(memberID)
	if len(held) == 0 {
		return nil
	}
	var fs []string
	for _, p := range held {
		if p.Function != "" && indexOf(fs, p.Function) < 0 {
			fs = append(fs, p.Function)
		}
	}
	if len(fs) > 1 {
		at := func(id string) int {
			if r, ok := rank[id]; ok {
				return r
			}
			return len(rank)
		}
		sort.SliceStable(fs, func(i, j int) bool { return at(fs[i]) < at(fs[j]) })
	}
	return fs
}

// LaborTable computes the division of labor from scratch: one pass over the
// posts and one over the members.
func LaborTable(o *Org) Labor {
	byFn := map[string]int{} // function id → index in l.Functions
	var l Labor
	for _, f := range o.Functions {
		byFn[f.ID] = len(l.Functions)
		l.Functions = append(l.Functions, FunctionLabor{Function: f.ID})
	}
	o.Walk(func(u *Unit) bool {
		for _, p := range u.Posts {
			if p.Function == "" {
				continue
			}
			i, ok := byFn[p.Function]
			if !ok {
				i = len(l.Functions)
				byFn[p.Function] = i
				l.Functions = append(l.Functions, FunctionLabor{Function: p.Function})
			}
			l.Functions[i].Posts = append(l.Functions[i].Posts, p)
		}
		return true
	})
	rank := o.functionRanks()
	for _, m := range o.Members {
		if !m.Active() {
			continue
		}
		fs := o.memberFunctions(m.ID, rank)
		for _, f := range fs {
			if i, ok := byFn[f]; ok {
				l.Functions[i].Performers = append(l.Functions[i].Performers, m.ID)
			}
		}
		switch {
		case len(fs) == 0:
			l.Idle = append(l.Idle, m.ID)
		case len(fs) > JumbleThreshold:
			l.Jumble = append(l.Jumble, MemberLoad{Member: m.ID, Functions: fs})
		}
	}
	for _, fl := range l.Functions {
		if len(fl.Performers) == 0 {
			l.Unperformed = append(l.Unperformed, fl.Function)
		}
	}
	sort.SliceStable(l.Jumble, func(i, j int) bool { return len(l.Jumble[i].Functions) > len(l.Jumble[j].Functions) })
	return l
}
