package tui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// bigPlan is where whole-plan work leaves the keystroke for a job
// (work.go): at 5,000 units the checks take about 10 ms, at a million
// seconds. After their first run every edit brings them up to date from
// what it touched.
const bigPlan = 5000

// startDerived starts keeping what is computed from the plan: the checks
// at once on a small plan, in a job on a big one.
func (m *Model) startDerived() {
	m.derived = model.NewDerived(m.org)
	if m.big() {
		m.derived.DeferWhole()
		return
	}
	m.runChecks()
}

// runChecks runs every check afresh.
func (m *Model) runChecks() {
	m.derived.RunChecks(m.checkDay())
	m.countChecks()
}

// countChecks takes the counts for the title and marks the Checks tab.
func (m *Model) countChecks() {
	if m.derived.Checks() == nil {
		return
	}
	m.checkErrs, m.checkWarns = m.derived.Checks().Count()
	// The checks count every unit's organizers: they know, with no walk,
	// whether a unit records a headcount (the Coverage tab shows then).
	m.side.hasHeadcount = m.derived.Checks().HasHeadcount()
	m.side.stale[tabChecks] = true
	if m.side.tab == tabChecks {
		m.ensureTab()
	}
}

// checkDay is the date the checks measure against.
func (m *Model) checkDay() time.Time {
	day, err := model.AsOf(m.org, "", m.now())
	if err != nil {
		return m.now()
	}
	return day
}

func (m *Model) now() time.Time {
	if m.clock != nil {
		return m.clock()
	}
	return time.Now()
}

// The Checks tab: a pinned line of counts, then one group per check with
// findings, errors first, each a header ("✖ inactive-holder (1)") and one
// line per finding (where: what). / filters the findings by text, w hides
// the warnings. Rows are made from the findings when drawn (checkRowAt),
// so 300,000 findings cost little more than ten; only a filter reads them
// all, once per change of the filter or the plan.

// checkGroup is one check's findings in the tab: the findings at
// [first, first+n) of the CheckState, or, filtered, those listed.
type checkGroup struct {
	check    int
	first, n int
	only     []int32 // with a filter: the findings that match, by index
}

// showChecks makes the groups and the pinned counts.
func (m *Model) showChecks() {
	s := &m.side
	s.rows[tabChecks] = nil
	s.checkGroups = s.checkGroups[:0]
	s.checks = m.derived.Checks()
	if s.checks == nil {
		s.pinned[tabChecks] = nil
		return
	}
	counts := s.checks.CountByCheck()
	q := strings.ToLower(s.checkFilter)
	first, shown := 0, 0
	for ck, n := range counts {
		g := checkGroup{check: ck, first: first, n: n}
		first += n
		if n == 0 || s.hideWarnings && model.Checks[ck].Severity == model.SevWarning {
			continue
		}
		if q != "" {
			for i := g.first; i < g.first+n; i++ {
				f := s.checks.At(i)
				if strings.Contains(strings.ToLower(f.Path+" "+f.Message+" "+f.Check), q) {
					g.only = append(g.only, int32(i))
				}
			}
			if len(g.only) == 0 {
				continue
			}
			g.n = len(g.only)
		}
		shown += g.n
		s.checkGroups = append(s.checkGroups, g)
	}
	s.pinned[tabChecks] = m.checksSummary(shown)
}

// checksSummary is the tab's pinned line: the counts, and what the filter
// and the warnings toggle leave.
func (m *Model) checksSummary(shown int) []sideRow {
	s := &m.side
	text := fmt.Sprintf("%d error%s · %d warning%s", m.checkErrs, plural(m.checkErrs), m.checkWarns, plural(m.checkWarns))
	if s.checkFilter != "" || s.hideWarnings {
		text += fmt.Sprintf(" · %d shown", shown)
		if s.checkFilter != "" {
			text += " for «" + clean(s.checkFilter) + "»"
		}
		if s.hideWarnings {
			text += ", warnings hidden"
		}
	}
	return []sideRow{{header: true, cols: []col{{text: text, style: &m.styles.PaneTitle}}}}
}

func (s *sidePanel) checkRowCount() int {
	n := 0
	for _, g := range s.checkGroups {
		n += 1 + g.n
	}
	return n
}

func (s *sidePanel) checkRowAt(i int) sideRow {
	for _, g := range s.checkGroups {
		if i == 0 {
			return sideRow{header: true, check: model.Checks[g.check].ID, finding: -1 - g.check}
		}
		if i <= g.n {
			f := g.first + i - 1
			if g.only != nil {
				f = int(g.only[i-1])
			}
			fd := s.checks.At(f)
			return sideRow{finding: f + 1, unit: fd.Unit, post: fd.Post, member: fd.Member, check: fd.Check}
		}
		i -= 1 + g.n
	}
	return sideRow{header: true}
}

// findingCols draws a row of the Checks tab: a group's header, or a
// finding.
func (m *Model) findingCols(r sideRow) []col {
	if r.finding < 0 {
		ck := -1 - r.finding
		n := 0
		for _, g := range m.side.checkGroups {
			if g.check == ck {
				n = g.n
			}
		}
		return m.groupCols(ck, n)
	}
	return m.colsOf(m.side.checks.At(r.finding - 1))
}

// groupCols is a check's header: its marker, name and count.
func (m *Model) groupCols(ck, n int) []col {
	marker, ms := "✖", &m.styles.Error
	if model.Checks[ck].Severity == model.SevWarning {
		marker, ms = "▲", &m.styles.Warning
	}
	return []col{{text: marker, style: ms, w: 2}, {text: fmt.Sprintf("%s (%d)", model.Checks[ck].ID, n), style: &m.styles.PaneTitle}}
}

// colsOf is a finding's line: what, then where, cut from the left so
// that the unit or post it names shows.
func (m *Model) colsOf(f model.Finding) []col {
	return []col{{text: "", w: 2}, {text: clean(f.Message), w: 26}, {text: clean(f.Path), style: &m.styles.Dim, tail: true}}
}

// checkRows is the Checks tab made afresh from CheckPlan, as drawn, with
// no filter (tests compare with it).
func (m *Model) checkRows() []sideRow {
	fs := model.CheckPlan(m.org, m.checkDay())
	var rows []sideRow
	for ck := range model.Checks {
		var mine []model.Finding
		for _, f := range fs {
			if f.Check == model.Checks[ck].ID {
				mine = append(mine, f)
			}
		}
		if len(mine) == 0 {
			continue
		}
		rows = append(rows, sideRow{header: true, check: model.Checks[ck].ID, cols: m.groupCols(ck, len(mine))})
		for _, f := range mine {
			rows = append(rows, sideRow{unit: f.Unit, post: f.Post, member: f.Member, check: f.Check, cols: m.colsOf(f)})
		}
	}
	return rows
}

// filterChecks asks for the text to filter the findings by.
func (m *Model) filterChecks() tea.Cmd {
	m.openPrompt("Filter findings:", m.side.checkFilter, func(q string) tea.Cmd {
		m.side.checkFilter = q
		m.side.cursor[tabChecks], m.side.offset[tabChecks] = 0, 0
		m.side.stale[tabChecks] = true
		m.ensureTab()
		return nil
	})
	return textinputBlink()
}

// toggleWarnings hides or shows the warnings.
func (m *Model) toggleWarnings() {
	m.side.hideWarnings = !m.side.hideWarnings
	m.side.cursor[tabChecks], m.side.offset[tabChecks] = 0, 0
	m.side.stale[tabChecks] = true
	m.ensureTab()
}
