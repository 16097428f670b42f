package model

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// KeySet is a set of members whose joint removal does the most damage a
// search found, and how it was found.
type KeySet struct {
	Members     []string
	Damage      Damage
	Method      string // "exhaustive", or "greedy and swaps"
	Evaluations int    // simulations run
}

// MaxExhaustive is how many sets an exhaustive search may try; past it the
// search is greedy, then improved by swaps.
const MaxExhaustive = 20_000

// KeyPlayers looks for k active members whose joint removal does the most
// damage. When there are at most maxEvals sets of k it tries them all;
// otherwise it builds a set greedily (each time the member adding the most
// damage, ties by id), then swaps one member for one outside the set while
// that does more damage, and does the same from restarts random sets drawn
// from seed, keeping the best. The same seed gives the same answer.
func KeyPlayers(o *Org, k int, seed uint64, restarts, maxEvals int) KeySet {
	var pool []string
	for _, m := range o.Members {
		if m.Active() {
			pool = append(pool, m.ID)
		}
	}
	slices.Sort(pool)
	k = min(k, len(pool))
	if k <= 0 {
		return KeySet{Method: "exhaustive"}
	}
	ks := &keySearch{o: o}
	if n := binomial(len(pool), k); n >= 0 && n <= maxEvals {
		best := KeySet{Method: "exhaustive"}
		set := make([]string, k)
		var try func(from, i int)
		try = func(from, i int) {
			if i == k {
				if d := ks.damage(set); best.Members == nil || d.Total() > best.Damage.Total() {
					best.Members, best.Damage = slices.Clone(set), d
				}
				return
			}
			for j := from; j <= len(pool)-(k-i); j++ {
				set[i] = pool[j]
				try(j+1, i+1)
			}
		}
		try(0, 0)
		best.Evaluations = ks.evals
		return best
	}
	best := ks.improve(ks.greedy(pool, k), pool)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for range restarts {
		start := make([]string, 0, k)
		for _, i := range r.Perm(len(pool))[:k] {
			start = append(start, pool[i])
		}
		if s := ks.improve(start, pool); ks.damage(s).Total() > ks.damage(best).Total() {
			best = s
		}
	}
	slices.Sort(best)
	return KeySet{Members: best, Damage: ks.damage(best), Method: "greedy and swaps", Evaluations: ks.evals}
}

type keySearch struct {
	o      *Org
	evals  int
	before *lines
}

func (s *keySearch) damage(set []string) Damage {
	s.evals++
	if s.before == nil {
		s.before = linesNow(s.o)
	}
	return simulate(s.o, set, false, s.before, nil).Damage()
}

// greedy adds, k times, the member whose addition does the most damage.
func (s *keySearch) greedy(pool []string, k int) []string {
	var set []string
	for len(set) < k {
		best, bestD := "", -1
		for _, id := range pool {
			if slices.Contains(set, id) {
				continue
			}
			if d := s.damage(append(slices.Clone(set), id)).Total(); d > bestD {
				best, bestD = id, d
			}
		}
		set = append(set, best)
	}
	return set
}

// improve swaps one member of set for one outside it while a swap does
// more damage, taking the best swap each round.
func (s *keySearch) improve(set, pool []string) []string {
	cur := s.damage(set).Total()
	for {
		bi, bid, bd := -1, "", cur
		for i := range set {
			for _, id := range pool {
				if slices.Contains(set, id) {
					continue
				}
				trial := slices.Clone(set)
				trial[i] = id
				if d := s.damage(trial).Total(); d > bd {
					bi, bid, bd = i, id, d
				}
			}
		}
		if bi < 0 {
			return set
		}
		set = slices.Clone(set)
		set[bi], cur = bid, bd
	}
}

// binomial is C(n, k), or -1 past a million (enough to say "too many").
func binomial(n, k int) int {
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
		if r > 1_000_000 {
			return -1
		}
	}
	return r
}

// TopByExposure is the k active members whose arrest would expose the
// most others (Summarize), ties by id: the ranking by degree that a search
// for key players is compared with.
func TopByExposure(o *Org, k int) []string {
	type ex struct {
		id string
		n  int
	}
	var all []ex
	for _, m := range o.Members {
		if m.Active() {
			s, _ := Summarize(o, m.ID)
			all = append(all, ex{m.ID, s.Exposure})
		}
	}
	slices.SortStableFunc(all, func(a, b ex) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.id, b.id)
	})
	out := make([]string, 0, k)
	for _, e := range all[:min(k, len(all))] {
		out = append(out, e.id)
	}
	slices.Sort(out)
	return out
}

// DamageOf is the damage of removing these members together.
func DamageOf(o *Org, ids []string) Damage { return simulate(o, ids, false, nil, nil).Damage() }
