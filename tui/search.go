package tui

import (
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
// case. It walks the plan once per search, never per cursor move.
func (m *Model) runSearch(q string) {
	m.search = search{query: q, units: map[string]bool{}}
	if q == "" {
		m.setStatus("search cleared")
		return
	}
	lq := strings.ToLower(q)
	has := func(s string) bool { return s != "" && strings.Contains(strings.ToLower(s), lq) }
	people := map[string]bool{}
	for _, mem := range m.org.Members {
		if has(mem.Alias) || has(mem.Name) {
			people[mem.ID] = true
		}
	}
	cur := m.tree.selected()
	start, passed := -1, cur == nil
	m.org.Walk(func(u *model.Unit) bool {
		if u == cur {
			passed = true
		}
		first := len(m.search.matches)
		if has(u.Name) {
			m.search.matches = append(m.search.matches, hit{unit: u.ID})
		}
		for _, p := range u.Posts {
			if has(p.Title) || people[p.Holder] || anyOf(p.Candidates, people) {
				m.search.matches = append(m.search.matches, hit{unit: u.ID, post: p.ID})
			}
		}
		if len(m.search.matches) > first {
			m.search.units[u.ID] = true
			if start < 0 && passed && u != cur {
				start = first
			}
		}
		return true
	})
	if len(m.search.matches) == 0 {
		m.setError(fmt.Sprintf("no match for %q", q))
		return
	}
	if start < 0 {
		start = 0
	}
	m.search.idx = start
	m.showMatch()
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
	if m.search.query == "" {
		m.setStatus("no search yet: / searches")
		return
	}
	if m.search.stale {
		idx := m.search.idx
		m.runSearch(m.search.query)
		if len(m.search.matches) == 0 {
			return
		}
		m.search.idx = min(idx, len(m.search.matches)-1)
	}
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
