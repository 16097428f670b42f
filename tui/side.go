package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orgplan/orgplan/model"
)

// sidePanel is the right-hand column: tabs over the plan. Each tab's
// rows are computed when the plan changes (and only for the tab on show;
// the others are marked stale), never on a cursor move.
type sidePanel struct {
	tab    int
	height int
	cursor [tabCount]int
	offset [tabCount]int
	stale  [tabCount]bool
	rows   [tabCount][]sideRow
	// pinned rows stay above the scrolled ones (What-if's summary).
	pinned [tabCount][]sideRow
	// people is the plan's PeopleVersion each tab was built at: Labor is
	// rebuilt only when it moves.
	people [tabCount]uint64
	// vacs is the vacancy list the Vacancies tab was built from.
	vacs    []model.Vacancy
	vacHead sideRow // the Vacancies tab's first row: the counts
	member  string  // the member tab 3 shows
	// checks are the findings the Checks tab was built from.
	checks       *model.CheckState
	checkGroups  []checkGroup // the Checks tab as built
	checkFilter  string       // / on the Checks tab
	hideWarnings bool         // w on the Checks tab
	hasHeadcount bool         // some unit records one: the Coverage tab shows
	// cover and reveals are jobs' results on a big plan: the Coverage
	// tab's list, what the Member tab's member's view gives away.
	cover, reveals ready
	// build counts the rebuilds of any tab; drawn is the panel as last
	// drawn, for drawnKey.
	build    uint64
	drawn    []string
	drawnKey sideKey
}

// sideRow is one line of a tab: columns, and where Enter goes.
type sideRow struct {
	cols                []col
	unit, post, member  string
	header              bool
	check, whatifMember string         // set by the checks and what-if tabs
	function            string         // Labor tab: Enter goes to its first post
	vacancy             *model.Vacancy // Vacancies tab: cells made when drawn
	finding             int            // Checks tab: 1 + the finding's index, or -1 - the check of a group's header; cells made when drawn
	conflict            int            // Conflicts tab: 1 + the conflict's index
}

// col is a cell of a row: w > 0 pads or cuts it to w cells; w == 0 takes
// its natural width; the last column takes what is left.
type col struct {
	text  string
	style *lipgloss.Style
	w     int
	tail  bool // cut from the left: for paths, whose end names the unit
	// pathOf names a unit whose path is the text, drawn when shown: a
	// renamed unit then needs no rebuild of the rows.
	pathOf string
}

// figureWidth is the width (gap included) of a column of figures: the
// widest of texts, and at least least. A figure is never cut to fit: a
// "550…" would read as a number.
func figureWidth(least int, texts []string) int {
	w := least
	for _, t := range texts {
		w = max(w, ansiWidth(t)+1)
	}
	return w
}

func newSidePanel() sidePanel {
	var s sidePanel
	for i := range s.stale {
		s.stale[i] = true
	}
	return s
}

// invalidate brings what the plan's edits touched up to date: the checks,
// then the tab on show; the other tabs are marked stale.
func (m *Model) invalidate() {
	m.collectTouched()
	for i := range m.side.stale {
		if (i == tabLabor && m.side.rows[i] != nil || i == tabVacancies && m.derived.VacanciesKnown()) && m.side.people[i] == m.org.PeopleVersion() {
			continue // nothing they show has changed
		}
		m.side.stale[i] = true
	}
	m.ensureTab()
}

// collectTouched brings the derived data up to date with the last
// edits: the checks at once, the rest when next shown.
func (m *Model) collectTouched() {
	m.derived.Sync(m.checkDay())
	m.countChecks()
}

// ensureTab rebuilds the tab on show if the plan changed since it was built.
func (m *Model) ensureTab() { m.ensure(m.side.tab) }

// ensure rebuilds tab t if it is stale. It runs in Update, never in View.
func (m *Model) ensure(t int) {
	if !m.side.stale[t] {
		return
	}
	m.side.stale[t] = false
	m.side.build++
	m.side.people[t] = m.org.PeopleVersion()
	sideTabs[t].build(m)
	if t == m.side.tab {
		m.side.clamp()
	}
}

// rowCount and rowAt read a tab's rows. The Vacancies tab makes each row
// from the vacancy list when it is asked for.
func (s *sidePanel) rowCount(t int) int {
	if t == tabChecks {
		return s.checkRowCount()
	}
	if t == tabVacancies && len(s.vacs) > 0 {
		return len(s.vacs) + 1
	}
	return len(s.rows[t])
}

func (s *sidePanel) rowAt(t, i int) sideRow {
	if t == tabChecks {
		return s.checkRowAt(i)
	}
	if t == tabVacancies && len(s.vacs) > 0 {
		if i == 0 {
			return s.vacHead
		}
		return sideRow{post: s.vacs[i-1].Post.ID, vacancy: &s.vacs[i-1]}
	}
	return s.rows[t][i]
}

func (s *sidePanel) clamp() {
	t := s.tab
	n := s.rowCount(t)
	c := min(max(s.cursor[t], 0), max(n-1, 0))
	// Headers are not selectable: step onto the next real row.
	for c < n-1 && s.rowAt(t, c).header {
		c++
	}
	s.cursor[t] = c
	h := s.viewHeight(t)
	if c < s.offset[t] {
		s.offset[t] = c
	}
	if c >= s.offset[t]+h {
		s.offset[t] = c - h + 1
	}
	s.offset[t] = max(min(s.offset[t], n-h), 0)
}

func (s *sidePanel) move(d int) {
	t := s.tab
	n := s.rowCount(t)
	if n == 0 || d == 0 {
		return
	}
	// Go d rows, or as far as there is something to select that way.
	target := min(max(s.cursor[t]+d, 0), n-1)
	c := target
	for c >= 0 && c < n && s.rowAt(t, c).header {
		c += sign(d)
	}
	if c < 0 || c >= n {
		c = target
		for c >= 0 && c < n && s.rowAt(t, c).header {
			c -= sign(d)
		}
	}
	if c < 0 || c >= n || c == s.cursor[t] {
		// Nothing more to select that way: show the rows past the
		// cursor (a header above, the closing lines below).
		h := s.viewHeight(t)
		if d < 0 {
			s.offset[t] = max(s.offset[t]+d, 0)
		} else {
			s.offset[t] = max(min(s.offset[t]+d, n-h), 0)
		}
		return
	}
	s.cursor[t] = c
	s.clamp()
}

// viewHeight is how many of tab t's rows show below its pinned ones.
func (s *sidePanel) viewHeight(t int) int { return max(s.height-len(s.pinned[t]), 1) }

func sign(d int) int {
	if d < 0 {
		return -1
	}
	return 1
}

func (m *Model) sideView(width int) []string { return m.tabView(m.side.tab, width) }

// tabView draws the rows of tab t that fit, as Update last built them:
// its pinned rows, then the scrolled ones.
func (m *Model) tabView(t, width int) []string {
	s := &m.side
	n := s.rowCount(t)
	if n == 0 && len(s.pinned[t]) == 0 {
		return []string{m.styles.Dim.Render(fit(sideTabs[t].empty, width))}
	}
	lines := make([]string, 0, s.height)
	for _, r := range s.pinned[t] {
		lines = append(lines, m.drawSideRow(r, width, false))
	}
	end := min(s.offset[t]+s.viewHeight(t), n)
	for i := s.offset[t]; i < end; i++ {
		r := s.rowAt(t, i)
		lines = append(lines, m.drawSideRow(r, width, i == s.cursor[t] && !r.header))
	}
	return lines
}

func (m *Model) drawSideRow(r sideRow, width int, cur bool) string {
	if r.vacancy != nil {
		r.cols = m.vacancyCols(r.vacancy)
	}
	if r.finding != 0 {
		r.cols = m.findingCols(r)
	}
	segs := make([]seg, 0, len(r.cols))
	used := 0
	for i, c := range r.cols {
		text := c.text
		if c.pathOf != "" {
			if u := m.org.Unit(c.pathOf); u != nil {
				text = clean(m.org.PathString(u))
			}
		}
		switch {
		case i == len(r.cols)-1 && c.tail && ansiWidth(text) > width-used:
			text = ansi.TruncateLeft(text, ansiWidth(text)-max(width-used, 1)+1, "…")
		case i == len(r.cols)-1:
			text = fit(text, max(width-used, 0))
		case c.w > 0:
			text = fit(text, c.w-1) + " "
		}
		used += ansiWidth(text)
		segs = append(segs, seg{text, c.style})
	}
	return drawRow(&m.styles, segs, width, cur, m.focus == focusSide)
}

func (m *Model) header(text string) sideRow {
	return sideRow{header: true, cols: []col{{text: text, style: &m.styles.PaneTitle}}}
}

// sideKey handles keys when the side panel has the focus.
func (m *Model) sideKey(msg tea.KeyPressMsg) {
	k := m.keys.Side
	if m.side.tab == tabWhatIf && m.whatIfKey(msg) {
		return
	}
	if m.side.tab == tabChecks && matches(msg, k.HideWarnings) {
		m.toggleWarnings()
		return
	}
	switch {
	case matches(msg, k.Up):
		m.side.move(-1)
	case matches(msg, k.Down):
		m.side.move(1)
	case matches(msg, m.keys.Tree.PageUp):
		m.side.move(-max(m.side.height-1, 1))
	case matches(msg, m.keys.Tree.PageDown):
		m.side.move(max(m.side.height-1, 1))
	case matches(msg, k.Jump):
		m.jumpFromSide()
	}
}

// jumpFromSide goes to what the selected row names: a post (in the tree and
// the posts pane), a unit, or a member (on tab 3).
func (m *Model) jumpFromSide() {
	t := m.side.tab
	if m.side.rowCount(t) == 0 {
		return
	}
	r := m.side.rowAt(t, m.side.cursor[t])
	if r.function != "" && r.post == "" {
		r.post = m.firstPostOf(r.function)
	}
	switch {
	case r.conflict > 0:
		m.decideConflict(r.conflict - 1)
	case r.post != "":
		m.jumpToPost(r.post)
	case r.unit != "":
		if m.tree.reveal(r.unit) {
			m.focus = focusTree
		}
	case r.member != "" && t != tabMember:
		m.showMember(r.member)
		m.showTab(tabMember)
	}
}

func (m *Model) jumpToPost(id string) {
	p := m.org.Post(id)
	if p == nil || !m.tree.reveal(p.Unit().ID) {
		return
	}
	for i, q := range p.Unit().Posts {
		if q == p {
			m.posts.cursor, m.posts.cand = i, -1
		}
	}
	m.focus = focusPosts
}

func (m *Model) sideClick(row int) {
	t := m.side.tab
	row -= len(m.side.pinned[t]) // the pinned rows do not scroll or select
	i := m.side.offset[t] + row
	if row < 0 || i >= m.side.rowCount(t) || m.side.rowAt(t, i).header {
		return
	}
	if i == m.side.cursor[t] {
		m.jumpFromSide()
		return
	}
	m.side.cursor[t] = i
	m.side.clamp()
}

func (m *Model) sideScroll(d int) { m.side.move(d) }
