package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// bigPlan is where checks stop running on every edit and run a moment
// after the typing stops instead, so that a keystroke stays instant.
const bigPlan = 5000

// checksDelay is how long after the last edit a big plan is checked again.
const checksDelay = 300 * time.Millisecond

// checksDueMsg asks for the checks of the plan at a version.
type checksDueMsg struct{ version uint64 }

// refreshChecks runs the checks now (small plans) or schedules them.
func (m *Model) refreshChecks() tea.Cmd {
	if m.org.UnitCount() < bigPlan {
		m.runChecks()
		return nil
	}
	v := m.org.Version()
	return tea.Tick(checksDelay, func(time.Time) tea.Msg { return checksDueMsg{version: v} })
}

func (m *Model) runChecks() {
	day, err := model.AsOf(m.org, "", m.now())
	if err != nil {
		day = m.now()
	}
	m.findings = model.CheckPlan(m.org, day)
	m.checkErrs, m.checkWarns = model.Count(m.findings)
	m.side.stale[tabChecks] = true
	if m.side.tab == tabChecks {
		m.ensureTab()
	}
}

func (m *Model) now() time.Time {
	if m.clock != nil {
		return m.clock()
	}
	return time.Now()
}

func (m *Model) checkRows() []sideRow {
	var rows []sideRow
	sev := model.Severity("")
	for _, f := range m.findings {
		if f.Severity != sev {
			sev = f.Severity
			n := m.checkErrs
			title := "Errors"
			if sev == model.SevWarning {
				n, title = m.checkWarns, "Warnings"
			}
			if len(rows) > 0 {
				rows = append(rows, sideRow{header: true})
			}
			rows = append(rows, m.header(fmt.Sprintf("%s (%d)", title, n)))
		}
		marker, ms := "✖", &m.styles.Error
		if sev == model.SevWarning {
			marker, ms = "▲", &m.styles.Warning
		}
		rows = append(rows,
			sideRow{unit: f.Unit, post: f.Post, member: f.Member, check: f.Check, cols: []col{
				{text: marker, style: ms, w: 2},
				{text: f.Check, w: 17, style: &m.styles.Dim},
				{text: clean(f.Path), tail: true},
			}},
			sideRow{header: true, cols: []col{{text: "    " + clean(f.Message)}}})
	}
	return rows
}
