package model

import (
	"context"
	"iter"
	"sync"
	"sync/atomic"
	"time"
)

// Findings are a whole plan's findings in the order of CheckPlan, each
// check's kept in blocks that never move: at a million units, growing one
// list of three and a half million findings cost a sixth of the checks in
// copies, and the caller that prints them needs no second list.
type Findings struct {
	o                *Org // whose places the paths name, as All reads them
	by               [nChecks]blocks[held]
	errors, warnings int
}

// held is a finding as CheckAll keeps it: its place and its message. Its
// check is its list's, and its ids and path are its place's, filled in by
// All: a quarter of the room of a Finding, which at a million units was
// 0.34 GB of the 3 GB of a check. A finding not so made (a merge
// conflict's) is kept whole: at is then a *Finding.
type held struct {
	at  any // *Unit, *Post, *Member or *Finding
	msg string
}

// hold is f as kept, whole unless its ids are exactly its place's.
func hold(f Finding) held {
	if f.Path == "" {
		switch at := f.at.(type) {
		case *Unit:
			if f.Unit == at.ID && f.Post == "" && f.Member == "" {
				return held{at, f.Message}
			}
		case *Post:
			if at.unit != nil && f.Unit == at.unit.ID && f.Post == at.ID && f.Member == "" {
				return held{at, f.Message}
			}
		case *Member:
			if f.Member == at.ID && f.Unit == "" && f.Post == "" {
				return held{at, f.Message}
			}
		}
	}
	return held{at: &f}
}

// finding is h, of the check ck, with its ids and its path.
func (h held) finding(o *Org, ck int, paths *unitPaths) Finding {
	f := h.bare(ck)
	if f.at != nil || f.Path == "" {
		f.Path, f.at = o.findingPath(&f, paths.of), nil
	}
	return f
}

// bare is h, of the check ck, with its ids, its place and no path.
func (h held) bare(ck int) Finding {
	var f Finding
	switch at := h.at.(type) {
	case *Finding:
		f = *at
	case *Unit:
		f = Finding{Unit: at.ID, at: at}
	case *Post:
		f = Finding{Unit: at.unit.ID, Post: at.ID, at: at}
	case *Member:
		f = Finding{Member: at.ID, at: at}
	}
	if _, whole := h.at.(*Finding); !whole {
		f.Check, f.Severity, f.Message = Checks[ck].ID, Checks[ck].Severity, h.msg
	}
	return f
}

// blocks is a list in pieces of at most maxBlock items; the first are
// small, so that a small plan's findings take little room.
type blocks[T any] [][]T

const maxBlock = 4096

func (b *blocks[T]) add(fs []T) {
	for len(fs) > 0 {
		n := len(*b)
		if n == 0 || len((*b)[n-1]) == cap((*b)[n-1]) {
			size := maxBlock
			if n < 8 {
				size = 16 << n
			}
			*b = append(*b, make([]T, 0, size))
			n++
		}
		last := &(*b)[n-1]
		k := min(len(fs), cap(*last)-len(*last))
		*last = append(*last, fs[:k]...)
		fs = fs[k:]
	}
}

// CheckAll runs every check over the plan: the members on another core
// while the units are checked, each check's findings of the members put
// after those of the units, as one walk would give them.
func CheckAll(o *Org, asOf time.Time) *Findings { return CheckAllProgress(o, asOf, nil) }

// CheckAllProgress is CheckAll, telling progress (units and members
// checked, of all) now and then.
func CheckAllProgress(o *Org, asOf time.Time, progress func(done, total int)) *Findings {
	f := &Findings{o: o}
	ofMembers := &Findings{o: o}
	var members atomic.Int64 // checked
	var wg sync.WaitGroup
	wg.Go(func() {
		c := checker{o: o, asOf: asOf, lazy: true}
		c.inStrict = strictPeople(&poll{ctx: context.Background()}, o)
		k := keeper{f: ofMembers, c: &c}
		for i, m := range o.Members {
			c.member(m)
			k.keep()
			if i%1024 == 1023 {
				members.Add(1024)
			}
		}
	})
	total, units := o.UnitCount()+len(o.Members), 0
	c := checker{o: o, asOf: asOf, lazy: true}
	c.cover, _ = organizersUnder(&poll{ctx: context.Background()}, o)
	k := keeper{f: f, c: &c}
	c.out[ckMergeConflict] = conflictFindings(o)
	k.keep()
	o.Walk(func(u *Unit) bool {
		c.unit(u)
		k.keep()
		if units++; progress != nil && units%4096 == 0 {
			progress(units+int(members.Load()), total)
		}
		return true
	})
	wg.Wait()
	if progress != nil {
		progress(total, total)
	}
	for ck := range f.by {
		f.by[ck] = append(f.by[ck], ofMembers.by[ck]...)
	}
	f.errors += ofMembers.errors
	f.warnings += ofMembers.warnings
	return f
}

// keeper moves a checker's findings into f as they are made.
type keeper struct {
	f    *Findings
	c    *checker
	kept []held
}

func (k *keeper) keep() {
	for ck := range k.c.out {
		for _, x := range k.c.out[ck] {
			k.kept = append(k.kept, hold(x))
		}
		k.f.by[ck].add(k.kept)
		k.kept = k.kept[:0]
		if Checks[ck].Severity == SevError {
			k.f.errors += len(k.c.out[ck])
		} else {
			k.f.warnings += len(k.c.out[ck])
		}
	}
	k.c.reset()
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
		f.each(func(ck int, h held) bool { return yield(h.finding(f.o, ck, &paths)) })
	}
}

// AllPaths is All with each path worded into a buffer instead of Path,
// good until the next finding: for a printer, which writes it and lets
// it go (at a million units, making each path a string was half of
// printing them).
func (f *Findings) AllPaths() iter.Seq2[Finding, []byte] {
	return func(yield func(Finding, []byte) bool) {
		paths := unitPaths{o: f.o}
		var buf []byte
		f.each(func(ck int, h held) bool {
			x := h.bare(ck)
			if x.at == nil && x.Path != "" {
				buf = append(buf[:0], x.Path...)
			} else {
				buf = f.o.appendFindingPath(buf[:0], &x, paths.appendOf)
			}
			x.Path, x.at = "", nil
			return yield(x, buf)
		})
	}
}

// each calls fn with each finding as held, in order, until it says stop.
func (f *Findings) each(fn func(ck int, h held) bool) {
	for ck := range f.by {
		for _, b := range f.by[ck] {
			for _, h := range b {
				if !fn(ck, h) {
					return
				}
			}
		}
	}
}

// unitPaths words the paths of units asked for mostly in document order,
// as a check's findings are: the next is mostly the last unit, a child or
// a sibling of it or of an ancestor, whose parent's path is a prefix of
// the last path, which is cut and extended in place. At a million units,
// climbing to the root for each finding was a third of printing them,
// and making each path a string a third of the rest.
type unitPaths struct {
	o    *Org
	last *Unit
	path []byte // of last
	str  string // path as a string, once asked for
}

// of is u's path.
func (p *unitPaths) of(u *Unit) string {
	if u != p.last || p.str == "" {
		p.str = string(p.appendOf(nil, u))
	}
	return p.str
}

// appendOf appends u's path to dst.
func (p *unitPaths) appendOf(dst []byte, u *Unit) []byte {
	if u == p.last && u != nil {
		return append(dst, p.path...)
	}
	found := false
	if p.last != nil {
		s := p.path // the path of a, as a climbs from the last unit
		for a := p.last; a != nil; a = a.parent {
			if a == u.parent {
				p.path, found = append(append(s, pathSep...), u.Name...), true
				break
			}
			if a.parent == nil {
				s = s[:0]
			} else {
				s = s[:len(s)-len(a.Name)-len(pathSep)]
			}
		}
		if !found && u.parent == nil {
			p.path, found = append(s[:0], u.Name...), true
		}
	}
	if !found {
		p.path = append(p.path[:0], p.o.PathString(u)...)
	}
	p.last, p.str = u, ""
	return append(dst, p.path...)
}
