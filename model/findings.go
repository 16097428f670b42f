package model

import (
	"context"
	"iter"
	"time"
)

// Findings are a whole plan's findings in the order of CheckPlan, each
// check's kept in blocks that never move: at a million units, growing one
// list of three and a half million findings cost a sixth of the checks in
// copies, and the caller that prints them needs no second list.
type Findings struct {
	o                *Org // whose places the paths name, as All reads them
	by               [nChecks]blocks
	errors, warnings int
}

// blocks is a list in pieces of at most maxBlock findings; the first are
// small, so that a small plan's findings take little room.
type blocks [][]Finding

const maxBlock = 4096

func (b *blocks) add(fs []Finding) {
	for len(fs) > 0 {
		n := len(*b)
		if n == 0 || len((*b)[n-1]) == cap((*b)[n-1]) {
			size := maxBlock
			if n < 8 {
				size = 16 << n
			}
			*b = append(*b, make([]Finding, 0, size))
			n++
		}
		last := &(*b)[n-1]
		k := min(len(fs), cap(*last)-len(*last))
		*last = append(*last, fs[:k]...)
		fs = fs[k:]
	}
}

// CheckAll runs every check over the plan.
func CheckAll(o *Org, asOf time.Time) *Findings {
	c := checker{o: o, asOf: asOf, lazy: true}
	c.cover, _ = organizersUnder(&poll{ctx: context.Background()}, o)
	f := &Findings{o: o}
	keep := func() {
		for ck := range c.out {
			f.by[ck].add(c.out[ck])
			if Checks[ck].Severity == SevError {
				f.errors += len(c.out[ck])
			} else {
				f.warnings += len(c.out[ck])
			}
		}
		c.reset()
	}
	c.out[ckMergeConflict] = conflictFindings(o)
	keep()
	o.Walk(func(u *Unit) bool {
		c.unit(u)
		keep()
		return true
	})
	for _, m := range o.Members {
		c.member(m)
		keep()
	}
	return f
}

// Len is how many findings there are.
func (f *Findings) Len() int { return f.errors + f.warnings }

// Count tallies the findings by severity.
func (f *Findings) Count() (errors, warnings int) { return f.errors, f.warnings }

// All yields the findings in order, each path worded as it is yielded,
// from the plan as it is then.
func (f *Findings) All() iter.Seq[Finding] {
	return func(yield func(Finding) bool) {
		paths := unitPaths{o: f.o}
		for ck := range f.by {
			for _, b := range f.by[ck] {
				for _, x := range b {
					if x.at != nil || x.Path == "" {
						x.Path, x.at = f.o.findingPath(&x, paths.of), nil
					}
					if !yield(x) {
						return
					}
				}
			}
		}
	}
}

// unitPaths words the paths of units asked for mostly in document order,
// as a check's findings are: the next is mostly the last unit, a child or
// a sibling of it or of an ancestor, whose parent's path is a prefix of
// the last path. At a million units, climbing to the root for each
// finding was a third of printing them.
type unitPaths struct {
	o    *Org
	last *Unit
	path string // of last
}

func (p *unitPaths) of(u *Unit) string {
	if u == p.last && u != nil {
		return p.path
	}
	path, found := "", false
	if p.last != nil {
		s := p.path // the path of a, as a climbs from the last unit
		for a := p.last; a != nil && !found; a = a.parent {
			if a == u.parent {
				path, found = s+pathSep+u.Name, true
				break
			}
			if a.parent == nil {
				s = ""
			} else {
				s = s[:len(s)-len(a.Name)-len(pathSep)]
			}
		}
		if !found && u.parent == nil {
			path, found = u.Name, true
		}
	}
	if !found {
		path = p.o.PathString(u)
	}
	p.last, p.path = u, path
	return path
}
