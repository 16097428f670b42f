package tui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// search holds the last search: the places that match, in document order.
type search struct {
	query   string
	matches []hit
	units   map[string]bool // units to underline in the tree
	idx     int
	stale   bool // the plan changed since: search again on n or N
	// pending: a job is searching a big plan for query; then the match
	// at idx (a stale search's place) moves by step.
	pending bool
	step    int
}

// hit is a unit that matched, and the post that matched in it, if any.
type hit struct {
	unit, post string
}

// openSearch starts an empty prompt that offers the last query: enter
// searches for it again, ↑ brings it back to edit, typing starts anew.
func (m *Model) openSearch() {
	m.openPromptHint("/", m.search.query, func(q string) tea.Cmd {
		m.runSearch(q)
		return nil
	})
}

// clearSearch drops the highlights (esc).
func (m *Model) clearSearch() bool {
	if m.search.query == "" && len(m.search.units) == 0 {
		return false
	}
	m.search = search{}
	m.setStatus("search cleared")
	return true
}

// runSearch finds units, posts and members whose names contain q, ignoring
// case. It walks the plan once per search, never per cursor move: within
// the key on a small plan, in a job on a big one.
func (m *Model) runSearch(q string) {
	m.search = search{query: q, units: map[string]bool{}}
	if q == "" {
		m.setStatus("search cleared")
		return
	}
	if m.big() {
		m.search.pending, m.search.idx = true, -1
		m.setStatus(fmt.Sprintf("searching for %q…", q))
		return
	}
	found, _ := findMatches(context.Background(), m.org, q, m.tree.selected())
	m.found(found)
}

// findMatches walks the plan for q; idx is the first match after cur.
func findMatches(ctx context.Context, o *model.Org, q string, cur *model.Unit) (search, error) {
	s := search{query: q, units: map[string]bool{}}
	lq := strings.ToLower(q)
	has := func(s string) bool { return s != "" && strings.Contains(strings.ToLower(s), lq) }
	people := map[string]bool{}
	for _, mem := range o.Members {
		if has(mem.Alias) || has(mem.Name) {
			people[mem.ID] = true
		}
	}
	start, passed, n := -1, cur == nil, 0
	o.Walk(func(u *model.Unit) bool {
		if u == cur {
			passed = true
		}
		first := len(s.matches)
		if has(u.Name) {
			s.matches = append(s.matches, hit{unit: u.ID})
		}
		for _, p := range u.Posts {
			if has(p.Title) || people[p.Holder] || anyOf(p.Candidates, people) {
				s.matches = append(s.matches, hit{unit: u.ID, post: p.ID})
			}
		}
		if len(s.matches) > first {
			s.units[u.ID] = true
			if start < 0 && passed && u != cur {
				start = first
			}
		}
		if n++; n%1024 == 0 && ctx.Err() != nil {
			return false
		}
		return true
	})
	s.idx = max(start, 0)
	return s, ctx.Err()
}

// found takes a search's matches and shows the first after the cursor.
func (m *Model) found(s search) {
	m.search = s
	if len(s.matches) == 0 {
		m.setError(fmt.Sprintf("no match for %q", s.query))
		return
	}
	m.showMatch()
}

// A search of a big plan, while it is pending.
func needSearch(m *Model) (string, bool) { return m.search.query, m.search.pending }

func startSearchJob(m *Model, q string) func(context.Context, *model.Org) (any, error) {
	cur := m.tree.selected()
	return func(ctx context.Context, o *model.Org) (any, error) { return findMatches(ctx, o, q, cur) }
}

func searchDone(m *Model, _ string, res any) {
	s := res.(search)
	idx, step := m.search.idx, m.search.step
	if idx < 0 || len(s.matches) == 0 { // a new search
		m.found(s)
		return
	}
	m.search = s
	m.search.idx = min(idx, len(s.matches)-1)
	m.moveMatch(step)
}

func anyOf(ids []string, set map[string]bool) bool {
	for _, id := range ids {
		if set[id] {
			return true
		}
	}
	return false
}

// nextMatch moves to the next (dir 1) or previous (dir -1) match, wrapping.
func (m *Model) nextMatch(dir int) {
	switch {
	case m.search.query == "":
		m.setStatus("no search yet: / searches")
		return
	case m.search.pending:
		m.setStatus(fmt.Sprintf("still searching for %q…", m.search.query))
		return
	case m.search.stale && m.big():
		m.search.pending, m.search.step = true, dir
		m.setStatus(fmt.Sprintf("searching again for %q…", m.search.query))
		return
	case m.search.stale:
		idx := m.search.idx
		m.runSearch(m.search.query)
		if len(m.search.matches) == 0 {
			return
		}
		m.search.idx = min(idx, len(m.search.matches)-1)
	}
	m.moveMatch(dir)
}

// moveMatch steps through the matches, wrapping.
func (m *Model) moveMatch(dir int) {
	n := len(m.search.matches)
	if n == 0 {
		m.setError(fmt.Sprintf("no match for %q · / searches again", m.search.query))
		return
	}
	m.search.idx = ((m.search.idx+dir)%n + n) % n
	m.showMatch()
}

func (m *Model) showMatch() {
	h := m.search.matches[m.search.idx]
	if !m.tree.reveal(h.unit) {
		m.search.stale = true
		return
	}
	m.posts.cursor = 0
	if h.post != "" {
		if u := m.org.Unit(h.unit); u != nil {
			for i, p := range u.Posts {
				if p.ID == h.post {
					m.posts.cursor = i
				}
			}
		}
	}
	what := "unit"
	if h.post != "" {
		what = "post"
	}
	m.setStatus(fmt.Sprintf("%s %d of %d for %q · n next · N previous", what, m.search.idx+1, len(m.search.matches), m.search.query))
}

func (m *Model) isMatch(id string) bool { return m.search.units[id] }
