package tui

import (
	"fmt"

	"github.com/orgplan/orgplan/model"
)

// Tab 6, Coverage: the units that record how many people they organize,
// worst covered first, with organizers against the headcount and how
// many more one per the kind's ratio (default ten) calls for. In the
// border only when some unit records a headcount.

// hasHeadcount reports whether any unit records one.
func hasHeadcount(o *model.Org) bool {
	found := false
	o.Walk(func(u *model.Unit) bool {
		found = u.Headcount > 0
		return !found
	})
	return found
}

func (m *Model) showCoverage() {
	s := &m.side
	s.rows[tabCoverage], s.pinned[tabCoverage] = nil, nil
	var cs []model.Coverage
	if !m.big() {
		cs = model.Coverages(m.org)
	} else if v, ok := m.readyFor(s.cover, ""); ok {
		cs = v.([]model.Coverage)
	} else {
		s.rows[tabCoverage] = m.working("measuring coverage")
		return
	}
	s.pinned[tabCoverage], s.rows[tabCoverage] = m.coverageRows(cs)
}

// coverageRows are the tab's pinned counts and its rows, worst first.
func (m *Model) coverageRows(cs []model.Coverage) (pinned, rows []sideRow) {
	if len(cs) == 0 {
		return nil, nil
	}
	short, missing := 0, 0
	for _, c := range cs {
		if c.Short() > 0 {
			short++
			missing += c.Short()
		}
	}
	pinned = []sideRow{m.header(fmt.Sprintf("%d of %d short of one organizer per ratio · %d organizers wanted",
		short, len(cs), missing))}
	rows = make([]sideRow, 0, len(cs))
	ratios, needs := make([]string, len(cs)), make([]string, len(cs))
	for i, c := range cs {
		ratios[i], needs[i] = fmt.Sprintf("%d/%d", c.Organizers, c.Headcount), "covered"
		if c.Short() > 0 {
			needs[i] = fmt.Sprintf("needs %d", c.Short())
		}
	}
	rw, nw := figureWidth(9, ratios), figureWidth(10, needs)
	for i, c := range cs {
		mark, st := " ", &m.styles.Dim
		switch {
		case c.Organizers == 0:
			mark, st = vacantMark, &m.styles.Error
		case c.Short() > 0:
			mark, st = noCandidateMark, &m.styles.Warning
		}
		rows = append(rows, sideRow{unit: c.Unit.ID, cols: []col{
			{text: mark, style: st, w: 2},
			{text: ratios[i], w: rw},
			{text: needs[i], style: st, w: nw},
			{pathOf: c.Unit.ID, tail: true},
		}})
	}
	return pinned, rows
}
