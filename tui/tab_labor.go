package tui

import (
	"fmt"
	"strings"

	"github.com/orgplan/orgplan/model"
)

// Tab 1, Labor: the division of labor, function by function, and the
// members who do too much or nothing.

// maxNames is how many names a row of the Labor tab lists.
const maxNames = 12

// maxListRows is how many members with no function, or with too many, the
// Labor tab lists; the members screen has them all.
const maxListRows = 200

// laborRows is the Labor tab computed afresh (tests compare with it).
func (m *Model) laborRows() []sideRow {
	return m.laborRowsOf(model.NewLaborState(m.org).Summary(m.org, maxNames, maxListRows))
}

// laborState is the division of labor, up to date.
func (m *Model) laborState() *model.LaborState { return m.derived.Labor() }

func (m *Model) laborRowsOf(l model.LaborSummary) []sideRow {
	var rows []sideRow
	if len(l.Functions) > 0 {
		rows = append(rows, m.header("Function           Performed by"))
	}
	for _, f := range l.Functions {
		r := sideRow{function: f.Function, cols: []col{{text: clean(m.org.FunctionName(f.Function)), w: 19}}}
		if f.Count == 0 {
			r.cols = append(r.cols, col{text: "— nobody", style: &m.styles.Error})
		} else {
			// A row shows a line's worth of names, never all 40,000.
			parts := make([]string, len(f.First))
			for i, id := range f.First {
				parts[i] = clean(m.org.MemberLabel(id))
				if len(m.org.MemberFunctions(id)) > model.JumbleThreshold {
					parts[i] += jumbleMark
				}
			}
			text := strings.Join(parts, ", ")
			if n := f.Count - len(f.First); n > 0 {
				text = fmt.Sprintf("(%d) %s, and %d more", f.Count, text, n)
			}
			r.cols = append(r.cols, col{text: text})
		}
		rows = append(rows, r)
	}
	if len(l.Unperformed) > 0 {
		rows = append(rows, sideRow{header: true}, m.header(fmt.Sprintf("Nobody performs (%d)", len(l.Unperformed))))
		for _, f := range l.Unperformed {
			rows = append(rows, sideRow{function: f, cols: []col{{text: clean(m.org.FunctionName(f)), style: &m.styles.Error}}})
		}
	}
	if l.JumbleCount > 0 {
		rows = append(rows, sideRow{header: true}, m.header(fmt.Sprintf("More than %d functions (%d)", model.JumbleThreshold, l.JumbleCount)))
		for _, j := range l.Jumble {
			fs := make([]string, len(j.Functions))
			for i, f := range j.Functions {
				fs[i] = clean(m.org.FunctionName(f))
			}
			rows = append(rows, sideRow{member: j.Member, cols: []col{
				{text: clean(m.org.MemberLabel(j.Member)), w: 19, style: &m.styles.Warning},
				{text: fmt.Sprintf("%d: %s", len(fs), strings.Join(fs, ", "))},
			}})
		}
		rows = m.andMore(rows, l.JumbleCount-len(l.Jumble))
	}
	if l.IdleCount > 0 {
		rows = append(rows, sideRow{header: true}, m.header(fmt.Sprintf("Active, with no function (%d)", l.IdleCount)))
		for _, id := range l.Idle {
			rows = append(rows, sideRow{member: id, cols: []col{{text: clean(m.org.MemberLabel(id))}}})
		}
		rows = m.andMore(rows, l.IdleCount-len(l.Idle))
	}
	return rows
}

// andMore ends a list cut at maxListRows.
func (m *Model) andMore(rows []sideRow, n int) []sideRow {
	if n <= 0 {
		return rows
	}
	return append(rows, sideRow{header: true, cols: []col{{text: fmt.Sprintf("and %d more: m lists every member", n), style: &m.styles.Dim}}})
}

// firstPostOf finds the first post, in document order, with a function:
// where Enter on a Labor row goes. It walks the tree, once, on Enter.
func (m *Model) firstPostOf(function string) string {
	id := ""
	m.org.Walk(func(u *model.Unit) bool {
		for _, p := range u.Posts {
			if p.Function == function {
				id = p.ID
				return false
			}
		}
		return true
	})
	return id
}
