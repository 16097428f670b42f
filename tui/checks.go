package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// bigPlan is where the first run of the checks waits until the first
// frame is on screen: at 100,000 units it takes about half a second.
// After that every edit brings them up to date from what it touched.
const bigPlan = 5000

// checksDelay is how long after opening a big plan it is checked.
const checksDelay = 50 * time.Millisecond

// checksDueMsg asks for the first run of the checks.
type checksDueMsg struct{}

// startChecks runs the checks now (small plans) or a moment after the
// first frame.
func (m *Model) startChecks() tea.Cmd {
	if m.org.UnitCount() < bigPlan {
		m.runChecks()
		return nil
	}
	return tea.Tick(checksDelay, func(time.Time) tea.Msg { return checksDueMsg{} })
}

// runChecks runs every check afresh.
func (m *Model) runChecks() {
	m.side.checks = model.NewCheckState(m.org, m.checkDay())
	m.countChecks()
}

// updateChecks brings the checks up to date after an edit, from what it
// touched; before their first run there is nothing to update.
func (m *Model) updateChecks(tc model.Touched) {
	if m.side.checks == nil {
		return
	}
	m.side.checks = m.side.checks.Update(m.org, tc, m.checkDay())
	m.countChecks()
}

func (m *Model) countChecks() {
	m.checkErrs, m.checkWarns = m.side.checks.Count()
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

// showChecks makes the Checks tab's two headers; its other rows are made
// from the findings when drawn (checkRowAt), so 300,000 findings cost
// nothing more than ten.
func (m *Model) showChecks() {
	m.side.rows[tabChecks] = nil
	m.side.checkHead[0] = m.header(fmt.Sprintf("Errors (%d)", m.checkErrs))
	m.side.checkHead[1] = m.header(fmt.Sprintf("Warnings (%d)", m.checkWarns))
	m.side.checkErrs, m.side.checkWarns = m.checkErrs, m.checkWarns
}

// The Checks tab: "Errors (n)", two rows per error (where, then what),
// a blank row, "Warnings (n)", two rows per warning.
func (s *sidePanel) checkRowCount() int {
	n := 0
	if s.checkErrs > 0 {
		n += 1 + 2*s.checkErrs
	}
	if s.checkWarns > 0 {
		if n > 0 {
			n++
		}
		n += 1 + 2*s.checkWarns
	}
	return n
}

func (s *sidePanel) checkRowAt(i int) sideRow {
	f := 0 // findings before this section
	if s.checkErrs > 0 {
		if i == 0 {
			return s.checkHead[0]
		}
		if i <= 2*s.checkErrs {
			return s.findingRow(f, i-1)
		}
		i -= 1 + 2*s.checkErrs
		f = s.checkErrs
		if i == 0 {
			return sideRow{header: true}
		}
		i--
	}
	if i == 0 {
		return s.checkHead[1]
	}
	return s.findingRow(f, i-1)
}

// findingRow is row j of a section whose first finding is f: even rows
// say where (and where Enter goes), odd ones what.
func (s *sidePanel) findingRow(f, j int) sideRow {
	i := f + j/2
	if s.checks == nil || i >= s.checks.Len() {
		return sideRow{header: true}
	}
	if j%2 == 1 {
		return sideRow{header: true, finding: i + 1, message: true}
	}
	fd := s.checks.At(i)
	return sideRow{finding: i + 1, unit: fd.Unit, post: fd.Post, member: fd.Member, check: fd.Check}
}

// findingCols draws a row of the Checks tab.
func (m *Model) findingCols(r sideRow) []col {
	return m.colsOf(m.side.checks.At(r.finding-1), r.message)
}

// colsOf is a finding's first row (marker, check, where) or its second
// (what).
func (m *Model) colsOf(f model.Finding, message bool) []col {
	if message {
		return []col{{text: "    " + clean(f.Message)}}
	}
	marker, ms := "✖", &m.styles.Error
	if f.Severity == model.SevWarning {
		marker, ms = "▲", &m.styles.Warning
	}
	return []col{
		{text: marker, style: ms, w: 2},
		{text: f.Check, w: 17, style: &m.styles.Dim},
		{text: clean(f.Path), tail: true},
	}
}

// checkRows is the Checks tab made afresh from CheckPlan, counts
// included, as drawn (tests compare with it).
func (m *Model) checkRows() []sideRow {
	fs := model.CheckPlan(m.org, m.checkDay())
	errs, warns := model.Count(fs)
	var rows []sideRow
	sev := model.Severity("")
	for _, f := range fs {
		if f.Severity != sev {
			sev = f.Severity
			title, n := "Errors", errs
			if sev == model.SevWarning {
				title, n = "Warnings", warns
			}
			if len(rows) > 0 {
				rows = append(rows, sideRow{header: true})
			}
			rows = append(rows, m.header(fmt.Sprintf("%s (%d)", title, n)))
		}
		rows = append(rows,
			sideRow{unit: f.Unit, post: f.Post, member: f.Member, check: f.Check, cols: m.colsOf(f, false)},
			sideRow{header: true, cols: m.colsOf(f, true)})
	}
	return rows
}
